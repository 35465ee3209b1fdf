// Every global and prototype method the client uses, captured once when the script starts.
//
// The client runs before any page script (document-start injection, or the inline-first
// bootstrap), so what it finds here is what the engine provided. Page scripts are hostile: once
// they run they may replace any global or prototype method, install getters and setters on
// Object.prototype, or a `then` on anything. From then on the client only calls the functions
// captured here, with `this` bound explicitly (the "uncurryThis" style of Node's primordials),
// and never looks a method up on an object again.
//
// The bundle also hands the constructors and namespaces exported under their global names
// (Uint8Array, DataView, Math, ...) to the bundled @noble code in place of the global bindings
// (esbuild `inject`, see build.mjs), so that a page replacing `globalThis.Uint8Array` changes
// nothing for it either. What @noble looks up on prototypes at call time is locked instead
// (locks.js).

const FunctionPrototype = Function.prototype;
// uncurryThis(f)(self, ...args) === f.call(self, ...args), without looking up `call` later
const uncurryThis = FunctionPrototype.bind.bind(FunctionPrototype.call);

const {
  apply: ReflectApply,
  defineProperty: ReflectDefineProperty,
  getOwnPropertyDescriptor: ReflectGetOwnPropertyDescriptor,
  getPrototypeOf: ReflectGetPrototypeOf,
  ownKeys: ReflectOwnKeys,
} = Reflect;

const {
  defineProperty: ObjectDefineProperty,
  freeze: ObjectFreeze,
  getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
  getPrototypeOf: ObjectGetPrototypeOf,
  isFrozen: ObjectIsFrozen,
} = Object;

const getter = (object, key) => uncurryThis(ReflectGetOwnPropertyDescriptor(object, key).get);

const TypedArray = ObjectGetPrototypeOf(Uint8Array);
const TypedArrayPrototype = TypedArray.prototype;
const TypedArrayPrototypeGetLength = getter(TypedArrayPrototype, "length");
const TypedArrayPrototypeGetBuffer = getter(TypedArrayPrototype, "buffer");
const TypedArrayPrototypeGetByteOffset = getter(TypedArrayPrototype, "byteOffset");
const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
const TypedArrayPrototypeFill = uncurryThis(TypedArrayPrototype.fill);
const ArrayBufferPrototypeGetByteLength = getter(ArrayBuffer.prototype, "byteLength");

const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
const StringFromCharCode = String.fromCharCode;

const MapPrototypeGet = uncurryThis(Map.prototype.get);
const MapPrototypeSet = uncurryThis(Map.prototype.set);
const MapPrototypeHas = uncurryThis(Map.prototype.has);
const MapPrototypeGetSize = getter(Map.prototype, "size");

const PromisePrototypeThen = uncurryThis(Promise.prototype.then);
const PromiseResolveStatic = Promise.resolve;
const PromiseRejectStatic = Promise.reject;
const PromiseResolve = (value) => ReflectApply(PromiseResolveStatic, Promise, [value]);
const PromiseReject = (reason) => ReflectApply(PromiseRejectStatic, Promise, [reason]);

const { asUintN: BigIntAsUintN, asIntN: BigIntAsIntN } = BigInt;
const NumberIsSafeInteger = Number.isSafeInteger;
const ArrayIsArray = Array.isArray;
const DateNow = Date.now;
const SymbolIterator = Symbol.iterator;
const SymbolToStringTag = Symbol.toStringTag;

const textEncoder = typeof TextEncoder === "function" ? new TextEncoder() : undefined;
const TextEncoderEncode = textEncoder && uncurryThis(TextEncoder.prototype.encode);

/** UTF-8 of `string` (lone surrogates become U+FFFD, as TextEncoder does). */
const encodeUtf8 = (string) => TextEncoderEncode(textEncoder, string);

/**
 * The host's cryptography as found at start: getRandomValues bound to its Crypto object, and
 * SubtleCrypto's methods bound to the SubtleCrypto object, or undefined where missing.
 */
const host = (() => {
  const cryptoObject = globalThis.crypto;
  const out = { __proto__: null, getRandomValues: undefined, subtle: undefined, isSecureContext: globalThis.isSecureContext };
  if (cryptoObject === null || (typeof cryptoObject !== "object" && typeof cryptoObject !== "function")) {
    return out;
  }
  const getRandomValues = cryptoObject.getRandomValues;
  if (typeof getRandomValues === "function") {
    out.getRandomValues = (bytes) => ReflectApply(getRandomValues, cryptoObject, [bytes]);
  }
  const subtle = cryptoObject.subtle;
  const CryptoKey = globalThis.CryptoKey;
  const names = ["importKey", "deriveKey", "sign", "verify", "encrypt", "decrypt"];
  if (subtle === null || typeof subtle !== "object" || typeof CryptoKey !== "function") {
    return out;
  }
  const methods = { __proto__: null };
  for (let i = 0; i < names.length; i++) {
    const method = subtle[names[i]];
    if (typeof method !== "function") {
      return out;
    }
    methods[names[i]] = uncurryThis(method);
  }
  const { importKey, deriveKey, sign, verify, encrypt, decrypt } = methods;
  const keyPrototype = CryptoKey.prototype;
  out.subtle = ObjectFreeze({
    __proto__: null,
    importKey: (format, data, algorithm, extractable, usages) =>
      importKey(subtle, format, data, algorithm, extractable, usages),
    deriveKey: (algorithm, baseKey, derivedType, extractable, usages) =>
      deriveKey(subtle, algorithm, baseKey, derivedType, extractable, usages),
    sign: (algorithm, key, data) => sign(subtle, algorithm, key, data),
    verify: (algorithm, key, signature, data) => verify(subtle, algorithm, key, signature, data),
    encrypt: (algorithm, key, data) => encrypt(subtle, algorithm, key, data),
    decrypt: (algorithm, key, data) => decrypt(subtle, algorithm, key, data),
    keyPrototype,
    keyUsages: getter(keyPrototype, "usages"),
    keyExtractable: getter(keyPrototype, "extractable"),
  });
  return out;
})();

export {
  uncurryThis,
  ReflectApply,
  ReflectDefineProperty,
  ReflectGetOwnPropertyDescriptor,
  ReflectGetPrototypeOf,
  ReflectOwnKeys,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectIsFrozen,
  TypedArray,
  TypedArrayPrototype,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeSet,
  TypedArrayPrototypeFill,
  ArrayBufferPrototypeGetByteLength,
  StringPrototypeCharCodeAt,
  StringFromCharCode,
  MapPrototypeGet,
  MapPrototypeSet,
  MapPrototypeHas,
  MapPrototypeGetSize,
  PromisePrototypeThen,
  PromiseResolve,
  PromiseReject,
  BigIntAsUintN,
  BigIntAsIntN,
  NumberIsSafeInteger,
  ArrayIsArray,
  DateNow,
  SymbolIterator,
  SymbolToStringTag,
  encodeUtf8,
  host,
};

// The global bindings, captured; build.mjs injects these into the bundled @noble modules.
const CapturedUint8Array = Uint8Array;
const CapturedUint32Array = Uint32Array;
const CapturedBigUint64Array = BigUint64Array;
const CapturedBigInt64Array = BigInt64Array;
const CapturedDataView = DataView;
const CapturedArrayBuffer = ArrayBuffer;
const CapturedArray = Array;
const CapturedObject = Object;
const CapturedNumber = Number;
const CapturedBigInt = BigInt;
const CapturedMath = Math;
const CapturedMap = Map;
const CapturedPromise = Promise;
const CapturedError = Error;
const CapturedTypeError = TypeError;
const CapturedRangeError = RangeError;
const CapturedSymbol = Symbol;

export {
  CapturedUint8Array as Uint8Array,
  CapturedUint32Array as Uint32Array,
  CapturedBigUint64Array as BigUint64Array,
  CapturedBigInt64Array as BigInt64Array,
  CapturedDataView as DataView,
  CapturedArrayBuffer as ArrayBuffer,
  CapturedArray as Array,
  CapturedObject as Object,
  CapturedNumber as Number,
  CapturedBigInt as BigInt,
  CapturedMath as Math,
  CapturedMap as Map,
  CapturedPromise as Promise,
  CapturedError as Error,
  CapturedTypeError as TypeError,
  CapturedRangeError as RangeError,
  CapturedSymbol as Symbol,
};

const pinnedConstructor = {
  __proto__: null,
  value: Promise,
  writable: false,
  enumerable: false,
  configurable: false,
};

/**
 * Returns `promise` after giving it an own, locked `constructor` (the captured Promise). `await`
 * and `then` read `promise.constructor` first; without an own one that read reaches
 * Promise.prototype.constructor, where a page getter would receive the promise and could attach
 * to it. Call it on every promise before awaiting it.
 */
export function pinned(promise) {
  ObjectDefineProperty(promise, "constructor", pinnedConstructor);
  return promise;
}
