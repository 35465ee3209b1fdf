// Envelope format version 1 (hashing/SPEC.md): layout, context, key-derivation inputs, sealing,
// and opening in the specification's verification order with its rejection reasons.
//
// The keys come from a backend (backends/*.js) as a "stream key" object bound to one session
// and direction: check(context) -> the 8-byte context check, and, by role, tag(data) or
// verify(tag, data) (MAC mode) and encrypt(nonce, aad, payload) or decrypt(nonce, aad, body)
// (encrypted mode). An asynchronous backend (WebCrypto) returns promises; a synchronous one
// (the fallback) returns values, which are never awaited: `await` on a value that is not a
// promise looks up `then` on it, and a page could define one that swaps the value.

import {
  Uint8Array,
  Map,
  Error,
  BigInt,
  BigIntAsIntN,
  BigInt64Array,
  NumberIsSafeInteger,
  MapPrototypeGet,
  MapPrototypeSet,
  MapPrototypeGetSize,
  ObjectFreeze,
  pinned,
} from "./intrinsics.js";
import {
  length,
  view,
  copy,
  put,
  concat,
  equal,
  getU32,
  putU32,
  getU64,
  putU64,
  nameBytes,
  fromBase64Url,
  wipe,
} from "./bytes.js";

export const VERSION = 1;
export const FLAG_ENCRYPTED = 1;
export const HEADER_BYTES = 50;
export const SALT_AT = 6;
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
const ISSUED_AT_AT = 22;
const SEQUENCE_AT = 30;
const CHECK_AT = 38;
const CHECK_BYTES = 8;
const BODY_LENGTH_AT = 46;
const MAC_BYTES = 32;
const GCM_TAG_BYTES = 16;

/** UI to backend (the page seals) and backend to UI (the page opens). */
export const UP = 1;
export const DOWN = 2;

/** The latest valid issue time, the end of the ECMAScript time range (SPEC.md, "Time"). */
export const MAX_ISSUED_AT = 8640000000000000;
/** Sequence numbers above 2^64 - 2^40 are never issued (SPEC.md, "Sequence numbers"). */
export const MAX_SEQUENCE = (1n << 64n) - (1n << 40n);
/** Largest payload an opener may be configured for (SPEC.md, "Limits"). */
export const MAX_PAYLOAD_LIMIT = 1 << 30;

const ascii = (s) => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    out[i] = s.charCodeAt(i); // runs while the module loads only
  }
  return out;
};

/** The HKDF salt of every key derivation. */
export const HKDF_SALT = ascii("otpkit-envelope-v1");
const LABELS = { __proto__: null, mac: ascii("mac\0"), enc: ascii("enc\0"), ctx: ascii("ctx\0"), ui: ascii("ui\0") };

/** u16(len(name)) || name. */
function name16(name) {
  const n = length(name);
  const out = new Uint8Array(2 + n);
  out[0] = n >>> 8;
  out[1] = n;
  put(out, name, 2);
  return out;
}

/** SD = u16(len(session)) || session || u8(direction). */
export function sessionAndDirection(session, direction) {
  const n = length(session);
  const out = new Uint8Array(3 + n);
  out[0] = n >>> 8;
  out[1] = n;
  put(out, session, 2);
  out[2 + n] = direction;
  return out;
}

/** HKDF info of a derived key: the purpose label, a zero byte, then its binding. */
export function keyInfo(purpose, binding) {
  const label = LABELS[purpose];
  if (label === undefined) {
    throw new Error("otpkit: no key purpose " + purpose);
  }
  return concat(label, binding);
}

/** The HKDF info of a session's UI root key: "ui" || 0x00 || u16(len(session)) || session. */
export function uiRootInfo(session) {
  return concat(LABELS.ui, name16(session));
}

/** C = u16 len || session || u8 direction || u16 len || channel. */
export function context(session, direction, channel) {
  return concat(sessionAndDirection(session, direction), name16(channel));
}

/**
 * The document session D = session || "." || documentId as UTF-8 (SPEC.md, "Document streams"),
 * checked to be at most 256 bytes.
 */
export function documentSession(session, documentId) {
  if (typeof documentId !== "string" || !isDocumentId(documentId)) {
    throw new Error("otpkit: a document id is 16 bytes in canonical base64url (22 characters)");
  }
  return nameBytes("document session (session id, '.', document id)", session + "." + documentId);
}

/** True for 22 characters of canonical base64url (16 bytes). */
export function isDocumentId(id) {
  const bytes = id.length === 22 ? fromBase64Url(id) : undefined;
  return bytes !== undefined && length(bytes) === 16;
}

/**
 * Binds stream keys to their session (UTF-8) and direction, with a bounded cache of each
 * channel's context encoding and check (public values: the check travels in every envelope).
 */
export function createStream(keys, session, direction) {
  return ObjectFreeze({ __proto__: null, keys, session, direction, channels: new Map() });
}

const MAX_CACHED_CHANNELS = 4096;

async function channelOf(stream, channel) {
  const cached = MapPrototypeGet(stream.channels, channel);
  if (cached !== undefined) {
    return cached;
  }
  const keys = stream.keys;
  const ctx = context(stream.session, stream.direction, nameBytes("channel", channel));
  const check = keys.async ? await pinned(keys.check(ctx)) : keys.check(ctx);
  const entry = ObjectFreeze({ __proto__: null, context: ctx, check });
  if (MapPrototypeGetSize(stream.channels) < MAX_CACHED_CHANNELS) {
    MapPrototypeSet(stream.channels, channel, entry);
  }
  return entry;
}

/**
 * Seals `payload` (a Uint8Array) on `channel` with the given salt, issue time (ms) and sequence
 * number (BigInt): SPEC.md, "Sealing", steps 2 and 3. The caller supplies fresh values;
 * Client.seal does, and tests pass the vectors' fixed ones. Resolves to the binary envelope.
 */
export async function sealEnvelope(stream, keyId, channel, salt, issuedAt, sequence, payload) {
  if (length(salt) !== SALT_BYTES) {
    throw new Error("otpkit: a salt is 16 bytes");
  }
  if (!(NumberIsSafeInteger(issuedAt) && issuedAt >= 0 && issuedAt <= MAX_ISSUED_AT)) {
    throw new Error("otpkit: the clock reads " + issuedAt + ", outside the valid issue times");
  }
  if (typeof sequence !== "bigint" || sequence < 0n || sequence > MAX_SEQUENCE) {
    throw new Error("otpkit: sequence numbers end at 2^64 - 2^40");
  }
  const keys = stream.keys;
  const ch = keys.async ? await pinned(channelOf(stream, channel)) : channelOfSync(stream, channel);
  const n = length(payload);
  const h = new Uint8Array(HEADER_BYTES);
  h[0] = VERSION;
  h[1] = keys.encrypted ? FLAG_ENCRYPTED : 0;
  putU32(h, 2, keyId);
  put(h, salt, SALT_AT);
  putU64(h, ISSUED_AT_AT, BigInt(issuedAt));
  putU64(h, SEQUENCE_AT, sequence);
  put(h, ch.check, CHECK_AT);
  putU32(h, BODY_LENGTH_AT, keys.encrypted ? n + GCM_TAG_BYTES : n);
  if (keys.encrypted) {
    const nonce = view(h, SALT_AT, SALT_AT + NONCE_BYTES);
    const sealed = keys.encrypt(nonce, concat(h, ch.context), payload);
    return concat(h, keys.async ? await pinned(sealed) : sealed);
  }
  const tag = keys.tag(concat(h, ch.context, payload));
  return concat(h, payload, keys.async ? await pinned(tag) : tag);
}

function channelOfSync(stream, channel) {
  const cached = MapPrototypeGet(stream.channels, channel);
  if (cached !== undefined) {
    return cached;
  }
  const ctx = context(stream.session, stream.direction, nameBytes("channel", channel));
  const entry = ObjectFreeze({ __proto__: null, context: ctx, check: stream.keys.check(ctx) });
  if (MapPrototypeGetSize(stream.channels) < MAX_CACHED_CHANNELS) {
    MapPrototypeSet(stream.channels, channel, entry);
  }
  return entry;
}

/** The longest binary envelope an opener of `maxPayload` reads: 50 + P + 32. */
const maxEnvelopeBytes = (maxPayload) => HEADER_BYTES + maxPayload + MAC_BYTES;

/** The longest text form: ceil(4N / 3) characters. */
export const maxTextChars = (maxPayload) => {
  const x = maxEnvelopeBytes(maxPayload) * 4 + 2;
  return (x - (x % 3)) / 3;
};

const rejected = (reason) => new Error("rejected: " + reason);

/**
 * An opener of one session and direction (SPEC.md, "Opening"):
 * - keyFor(keyId): the stream keys of an enabled key, the string "disabled" for a known key that
 *   is not enabled, or undefined;
 * - encrypted: the mode envelopes must have;
 * - now(): the clock, integer milliseconds;
 * - maxAgeMillis, maxSkewMillis, maxPayloadBytes: as in SPEC.md;
 * - guard(sequence, salt, expiresAt, now): the replay guard, throws Error("rejected: ...").
 * The opener keeps the highest clock reading it has seen.
 */
export function createOpener(settings) {
  const { keyFor, encrypted, now, maxAgeMillis, maxSkewMillis, maxPayloadBytes, guard } = settings;
  if (!(NumberIsSafeInteger(maxAgeMillis) && maxAgeMillis >= 1 && maxAgeMillis <= MAX_ISSUED_AT)) {
    throw new Error("otpkit: maxAgeMillis must be an integer in [1, 8.64e15], got " + maxAgeMillis);
  }
  if (!(NumberIsSafeInteger(maxSkewMillis) && maxSkewMillis >= 0 && maxSkewMillis <= MAX_ISSUED_AT)) {
    throw new Error("otpkit: maxSkewMillis must be an integer in [0, 8.64e15], got " + maxSkewMillis);
  }
  if (!(NumberIsSafeInteger(maxPayloadBytes) && maxPayloadBytes >= 0 && maxPayloadBytes <= MAX_PAYLOAD_LIMIT)) {
    throw new Error("otpkit: maxPayloadBytes must be an integer in [0, 2^30], got " + maxPayloadBytes);
  }
  const highWater = new BigInt64Array(1);
  highWater[0] = -(1n << 63n);
  return ObjectFreeze({
    __proto__: null,
    keyFor,
    encrypted: encrypted === true,
    now,
    maxAge: BigInt(maxAgeMillis),
    maxSkew: BigInt(maxSkewMillis),
    maxPayload: maxPayloadBytes,
    maxText: maxTextChars(maxPayloadBytes),
    guard,
    // the highest clock reading seen, shared by every open of this opener
    highWater,
  });
}

/**
 * Opens the text form `text` sealed for `channel`: the payload, or Error("rejected: <reason>")
 * from the first step that fails (SPEC.md, "Opening (verification order)").
 *
 * @throws TypeError, Error if `channel` is not a valid channel name (a caller error)
 */
export async function openEnvelope(opener, channel, text) {
  const channelBytes = nameBytes("channel", channel);
  // 1. text form
  if (typeof text !== "string") {
    throw rejected("malformed");
  }
  if (text.length > opener.maxText) {
    throw rejected("too-large");
  }
  const env = fromBase64Url(text);
  if (env === undefined) {
    throw rejected("malformed");
  }
  // 2. size
  const n = length(env);
  if (n > maxEnvelopeBytes(opener.maxPayload)) {
    throw rejected("too-large");
  }
  if (n === 0) {
    throw rejected("malformed");
  }
  // 3. version
  if (env[0] !== VERSION) {
    throw rejected("unsupported-version");
  }
  if (n < HEADER_BYTES) {
    throw rejected("malformed");
  }
  // 4. flags
  const flags = env[1];
  if ((flags & ~FLAG_ENCRYPTED) !== 0) {
    throw rejected("malformed");
  }
  const isEncrypted = flags === FLAG_ENCRYPTED;
  // 5. lengths, before anything is read from the body
  const bodyLength = getU32(env, BODY_LENGTH_AT);
  const overhead = isEncrypted ? GCM_TAG_BYTES : 0;
  if (bodyLength - overhead > opener.maxPayload) {
    throw rejected("too-large");
  }
  if (HEADER_BYTES + bodyLength + (isEncrypted ? 0 : MAC_BYTES) !== n || bodyLength < overhead) {
    throw rejected("malformed");
  }
  // 6. key
  const stream = opener.keyFor(getU32(env, 2));
  if (stream === undefined) {
    throw rejected("unknown-key");
  }
  if (stream === "disabled") {
    throw rejected("disabled-key");
  }
  // 7. mode
  if (isEncrypted !== opener.encrypted) {
    throw rejected("wrong-mode");
  }
  // 8. context check
  const keys = stream.keys;
  const ch = keys.async ? await pinned(channelOf(stream, channel)) : channelOfSync(stream, channel);
  if (!equal(ch.check, view(env, CHECK_AT, CHECK_AT + CHECK_BYTES))) {
    throw rejected("wrong-context");
  }
  // 9. tag, or GCM decryption
  const header = view(env, 0, HEADER_BYTES);
  let payload;
  if (isEncrypted) {
    const opened = keys.decrypt(view(env, SALT_AT, SALT_AT + NONCE_BYTES), concat(header, ch.context), view(env, HEADER_BYTES, n));
    payload = keys.async ? await pinned(opened) : opened;
    if (payload === null) {
      throw rejected("bad-tag");
    }
  } else {
    const body = view(env, HEADER_BYTES, HEADER_BYTES + bodyLength);
    const verified = keys.verify(view(env, HEADER_BYTES + bodyLength, n), concat(header, ch.context, body));
    if ((keys.async ? await pinned(verified) : verified) !== true) {
      throw rejected("bad-tag");
    }
    payload = copy(body);
  }
  try {
    checkTimeAndReplay(opener, env);
  } catch (e) {
    wipe(payload);
    throw e;
  }
  return payload;
}

/** Steps 10 to 13: issue-time range, future skew on the current clock, age on the highest. */
function checkTimeAndReplay(opener, env) {
  const issuedAt = BigIntAsIntN(64, getU64(env, ISSUED_AT_AT));
  if (issuedAt < 0n) {
    throw rejected("expired");
  }
  if (issuedAt > BigInt(MAX_ISSUED_AT)) {
    throw rejected("from-the-future");
  }
  const nowMillis = BigInt(opener.now());
  const high = opener.highWater;
  if (nowMillis > high[0]) {
    high[0] = nowMillis;
  }
  const effectiveNow = high[0];
  if (issuedAt - nowMillis > opener.maxSkew) {
    throw rejected("from-the-future");
  }
  if (effectiveNow - issuedAt > opener.maxAge) {
    throw rejected("expired");
  }
  opener.guard(getU64(env, SEQUENCE_AT), view(env, SALT_AT, SALT_AT + SALT_BYTES), issuedAt + opener.maxAge, effectiveNow);
}
