// Every global and prototype method the client uses, captured once when the script starts.
//
// The client runs before any page script (document-start injection, or the inline-first
// bootstrap), so what it finds here is what the engine provided. Page scripts are hostile: once
// they run they may replace any global or prototype method, install getters and setters on
// Object.prototype, or a `then` on anything. From then on the client only calls the functions
// captured here, with `this` bound explicitly (the "uncurryThis" style of Node's primordials),
// and never looks a method up on an object again.
//
// The bundled @noble code gets captured bindings too (noble-globals.js); what it looks up on
// prototypes at call time is locked instead (locks.js).

// Every global is read from globalThis by name here, never as a bare identifier: the bundle
// hands bare global names in its modules to noble-globals.js (build.mjs).
const CapturedUint8Array = globalThis.Uint8Array;
const CapturedUint32Array = globalThis.Uint32Array;
const CapturedBigUint64Array = globalThis.BigUint64Array;
const CapturedBigInt64Array = globalThis.BigInt64Array;
const CapturedDataView = globalThis.DataView;
const CapturedArrayBuffer = globalThis.ArrayBuffer;
const CapturedArray = globalThis.Array;
const CapturedObject = globalThis.Object;
const CapturedNumber = globalThis.Number;
const CapturedBigInt = globalThis.BigInt;
const CapturedMath = globalThis.Math;
const CapturedMap = globalThis.Map;
const CapturedPromise = globalThis.Promise;
const CapturedError = globalThis.Error;
const CapturedTypeError = globalThis.TypeError;
const CapturedRangeError = globalThis.RangeError;
const CapturedSymbol = globalThis.Symbol;

const FunctionPrototype = globalThis.Function.prototype;
// uncurryThis(f)(self, ...args) === f.call(self, ...args), without looking up `call` later
const uncurryThis = FunctionPrototype.bind.bind(FunctionPrototype.call);

const { apply: ReflectApply, getOwnPropertyDescriptor: ReflectGetOwnPropertyDescriptor } = globalThis.Reflect;

const {
  defineProperty: ObjectDefineProperty,
  freeze: ObjectFreeze,
  getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
  getPrototypeOf: ObjectGetPrototypeOf,
} = CapturedObject;

const getter = (object, key) => uncurryThis(ReflectGetOwnPropertyDescriptor(object, key).get);

const TypedArray = ObjectGetPrototypeOf(CapturedUint8Array);
const TypedArrayPrototype = TypedArray.prototype;
const TypedArrayPrototypeGetLength = getter(TypedArrayPrototype, "length");
const TypedArrayPrototypeGetBuffer = getter(TypedArrayPrototype, "buffer");
const TypedArrayPrototypeGetByteOffset = getter(TypedArrayPrototype, "byteOffset");
const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
const TypedArrayPrototypeFill = uncurryThis(TypedArrayPrototype.fill);

const StringPrototypeCharCodeAt = uncurryThis(globalThis.String.prototype.charCodeAt);

const MapPrototypeGet = uncurryThis(CapturedMap.prototype.get);
const MapPrototypeSet = uncurryThis(CapturedMap.prototype.set);
const MapPrototypeGetSize = getter(CapturedMap.prototype, "size");
const MapPrototypeDelete = uncurryThis(CapturedMap.prototype.delete);
const ObjectHasOwn = CapturedObject.hasOwn;
const { parse: JSONParse, stringify: JSONStringify } = globalThis.JSON;

const PromisePrototypeThen = uncurryThis(CapturedPromise.prototype.then);
const PromiseRejectStatic = CapturedPromise.reject;
const PromiseReject = (reason) => ReflectApply(PromiseRejectStatic, CapturedPromise, [reason]);

const { asUintN: BigIntAsUintN, asIntN: BigIntAsIntN } = CapturedBigInt;
const NumberIsSafeInteger = CapturedNumber.isSafeInteger;
const ArrayIsArray = CapturedArray.isArray;
const DateNow = globalThis.Date.now;
const SymbolIterator = CapturedSymbol.iterator;
const SymbolToStringTag = CapturedSymbol.toStringTag;
const SymbolSpecies = CapturedSymbol.species;

const textEncoder = typeof globalThis.TextEncoder === "function" ? new globalThis.TextEncoder() : undefined;
const TextEncoderEncode = textEncoder && uncurryThis(globalThis.TextEncoder.prototype.encode);

/** UTF-8 of `string` (lone surrogates become U+FFFD, as TextEncoder does). */
const encodeUtf8 = (string) => {
  if (textEncoder === undefined) {
    throw new CapturedError("otpkit: this engine has no TextEncoder");
  }
  return TextEncoderEncode(textEncoder, string);
};

/**
 * The host's cryptography as found at start: getRandomValues bound to its Crypto object, and
 * SubtleCrypto's methods bound to the SubtleCrypto object, or undefined where missing.
 */
const host = (() => {
  const cryptoObject = globalThis.crypto;
  const location = globalThis.location;
  const out = {
    __proto__: null,
    getRandomValues: undefined,
    subtle: undefined,
    isSecureContext: globalThis.isSecureContext,
    // the document's address as the client starts (before any page script could navigate)
    documentUrl: location !== null && typeof location === "object" && typeof location.href === "string" ? location.href : undefined,
    prompt: typeof globalThis.prompt === "function" ? globalThis.prompt : undefined,
    // listens on the document: see transports/javafx.js, "wake"
    listen: undefined,
  };
  const documentObject = globalThis.document;
  const EventTarget = globalThis.EventTarget;
  if (documentObject != null && typeof EventTarget === "function") {
    const addEventListener = EventTarget.prototype.addEventListener;
    out.listen = (type, listener) => ReflectApply(addEventListener, documentObject, [type, listener]);
  }
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

export {
  uncurryThis,
  ReflectApply,
  ReflectGetOwnPropertyDescriptor,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  TypedArray,
  TypedArrayPrototype,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeSet,
  TypedArrayPrototypeFill,
  StringPrototypeCharCodeAt,
  MapPrototypeGet,
  MapPrototypeSet,
  MapPrototypeGetSize,
  MapPrototypeDelete,
  ObjectHasOwn,
  JSONParse,
  JSONStringify,
  PromisePrototypeThen,
  PromiseReject,
  BigIntAsUintN,
  BigIntAsIntN,
  NumberIsSafeInteger,
  ArrayIsArray,
  DateNow,
  SymbolIterator,
  SymbolToStringTag,
  SymbolSpecies,
  encodeUtf8,
  host,
};

const pinnedConstructor = {
  __proto__: null,
  value: CapturedPromise,
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
