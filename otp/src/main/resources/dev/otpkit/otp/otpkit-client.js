(() => {
  "use strict";
  // src/bootstrap.js
  var config = /*OTPKIT_CONFIG*/null;
  if (config !== null && typeof config === "object" && config.bootstrap === true) {
    const script = document.currentScript;
    if (script !== null && script !== void 0) {
      script.remove();
      script.text = "";
    }
  }

  // src/intrinsics.js
  var CapturedUint8Array = globalThis.Uint8Array;
  var CapturedUint32Array = globalThis.Uint32Array;
  var CapturedBigUint64Array = globalThis.BigUint64Array;
  var CapturedBigInt64Array = globalThis.BigInt64Array;
  var CapturedDataView = globalThis.DataView;
  var CapturedArrayBuffer = globalThis.ArrayBuffer;
  var CapturedArray = globalThis.Array;
  var CapturedObject = globalThis.Object;
  var CapturedNumber = globalThis.Number;
  var CapturedBigInt = globalThis.BigInt;
  var CapturedMath = globalThis.Math;
  var CapturedMap = globalThis.Map;
  var CapturedPromise = globalThis.Promise;
  var CapturedError = globalThis.Error;
  var CapturedTypeError = globalThis.TypeError;
  var CapturedRangeError = globalThis.RangeError;
  var CapturedSymbol = globalThis.Symbol;
  var FunctionPrototype = globalThis.Function.prototype;
  var uncurryThis = FunctionPrototype.bind.bind(FunctionPrototype.call);
  var { apply: ReflectApply, getOwnPropertyDescriptor: ReflectGetOwnPropertyDescriptor } = globalThis.Reflect;
  var {
    defineProperty: ObjectDefineProperty,
    freeze: ObjectFreeze,
    getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
    getPrototypeOf: ObjectGetPrototypeOf
  } = CapturedObject;
  var getter = (object, key) => uncurryThis(ReflectGetOwnPropertyDescriptor(object, key).get);
  var TypedArray = ObjectGetPrototypeOf(CapturedUint8Array);
  var TypedArrayPrototype = TypedArray.prototype;
  var TypedArrayPrototypeGetLength = getter(TypedArrayPrototype, "length");
  var TypedArrayPrototypeGetBuffer = getter(TypedArrayPrototype, "buffer");
  var TypedArrayPrototypeGetByteOffset = getter(TypedArrayPrototype, "byteOffset");
  var TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  var TypedArrayPrototypeFill = uncurryThis(TypedArrayPrototype.fill);
  var StringPrototypeCharCodeAt = uncurryThis(globalThis.String.prototype.charCodeAt);
  var MapPrototypeGet = uncurryThis(CapturedMap.prototype.get);
  var MapPrototypeSet = uncurryThis(CapturedMap.prototype.set);
  var MapPrototypeGetSize = getter(CapturedMap.prototype, "size");
  var MapPrototypeDelete = uncurryThis(CapturedMap.prototype.delete);
  var ObjectHasOwn = CapturedObject.hasOwn;
  var { parse: JSONParse, stringify: JSONStringify } = globalThis.JSON;
  var PromisePrototypeThen = uncurryThis(CapturedPromise.prototype.then);
  var PromiseRejectStatic = CapturedPromise.reject;
  var PromiseReject = (reason) => ReflectApply(PromiseRejectStatic, CapturedPromise, [reason]);
  var { asUintN: BigIntAsUintN, asIntN: BigIntAsIntN } = CapturedBigInt;
  var NumberIsSafeInteger = CapturedNumber.isSafeInteger;
  var ArrayIsArray = CapturedArray.isArray;
  var DateNow = globalThis.Date.now;
  var SymbolIterator = CapturedSymbol.iterator;
  var SymbolToStringTag = CapturedSymbol.toStringTag;
  var SymbolSpecies = CapturedSymbol.species;
  var textEncoder = typeof globalThis.TextEncoder === "function" ? new globalThis.TextEncoder() : void 0;
  var TextEncoderEncode = textEncoder && uncurryThis(globalThis.TextEncoder.prototype.encode);
  var encodeUtf8 = (string) => {
    if (textEncoder === void 0) {
      throw new CapturedError("otpkit: this engine has no TextEncoder");
    }
    return TextEncoderEncode(textEncoder, string);
  };
  var host = (() => {
    const cryptoObject = globalThis.crypto;
    const location = globalThis.location;
    const out = {
      __proto__: null,
      getRandomValues: void 0,
      subtle: void 0,
      isSecureContext: globalThis.isSecureContext,
      // the document's address as the client starts (before any page script could navigate)
      documentUrl: location !== null && typeof location === "object" && typeof location.href === "string" ? location.href : void 0,
      prompt: typeof globalThis.prompt === "function" ? globalThis.prompt : void 0,
      // listens on the document: see transports/javafx.js, "wake"
      listen: void 0
    };
    const documentObject = globalThis.document;
    const EventTarget = globalThis.EventTarget;
    if (documentObject != null && typeof EventTarget === "function") {
      const addEventListener = EventTarget.prototype.addEventListener;
      out.listen = (type, listener) => ReflectApply(addEventListener, documentObject, [type, listener]);
    }
    if (cryptoObject === null || typeof cryptoObject !== "object" && typeof cryptoObject !== "function") {
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
    const { importKey, deriveKey, sign, verify, encrypt: encrypt2, decrypt: decrypt2 } = methods;
    const keyPrototype = CryptoKey.prototype;
    out.subtle = ObjectFreeze({
      __proto__: null,
      importKey: (format, data, algorithm, extractable, usages2) => importKey(subtle, format, data, algorithm, extractable, usages2),
      deriveKey: (algorithm, baseKey, derivedType, extractable, usages2) => deriveKey(subtle, algorithm, baseKey, derivedType, extractable, usages2),
      sign: (algorithm, key, data) => sign(subtle, algorithm, key, data),
      verify: (algorithm, key, signature, data) => verify(subtle, algorithm, key, signature, data),
      encrypt: (algorithm, key, data) => encrypt2(subtle, algorithm, key, data),
      decrypt: (algorithm, key, data) => decrypt2(subtle, algorithm, key, data),
      keyPrototype,
      keyUsages: getter(keyPrototype, "usages"),
      keyExtractable: getter(keyPrototype, "extractable")
    });
    return out;
  })();
  var pinnedConstructor = {
    __proto__: null,
    value: CapturedPromise,
    writable: false,
    enumerable: false,
    configurable: false
  };
  function pinned(promise) {
    ObjectDefineProperty(promise, "constructor", pinnedConstructor);
    return promise;
  }

  // src/noble-globals.js
  var typedArrayTag = uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);
  function Uint8Array(a, b, c) {
    if (a === void 0) {
      return new CapturedUint8Array();
    }
    if (b === void 0) {
      return new CapturedUint8Array(a);
    }
    return c === void 0 ? new CapturedUint8Array(a, b) : new CapturedUint8Array(a, b, c);
  }
  Uint8Array.prototype = CapturedUint8Array.prototype;
  Uint8Array.from = (source) => {
    if (typedArrayTag(source) !== void 0) {
      const out2 = new CapturedUint8Array(TypedArrayPrototypeGetLength(source));
      TypedArrayPrototypeSet(out2, source, 0);
      return out2;
    }
    const n = source.length;
    const out = new CapturedUint8Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = source[i];
    }
    return out;
  };
  Uint8Array.of = (...items) => Uint8Array.from(items);
  ObjectFreeze(Uint8Array);

  // src/locks.js
  function lock(object, key) {
    const d = ReflectGetOwnPropertyDescriptor(object, key);
    if (d === void 0) {
      throw new CapturedError("otpkit: cannot lock " + String(key) + ": the engine does not have it");
    }
    ObjectDefineProperty(
      object,
      key,
      "value" in d ? { __proto__: null, value: d.value, writable: false, configurable: false } : { __proto__: null, get: d.get, set: d.set, configurable: false }
    );
  }
  function lockCopy(object, source, key) {
    const d = ReflectGetOwnPropertyDescriptor(source, key);
    ObjectDefineProperty(
      object,
      key,
      "value" in d ? { __proto__: null, value: d.value, writable: false, enumerable: false, configurable: false } : { __proto__: null, get: d.get, set: d.set, enumerable: false, configurable: false }
    );
  }
  var notThenable = { __proto__: null, value: void 0, writable: false, enumerable: false, configurable: false };
  function lockThenables(cryptoKeyPrototype) {
    ObjectDefineProperty(CapturedUint8Array.prototype, "then", notThenable);
    if (cryptoKeyPrototype !== void 0) {
      ObjectDefineProperty(CapturedArrayBuffer.prototype, "then", notThenable);
      ObjectDefineProperty(cryptoKeyPrototype, "then", notThenable);
    }
  }
  var FALLBACK_LOCKS = {
    typedArrayPrototype: ["length", "byteLength", "byteOffset", "buffer", "set", "subarray", "fill"],
    // subarray reads constructor[Symbol.species] (V8 skips the read while its own lookup
    // chain is untouched; the locks below touch it, and other engines read it anyway)
    typedArray: [SymbolSpecies],
    dataViewPrototype: ["getUint32", "setUint32"],
    // @noble/ciphers' GHASH for-ofs an array of its state words for every block
    arrayPrototype: [SymbolIterator],
    arrayIteratorPrototype: ["next"],
    math: ["min", "floor"],
    number: ["isSafeInteger"]
  };
  function lockFallbackIntrinsics() {
    const L = FALLBACK_LOCKS;
    for (let i = 0; i < L.typedArrayPrototype.length; i++) {
      const key = L.typedArrayPrototype[i];
      lock(TypedArrayPrototype, key);
      lockCopy(CapturedUint8Array.prototype, TypedArrayPrototype, key);
      lockCopy(CapturedUint32Array.prototype, TypedArrayPrototype, key);
    }
    for (let i = 0; i < L.typedArray.length; i++) {
      const key = L.typedArray[i];
      lock(TypedArray, key);
      lockCopy(CapturedUint8Array, TypedArray, key);
      lockCopy(CapturedUint32Array, TypedArray, key);
    }
    lock(CapturedUint8Array.prototype, "constructor");
    lock(CapturedUint32Array.prototype, "constructor");
    for (let i = 0; i < L.dataViewPrototype.length; i++) {
      lock(CapturedDataView.prototype, L.dataViewPrototype[i]);
    }
    for (let i = 0; i < L.arrayPrototype.length; i++) {
      lock(CapturedArray.prototype, L.arrayPrototype[i]);
    }
    const arrayIteratorPrototype = ObjectGetPrototypeOf([][SymbolIterator]());
    for (let i = 0; i < L.arrayIteratorPrototype.length; i++) {
      lock(arrayIteratorPrototype, L.arrayIteratorPrototype[i]);
    }
    for (let i = 0; i < L.math.length; i++) {
      lock(CapturedMath, L.math[i]);
    }
    for (let i = 0; i < L.number.length; i++) {
      lock(CapturedNumber, L.number[i]);
    }
  }

  // src/bytes.js
  var length = TypedArrayPrototypeGetLength;
  function view(bytes, start, end) {
    return new CapturedUint8Array(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes) + start, end - start);
  }
  function copy(bytes) {
    const out = new CapturedUint8Array(length(bytes));
    TypedArrayPrototypeSet(out, bytes, 0);
    return out;
  }
  function put(target, source, offset) {
    TypedArrayPrototypeSet(target, source, offset);
  }
  function wipe(bytes) {
    TypedArrayPrototypeFill(bytes, 0);
  }
  function concat(a, b, c) {
    const la = length(a);
    const lb = length(b);
    const out = new CapturedUint8Array(la + lb + (c === void 0 ? 0 : length(c)));
    TypedArrayPrototypeSet(out, a, 0);
    TypedArrayPrototypeSet(out, b, la);
    if (c !== void 0) {
      TypedArrayPrototypeSet(out, c, la + lb);
    }
    return out;
  }
  function equal(a, b) {
    const n = length(a);
    if (n !== length(b)) {
      return false;
    }
    let diff = 0;
    for (let i = 0; i < n; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff === 0;
  }
  function getU32(bytes, at) {
    return (bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]) >>> 0;
  }
  function putU32(bytes, at, value) {
    bytes[at] = value >>> 24;
    bytes[at + 1] = value >>> 16;
    bytes[at + 2] = value >>> 8;
    bytes[at + 3] = value;
  }
  function getU64(bytes, at) {
    return CapturedBigInt(getU32(bytes, at)) << 32n | CapturedBigInt(getU32(bytes, at + 4));
  }
  function putU64(bytes, at, value) {
    const v = BigIntAsUintN(64, value);
    putU32(bytes, at, CapturedNumber(v >> 32n));
    putU32(bytes, at + 4, CapturedNumber(v & 0xffffffffn));
  }
  function nameBytes(what, name) {
    if (typeof name !== "string") {
      throw new CapturedTypeError("otpkit: " + what + " must be a string");
    }
    const n = name.length;
    for (let i = 0; i < n; i++) {
      const c = StringPrototypeCharCodeAt(name, i);
      if (c >= 55296 && c <= 57343) {
        const next = i + 1 < n ? StringPrototypeCharCodeAt(name, i + 1) : 0;
        if (c > 56319 || next < 56320 || next > 57343) {
          throw new CapturedError("otpkit: " + what + " has a lone surrogate at " + i);
        }
        i++;
      }
    }
    const bytes = encodeUtf8(name);
    const size = length(bytes);
    if (size < 1 || size > 256) {
      throw new CapturedError("otpkit: " + what + " must be 1 to 256 UTF-8 bytes, got " + size);
    }
    return bytes;
  }
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DECODE = (() => {
    const table = new CapturedUint8Array(128);
    TypedArrayPrototypeFill(table, 255);
    for (let i = 0; i < 64; i++) {
      table[StringPrototypeCharCodeAt(ALPHABET, i)] = i;
    }
    return table;
  })();
  var PAIRS = (() => {
    const pairs = [];
    for (let i = 0; i < 4096; i++) {
      pairs[i] = ALPHABET[i >>> 6] + ALPHABET[i & 63];
    }
    return pairs;
  })();
  function toBase64Url(bytes) {
    const n = length(bytes);
    let out = "";
    let i = 0;
    for (; i + 3 <= n; i += 3) {
      const v = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
      out += PAIRS[v >>> 12] + PAIRS[v & 4095];
    }
    if (n - i === 1) {
      const v = bytes[i];
      out += ALPHABET[v >>> 2] + ALPHABET[(v & 3) << 4];
    } else if (n - i === 2) {
      const v = bytes[i] << 8 | bytes[i + 1];
      out += ALPHABET[v >>> 10] + ALPHABET[v >>> 4 & 63] + ALPHABET[(v & 15) << 2];
    }
    return out;
  }
  var sextet = (text, i) => {
    const c = StringPrototypeCharCodeAt(text, i);
    return c < 128 ? DECODE[c] : 255;
  };
  function fromBase64Url(text) {
    const n = text.length;
    const tail = n % 4;
    if (tail === 1) {
      return void 0;
    }
    const out = new CapturedUint8Array((n - tail) / 4 * 3 + (tail === 0 ? 0 : tail - 1));
    let bad = 0;
    let o = 0;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const a = sextet(text, i);
      const b = sextet(text, i + 1);
      const c = sextet(text, i + 2);
      const d = sextet(text, i + 3);
      bad |= a | b | c | d;
      const v = a << 18 | b << 12 | c << 6 | d;
      out[o++] = v >>> 16;
      out[o++] = v >>> 8;
      out[o++] = v;
    }
    if (tail === 2) {
      const a = sextet(text, i);
      const b = sextet(text, i + 1);
      bad |= a | b | ((b & 15) === 0 ? 0 : 128);
      out[o] = a << 2 | b >>> 4;
    } else if (tail === 3) {
      const a = sextet(text, i);
      const b = sextet(text, i + 1);
      const c = sextet(text, i + 2);
      bad |= a | b | c | ((c & 3) === 0 ? 0 : 128);
      const v = a << 10 | b << 4 | c >>> 2;
      out[o++] = v >>> 8;
      out[o] = v;
    }
    return (bad & 128) === 0 ? out : void 0;
  }

  // src/envelope.js
  var VERSION = 1;
  var FLAG_ENCRYPTED = 1;
  var HEADER_BYTES = 50;
  var SALT_AT = 6;
  var SALT_BYTES = 16;
  var NONCE_BYTES = 12;
  var ISSUED_AT_AT = 22;
  var SEQUENCE_AT = 30;
  var CHECK_AT = 38;
  var CHECK_BYTES = 8;
  var BODY_LENGTH_AT = 46;
  var MAC_BYTES = 32;
  var GCM_TAG_BYTES = 16;
  var UP = 1;
  var DOWN = 2;
  var MAX_ISSUED_AT = 864e13;
  var MAX_SEQUENCE = (1n << 64n) - (1n << 40n);
  var MAX_PAYLOAD_LIMIT = 1 << 30;
  var ascii = (s) => {
    const out = new CapturedUint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      out[i] = s.charCodeAt(i);
    }
    return out;
  };
  var HKDF_SALT = ascii("otpkit-envelope-v1");
  var LABELS = { __proto__: null, mac: ascii("mac\0"), enc: ascii("enc\0"), ctx: ascii("ctx\0"), ui: ascii("ui\0") };
  function name16(name) {
    const n = length(name);
    const out = new CapturedUint8Array(2 + n);
    out[0] = n >>> 8;
    out[1] = n;
    put(out, name, 2);
    return out;
  }
  function sessionAndDirection(session, direction) {
    const n = length(session);
    const out = new CapturedUint8Array(3 + n);
    out[0] = n >>> 8;
    out[1] = n;
    put(out, session, 2);
    out[2 + n] = direction;
    return out;
  }
  function keyInfo(purpose, binding) {
    const label = LABELS[purpose];
    if (label === void 0) {
      throw new CapturedError("otpkit: no key purpose " + purpose);
    }
    return concat(label, binding);
  }
  function context(session, direction, channel) {
    return concat(sessionAndDirection(session, direction), name16(channel));
  }
  function documentSession(session, documentId) {
    if (typeof documentId !== "string" || !isDocumentId(documentId)) {
      throw new CapturedError("otpkit: a document id is 16 bytes in canonical base64url (22 characters)");
    }
    return nameBytes("document session (session id, '.', document id)", session + "." + documentId);
  }
  function isDocumentId(id) {
    const bytes = id.length === 22 ? fromBase64Url(id) : void 0;
    return bytes !== void 0 && length(bytes) === 16;
  }
  function createStream(keys, session, direction) {
    return ObjectFreeze({ __proto__: null, keys, session, direction, channels: new CapturedMap() });
  }
  var MAX_CACHED_CHANNELS = 4096;
  function channelOf(stream, channel) {
    const ctx = context(stream.session, stream.direction, nameBytes("channel", channel));
    const check = stream.keys.check(ctx);
    return stream.keys.async ? remembered(stream, channel, ctx, check) : remember(stream, channel, ctx, check);
  }
  async function remembered(stream, channel, ctx, check) {
    return remember(stream, channel, ctx, await pinned(check));
  }
  function remember(stream, channel, ctx, check) {
    const entry = ObjectFreeze({ __proto__: null, context: ctx, check });
    if (MapPrototypeGetSize(stream.channels) < MAX_CACHED_CHANNELS) {
      MapPrototypeSet(stream.channels, channel, entry);
    }
    return entry;
  }
  async function sealEnvelope(stream, keyId, channel, salt, issuedAt, sequence, payload) {
    if (length(salt) !== SALT_BYTES) {
      throw new CapturedError("otpkit: a salt is 16 bytes");
    }
    if (!(NumberIsSafeInteger(issuedAt) && issuedAt >= 0 && issuedAt <= MAX_ISSUED_AT)) {
      throw new CapturedError("otpkit: the clock reads " + issuedAt + ", outside the valid issue times");
    }
    if (typeof sequence !== "bigint" || sequence < 0n || sequence > MAX_SEQUENCE) {
      throw new CapturedError("otpkit: sequence numbers end at 2^64 - 2^40");
    }
    const keys = stream.keys;
    let ch = MapPrototypeGet(stream.channels, channel);
    if (ch === void 0) {
      const made = channelOf(stream, channel);
      ch = keys.async ? await pinned(made) : made;
    }
    const n = length(payload);
    const h = new CapturedUint8Array(HEADER_BYTES);
    h[0] = VERSION;
    h[1] = keys.encrypted ? FLAG_ENCRYPTED : 0;
    putU32(h, 2, keyId);
    put(h, salt, SALT_AT);
    putU64(h, ISSUED_AT_AT, CapturedBigInt(issuedAt));
    putU64(h, SEQUENCE_AT, sequence);
    put(h, ch.check, CHECK_AT);
    putU32(h, BODY_LENGTH_AT, keys.encrypted ? n + GCM_TAG_BYTES : n);
    if (keys.encrypted) {
      const nonce = view(h, SALT_AT, SALT_AT + NONCE_BYTES);
      const sealed = keys.encrypt(nonce, concat(h, ch.context), payload);
      return concat(h, keys.async ? await pinned(sealed) : sealed);
    }
    const tag = keys.tag(h, ch.context, payload);
    const out = new CapturedUint8Array(HEADER_BYTES + n + MAC_BYTES);
    put(out, h, 0);
    put(out, payload, HEADER_BYTES);
    put(out, keys.async ? await pinned(tag) : tag, HEADER_BYTES + n);
    return out;
  }
  var maxEnvelopeBytes = (maxPayload) => HEADER_BYTES + maxPayload + MAC_BYTES;
  var maxTextChars = (maxPayload) => {
    const x = maxEnvelopeBytes(maxPayload) * 4 + 2;
    return (x - x % 3) / 3;
  };
  var rejected = (reason) => new CapturedError("rejected: " + reason);
  function createOpener(settings) {
    const { keyFor, encrypted, now, maxAgeMillis, maxSkewMillis, maxPayloadBytes, guard } = settings;
    if (!(NumberIsSafeInteger(maxAgeMillis) && maxAgeMillis >= 1 && maxAgeMillis <= MAX_ISSUED_AT)) {
      throw new CapturedError("otpkit: maxAgeMillis must be an integer in [1, 8.64e15], got " + maxAgeMillis);
    }
    if (!(NumberIsSafeInteger(maxSkewMillis) && maxSkewMillis >= 0 && maxSkewMillis <= MAX_ISSUED_AT)) {
      throw new CapturedError("otpkit: maxSkewMillis must be an integer in [0, 8.64e15], got " + maxSkewMillis);
    }
    if (!(NumberIsSafeInteger(maxPayloadBytes) && maxPayloadBytes >= 0 && maxPayloadBytes <= MAX_PAYLOAD_LIMIT)) {
      throw new CapturedError("otpkit: maxPayloadBytes must be an integer in [0, 2^30], got " + maxPayloadBytes);
    }
    const highWater = new CapturedBigInt64Array(1);
    highWater[0] = -(1n << 63n);
    return ObjectFreeze({
      __proto__: null,
      keyFor,
      encrypted: encrypted === true,
      now,
      maxAge: CapturedBigInt(maxAgeMillis),
      maxSkew: CapturedBigInt(maxSkewMillis),
      maxPayload: maxPayloadBytes,
      maxText: maxTextChars(maxPayloadBytes),
      guard,
      // the highest clock reading seen, shared by every open of this opener
      highWater
    });
  }
  async function openEnvelope(opener, channel, text) {
    nameBytes("channel", channel);
    if (typeof text !== "string") {
      throw rejected("malformed");
    }
    if (text.length > opener.maxText) {
      throw rejected("too-large");
    }
    const env = fromBase64Url(text);
    if (env === void 0) {
      throw rejected("malformed");
    }
    const n = length(env);
    if (n > maxEnvelopeBytes(opener.maxPayload)) {
      throw rejected("too-large");
    }
    if (n === 0) {
      throw rejected("malformed");
    }
    if (env[0] !== VERSION) {
      throw rejected("unsupported-version");
    }
    if (n < HEADER_BYTES) {
      throw rejected("malformed");
    }
    const flags = env[1];
    if ((flags & ~FLAG_ENCRYPTED) !== 0) {
      throw rejected("malformed");
    }
    const isEncrypted = flags === FLAG_ENCRYPTED;
    const bodyLength = getU32(env, BODY_LENGTH_AT);
    const overhead = isEncrypted ? GCM_TAG_BYTES : 0;
    if (bodyLength - overhead > opener.maxPayload) {
      throw rejected("too-large");
    }
    if (HEADER_BYTES + bodyLength + (isEncrypted ? 0 : MAC_BYTES) !== n || bodyLength < overhead) {
      throw rejected("malformed");
    }
    const stream = opener.keyFor(getU32(env, 2));
    if (stream === void 0) {
      throw rejected("unknown-key");
    }
    if (stream === "disabled") {
      throw rejected("disabled-key");
    }
    if (isEncrypted !== opener.encrypted) {
      throw rejected("wrong-mode");
    }
    const keys = stream.keys;
    let ch = MapPrototypeGet(stream.channels, channel);
    if (ch === void 0) {
      const made = channelOf(stream, channel);
      ch = keys.async ? await pinned(made) : made;
    }
    if (!equal(ch.check, view(env, CHECK_AT, CHECK_AT + CHECK_BYTES))) {
      throw rejected("wrong-context");
    }
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
      const verified = keys.verify(view(env, HEADER_BYTES + bodyLength, n), header, ch.context, body);
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
  function checkTimeAndReplay(opener, env) {
    const issuedAt = BigIntAsIntN(64, getU64(env, ISSUED_AT_AT));
    if (issuedAt < 0n) {
      throw rejected("expired");
    }
    if (issuedAt > CapturedBigInt(MAX_ISSUED_AT)) {
      throw rejected("from-the-future");
    }
    const nowMillis = CapturedBigInt(opener.now());
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

  // src/backends/webcrypto.js
  var HKDF = ObjectFreeze({ __proto__: null, name: "HKDF" });
  var HMAC_KEY = ObjectFreeze({ __proto__: null, name: "HMAC", hash: "SHA-256", length: 256 });
  var AES_KEY = ObjectFreeze({ __proto__: null, name: "AES-GCM", length: 256 });
  function usages(usage) {
    return {
      __proto__: null,
      [SymbolIterator]() {
        let done = false;
        return {
          __proto__: null,
          next() {
            if (done) {
              return { __proto__: null, done: true, value: void 0 };
            }
            done = true;
            return { __proto__: null, done: false, value: usage };
          }
        };
      }
    };
  }
  function webCryptoBackend(subtle) {
    const hkdfParams = (purpose, sd) => ObjectFreeze({ __proto__: null, name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: keyInfo(purpose, sd) });
    async function deriveOne(root, purpose, sd, type, usage) {
      const key = await pinned(subtle.deriveKey(hkdfParams(purpose, sd), root, type, false, usages(usage)));
      const granted = subtle.keyUsages(key);
      if (granted.length !== 1 || granted[0] !== usage || subtle.keyExtractable(key) !== false) {
        throw new CapturedError("otpkit: WebCrypto derived a key with other usages than " + usage);
      }
      return key;
    }
    async function streamKeys2(root, request) {
      const sd = sessionAndDirection(request.session, request.direction);
      const sealing = request.role === "seal";
      const encrypted = request.encrypted === true;
      const ctxKey = await pinned(deriveOne(root, "ctx", sd, HMAC_KEY, "sign"));
      const key = encrypted ? await pinned(deriveOne(root, "enc", sd, AES_KEY, sealing ? "encrypt" : "decrypt")) : await pinned(deriveOne(root, "mac", sd, HMAC_KEY, sealing ? "sign" : "verify"));
      const refuse = () => {
        throw new CapturedError("otpkit: this key " + (sealing ? "seals" : "opens") + " only");
      };
      const gcm = (nonce, aad) => ObjectFreeze({ __proto__: null, name: "AES-GCM", iv: nonce, additionalData: aad, tagLength: 128 });
      return ObjectFreeze({
        __proto__: null,
        async: true,
        encrypted,
        role: request.role,
        async check(ctx) {
          const mac2 = await pinned(subtle.sign("HMAC", ctxKey, ctx));
          return copy(new CapturedUint8Array(mac2, 0, 8));
        },
        tag: sealing && !encrypted ? async (header, context2, body) => new CapturedUint8Array(await pinned(subtle.sign("HMAC", key, concat(header, context2, body)))) : refuse,
        verify: !sealing && !encrypted ? (tag, header, context2, body) => subtle.verify("HMAC", key, tag, concat(header, context2, body)) : refuse,
        encrypt: sealing && encrypted ? async (nonce, aad, payload) => new CapturedUint8Array(await pinned(subtle.encrypt(gcm(nonce, aad), key, payload))) : refuse,
        decrypt: !sealing && encrypted ? async (nonce, aad, body) => {
          let plain;
          try {
            plain = await pinned(subtle.decrypt(gcm(nonce, aad), key, body));
          } catch {
            return null;
          }
          return new CapturedUint8Array(plain);
        } : refuse
      });
    }
    return ObjectFreeze({
      __proto__: null,
      name: "webcrypto",
      /**
       * Derives the stream keys of each request ({session (UTF-8), direction, role, encrypted})
       * from the 32-byte root key, which is wiped as soon as the engine has copied it. Resolves to
       * a null-prototype record with one entry per request name.
       */
      async derive(rootBytes, requests, names) {
        let root;
        try {
          root = subtle.importKey("raw", rootBytes, HKDF, false, usages("deriveKey"));
        } finally {
          wipe(rootBytes);
        }
        root = await pinned(root);
        const out = { __proto__: null };
        for (let i = 0; i < names.length; i++) {
          out[names[i]] = await pinned(streamKeys2(root, requests[names[i]]));
        }
        return ObjectFreeze(out);
      }
    });
  }

  // node_modules/@noble/hashes/utils.js
  function isBytes(a) {
    return a instanceof Uint8Array || CapturedArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
  }
  var atitle = (title) => title ? `"${title}" ` : "";
  function anumber(n, title = "") {
    if (typeof n !== "number")
      throw new CapturedTypeError(atitle(title) + "expected number, got " + typeof n);
    if (!CapturedNumber.isSafeInteger(n) || n < 0)
      throw new CapturedRangeError(atitle(title) + "expected integer >= 0, got " + n);
    return n;
  }
  function abytes(value, length2, title = "") {
    if (isBytes(value) && (length2 === void 0 || value.length === length2))
      return value;
    if (length2 !== void 0)
      anumber(length2, "length");
    const bytes = isBytes(value);
    const ofLen = length2 !== void 0 ? ` of length ${length2}` : "";
    const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
    const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
    if (!bytes)
      throw new CapturedTypeError(message);
    throw new CapturedRangeError(message);
  }
  function ahash(h) {
    if (typeof h !== "function" || typeof h.create !== "function")
      throw new CapturedTypeError("expected hash wrapped by utils.createHasher");
    anumber(h.outputLen);
    anumber(h.blockLen);
    if (h.outputLen < 1 || h.blockLen < 1)
      throw new CapturedError("hash blockLen / outputLen must be >= 1");
  }
  var aobject = (value, label) => {
    if (value === null || typeof value !== "object" || CapturedArray.isArray(value))
      throw new CapturedTypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
  };
  var aopts = (value, label) => {
    aobject(value, label);
    const proto = CapturedObject.getPrototypeOf(value);
    if (proto !== CapturedObject.prototype && proto !== null)
      throw new CapturedTypeError(`"${label}" expected plain object`);
    if (CapturedObject.hasOwn(value, "__proto__"))
      throw new CapturedTypeError(`"${label}.__proto__" is not allowed`);
  };
  function aexists(instance, checkFinished = true) {
    if (instance.destroyed)
      throw new CapturedError("hash was destroyed");
    if (checkFinished && instance.finished)
      throw new CapturedError("digest() was already called");
  }
  function aoutput(out, instance) {
    abytes(out, void 0, "output");
    const min = instance.outputLen;
    if (!(out.length >= min)) {
      throw new CapturedRangeError('"output" expected length >= ' + min);
    }
  }
  function clean(...arrays) {
    for (let i = 0; i < arrays.length; i++) {
      arrays[i].fill(0);
    }
  }
  function createView(arr) {
    return new CapturedDataView(arr.buffer, arr.byteOffset, arr.byteLength);
  }
  function rotr(word, shift) {
    return word << 32 - shift | word >>> shift;
  }
  function checkOpts(defaults, opts, title = "opts") {
    aopts(defaults, "defaults");
    if (opts !== void 0)
      aopts(opts, title);
    const merged = CapturedObject.assign(CapturedObject.create(null), defaults, opts);
    return merged;
  }
  function createHasher(hashCons, info = {}) {
    if (typeof hashCons !== "function")
      throw new CapturedTypeError('"hashCons" expected function, got type=' + typeof hashCons);
    info = checkOpts({}, info, "info");
    const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
    const tmp = hashCons(void 0);
    hashC.outputLen = tmp.outputLen;
    hashC.blockLen = tmp.blockLen;
    hashC.canXOF = tmp.canXOF;
    hashC.create = (opts) => hashCons(opts);
    CapturedObject.assign(hashC, info);
    return CapturedObject.freeze(hashC);
  }
  var oidNist = (suffix) => ({
    // Current NIST hashAlgs suffixes used here fit in one DER subidentifier octet.
    // Larger suffix values would need base-128 OID encoding and a different length byte.
    oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
  });

  // node_modules/@noble/hashes/hmac.js
  var _HMAC = class {
    oHash;
    iHash;
    blockLen;
    outputLen;
    canXOF = false;
    finished = false;
    destroyed = false;
    constructor(hash, key) {
      ahash(hash);
      abytes(key, void 0, "key");
      this.iHash = hash.create();
      if (typeof this.iHash.update !== "function")
        throw new CapturedError("expected Hash instance");
      this.blockLen = this.iHash.blockLen;
      this.outputLen = this.iHash.outputLen;
      const blockLen = this.blockLen;
      const pad = new Uint8Array(blockLen);
      pad.set(key.length > blockLen ? hash.create().update(key).digest() : key);
      for (let i = 0; i < pad.length; i++)
        pad[i] ^= 54;
      this.iHash.update(pad);
      this.oHash = hash.create();
      for (let i = 0; i < pad.length; i++)
        pad[i] ^= 54 ^ 92;
      this.oHash.update(pad);
      clean(pad);
    }
    update(buf) {
      aexists(this);
      this.iHash.update(buf);
      return this;
    }
    digestInto(out) {
      aexists(this);
      aoutput(out, this);
      this.finished = true;
      const buf = out.subarray(0, this.outputLen);
      this.iHash.digestInto(buf);
      this.oHash.update(buf);
      this.oHash.digestInto(buf);
      this.destroy();
    }
    digest() {
      const out = new Uint8Array(this.oHash.outputLen);
      this.digestInto(out);
      return out;
    }
    _cloneInto(to) {
      to ||= CapturedObject.create(CapturedObject.getPrototypeOf(this), {});
      const { oHash, iHash, finished, destroyed, blockLen, outputLen, canXOF } = this;
      to = to;
      to.finished = finished;
      to.destroyed = destroyed;
      to.blockLen = blockLen;
      to.outputLen = outputLen;
      to.canXOF = canXOF;
      to.oHash = oHash._cloneInto(to.oHash);
      to.iHash = iHash._cloneInto(to.iHash);
      return to;
    }
    clone() {
      return this._cloneInto();
    }
    destroy() {
      this.destroyed = true;
      this.oHash.destroy();
      this.iHash.destroy();
    }
  };
  var hmac = /* @__PURE__ */ (() => {
    const hmac_ = ((hash, key, message) => new _HMAC(hash, key).update(message).digest());
    hmac_.create = (hash, key) => new _HMAC(hash, key);
    return hmac_;
  })();

  // node_modules/@noble/hashes/hkdf.js
  var HKDF_COUNTER = /* @__PURE__ */ Uint8Array.of(0);
  var EMPTY_BUFFER = /* @__PURE__ */ Uint8Array.of();
  function expand(hash, prk, info, length2 = 32, _recycled) {
    ahash(hash);
    anumber(length2, "length");
    abytes(prk, void 0, "prk");
    const olen = hash.outputLen;
    if (prk.length < olen)
      throw new CapturedError('"prk" must be at least HashLen octets');
    if (length2 > 255 * olen)
      throw new CapturedError("Length must be <= 255*HashLen");
    const blocks = CapturedMath.ceil(length2 / olen);
    if (info === void 0)
      info = EMPTY_BUFFER;
    else
      abytes(info, void 0, "info");
    if (!blocks) {
      if (_recycled)
        clean(prk);
      return new Uint8Array();
    }
    const okm = _recycled && blocks === 1 ? prk : new Uint8Array(blocks * olen);
    const { iHash, oHash } = hmac.create(hash, prk);
    const T = _recycled ? prk : new Uint8Array(olen);
    const worker = blocks > 1 ? _recycled?.iHash || hash.create() : void 0;
    for (let counter = 0; counter < blocks - 1; counter++) {
      HKDF_COUNTER[0] = counter + 1;
      const iWork = iHash._cloneInto(worker);
      if (counter)
        iWork.update(T);
      iWork.update(info).update(HKDF_COUNTER).digestInto(T);
      oHash._cloneInto(worker).update(T).digestInto(T);
      okm.set(T, olen * counter);
    }
    HKDF_COUNTER[0] = blocks;
    if (blocks > 1)
      iHash.update(T);
    iHash.update(info).update(HKDF_COUNTER).digestInto(T);
    oHash.update(T).digestInto(T);
    okm.set(T, olen * (blocks - 1));
    iHash.destroy();
    oHash.destroy();
    worker?.destroy();
    if (T !== okm)
      clean(T);
    clean(HKDF_COUNTER);
    if (length2 === okm.length)
      return okm;
    const res = okm.slice(0, length2);
    clean(okm);
    return res;
  }
  var hkdf = (hash, ikm, salt, info, length2) => {
    ahash(hash);
    if (salt === void 0)
      salt = new Uint8Array(hash.outputLen);
    const HMAC = hmac.create(hash, salt).update(ikm);
    return expand(hash, HMAC.digest(), info, length2, HMAC);
  };

  // node_modules/@noble/hashes/_u64.js
  var fromNumH = (n) => n / 2 ** 32 | 0;
  var fromNumL = (n) => n >>> 0;
  function setU64FromNum(view2, byteOffset, n, isLE2) {
    const h = fromNumH(n);
    const l = fromNumL(n);
    view2.setUint32(byteOffset, isLE2 ? l : h, isLE2);
    view2.setUint32(byteOffset + 4, isLE2 ? h : l, isLE2);
  }

  // node_modules/@noble/hashes/_md.js
  function Chi(a, b, c) {
    return a & b ^ ~a & c;
  }
  function Maj(a, b, c) {
    return a & b ^ a & c ^ b & c;
  }
  var HashMD = class {
    blockLen;
    outputLen;
    canXOF = false;
    padOffset;
    isLE;
    // For partial updates less than block size
    buffer;
    view;
    finished = false;
    length = 0;
    pos = 0;
    destroyed = false;
    constructor(blockLen, outputLen, padOffset, isLE2) {
      this.blockLen = blockLen;
      this.outputLen = outputLen;
      this.padOffset = padOffset;
      this.isLE = isLE2;
      this.buffer = new Uint8Array(blockLen);
      this.view = createView(this.buffer);
    }
    update(data) {
      aexists(this);
      abytes(data);
      const { view: view2, buffer, blockLen } = this;
      const len = data.length;
      let processed = false;
      for (let pos = 0; pos < len; ) {
        const take = CapturedMath.min(blockLen - this.pos, len - pos);
        if (take === blockLen) {
          const dataView = createView(data);
          for (; blockLen <= len - pos; pos += blockLen)
            this.process(dataView, pos);
          processed = true;
          continue;
        }
        buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
        this.pos += take;
        pos += take;
        if (this.pos === blockLen) {
          this.process(view2, 0);
          this.pos = 0;
          processed = true;
        }
      }
      this.length += data.length;
      if (processed)
        this.roundClean();
      return this;
    }
    digestInto(out) {
      aexists(this);
      aoutput(out, this);
      this.finished = true;
      const { buffer, view: view2, blockLen, isLE: isLE2 } = this;
      let { pos } = this;
      buffer[pos++] = 128;
      buffer.fill(0, pos);
      if (this.padOffset > blockLen - pos) {
        this.process(view2, 0);
        buffer.fill(0);
      }
      setU64FromNum(view2, blockLen - 8, this.length * 8, isLE2);
      this.process(view2, 0);
      this.roundClean();
      const oview = out === buffer ? view2 : createView(out);
      const len = this.outputLen;
      const outLen = len / 4;
      const state = this.get();
      if (len % 4 || outLen > state.length)
        throw new CapturedError("invalid outputLen");
      for (let i = 0; i < outLen; i++)
        oview.setUint32(4 * i, state[i], isLE2);
    }
    digest() {
      const { buffer, outputLen } = this;
      this.digestInto(buffer);
      const res = buffer.slice(0, outputLen);
      this.destroy();
      return res;
    }
    _cloneIntoMeta(to) {
      const { buffer, length: length2, finished, destroyed, pos } = this;
      to.destroyed = destroyed;
      to.finished = finished;
      to.length = length2;
      to.pos = pos;
      if (pos)
        to.buffer.set(buffer);
      return to;
    }
    clone() {
      return this._cloneInto();
    }
  };
  var SHA256_IV = /* @__PURE__ */ CapturedUint32Array.from([
    1779033703,
    3144134277,
    1013904242,
    2773480762,
    1359893119,
    2600822924,
    528734635,
    1541459225
  ]);

  // node_modules/@noble/hashes/sha2.js
  var SHA256_K = /* @__PURE__ */ CapturedUint32Array.from([
    1116352408,
    1899447441,
    3049323471,
    3921009573,
    961987163,
    1508970993,
    2453635748,
    2870763221,
    3624381080,
    310598401,
    607225278,
    1426881987,
    1925078388,
    2162078206,
    2614888103,
    3248222580,
    3835390401,
    4022224774,
    264347078,
    604807628,
    770255983,
    1249150122,
    1555081692,
    1996064986,
    2554220882,
    2821834349,
    2952996808,
    3210313671,
    3336571891,
    3584528711,
    113926993,
    338241895,
    666307205,
    773529912,
    1294757372,
    1396182291,
    1695183700,
    1986661051,
    2177026350,
    2456956037,
    2730485921,
    2820302411,
    3259730800,
    3345764771,
    3516065817,
    3600352804,
    4094571909,
    275423344,
    430227734,
    506948616,
    659060556,
    883997877,
    958139571,
    1322822218,
    1537002063,
    1747873779,
    1955562222,
    2024104815,
    2227730452,
    2361852424,
    2428436474,
    2756734187,
    3204031479,
    3329325298
  ]);
  var SHA256_W = /* @__PURE__ */ new CapturedUint32Array(64);
  var SHA2_32B = class extends HashMD {
    // We cannot use array here since array allows indexing by variable
    // which means optimizer/compiler cannot use registers.
    // Numeric initializers matter: starting the fields as `undefined` changes
    // V8's field representation and makes sha256 3x slower (measured).
    A = 0;
    B = 0;
    C = 0;
    D = 0;
    E = 0;
    F = 0;
    G = 0;
    H = 0;
    constructor(outputLen, IV) {
      super(64, outputLen, 8, false);
      this.A = IV[0] | 0;
      this.B = IV[1] | 0;
      this.C = IV[2] | 0;
      this.D = IV[3] | 0;
      this.E = IV[4] | 0;
      this.F = IV[5] | 0;
      this.G = IV[6] | 0;
      this.H = IV[7] | 0;
    }
    get() {
      const { A, B, C, D, E, F, G, H } = this;
      return [A, B, C, D, E, F, G, H];
    }
    // prettier-ignore
    set(A, B, C, D, E, F, G, H) {
      this.A = A | 0;
      this.B = B | 0;
      this.C = C | 0;
      this.D = D | 0;
      this.E = E | 0;
      this.F = F | 0;
      this.G = G | 0;
      this.H = H | 0;
    }
    _cloneInto(to) {
      (to ||= new this.constructor()).set(...this.get());
      return this._cloneIntoMeta(to);
    }
    process(view2, offset) {
      for (let i = 0; i < 16; i++, offset += 4)
        SHA256_W[i] = view2.getUint32(offset, false);
      for (let i = 16; i < 64; i++) {
        const W15 = SHA256_W[i - 15];
        const W2 = SHA256_W[i - 2];
        const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
        const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
        SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
      }
      let { A, B, C, D, E, F, G, H } = this;
      for (let i = 0; i < 64; i++) {
        const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
        const T1 = H + sigma1 + Chi(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
        const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
        const T2 = sigma0 + Maj(A, B, C) | 0;
        H = G;
        G = F;
        F = E;
        E = D + T1 | 0;
        D = C;
        C = B;
        B = A;
        A = T1 + T2 | 0;
      }
      A = A + this.A | 0;
      B = B + this.B | 0;
      C = C + this.C | 0;
      D = D + this.D | 0;
      E = E + this.E | 0;
      F = F + this.F | 0;
      G = G + this.G | 0;
      H = H + this.H | 0;
      this.set(A, B, C, D, E, F, G, H);
    }
    roundClean() {
      clean(SHA256_W);
    }
    destroy() {
      this.destroyed = true;
      this.set(0, 0, 0, 0, 0, 0, 0, 0);
      clean(this.buffer);
    }
  };
  var _SHA256 = class extends SHA2_32B {
    constructor() {
      super(32, SHA256_IV);
    }
  };
  var sha256 = /* @__PURE__ */ createHasher(
    () => new _SHA256(),
    /* @__PURE__ */ oidNist(1)
  );

  // node_modules/@noble/ciphers/utils.js
  function isBytes2(a) {
    return a instanceof Uint8Array || CapturedArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
  }
  var atitle2 = (title) => title ? `"${title}" ` : "";
  function anumber2(n, title = "") {
    if (typeof n !== "number")
      throw new CapturedTypeError(atitle2(title) + "expected number, got " + typeof n);
    if (!CapturedNumber.isSafeInteger(n) || n < 0)
      throw new CapturedRangeError(atitle2(title) + "expected integer >= 0, got " + n);
    return n;
  }
  function abytes2(value, length2, title = "") {
    if (isBytes2(value) && (length2 === void 0 || value.length === length2))
      return value;
    if (length2 !== void 0)
      anumber2(length2, "length");
    const bytes = isBytes2(value);
    const ofLen = length2 !== void 0 ? ` of length ${length2}` : "";
    const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
    const message = atitle2(title) + "expected Uint8Array" + ofLen + ", got " + got;
    if (!bytes)
      throw new CapturedTypeError(message);
    throw new CapturedRangeError(message);
  }
  function aexists2(instance, checkFinished = true) {
    if (instance.destroyed)
      throw new CapturedError("hash was destroyed");
    if (checkFinished && instance.finished)
      throw new CapturedError("digest() was already called");
  }
  function aoutput2(out, instance) {
    abytes2(out, void 0, "output");
    const min = instance.outputLen;
    if (!(out.length >= min)) {
      throw new CapturedRangeError('"output" expected length >= ' + min);
    }
  }
  function aoutput32(out, instance) {
    aoutput2(out, instance);
    if (!isAligned32(out))
      throw new CapturedError("invalid output, must be aligned");
  }
  function u8(arr) {
    return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
  }
  function u32(arr) {
    return new CapturedUint32Array(arr.buffer, arr.byteOffset, CapturedMath.floor(arr.byteLength / 4));
  }
  function clean2(...arrays) {
    for (let i = 0; i < arrays.length; i++) {
      arrays[i].fill(0);
    }
  }
  function createView2(arr) {
    return new CapturedDataView(arr.buffer, arr.byteOffset, arr.byteLength);
  }
  var isLE = /* @__PURE__ */ (() => new Uint8Array(new CapturedUint32Array([287454020]).buffer)[0] === 68)();
  function byteSwap(word) {
    return word << 24 & 4278190080 | word << 8 & 16711680 | word >>> 8 & 65280 | word >>> 24 & 255;
  }
  var swap8IfBE = isLE ? (n) => n : (n) => byteSwap(n) >>> 0;
  function byteSwap32(arr) {
    for (let i = 0; i < arr.length; i++) {
      arr[i] = byteSwap(arr[i]);
    }
    return arr;
  }
  var swap32IfBE = isLE ? (u) => u : byteSwap32;
  function overlapBytes(a, b) {
    if (!a.byteLength || !b.byteLength)
      return false;
    return a.buffer === b.buffer && // best we can do, may fail with an obscure Proxy
    a.byteOffset < b.byteOffset + b.byteLength && // a starts before b end
    b.byteOffset < a.byteOffset + a.byteLength;
  }
  function complexOverlapBytes(input, output) {
    if (overlapBytes(input, output) && input.byteOffset < output.byteOffset)
      throw new CapturedError("complex overlap of input and output is not supported");
  }
  function wrapMacConstructor(keyLen, macCons, fromMsg) {
    const mac2 = macCons;
    const getArgs = fromMsg || (() => []);
    const macC = (msg, key) => mac2(key, ...getArgs(msg)).update(msg).digest();
    const tmp = mac2(new Uint8Array(keyLen), ...getArgs(new Uint8Array(0)));
    macC.outputLen = tmp.outputLen;
    macC.blockLen = tmp.blockLen;
    macC.create = (key, ...args) => mac2(key, ...args);
    return macC;
  }
  function getOutput(expectedLength, out, onlyAligned = true) {
    if (out === void 0)
      return new Uint8Array(expectedLength);
    abytes2(out, expectedLength, "output");
    if (onlyAligned && !isAligned32(out))
      throw new CapturedError("invalid output, must be aligned");
    return out;
  }
  function isAligned32(bytes) {
    return bytes.byteOffset % 4 === 0;
  }
  function copyBytes(bytes) {
    return Uint8Array.from(abytes2(bytes));
  }

  // node_modules/@noble/ciphers/_polyval.js
  var BLOCK_SIZE = 16;
  var ZEROS16 = /* @__PURE__ */ new Uint8Array(16);
  var ZEROS32 = /* @__PURE__ */ u32(ZEROS16);
  var POLY = 225;
  var mul2 = (s0, s1, s2, s3) => {
    const hiBit = s3 & 1;
    return {
      s3: s2 << 31 | s3 >>> 1,
      s2: s1 << 31 | s2 >>> 1,
      s1: s0 << 31 | s1 >>> 1,
      // NIST SP 800-38D \u00a76.3 applies `V >> 1` and XORs R on carry. In this
      // 4x32-bit split, R = 0xe1 || 0^120 lives in the top byte of s0.
      s0: s0 >>> 1 ^ POLY << 24 & -(hiBit & 1)
      // reduce % poly
    };
  };
  var swapLE = (n) => (n >>> 0 & 255) << 24 | (n >>> 8 & 255) << 16 | (n >>> 16 & 255) << 8 | n >>> 24 & 255 | 0;
  var estimateWindow = (bytes) => {
    if (bytes > 64 * 1024)
      return 8;
    if (bytes > 1024)
      return 4;
    return 2;
  };
  var GHASH = class {
    blockLen = BLOCK_SIZE;
    outputLen = BLOCK_SIZE;
    s0 = 0;
    s1 = 0;
    s2 = 0;
    s3 = 0;
    finished = false;
    destroyed = false;
    t;
    W;
    windowSize;
    // We select bits per window adaptively based on expectedLength
    constructor(key, expectedLength) {
      abytes2(key, 16, "key");
      key = copyBytes(key);
      const kView = createView2(key);
      let k0 = kView.getUint32(0, false);
      let k1 = kView.getUint32(4, false);
      let k2 = kView.getUint32(8, false);
      let k3 = kView.getUint32(12, false);
      const doubles = [];
      for (let i = 0; i < 128; i++) {
        doubles.push({ s0: swapLE(k0), s1: swapLE(k1), s2: swapLE(k2), s3: swapLE(k3) });
        ({ s0: k0, s1: k1, s2: k2, s3: k3 } = mul2(k0, k1, k2, k3));
      }
      const W = estimateWindow(expectedLength || 1024);
      if (![1, 2, 4, 8].includes(W))
        throw new CapturedError("ghash: invalid window size, expected 2, 4 or 8");
      this.W = W;
      const bits = 128;
      const windows = bits / W;
      const windowSize = this.windowSize = 2 ** W;
      const items = [];
      for (let w = 0; w < windows; w++) {
        for (let byte = 0; byte < windowSize; byte++) {
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let j = 0; j < W; j++) {
            const bit = byte >>> W - j - 1 & 1;
            if (!bit)
              continue;
            const { s0: d0, s1: d1, s2: d2, s3: d3 } = doubles[W * w + j];
            s0 ^= d0, s1 ^= d1, s2 ^= d2, s3 ^= d3;
          }
          items.push({ s0, s1, s2, s3 });
        }
      }
      this.t = items;
    }
    _updateBlock(s0, s1, s2, s3) {
      s0 ^= this.s0, s1 ^= this.s1, s2 ^= this.s2, s3 ^= this.s3;
      const { W, t, windowSize } = this;
      let o0 = 0, o1 = 0, o2 = 0, o3 = 0;
      const mask = (1 << W) - 1;
      let w = 0;
      for (const num of [s0, s1, s2, s3]) {
        for (let bytePos = 0; bytePos < 4; bytePos++) {
          const byte = num >>> 8 * bytePos & 255;
          for (let bitPos = 8 / W - 1; bitPos >= 0; bitPos--) {
            const bit = byte >>> W * bitPos & mask;
            const { s0: e0, s1: e1, s2: e2, s3: e3 } = t[w * windowSize + bit];
            o0 ^= e0, o1 ^= e1, o2 ^= e2, o3 ^= e3;
            w += 1;
          }
        }
      }
      this.s0 = o0;
      this.s1 = o1;
      this.s2 = o2;
      this.s3 = o3;
    }
    update(data) {
      aexists2(this);
      abytes2(data);
      data = copyBytes(data);
      const b32 = u32(data);
      const blocks = CapturedMath.floor(data.length / BLOCK_SIZE);
      const left = data.length % BLOCK_SIZE;
      for (let i = 0; i < blocks; i++) {
        this._updateBlock(swap8IfBE(b32[i * 4 + 0]), swap8IfBE(b32[i * 4 + 1]), swap8IfBE(b32[i * 4 + 2]), swap8IfBE(b32[i * 4 + 3]));
      }
      if (left) {
        ZEROS16.set(data.subarray(blocks * BLOCK_SIZE));
        this._updateBlock(swap8IfBE(ZEROS32[0]), swap8IfBE(ZEROS32[1]), swap8IfBE(ZEROS32[2]), swap8IfBE(ZEROS32[3]));
        clean2(ZEROS32);
      }
      return this;
    }
    destroy() {
      this.destroyed = true;
      const { t } = this;
      for (const elm of t) {
        elm.s0 = 0, elm.s1 = 0, elm.s2 = 0, elm.s3 = 0;
      }
    }
    digestInto(out) {
      aexists2(this);
      aoutput32(out, this);
      this.finished = true;
      const { s0, s1, s2, s3 } = this;
      const o32 = u32(out);
      o32[0] = s0;
      o32[1] = s1;
      o32[2] = s2;
      o32[3] = s3;
      if (!isLE)
        swap32IfBE(o32.subarray(0, BLOCK_SIZE / 4));
    }
    digest() {
      const res = new Uint8Array(BLOCK_SIZE);
      this.digestInto(res);
      this.destroy();
      return res;
    }
  };

  // node_modules/@noble/ciphers/aes.js
  var BLOCK_SIZE2 = 16;
  var BLOCK_SIZE32 = 4;
  var EMPTY_BLOCK = /* @__PURE__ */ new Uint8Array(BLOCK_SIZE2);
  var ONE_BLOCK = /* @__PURE__ */ Uint8Array.from([
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    1
  ]);
  var POLY2 = 283;
  function validateKeyLength(key) {
    if (![16, 24, 32].includes(key.length))
      throw new CapturedError('"aes key" expected Uint8Array of length 16/24/32, got length=' + key.length);
  }
  function mul22(n) {
    return n << 1 ^ POLY2 & -(n >> 7);
  }
  function mul(a, b) {
    let res = 0;
    for (; b > 0; b >>= 1) {
      res ^= a & -(b & 1);
      a = mul22(a);
    }
    return res;
  }
  var sbox = /* @__PURE__ */ (() => {
    const t = new Uint8Array(256);
    for (let i = 0, x = 1; i < 256; i++, x ^= mul22(x))
      t[i] = x;
    const box = new Uint8Array(256);
    box[0] = 99;
    for (let i = 0; i < 255; i++) {
      let x = t[255 - i];
      x |= x << 8;
      box[t[i]] = (x ^ x >> 4 ^ x >> 5 ^ x >> 6 ^ x >> 7 ^ 99) & 255;
    }
    clean2(t);
    return box;
  })();
  var invSbox = /* @__PURE__ */ sbox.map((_, j) => sbox.indexOf(j));
  var rotr32_8 = (n) => n << 24 | n >>> 8;
  var rotl32_8 = (n) => n << 8 | n >>> 24;
  function genTtable(sbox2, fn) {
    if (sbox2.length !== 256)
      throw new CapturedError("wrong sbox length");
    const T0 = new CapturedUint32Array(256).map((_, j) => fn(sbox2[j]));
    const T1 = T0.map(rotl32_8);
    const T2 = T1.map(rotl32_8);
    const T3 = T2.map(rotl32_8);
    const T01 = new CapturedUint32Array(256 * 256);
    const T23 = new CapturedUint32Array(256 * 256);
    const sbox22 = new Uint16Array(256 * 256);
    for (let i = 0; i < 256; i++) {
      for (let j = 0; j < 256; j++) {
        const idx = i * 256 + j;
        T01[idx] = T0[i] ^ T1[j];
        T23[idx] = T2[i] ^ T3[j];
        sbox22[idx] = sbox2[i] << 8 | sbox2[j];
      }
    }
    return { sbox: sbox2, sbox2: sbox22, T0, T1, T2, T3, T01, T23 };
  }
  var tableEncoding = /* @__PURE__ */ genTtable(sbox, (s) => mul(s, 3) << 24 | s << 16 | s << 8 | mul(s, 2));
  var tableDecoding = /* @__PURE__ */ genTtable(invSbox, (s) => mul(s, 11) << 24 | mul(s, 13) << 16 | mul(s, 9) << 8 | mul(s, 14));
  var xPowers = /* @__PURE__ */ (() => {
    const p = new Uint8Array(16);
    for (let i = 0, x = 1; i < 16; i++, x = mul22(x))
      p[i] = x;
    return p;
  })();
  function expandKeyLE(key) {
    abytes2(key);
    const len = key.length;
    validateKeyLength(key);
    const { sbox2 } = tableEncoding;
    const toClean = [];
    if (!isLE || !isAligned32(key))
      toClean.push(key = copyBytes(key));
    const k32 = swap32IfBE(u32(key));
    const Nk = k32.length;
    const subByte = (n) => applySbox(sbox2, n, n, n, n);
    const xk = new CapturedUint32Array(len + 28);
    xk.set(k32);
    for (let i = Nk; i < xk.length; i++) {
      let t = xk[i - 1];
      if (i % Nk === 0)
        t = subByte(rotr32_8(t)) ^ xPowers[i / Nk - 1];
      else if (Nk > 6 && i % Nk === 4)
        t = subByte(t);
      xk[i] = xk[i - Nk] ^ t;
    }
    clean2(...toClean);
    return xk;
  }
  function expandKeyDecLE(key) {
    const encKey = expandKeyLE(key);
    const xk = encKey.slice();
    const Nk = encKey.length;
    const { sbox2 } = tableEncoding;
    const { T0, T1, T2, T3 } = tableDecoding;
    for (let i = 0; i < Nk; i += 4) {
      for (let j = 0; j < 4; j++)
        xk[i + j] = encKey[Nk - i - 4 + j];
    }
    clean2(encKey);
    for (let i = 4; i < Nk - 4; i++) {
      const x = xk[i];
      const w = applySbox(sbox2, x, x, x, x);
      xk[i] = T0[w & 255] ^ T1[w >>> 8 & 255] ^ T2[w >>> 16 & 255] ^ T3[w >>> 24];
    }
    return xk;
  }
  function apply0123(T01, T23, s0, s1, s2, s3) {
    return T01[s0 << 8 & 65280 | s1 >>> 8 & 255] ^ T23[s2 >>> 8 & 65280 | s3 >>> 24 & 255];
  }
  function applySbox(sbox2, s0, s1, s2, s3) {
    return sbox2[s0 & 255 | s1 & 65280] | sbox2[s2 >>> 16 & 255 | s3 >>> 16 & 65280] << 16;
  }
  function encrypt(xk, s0, s1, s2, s3) {
    const { sbox2, T01, T23 } = tableEncoding;
    let k = 0;
    s0 ^= xk[k++], s1 ^= xk[k++], s2 ^= xk[k++], s3 ^= xk[k++];
    const rounds = xk.length / 4 - 2;
    for (let i = 0; i < rounds; i++) {
      const t02 = xk[k++] ^ apply0123(T01, T23, s0, s1, s2, s3);
      const t12 = xk[k++] ^ apply0123(T01, T23, s1, s2, s3, s0);
      const t22 = xk[k++] ^ apply0123(T01, T23, s2, s3, s0, s1);
      const t32 = xk[k++] ^ apply0123(T01, T23, s3, s0, s1, s2);
      s0 = t02, s1 = t12, s2 = t22, s3 = t32;
    }
    const t0 = xk[k++] ^ applySbox(sbox2, s0, s1, s2, s3);
    const t1 = xk[k++] ^ applySbox(sbox2, s1, s2, s3, s0);
    const t2 = xk[k++] ^ applySbox(sbox2, s2, s3, s0, s1);
    const t3 = xk[k++] ^ applySbox(sbox2, s3, s0, s1, s2);
    return { s0: t0, s1: t1, s2: t2, s3: t3 };
  }
  function decrypt(xk, s0, s1, s2, s3) {
    const { sbox2, T01, T23 } = tableDecoding;
    let k = 0;
    s0 ^= xk[k++], s1 ^= xk[k++], s2 ^= xk[k++], s3 ^= xk[k++];
    const rounds = xk.length / 4 - 2;
    for (let i = 0; i < rounds; i++) {
      const t02 = xk[k++] ^ apply0123(T01, T23, s0, s3, s2, s1);
      const t12 = xk[k++] ^ apply0123(T01, T23, s1, s0, s3, s2);
      const t22 = xk[k++] ^ apply0123(T01, T23, s2, s1, s0, s3);
      const t32 = xk[k++] ^ apply0123(T01, T23, s3, s2, s1, s0);
      s0 = t02, s1 = t12, s2 = t22, s3 = t32;
    }
    const t0 = xk[k++] ^ applySbox(sbox2, s0, s3, s2, s1);
    const t1 = xk[k++] ^ applySbox(sbox2, s1, s0, s3, s2);
    const t2 = xk[k++] ^ applySbox(sbox2, s2, s1, s0, s3);
    const t3 = xk[k++] ^ applySbox(sbox2, s3, s2, s1, s0);
    return { s0: t0, s1: t1, s2: t2, s3: t3 };
  }
  function ctrCounter(xk, nonce, src, dst) {
    abytes2(nonce, BLOCK_SIZE2, "nonce");
    abytes2(src);
    const srcLen = src.length;
    dst = getOutput(srcLen, dst);
    complexOverlapBytes(src, dst);
    const ctr = nonce;
    const c32 = u32(ctr);
    const src32 = u32(src);
    const dst32 = u32(dst);
    for (let i = 0; i + 4 <= src32.length; i += 4) {
      const { s0, s1, s2, s3 } = encrypt(xk, swap8IfBE(c32[0]), swap8IfBE(c32[1]), swap8IfBE(c32[2]), swap8IfBE(c32[3]));
      dst32[i + 0] = src32[i + 0] ^ swap8IfBE(s0);
      dst32[i + 1] = src32[i + 1] ^ swap8IfBE(s1);
      dst32[i + 2] = src32[i + 2] ^ swap8IfBE(s2);
      dst32[i + 3] = src32[i + 3] ^ swap8IfBE(s3);
      for (let j = BLOCK_SIZE2 - 1, carry = 1; j >= 0; j--) {
        carry = carry + ctr[j] | 0;
        ctr[j] = carry & 255;
        carry >>>= 8;
      }
    }
    const start = BLOCK_SIZE2 * CapturedMath.floor(src32.length / BLOCK_SIZE32);
    if (start < srcLen) {
      const { s0, s1, s2, s3 } = encrypt(xk, swap8IfBE(c32[0]), swap8IfBE(c32[1]), swap8IfBE(c32[2]), swap8IfBE(c32[3]));
      const b32 = new CapturedUint32Array([s0, s1, s2, s3]);
      swap32IfBE(b32);
      const buf = u8(b32);
      for (let i = start, pos = 0; i < srcLen; i++, pos++)
        dst[i] = src[i] ^ buf[pos];
      clean2(b32);
    }
    return dst;
  }
  function ctr32(xk, isLE2, nonce, src, dst) {
    abytes2(nonce, BLOCK_SIZE2, "nonce");
    abytes2(src);
    dst = getOutput(src.length, dst);
    const ctr = nonce;
    const c32 = u32(ctr);
    const view2 = createView2(ctr);
    const src32 = u32(src);
    const dst32 = u32(dst);
    const ctrPos = isLE2 ? 0 : 12;
    const srcLen = src.length;
    let ctrNum = view2.getUint32(ctrPos, isLE2);
    for (let i = 0; i + 4 <= src32.length; i += 4) {
      const { s0, s1, s2, s3 } = encrypt(xk, swap8IfBE(c32[0]), swap8IfBE(c32[1]), swap8IfBE(c32[2]), swap8IfBE(c32[3]));
      dst32[i + 0] = src32[i + 0] ^ swap8IfBE(s0);
      dst32[i + 1] = src32[i + 1] ^ swap8IfBE(s1);
      dst32[i + 2] = src32[i + 2] ^ swap8IfBE(s2);
      dst32[i + 3] = src32[i + 3] ^ swap8IfBE(s3);
      ctrNum = ctrNum + 1 >>> 0;
      view2.setUint32(ctrPos, ctrNum, isLE2);
    }
    const start = BLOCK_SIZE2 * CapturedMath.floor(src32.length / BLOCK_SIZE32);
    if (start < srcLen) {
      const { s0, s1, s2, s3 } = encrypt(xk, swap8IfBE(c32[0]), swap8IfBE(c32[1]), swap8IfBE(c32[2]), swap8IfBE(c32[3]));
      const b32 = new CapturedUint32Array([s0, s1, s2, s3]);
      swap32IfBE(b32);
      const buf = u8(b32);
      for (let i = start, pos = 0; i < srcLen; i++, pos++)
        dst[i] = src[i] ^ buf[pos];
      clean2(b32);
    }
    return dst;
  }
  function isBytes32(a) {
    return a instanceof CapturedUint32Array || CapturedArrayBuffer.isView(a) && a.constructor.name === "Uint32Array";
  }
  function encryptBlock(xk, block) {
    abytes2(block, 16, "block");
    if (!isBytes32(xk))
      throw new CapturedError("_encryptBlock accepts result of expandKeyLE");
    const b32 = u32(block);
    swap32IfBE(b32);
    let { s0, s1, s2, s3 } = encrypt(xk, b32[0], b32[1], b32[2], b32[3]);
    b32[0] = s0, b32[1] = s1, b32[2] = s2, b32[3] = s3;
    swap32IfBE(b32);
    return block;
  }
  function decryptBlock(xk, block) {
    abytes2(block, 16, "block");
    if (!isBytes32(xk))
      throw new CapturedError("_decryptBlock accepts result of expandKeyLE");
    const b32 = u32(block);
    swap32IfBE(b32);
    let { s0, s1, s2, s3 } = decrypt(xk, b32[0], b32[1], b32[2], b32[3]);
    b32[0] = s0, b32[1] = s1, b32[2] = s2, b32[3] = s3;
    swap32IfBE(b32);
    return block;
  }
  function dbl(block) {
    let carry = 0;
    for (let i = BLOCK_SIZE2 - 1; i >= 0; i--) {
      const newCarry = (block[i] & 128) >>> 7;
      block[i] = block[i] << 1 | carry;
      carry = newCarry;
    }
    block[BLOCK_SIZE2 - 1] ^= 135 & -carry;
    return block;
  }
  function xorBlock(a, b) {
    if (a.length !== b.length)
      throw new CapturedError("xorBlock: blocks must have same length");
    for (let i = 0; i < a.length; i++) {
      a[i] = a[i] ^ b[i];
    }
    return a;
  }
  function xorend(a, b) {
    if (b.length > a.length) {
      throw new CapturedError("xorend: expected len(B) <= len(A)");
    }
    const offset = a.length - b.length;
    for (let i = 0; i < b.length; i++) {
      a[offset + i] = a[offset + i] ^ b[i];
    }
    return a;
  }
  var _CMAC = class {
    blockLen = BLOCK_SIZE2;
    outputLen = BLOCK_SIZE2;
    // CMAC can only decide between `K1` and `K2` once the true final block is known,
    // so updates process older blocks eagerly but keep one pending block buffered.
    buffer;
    pos;
    finished;
    destroyed;
    k1;
    k2;
    x;
    x32;
    xk;
    constructor(key) {
      abytes2(key);
      validateKeyLength(key);
      this.xk = expandKeyLE(key);
      this.buffer = new Uint8Array(BLOCK_SIZE2);
      this.pos = 0;
      this.finished = false;
      this.destroyed = false;
      this.x = new Uint8Array(BLOCK_SIZE2);
      this.x32 = u32(this.x);
      const L = new Uint8Array(BLOCK_SIZE2);
      encryptBlock(this.xk, L);
      this.k1 = dbl(L);
      this.k2 = dbl(new Uint8Array(this.k1));
    }
    // Consumes 16 bytes of `data` starting at `pos`; `pos` avoids a per-block
    // subarray view allocation in update().
    process(data, pos) {
      const { x, x32, xk } = this;
      for (let i = 0; i < BLOCK_SIZE2; i++)
        x[i] ^= data[pos + i];
      swap32IfBE(x32);
      const { s0, s1, s2, s3 } = encrypt(xk, x32[0], x32[1], x32[2], x32[3]);
      x32[0] = s0, x32[1] = s1, x32[2] = s2, x32[3] = s3;
      swap32IfBE(x32);
    }
    update(data) {
      aexists2(this);
      abytes2(data);
      let pos = 0;
      if (this.pos) {
        const take = CapturedMath.min(BLOCK_SIZE2 - this.pos, data.length);
        this.buffer.set(data.subarray(0, take), this.pos);
        this.pos += take;
        pos = take;
        if (this.pos === BLOCK_SIZE2 && pos < data.length) {
          this.process(this.buffer, 0);
          this.pos = 0;
        }
      }
      while (pos + BLOCK_SIZE2 < data.length) {
        this.process(data, pos);
        pos += BLOCK_SIZE2;
      }
      if (pos < data.length) {
        this.buffer.set(data.subarray(pos), 0);
        this.pos = data.length - pos;
      }
      return this;
    }
    // See {@link https://www.rfc-editor.org/rfc/rfc4493.html#section-2.4 | RFC 4493 Section 2.4}.
    digestInto(out) {
      aexists2(this);
      aoutput32(out, this);
      this.finished = true;
      const view2 = out.subarray(0, this.outputLen);
      let last = new Uint8Array(BLOCK_SIZE2);
      if (this.pos === BLOCK_SIZE2) {
        last.set(this.buffer);
        xorBlock(last, this.k1);
      } else {
        last.set(this.buffer.subarray(0, this.pos));
        last[this.pos] = 128;
        xorBlock(last, this.k2);
      }
      view2.set(this.x);
      xorBlock(view2, last);
      encryptBlock(this.xk, view2);
      clean2(last);
    }
    digest() {
      const { buffer, outputLen } = this;
      this.digestInto(buffer);
      const res = buffer.slice(0, outputLen);
      this.destroy();
      return res;
    }
    destroy() {
      const { buffer, destroyed, x, xk, k1, k2 } = this;
      if (destroyed)
        return;
      this.destroyed = true;
      clean2(buffer, x, xk, k1, k2);
    }
  };
  var cmac = /* @__PURE__ */ wrapMacConstructor(16, (key) => new _CMAC(key));
  function s2v(key, strings) {
    validateKeyLength(key);
    const len = strings.length;
    if (len > 127) {
      throw new CapturedError("s2v: expected <= 127 inputs");
    }
    if (len === 0)
      return cmac(ONE_BLOCK, key);
    let d = cmac(EMPTY_BLOCK, key);
    for (let i = 0; i < len - 1; i++) {
      dbl(d);
      const cmacResult = cmac(strings[i], key);
      xorBlock(d, cmacResult);
      clean2(cmacResult);
    }
    const s_n = strings[len - 1];
    abytes2(s_n);
    let t;
    if (s_n.byteLength >= BLOCK_SIZE2) {
      t = xorend(Uint8Array.from(s_n), d);
    } else {
      const paddedSn = new Uint8Array(BLOCK_SIZE2);
      paddedSn.set(s_n);
      paddedSn[s_n.length] = 128;
      t = xorBlock(dbl(d), paddedSn);
      clean2(paddedSn);
    }
    const result = cmac(t, key);
    clean2(d, t);
    return result;
  }
  var unsafe = /* @__PURE__ */ CapturedObject.freeze({
    expandKeyLE,
    expandKeyDecLE,
    encrypt,
    decrypt,
    encryptBlock,
    decryptBlock,
    ctrCounter,
    ctr32,
    dbl,
    xorBlock,
    xorend,
    s2v
  });

  // src/backends/gcm.js
  var { expandKeyLE: expandKeyLE2, ctr32: ctr322 } = unsafe;
  var EXPECTED_LENGTH = 2048;
  function aesGcm256(key) {
    const xk = expandKeyLE2(copy(key));
    const h = new CapturedUint8Array(16);
    ctr322(xk, false, new CapturedUint8Array(16), new CapturedUint8Array(16), h);
    const tables = new GHASH(h, EXPECTED_LENGTH);
    wipe(h);
    function start(nonce) {
      const counter = new CapturedUint8Array(16);
      put(counter, nonce, 0);
      counter[15] = 1;
      const mask = ctr322(xk, false, counter, new CapturedUint8Array(16));
      return { __proto__: null, counter, mask };
    }
    function tag(aad, ciphertext, mask) {
      const g = { __proto__: tables };
      g.update(aad);
      g.update(ciphertext);
      const lengths = new CapturedUint8Array(16);
      putU32(lengths, 0, length(aad) >>> 29);
      putU32(lengths, 4, length(aad) << 3 >>> 0);
      putU32(lengths, 8, length(ciphertext) >>> 29);
      putU32(lengths, 12, length(ciphertext) << 3 >>> 0);
      g.update(lengths);
      const out = new CapturedUint8Array(16);
      g.digestInto(out);
      for (let i = 0; i < 16; i++) {
        out[i] ^= mask[i];
      }
      return out;
    }
    return ObjectFreeze({
      __proto__: null,
      /** The ciphertext followed by the 16-byte tag. */
      encrypt(nonce, aad, payload) {
        const { counter, mask } = start(nonce);
        const n = length(payload);
        const out = new CapturedUint8Array(n + 16);
        const ciphertext = view(out, 0, n);
        ctr322(xk, false, counter, copy(payload), ciphertext);
        const t = tag(aad, ciphertext, mask);
        put(out, t, n);
        wipe(mask);
        return out;
      },
      /** The payload, or null when the tag does not verify (nothing is decrypted then). */
      decrypt(nonce, aad, body) {
        const n = length(body) - 16;
        if (n < 0) {
          return null;
        }
        const { counter, mask } = start(nonce);
        const ciphertext = copy(view(body, 0, n));
        const ok = equal(tag(aad, ciphertext, mask), view(body, n, n + 16));
        wipe(mask);
        if (!ok) {
          return null;
        }
        const out = new CapturedUint8Array(n);
        ctr322(xk, false, counter, ciphertext, out);
        return out;
      }
    });
  }

  // src/backends/fallback.js
  var mac = (key, a, b, c) => hmac.create(sha256, key).update(a).update(b).update(c).digest();
  function streamKeys(root, request) {
    const sd = sessionAndDirection(request.session, request.direction);
    const sealing = request.role === "seal";
    const encrypted = request.encrypted === true;
    const ctxKey = hkdf(sha256, root, HKDF_SALT, keyInfo("ctx", sd), 32);
    const key = hkdf(sha256, root, HKDF_SALT, keyInfo(encrypted ? "enc" : "mac", sd), 32);
    const cipher = encrypted ? aesGcm256(key) : null;
    const refuse = () => {
      throw new CapturedError("otpkit: this key " + (sealing ? "seals" : "opens") + " only");
    };
    return ObjectFreeze({
      __proto__: null,
      async: false,
      encrypted,
      role: request.role,
      check(ctx) {
        const mac2 = hmac(sha256, ctxKey, ctx);
        const check = copy(view(mac2, 0, 8));
        wipe(mac2);
        return check;
      },
      tag: sealing && !encrypted ? (header, context2, body) => mac(key, header, context2, body) : refuse,
      verify: !sealing && !encrypted ? (tag, header, context2, body) => equal(mac(key, header, context2, body), tag) : refuse,
      encrypt: sealing && encrypted ? (nonce, aad, payload) => cipher.encrypt(nonce, aad, payload) : refuse,
      decrypt: !sealing && encrypted ? (nonce, aad, body) => cipher.decrypt(nonce, aad, body) : refuse
    });
  }
  var fallbackBackend = ObjectFreeze({
    __proto__: null,
    name: "fallback",
    /** As webCryptoBackend's derive, synchronously. */
    derive(rootBytes, requests, names) {
      try {
        const out = { __proto__: null };
        for (let i = 0; i < names.length; i++) {
          out[names[i]] = streamKeys(rootBytes, requests[names[i]]);
        }
        return ObjectFreeze(out);
      } finally {
        wipe(rootBytes);
      }
    }
  });

  // src/backends/choose.js
  var NO_USABLE_CRYPTO = "otpkit: no usable crypto (needs WebCrypto in a secure context, or the bundled fallback)";
  function chooseBackend(host2, force, inProcess) {
    if (typeof host2.getRandomValues !== "function") {
      throw new CapturedError(NO_USABLE_CRYPTO);
    }
    if (force === "fallback") {
      return fallbackBackend;
    }
    if (host2.subtle !== void 0) {
      return webCryptoBackend(host2.subtle);
    }
    if (host2.isSecureContext === true || inProcess === true && host2.documentUrl === "about:blank") {
      return fallbackBackend;
    }
    throw new CapturedError(NO_USABLE_CRYPTO);
  }

  // src/replay-window.js
  var U64 = (n) => BigIntAsUintN(64, n);
  var rejected2 = (reason) => new CapturedError("rejected: " + reason);
  var LateNumbers = class {
    #max;
    #lo = new CapturedBigUint64Array(0);
    #hi = new CapturedBigUint64Array(0);
    #runs = 0;
    #count = 0;
    constructor(max) {
      this.#max = max;
    }
    /** Adds `n`, above every number held. */
    add(n) {
      if (this.#max === 0) {
        return;
      }
      const runs = this.#runs;
      if (runs > 0 && this.#hi[runs - 1] + 1n === n) {
        this.#hi[runs - 1] = n;
      } else {
        if (runs === TypedArrayPrototypeGetLength(this.#lo)) {
          this.#grow(runs < 2 ? 4 : runs * 2);
        }
        this.#lo[runs] = n;
        this.#hi[runs] = n;
        this.#runs = runs + 1;
      }
      if (++this.#count > this.#max) {
        this.#count--;
        if (this.#lo[0] === this.#hi[0]) {
          this.#removeRun(0);
        } else {
          this.#lo[0]++;
        }
      }
    }
    /** Removes `n` if held; true if it was. */
    take(n) {
      let low = 0;
      let high = this.#runs - 1;
      while (low <= high) {
        const mid = low + high >>> 1;
        if (this.#hi[mid] < n) {
          low = mid + 1;
        } else if (this.#lo[mid] > n) {
          high = mid - 1;
        } else {
          this.#remove(mid, n);
          this.#count--;
          return true;
        }
      }
      return false;
    }
    /** Numbers held. */
    get size() {
      return this.#count;
    }
    /** Runs held. */
    get runs() {
      return this.#runs;
    }
    #remove(run, n) {
      const lo = this.#lo;
      const hi = this.#hi;
      if (lo[run] === n && hi[run] === n) {
        this.#removeRun(run);
      } else if (lo[run] === n) {
        lo[run]++;
      } else if (hi[run] === n) {
        hi[run]--;
      } else {
        if (this.#runs === TypedArrayPrototypeGetLength(lo)) {
          this.#grow(this.#runs * 2);
        }
        const l = this.#lo;
        const h = this.#hi;
        for (let i = this.#runs; i > run + 1; i--) {
          l[i] = l[i - 1];
          h[i] = h[i - 1];
        }
        h[run + 1] = h[run];
        l[run + 1] = n + 1n;
        h[run] = n - 1n;
        this.#runs++;
      }
    }
    #removeRun(run) {
      const lo = this.#lo;
      const hi = this.#hi;
      for (let i = run; i < this.#runs - 1; i++) {
        lo[i] = lo[i + 1];
        hi[i] = hi[i + 1];
      }
      this.#runs--;
    }
    #grow(capacity) {
      const lo = new CapturedBigUint64Array(capacity);
      const hi = new CapturedBigUint64Array(capacity);
      TypedArrayPrototypeSet(lo, this.#lo, 0);
      TypedArrayPrototypeSet(hi, this.#hi, 0);
      this.#lo = lo;
      this.#hi = hi;
    }
  };
  var ReplayWindow = class {
    #bits;
    #size;
    #sizeN;
    #late;
    #top = 0n;
    #any = false;
    constructor(size, maxLate) {
      if (!(size >= 64 && size <= 65536 && (size & size - 1) === 0)) {
        throw new CapturedError("otpkit: window must be a power of two in [64, 65536] bits, got " + size);
      }
      if (!(maxLate >= 0 && maxLate <= 65536 && maxLate === (maxLate | 0))) {
        throw new CapturedError("otpkit: maxLate must be in [0, 65536], got " + maxLate);
      }
      this.#size = CapturedBigInt(size);
      this.#sizeN = size;
      this.#bits = new CapturedUint32Array(size / 32);
      this.#late = new LateNumbers(maxLate);
    }
    accept(seq) {
      if (!this.#any) {
        this.#any = true;
        this.#top = seq;
        this.#set(seq);
        return;
      }
      const top = this.#top;
      if (seq > top) {
        this.#advanceTo(seq);
        this.#set(seq);
        return;
      }
      if (top - seq >= this.#size) {
        if (this.#late.take(seq)) {
          return;
        }
        throw rejected2("out-of-window");
      }
      if (this.#get(seq)) {
        throw rejected2("replayed");
      }
      this.#set(seq);
    }
    /** The late numbers (for tests). */
    get late() {
      return this.#late;
    }
    // Every number leaving the window, from top - size + 1 up to min(top, seq - size), is recorded
    // as late unless it was accepted, and its slot is cleared for the number that now takes it.
    // Numbers "below 0" near the start of the number space never existed: nothing to record.
    #advanceTo(seq) {
      const top = this.#top;
      const size = this.#size;
      const distance = seq - top;
      const steps = distance >= size ? this.#sizeN : CapturedNumber(distance);
      for (let i = 1; i <= steps; i++) {
        const step = CapturedBigInt(i);
        const leaving = U64(top - size + step);
        if (!this.#get(leaving) && top >= size - step) {
          this.#late.add(leaving);
        }
        this.#clear(leaving);
      }
      this.#top = seq;
    }
    #slot(seq) {
      return CapturedNumber(seq & this.#size - 1n);
    }
    #get(seq) {
      const i = this.#slot(seq);
      return (this.#bits[i >>> 5] & 1 << (i & 31)) !== 0;
    }
    #set(seq) {
      const i = this.#slot(seq);
      this.#bits[i >>> 5] |= 1 << (i & 31);
    }
    #clear(seq) {
      const i = this.#slot(seq);
      this.#bits[i >>> 5] &= ~(1 << (i & 31));
    }
  };

  // src/client.js
  var typedArrayTag2 = uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);
  var isUint8Array = (value) => typedArrayTag2(value) === "Uint8Array";
  var badConfig = (what) => new CapturedError("otpkit: bad config: " + what);
  function isAlias(value) {
    if (typeof value !== "string" || value.length !== 18 || value[0] !== "c" || value[1] !== "_") {
      return false;
    }
    for (let i = 2; i < 18; i++) {
      const c = StringPrototypeCharCodeAt(value, i);
      const ok = c >= 65 && c <= 90 || c >= 97 && c <= 122 || c >= 48 && c <= 57 || c === 45 || c === 95;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
  function readConfig(config2) {
    if (config2 === null || typeof config2 !== "object") {
      throw badConfig("none (the placeholder was not replaced)");
    }
    const { session, keyId, root, encrypted, aliases, oneShot, maxAgeMillis, maxSkewMillis, maxPayloadBytes, windowBits } = config2;
    nameBytes("session id", session);
    if (!(NumberIsSafeInteger(keyId) && keyId >= 0 && keyId <= 4294967295)) {
      throw badConfig("keyId must be a u32");
    }
    const rootBytes = typeof root === "string" ? fromBase64Url(root) : void 0;
    if (rootBytes === void 0 || length(rootBytes) !== 32) {
      throw badConfig("root must be 32 bytes in base64url");
    }
    if (typeof encrypted !== "boolean" || typeof oneShot !== "boolean") {
      throw badConfig("encrypted and oneShot are booleans");
    }
    if (!ArrayIsArray(aliases)) {
      throw badConfig("aliases must be [command, alias] pairs");
    }
    const table = new CapturedMap();
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
      windowBits
    };
  }
  function createClient(config2, env) {
    const c = readConfig(config2);
    const { backend, random, now } = env;
    const documentIdBytes = new CapturedUint8Array(16);
    random(documentIdBytes);
    const documentId = toBase64Url(documentIdBytes);
    const documentSessionBytes = documentSession(c.session, documentId);
    const window = new ReplayWindow(c.windowBits, c.windowBits);
    const keyId = c.keyId;
    const aliases = c.aliases;
    const maxPayloadBytes = c.maxPayloadBytes;
    let up;
    let down;
    const opener = createOpener({
      keyFor: (id) => id === keyId ? down : void 0,
      encrypted: c.encrypted,
      now,
      maxAgeMillis: c.maxAgeMillis,
      maxSkewMillis: c.maxSkewMillis,
      maxPayloadBytes,
      guard: (sequence) => window.accept(sequence)
    });
    const started = now();
    if (!(NumberIsSafeInteger(started) && started >= 0 && started <= MAX_ISSUED_AT)) {
      throw new CapturedError("otpkit: the clock reads " + started + ", outside the valid issue times");
    }
    let nextSequence = (CapturedBigInt(started) + 1n) * 2048n;
    const requests = {
      __proto__: null,
      up: { __proto__: null, session: documentSessionBytes, direction: UP, role: "seal", encrypted: c.encrypted },
      down: { __proto__: null, session: documentSessionBytes, direction: DOWN, role: "open", encrypted: c.encrypted }
    };
    const names = ["up", "down"];
    const keysReady = pinned(
      (async () => {
        const derived = backend.derive(c.rootBytes, requests, names);
        const streams = backend.name === "webcrypto" ? await pinned(derived) : derived;
        up = createStream(streams.up, documentSessionBytes, UP);
        down = createStream(streams.down, documentSessionBytes, DOWN);
      })()
    );
    const aliasOf = (command) => {
      if (typeof command !== "string") {
        throw new CapturedTypeError("otpkit: a command is a string");
      }
      const alias = MapPrototypeGet(aliases, command);
      if (alias === void 0) {
        throw new CapturedError("otpkit: command not allowed: " + command);
      }
      return alias;
    };
    const setNextAlias = (command, next) => {
      aliasOf(command);
      if (!isAlias(next)) {
        throw new CapturedError("otpkit: not an alias");
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
        throw new CapturedTypeError("otpkit: a payload is a string or a Uint8Array");
      }
      if (length(bytes) > maxPayloadBytes) {
        throw new CapturedError("otpkit: payload of " + length(bytes) + " bytes, at most " + maxPayloadBytes);
      }
      await keysReady;
      const salt = new CapturedUint8Array(SALT_BYTES);
      random(salt);
      const sequence = nextSequence;
      if (sequence > MAX_SEQUENCE) {
        throw new CapturedError("otpkit: this document has used up its sequence numbers");
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
        throw new CapturedError("rejected: malformed");
      }
      const envelope = reply.envelope;
      const next = reply.nextAlias;
      if (typeof envelope !== "string") {
        const error = reply.error;
        throw new CapturedError(typeof error === "string" ? error : "rejected: malformed");
      }
      const payload = await pinned(open(command, envelope));
      if (next !== void 0 && next !== null) {
        setNextAlias(command, next);
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
      receive
    });
  }
  function failedClient(config2, error) {
    const session = config2 !== null && typeof config2 === "object" && typeof config2.session === "string" ? config2.session : "";
    const ready = pinned(PromiseReject(error));
    PromisePrototypeThen(ready, void 0, () => {
    });
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
      receive: failAsync
    });
  }

  // src/transports/javafx.js
  var PROMPT_MESSAGE = "otpkit:bridge:v1";
  var DELIVER = "otpkitDeliver";
  var WAKE = "otpkit-wake";
  var MAX_PENDING = 64;
  function javafxTransport(client, prompt, target, listen, random) {
    if (typeof prompt !== "function") {
      throw new CapturedError("otpkit: this engine has no prompt(): the JavaFX transport cannot run");
    }
    const pending = new CapturedMap();
    const listeners = new CapturedMap();
    const idBytes = new CapturedUint32Array(2);
    function newId() {
      while (true) {
        random(idBytes);
        const id = (idBytes[0] & 2097151) * 4294967296 + idBytes[1];
        if (id !== 0 && MapPrototypeGet(pending, id) === void 0) {
          return id;
        }
      }
    }
    function send(request) {
      const answer = ReflectApply(prompt, target, [PROMPT_MESSAGE, JSONStringify(request)]);
      if (answer !== "") {
        throw new CapturedError(typeof answer === "string" && answer !== "" ? answer : "otpkit: the bridge did not answer");
      }
    }
    async function call(command, payload) {
      const sealed = await pinned(client.seal(command, payload));
      if (MapPrototypeGetSize(pending) >= MAX_PENDING) {
        throw new CapturedError("otpkit: " + MAX_PENDING + " calls are already waiting for their replies");
      }
      const id = newId();
      let settle;
      const reply = pinned(
        new CapturedPromise((resolve, reject) => {
          settle = { __proto__: null, command, resolve, reject };
        })
      );
      MapPrototypeSet(pending, id, settle);
      try {
        send({ __proto__: null, id, document: sealed.document, alias: sealed.alias, envelope: sealed.envelope });
      } catch (e) {
        MapPrototypeDelete(pending, id);
        throw e;
      }
      return await reply;
    }
    function on(channel, listener) {
      if (typeof channel !== "string") {
        throw new CapturedTypeError("otpkit: a channel is a string");
      }
      if (typeof listener !== "function") {
        throw new CapturedTypeError("otpkit: a listener is a function");
      }
      MapPrototypeSet(listeners, channel, listener);
    }
    function deliver(text) {
      if (typeof text !== "string") {
        return;
      }
      let message;
      try {
        message = JSONParse(text);
      } catch {
        return;
      }
      const member = (key) => ObjectHasOwn(message, key) ? message[key] : void 0;
      if (message === null || typeof message !== "object" || member("document") !== client.document) {
        return;
      }
      const id = member("id");
      if (NumberIsSafeInteger(id)) {
        const waiting = MapPrototypeGet(pending, id);
        if (waiting === void 0) {
          return;
        }
        MapPrototypeDelete(pending, id);
        const reply = { __proto__: null, envelope: member("envelope"), nextAlias: member("nextAlias"), error: member("error") };
        PromisePrototypeThen(pinned(client.receive(waiting.command, reply)), waiting.resolve, waiting.reject);
        return;
      }
      const channel = member("push");
      const envelope = member("envelope");
      if (typeof channel !== "string" || typeof envelope !== "string") {
        return;
      }
      const listener = MapPrototypeGet(listeners, channel);
      if (listener === void 0) {
        return;
      }
      PromisePrototypeThen(
        pinned(client.open(channel, envelope)),
        (payload) => ReflectApply(listener, void 0, [payload]),
        () => {
        }
        // a forged or replayed event: dropped
      );
    }
    if (listen !== void 0) {
      listen(WAKE, () => {
      });
    }
    ObjectDefineProperty(target, DELIVER, {
      __proto__: null,
      value: ObjectFreeze(deliver),
      enumerable: false,
      writable: false,
      configurable: false
    });
    return { __proto__: null, call, on };
  }

  // src/page.js
  var configured = config !== null && typeof config === "object";
  var transport = configured ? config.transport : void 0;
  var api;
  var failure;
  try {
    if (transport !== void 0 && transport !== "javafx") {
      throw new CapturedError("otpkit: bad config: unknown transport " + String(transport));
    }
    const inProcess = configured && config.delivery === "in-process";
    const backend = chooseBackend(host, void 0, inProcess);
    lockThenables(backend.name === "webcrypto" ? host.subtle.keyPrototype : void 0);
    if (backend.name === "fallback") {
      lockFallbackIntrinsics();
    }
    api = createClient(config, { backend, random: host.getRandomValues, now: DateNow });
    if (transport === "javafx") {
      const { call, on } = javafxTransport(api, host.prompt, globalThis, host.listen, host.getRandomValues);
      api = ObjectFreeze({ __proto__: null, ...api, call, on });
    }
  } catch (e) {
    failure = e;
    api = failedClient(config, e);
    if (transport === "javafx") {
      const fail = () => {
        throw e;
      };
      api = ObjectFreeze({ __proto__: null, ...api, call: async () => fail(), on: fail });
    }
  }
  if (ReflectGetOwnPropertyDescriptor(globalThis, "otpkit") !== void 0) {
    throw new CapturedError("otpkit: the bridge client is already installed in this document");
  }
  ObjectDefineProperty(globalThis, "otpkit", {
    __proto__: null,
    value: api,
    enumerable: false,
    writable: false,
    configurable: false
  });
  if (failure !== void 0) {
    throw failure;
  }
})();
/*! Bundled license information:

@noble/ciphers/utils.js:
  (*! noble-ciphers - MIT License (c) 2023 Paul Miller (paulmillr.com) *)
*/
