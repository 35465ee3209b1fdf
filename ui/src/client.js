// The page's client of one bridge session (ui-contract): the document's stream keys derived from
// the session's UI root key R, the session's command aliases, sealing towards the backend with a
// per-document sequence counter, and opening the backend's replies and events through the
// document's replay window.

import {
  Uint8Array,
  Map,
  Error,
  TypeError,
  BigInt,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  TypedArrayPrototype,
  MapPrototypeGet,
  MapPrototypeSet,
  NumberIsSafeInteger,
  ArrayIsArray,
  SymbolToStringTag,
  StringPrototypeCharCodeAt,
  PromisePrototypeThen,
  PromiseReject,
  uncurryThis,
  encodeUtf8,
  pinned,
} from "./intrinsics.js";
import { copy, length, nameBytes, toBase64Url, fromBase64Url } from "./bytes.js";
import {
  UP,
  DOWN,
  MAX_ISSUED_AT,
  MAX_SEQUENCE,
  SALT_BYTES,
  createStream,
  createOpener,
  documentSession,
  sealEnvelope,
  openEnvelope,
} from "./envelope.js";
import { ReplayWindow } from "./replay-window.js";

// Uint8Array's brand, read without instanceof (whose Symbol.hasInstance a page could define)
const typedArrayTag = uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);
const isUint8Array = (value) => typedArrayTag(value) === "Uint8Array";

const badConfig = (what) => new Error("otpkit: bad config: " + what);

/** An alias as the Java side makes them: "c_" and 16 base64url characters. */
function isAlias(value) {
  if (typeof value !== "string" || value.length !== 18 || value[0] !== "c" || value[1] !== "_") {
    return false;
  }
  for (let i = 2; i < 18; i++) {
    const c = StringPrototypeCharCodeAt(value, i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
    if (!ok) {
      return false;
    }
  }
  return true;
}

/**
 * Reads and checks the configuration the Java side rendered (ui-contract, "Config"). Runs while
 * the script starts, before any page script.
 */
function readConfig(config) {
  if (config === null || typeof config !== "object") {
    throw badConfig("none (the placeholder was not replaced)");
  }
  const { session, keyId, root, encrypted, aliases, oneShot, maxAgeMillis, maxSkewMillis, maxPayloadBytes, windowBits } = config;
  nameBytes("session id", session);
  if (!(NumberIsSafeInteger(keyId) && keyId >= 0 && keyId <= 0xffffffff)) {
    throw badConfig("keyId must be a u32");
  }
  const rootBytes = typeof root === "string" ? fromBase64Url(root) : undefined;
  if (rootBytes === undefined || length(rootBytes) !== 32) {
    throw badConfig("root must be 32 bytes in base64url");
  }
  if (typeof encrypted !== "boolean" || typeof oneShot !== "boolean") {
    throw badConfig("encrypted and oneShot are booleans");
  }
  if (!ArrayIsArray(aliases)) {
    throw badConfig("aliases must be [command, alias] pairs");
  }
  const table = new Map();
  for (let i = 0; i < aliases.length; i++) {
    const pair = aliases[i];
    if (!ArrayIsArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || !isAlias(pair[1])) {
      throw badConfig("aliases must be [command, alias] pairs");
    }
    MapPrototypeSet(table, pair[0], pair[1]);
  }
  return {
    __proto__: null,
    session,
    keyId,
    rootBytes,
    encrypted,
    oneShot,
    aliases: table,
    maxAgeMillis,
    maxSkewMillis,
    maxPayloadBytes,
    windowBits,
  };
}

/**
 * The client's page API for `config`, with keys from `env.backend` (backends/choose.js),
 * randomness from `env.random(bytes)` and time from `env.now()` (integer ms).
 *
 * @throws Error "otpkit: bad config: ..." for a configuration it cannot use
 */
export function createClient(config, env) {
  const c = readConfig(config);
  const { backend, random, now } = env;
  const documentIdBytes = new Uint8Array(16);
  random(documentIdBytes);
  const documentId = toBase64Url(documentIdBytes);
  const documentSessionBytes = documentSession(c.session, documentId);
  const window = new ReplayWindow(c.windowBits, c.windowBits);
  const keyId = c.keyId;
  const aliases = c.aliases;
  const maxPayloadBytes = c.maxPayloadBytes;
  let up; // the document's stream keys, once derived
  let down;
  const opener = createOpener({
    keyFor: (id) => (id === keyId ? down : undefined),
    encrypted: c.encrypted,
    now,
    maxAgeMillis: c.maxAgeMillis,
    maxSkewMillis: c.maxSkewMillis,
    maxPayloadBytes,
    guard: (sequence) => window.accept(sequence),
  });

  // a new document starts above the numbers of every document before it (SPEC.md, "Sequence
  // numbers"): (t + 1) * 2^11, t the clock now
  const started = now();
  if (!(NumberIsSafeInteger(started) && started >= 0 && started <= MAX_ISSUED_AT)) {
    throw new Error("otpkit: the clock reads " + started + ", outside the valid issue times");
  }
  let nextSequence = (BigInt(started) + 1n) * 2048n;

  const requests = {
    __proto__: null,
    up: { __proto__: null, session: documentSessionBytes, direction: UP, role: "seal", encrypted: c.encrypted },
    down: { __proto__: null, session: documentSessionBytes, direction: DOWN, role: "open", encrypted: c.encrypted },
  };
  const names = ["up", "down"];
  const keysReady = pinned(
    (async () => {
      const derived = backend.derive(c.rootBytes, requests, names); // wipes the root bytes
      const streams = backend.name === "webcrypto" ? await pinned(derived) : derived;
      up = createStream(streams.up, documentSessionBytes, UP);
      down = createStream(streams.down, documentSessionBytes, DOWN);
    })(),
  );

  const aliasOf = (command) => {
    if (typeof command !== "string") {
      throw new TypeError("otpkit: a command is a string");
    }
    const alias = MapPrototypeGet(aliases, command);
    if (alias === undefined) {
      throw new Error("otpkit: command not allowed: " + command);
    }
    return alias;
  };

  const setNextAlias = (command, next) => {
    aliasOf(command);
    if (!isAlias(next)) {
      throw new Error("otpkit: not an alias");
    }
    MapPrototypeSet(aliases, command, next);
  };

  async function seal(command, payload) {
    const alias = aliasOf(command);
    let bytes;
    if (typeof payload === "string") {
      bytes = encodeUtf8(payload);
    } else if (isUint8Array(payload)) {
      bytes = copy(payload);
    } else {
      throw new TypeError("otpkit: a payload is a string or a Uint8Array");
    }
    if (length(bytes) > maxPayloadBytes) {
      throw new Error("otpkit: payload of " + length(bytes) + " bytes, at most " + maxPayloadBytes);
    }
    await keysReady;
    const salt = new Uint8Array(SALT_BYTES);
    random(salt);
    const sequence = nextSequence;
    if (sequence > MAX_SEQUENCE) {
      throw new Error("otpkit: this document has used up its sequence numbers");
    }
    nextSequence = sequence + 1n;
    const envelope = await pinned(sealEnvelope(up, keyId, command, salt, now(), sequence, bytes));
    return ObjectFreeze({ __proto__: null, document: documentId, alias, envelope: toBase64Url(envelope) });
  }

  async function open(channel, envelope) {
    await keysReady;
    return await pinned(openEnvelope(opener, channel, envelope));
  }

  async function receive(command, reply) {
    if (reply === null || typeof reply !== "object") {
      throw new Error("rejected: malformed");
    }
    const envelope = reply.envelope;
    const next = reply.nextAlias;
    if (typeof envelope !== "string") {
      const error = reply.error;
      throw new Error(typeof error === "string" ? error : "rejected: malformed");
    }
    const payload = await pinned(open(command, envelope));
    if (next !== undefined && next !== null) {
      setNextAlias(command, next); // only once the reply has opened: a forged reply changes nothing
    }
    return payload;
  }

  return ObjectFreeze({
    __proto__: null,
    ready: keysReady,
    session: c.session,
    document: documentId,
    backend: backend.name,
    alias: aliasOf,
    nextAlias: setNextAlias,
    seal,
    open,
    receive,
  });
}

/**
 * The page API when the client cannot run: `ready` rejects with `error`, every method throws or
 * rejects with it.
 */
export function failedClient(config, error) {
  const session = config !== null && typeof config === "object" && typeof config.session === "string" ? config.session : "";
  const ready = pinned(PromiseReject(error));
  PromisePrototypeThen(ready, undefined, () => {}); // the script reports it once, as it starts
  const fail = () => {
    throw error;
  };
  const failAsync = async () => {
    throw error;
  };
  return ObjectFreeze({
    __proto__: null,
    ready,
    session,
    document: "",
    backend: "none",
    alias: fail,
    nextAlias: fail,
    seal: failAsync,
    open: failAsync,
    receive: failAsync,
  });
}
