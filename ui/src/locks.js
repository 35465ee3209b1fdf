// Locks on the few intrinsics that code outside the client's own captured functions looks up
// while it runs. They are set as the script starts, before any page script, and never undone.
//
// 1. Thenables. Resolving a promise with an object looks up `then` on it; a page getter there
//    would receive the value (a CryptoKey, say) or could substitute another. The client resolves
//    its own promises with primitives, null-prototype records and Uint8Arrays only, and WebCrypto
//    resolves with ArrayBuffers and CryptoKeys, so those prototypes get an own `then` that is
//    undefined, non-writable and non-configurable.
//
// 2. The fallback. @noble/hashes and @noble/ciphers call methods on typed arrays, DataViews and
//    arrays when they run (`key.length`, `buffer.set`, `view.setUint32`,
//    `clean(...arrays)`, `for (const x of [s0, s1, s2, s3])`, ...). Read from their sources
//    (hmac.js, _md.js, sha2.js, utils.js of @noble/hashes 2.4.0; aes.js, _polyval.js, utils.js of
//    @noble/ciphers 2.4.0), FALLBACK_LOCKS below are the ones on the paths the client runs per
//    message; test/hostile-page.test.mjs fails if a path touches one that is not locked, and
//    test/locks.test.mjs if a lock is there that no path needs. They are made non-writable and
//    non-configurable, and the typed-array ones are also defined, locked, on Uint8Array and
//    Uint32Array and their prototypes, so that no page can shadow them there either.
//
//    A side effect for pages: assigning one of these on an instance (`array.push = f`, which
//    some tag managers do) then fails, as it does for any inherited non-writable property.

import {
  Uint8Array,
  Uint32Array,
  DataView,
  ArrayBuffer,
  Array,
  Math,
  Number,
  Error,
  SymbolIterator,
  SymbolSpecies,
  TypedArray,
  TypedArrayPrototype,
  ObjectDefineProperty,
  ObjectGetPrototypeOf,
  ReflectGetOwnPropertyDescriptor,
} from "./intrinsics.js";

function lock(object, key) {
  const d = ReflectGetOwnPropertyDescriptor(object, key);
  if (d === undefined) {
    throw new Error("otpkit: cannot lock " + String(key) + ": the engine does not have it");
  }
  ObjectDefineProperty(
    object,
    key,
    "value" in d
      ? { __proto__: null, value: d.value, writable: false, configurable: false }
      : { __proto__: null, get: d.get, set: d.set, configurable: false },
  );
}

/** Defines `object[key]` as a locked copy of `source[key]`, so nothing can shadow it on `object`. */
function lockCopy(object, source, key) {
  const d = ReflectGetOwnPropertyDescriptor(source, key);
  ObjectDefineProperty(
    object,
    key,
    "value" in d
      ? { __proto__: null, value: d.value, writable: false, enumerable: false, configurable: false }
      : { __proto__: null, get: d.get, set: d.set, enumerable: false, configurable: false },
  );
}

const notThenable = { __proto__: null, value: undefined, writable: false, enumerable: false, configurable: false };

/** (1) for every backend; `cryptoKeyPrototype` with WebCrypto. */
export function lockThenables(cryptoKeyPrototype) {
  ObjectDefineProperty(Uint8Array.prototype, "then", notThenable);
  if (cryptoKeyPrototype !== undefined) {
    ObjectDefineProperty(ArrayBuffer.prototype, "then", notThenable);
    ObjectDefineProperty(cryptoKeyPrototype, "then", notThenable);
  }
}

/**
 * What the fallback's per-message paths (HMAC-SHA256, AES-256-GCM as backends/gcm.js composes
 * it) look up at call time. HKDF, the AES key schedule and the GHASH tables are computed while the
 * script starts, before any page script, and need nothing locked.
 */
export const FALLBACK_LOCKS = {
  typedArrayPrototype: ["length", "byteLength", "byteOffset", "buffer", "set", "subarray", "fill"],
  // subarray reads constructor[Symbol.species] (V8 skips the read while its own lookup
  // chain is untouched; the locks below touch it, and other engines read it anyway)
  typedArray: [SymbolSpecies],
  dataViewPrototype: ["getUint32", "setUint32"],
  // @noble/ciphers' GHASH for-ofs an array of its state words for every block
  arrayPrototype: [SymbolIterator],
  arrayIteratorPrototype: ["next"],
  math: ["min", "floor"],
  number: ["isSafeInteger"],
};

/** (2) */
export function lockFallbackIntrinsics() {
  const L = FALLBACK_LOCKS;
  for (let i = 0; i < L.typedArrayPrototype.length; i++) {
    const key = L.typedArrayPrototype[i];
    lock(TypedArrayPrototype, key);
    lockCopy(Uint8Array.prototype, TypedArrayPrototype, key);
    lockCopy(Uint32Array.prototype, TypedArrayPrototype, key);
  }
  for (let i = 0; i < L.typedArray.length; i++) {
    const key = L.typedArray[i];
    lock(TypedArray, key);
    lockCopy(Uint8Array, TypedArray, key);
    lockCopy(Uint32Array, TypedArray, key);
  }
  // a species lookup reads `constructor` first
  lock(Uint8Array.prototype, "constructor");
  lock(Uint32Array.prototype, "constructor");
  for (let i = 0; i < L.dataViewPrototype.length; i++) {
    lock(DataView.prototype, L.dataViewPrototype[i]);
  }
  for (let i = 0; i < L.arrayPrototype.length; i++) {
    lock(Array.prototype, L.arrayPrototype[i]);
  }
  const arrayIteratorPrototype = ObjectGetPrototypeOf([][SymbolIterator]());
  for (let i = 0; i < L.arrayIteratorPrototype.length; i++) {
    lock(arrayIteratorPrototype, L.arrayIteratorPrototype[i]);
  }
  for (let i = 0; i < L.math.length; i++) {
    lock(Math, L.math[i]);
  }
  for (let i = 0; i < L.number.length; i++) {
    lock(Number, L.number[i]);
  }
}
