// Runs the built bundle as a page would get it, in a worker thread of its own (a fresh realm), and
// plays a hostile page script against it: right after the bundle's synchronous start, before the
// keys are derived, the scenario patches globals and prototypes; then the page seals and opens
// through `otpkit` while the patches watch. The result goes back to the test as JSON.
//
// workerData: { bundle, config, mode: "webcrypto" | "fallback", scenario }

import { parentPort, workerData } from "node:worker_threads";
import { runInThisContext } from "node:vm";
import { createCipheriv, createHmac } from "node:crypto";
import { backendOf } from "./session.mjs";
import { keysOf } from "./reference.mjs";

// the harness's own primordials, taken before anything is patched
const H = {
  apply: Reflect.apply,
  ownKeys: Reflect.ownKeys,
  getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
  defineProperty: Reflect.defineProperty,
  getPrototypeOf: Reflect.getPrototypeOf,
  then: Promise.prototype.then,
  Promise,
  Error,
  WeakSet,
  weakSetHas: WeakSet.prototype.has,
  weakSetAdd: WeakSet.prototype.add,
  push: Array.prototype.push,
  isView: ArrayBuffer.isView,
  Uint8Array,
  bufferFrom: Buffer.from,
  toHex: (bytes) => H.apply(Buffer.prototype.toString, H.apply(H.bufferFrom, Buffer, [bytes]), ["hex"]),
  CryptoKey: globalThis.CryptoKey,
  String,
  captureStackTrace: Error.captureStackTrace,
  dateNow: Date.now,
};
const HARNESS_FILE = import.meta.url;
const BUNDLE_FILE = "otpkit-client.js";
const push = (array, value) => H.apply(H.push, array, [value]);

const { bundle, config, mode, scenario } = workerData;

if (mode === "fallback") {
  // an engine without WebCrypto in a secure context (JavaFX): no crypto.subtle
  const cryptoObject = globalThis.crypto;
  const engineGetRandomValues = Crypto.prototype.getRandomValues;
  const getRandomValues = (bytes) => H.apply(engineGetRandomValues, cryptoObject, [bytes]);
  H.defineProperty(globalThis, "crypto", { __proto__: null, value: { getRandomValues }, configurable: true, writable: true });
  H.defineProperty(globalThis, "isSecureContext", { __proto__: null, value: true, configurable: true, writable: true });
}

// V8's structured stack: the file of the frame that made a lookup
Error.stackTraceLimit = 50;
const callerFiles = () => {
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, sites) => sites;
  const holder = { __proto__: null };
  H.captureStackTrace(holder);
  const sites = holder.stack;
  Error.prepareStackTrace = saved;
  const files = [];
  for (let i = 0; i < sites.length; i++) {
    push(files, sites[i].getFileName() ?? "native");
  }
  return files;
};
// the first frame outside this harness: the code whose lookup reached the trap
const callerOf = (files) => {
  let i = 0;
  while (i < files.length && files[i] === HARNESS_FILE) {
    i++;
  }
  return files[i];
};
const byBundle = (files) => callerOf(files) === BUNDLE_FILE;

// --- the secrets a hostile page must not see -----------------------------------------------------
const root = H.bufferFrom(config.root, "base64url");
const secrets = [root];
const hmacPads = (key) => {
  const pad = Buffer.alloc(64);
  key.copy(pad);
  return [pad.map((b) => b ^ 0x36), pad.map((b) => b ^ 0x5c)];
};
function addDocumentSecrets(document) {
  const session = config.session + "." + document;
  // HKDF-Extract's PRK of the root key, which keys every expansion
  const prk = createHmac("sha256", Buffer.from("otpkit-envelope-v1")).update(root).digest();
  secrets.push(prk, ...hmacPads(prk), ...hmacPads(root));
  for (const dir of [1, 2]) {
    const k = keysOf(root, session, dir);
    const ghashKey = createCipheriv("aes-256-ecb", k.enc, null).update(Buffer.alloc(16));
    secrets.push(k.mac, k.enc, k.ctx, ghashKey, ...hmacPads(k.mac), ...hmacPads(k.ctx));
  }
}
const windows = new Set();
const indexSecrets = () => {
  for (const s of secrets) {
    for (let i = 0; i + 16 <= s.length; i++) {
      windows.add(s.subarray(i, i + 16).toString("hex"));
    }
  }
};

/** Key material reachable from `value`: CryptoKeys, the client's key objects, secret bytes. */
function findSecrets(value, findings, seen = new H.WeakSet(), depth = 0) {
  if (value === null || (typeof value !== "object" && typeof value !== "function") || depth > 5 || value === globalThis) {
    return;
  }
  if (H.apply(H.weakSetHas, seen, [value])) {
    return;
  }
  H.apply(H.weakSetAdd, seen, [value]);
  if (H.CryptoKey !== undefined && value instanceof H.CryptoKey) {
    push(findings, "a CryptoKey");
    return;
  }
  let bytes;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
    bytes = new H.Uint8Array(value);
  } else if (H.isView(value)) {
    bytes = new H.Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (bytes !== undefined) {
    const hex = H.toHex(bytes);
    for (let i = 0; i + 32 <= hex.length; i += 2) {
      if (windows.has(hex.slice(i, i + 32))) {
        push(findings, "secret bytes");
        return;
      }
    }
    return;
  }
  const keys = H.ownKeys(value);
  if (keys.includes("check") && keys.includes("role")) {
    push(findings, "the client's stream keys");
  }
  for (const key of keys) {
    const d = H.getOwnPropertyDescriptor(value, key);
    if (d !== undefined && "value" in d) {
      findSecrets(d.value, findings, seen, depth + 1);
    }
  }
}

// --- patches -------------------------------------------------------------------------------------
const state = { armed: false, busy: false, hits: [], seen: [], patched: [], refused: [], trapErrors: [] };

/** Runs `f` for a trap only while armed and not re-entered. */
function observe(f) {
  if (!state.armed || state.busy) {
    return;
  }
  state.busy = true;
  try {
    f();
  } catch (e) {
    push(state.trapErrors, String(e && e.message));
  } finally {
    state.busy = false;
  }
}

/** The objects whose properties a page can reach: every global constructor, its prototype, ... */
function intrinsics() {
  const out = [];
  const add = (name, object) => {
    if (object !== null && (typeof object === "object" || typeof object === "function")) {
      push(out, [name, object]);
    }
  };
  for (const name of H.ownKeys(globalThis)) {
    if (typeof name !== "string" || name === "otpkit") {
      continue;
    }
    const d = H.getOwnPropertyDescriptor(globalThis, name);
    const v = d && "value" in d ? d.value : undefined;
    if (typeof v === "function") {
      add(name, v);
      add(name + ".prototype", v.prototype);
    } else if (v !== null && typeof v === "object" && name !== "globalThis" && name !== "global") {
      add(name, v);
    }
  }
  const TypedArray = H.getPrototypeOf(Uint8Array);
  add("%TypedArray%", TypedArray);
  add("%TypedArray%.prototype", TypedArray.prototype);
  add("%ArrayIteratorPrototype%", H.getPrototypeOf([][Symbol.iterator]()));
  add("%IteratorPrototype%", H.getPrototypeOf(H.getPrototypeOf([][Symbol.iterator]())));
  add("%StringIteratorPrototype%", H.getPrototypeOf(""[Symbol.iterator]()));
  add("%MapIteratorPrototype%", H.getPrototypeOf(new Map()[Symbol.iterator]()));
  add("%AsyncFunction.prototype%", H.getPrototypeOf(async () => {}));
  add("globalThis", globalThis);
  return out;
}

/**
 * Turns every configurable property of every intrinsic into an accessor that returns what was
 * there and records who read it. A read by the bundle's own frame is a lookup a page could have
 * answered: the client promises there is none after it starts.
 */
function armEveryLookup() {
  const list = intrinsics();
  for (let i = 0; i < list.length; i++) {
    const [name, object] = list[i];
    for (const key of H.ownKeys(object)) {
      const d = H.getOwnPropertyDescriptor(object, key);
      // V8 reads Error.stackTraceLimit as a data property only: the harness needs its stacks
      if (!d.configurable || key === "__proto__" || (object === globalThis && key === "otpkit") || (object === Error && key === "stackTraceLimit")) {
        continue;
      }
      const label = name + "." + H.String(key);
      const get = "value" in d ? () => d.value : d.get;
      const set = "value" in d ? function (v) { H.defineProperty(this, key, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true }); } : d.set;
      const ok = H.defineProperty(object, key, {
        __proto__: null,
        configurable: true,
        enumerable: d.enumerable,
        get() {
          observe(() => {
            const files = callerFiles();
            if (byBundle(files)) {
              push(state.hits, label);
            }
          });
          return get === undefined ? undefined : H.apply(get, this, []);
        },
        set,
      });
      if (ok) {
        push(state.patched, label);
      }
    }
  }
}

const tryDefine = (object, key, descriptor, label) => {
  let ok;
  try {
    ok = H.defineProperty(object, key, { __proto__: null, configurable: true, ...descriptor });
  } catch {
    ok = false;
  }
  push(ok ? state.patched : state.refused, label);
  return ok;
};

const scenarios = {
  /** No lookup on a page-replaceable global or prototype from the bundle's code after start. */
  lookups() {
    armEveryLookup();
  },

  /** A page's getRandomValues that returns zeros: salts must still be random. */
  zeroRandom() {
    const zeros = (bytes) => bytes.fill(0);
    tryDefine(Crypto.prototype, "getRandomValues", { value: zeros, writable: true }, "Crypto.prototype.getRandomValues");
    tryDefine(globalThis.crypto, "getRandomValues", { value: zeros, writable: true }, "crypto.getRandomValues");
  },

  /** A page's Date.now: issue times still come from the engine's clock. */
  dateNow() {
    tryDefine(Date, "now", { value: () => 0, writable: true }, "Date.now");
  },

  /**
   * A getter on Promise.prototype.constructor receives every promise awaited without an own
   * constructor; it attaches to each and harvests what it resolves to.
   */
  promiseConstructor() {
    const original = H.getOwnPropertyDescriptor(Promise.prototype, "constructor").value;
    tryDefine(Promise.prototype, "constructor", {
      get() {
        const promise = this;
        observe(() => {
          const files = callerFiles();
          if (byBundle(files)) {
            push(state.hits, "Promise.prototype.constructor read by the bundle");
          }
          // Node's own WebCrypto is JavaScript that awaits its internal promises (deriveKey awaits
          // the derived bits); a browser's is native. So with WebCrypto in Node only the
          // client's promises are harvested; with the fallback, every promise is.
          if (mode === "fallback" || byBundle(files)) {
            H.apply(H.then, promise, [(v) => push(state.seen, v), () => {}]);
          }
        });
        return original;
      },
    }, "Promise.prototype.constructor");
  },

  /**
   * Getters and setters on Object.prototype for every name the bundle uses, and `then` getters on
   * every prototype a resolved value could reach: each records what it is handed.
   */
  objectPrototype() {
    const names = new Set(bundle.match(/[A-Za-z_$][\w$]*/g));
    // Node's own WebCrypto (JavaScript, unlike a browser's) defines properties with ordinary
    // descriptor objects, which getters for these names break; the client's descriptors have no
    // prototype, and the fallback runs show it
    const descriptorFields = ["value", "writable", "get", "set", "enumerable", "configurable"];
    for (const name of names) {
      if (Object.prototype.hasOwnProperty(name) || name === "then" || name === "constructor" ||
          (mode === "webcrypto" && descriptorFields.includes(name))) {
        continue;
      }
      tryDefine(Object.prototype, name, {
        get() {
          observe(() => push(state.seen, this));
          return undefined;
        },
        set(v) {
          observe(() => {
            push(state.seen, this);
            push(state.seen, v);
          });
          H.defineProperty(this, name, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true });
        },
      }, "Object.prototype." + name);
    }
    const recordThen = {
      get() {
        observe(() => push(state.seen, this));
        return undefined;
      },
    };
    const prototypes = [[Object.prototype, "Object"], [ArrayBuffer.prototype, "ArrayBuffer"], [H.getPrototypeOf(Uint8Array).prototype, "%TypedArray%"], [Uint8Array.prototype, "Uint8Array"]];
    if (H.CryptoKey !== undefined) {
      push(prototypes, [H.CryptoKey.prototype, "CryptoKey"]);
    }
    for (const [p, label] of prototypes) {
      tryDefine(p, "then", recordThen, label + ".prototype.then");
    }
  },

  /**
   * `then` getters that turn every resolved byte array into a thenable yielding the page's bytes:
   * what otpkit.open resolves to must still be the authentic payload.
   */
  substituteThen() {
    const fake = new Uint8Array([102, 97, 107, 101]);
    const fakes = new H.WeakSet();
    const swap = {
      get() {
        const bytes = H.isView(this) || this instanceof ArrayBuffer;
        if (!state.armed || !bytes || H.apply(H.weakSetHas, fakes, [this])) {
          return undefined;
        }
        const replacement = this instanceof ArrayBuffer ? fake.buffer.slice(0) : fake.slice();
        H.apply(H.weakSetAdd, fakes, [replacement]);
        return (resolve) => resolve(replacement);
      },
    };
    for (const [p, label] of [[Object.prototype, "Object"], [ArrayBuffer.prototype, "ArrayBuffer"], [H.getPrototypeOf(Uint8Array).prototype, "%TypedArray%"], [Uint8Array.prototype, "Uint8Array"]]) {
      tryDefine(p, "then", swap, label + ".prototype.then");
    }
  },

  /** Uint8Array.prototype.set, and its %TypedArray% original, replaced by recorders. */
  typedArraySet() {
    const TypedArrayPrototype = H.getPrototypeOf(Uint8Array).prototype;
    const original = TypedArrayPrototype.set;
    const spy = function (...args) {
      observe(() => {
        push(state.seen, this);
        push(state.seen, args[0]);
        push(state.hits, "set");
      });
      return H.apply(original, this, args);
    };
    tryDefine(TypedArrayPrototype, "set", { value: spy, writable: true }, "%TypedArray%.prototype.set");
    tryDefine(Uint8Array.prototype, "set", { value: spy, writable: true }, "Uint8Array.prototype.set");
  },

  /**
   * Array iteration replaced: every array of key usages gets the usage that would let a
   * backend-to-UI key seal, and the iterator records the array it walks.
   */
  arrayIteration() {
    const values = Array.prototype[Symbol.iterator];
    tryDefine(Array.prototype, Symbol.iterator, {
      value: function () {
        observe(() => push(state.seen, this));
        const list = [...H.apply(values, this, [])].slice(0);
        const extra = { verify: "sign", decrypt: "encrypt", deriveKey: "deriveBits" };
        if (list.length === 1 && typeof list[0] === "string" && extra[list[0]] !== undefined) {
          list.push(extra[list[0]]);
        }
        return H.apply(values, list, []);
      },
      writable: true,
    }, "Array.prototype[Symbol.iterator]");
  },

  /** A getter on the reply object: a sloppy function reading its caller gets nothing of ours. */
  strictCallers() {},
};

// --- the page ------------------------------------------------------------------------------------
async function safely(promise) {
  H.defineProperty(promise, "constructor", { __proto__: null, value: H.Promise });
  return await promise;
}

async function run() {
  let threw;
  try {
    runInThisContext(bundle, { filename: BUNDLE_FILE });
  } catch (e) {
    threw = e.message;
  }
  const api = globalThis.otpkit;
  scenarios[scenario](); // the page's scripts run right after the injected one
  state.armed = true;
  try {
    await safely(api.ready);
  } catch (e) {
    state.armed = false;
    return { threw, ready: "rejected: " + e.message, trapErrors: state.trapErrors, backend: api.backend };
  }
  state.armed = false;
  addDocumentSecrets(api.document);
  indexSecrets();
  const clock = { now: H.dateNow() };
  const backend = backendOf(config, api.document, clock);
  // short, block-sized and longer than a block of every primitive, so each code path runs
  const SIZES = [0, 70, 1100];
  const body = (label, i) => label + "-" + i + "x".repeat(SIZES[i % 3]);
  const replies = [];
  for (let i = 0; i < 4; i++) {
    push(replies, backend.seal("files.save", body("reply", i)));
  }
  const sealed = [];
  const opened = [];
  // a sloppy-mode getter, as a page script's would be: it asks for the function that called it
  const seenBy = { __proto__: null, caller: "not called" };
  const reply = {};
  H.defineProperty(reply, "envelope", {
    __proto__: null,
    get: new Function("seenBy", "envelope",
      "return function () { var c = arguments.callee.caller; seenBy.caller = c === null ? 'null' : typeof c; return envelope; };")(seenBy, replies[3]),
  });
  state.armed = true;
  try {
    for (let i = 0; i < 3; i++) {
      push(sealed, await safely(api.seal("files.save", body("request", i))));
      push(opened, await safely(api.open("files.save", replies[i])));
    }
    if (scenario === "strictCallers") {
      push(opened, await safely(api.receive("files.save", reply)));
    }
  } catch (e) {
    state.armed = false;
    return { threw, error: e.message, backend: api.backend };
  }
  state.armed = false;
  const findings = [];
  for (const value of state.seen) {
    findSecrets(value, findings);
  }
  const requests = [];
  for (const s of sealed) {
    try {
      const o = backend.open("files.save", s.envelope);
      push(requests, { payload: o.payload.toString(), salt: o.salt.toString("hex"), issuedAt: o.issuedAt, sequence: o.sequence.toString() });
    } catch (e) {
      push(requests, { error: e.message });
    }
  }
  return {
    threw,
    backend: api.backend,
    hits: [...new Set(state.hits)],
    trapErrors: [...new Set(state.trapErrors)],
    findings: [...new Set(findings)],
    seen: state.seen.length,
    patched: state.patched.length,
    refused: state.refused,
    requests,
    replies: opened.map((p) => Buffer.from(p).toString()),
    callerSeen: seenBy.caller,
    now: clock.now,
  };
}

run().then(
  (result) => parentPort.postMessage(JSON.parse(JSON.stringify(result))),
  (e) => parentPort.postMessage({ fatal: String(e && e.stack) }),
);
