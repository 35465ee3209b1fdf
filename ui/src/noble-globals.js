// The globals the bundled @noble code names, as it sees them: build.mjs has esbuild replace its
// references to these global names with these bindings (esbuild `inject`), so that a page
// replacing `globalThis.Uint8Array` or `globalThis.Math` later changes nothing for it. They are
// the captured intrinsics themselves, except Uint8Array.
//
// Uint8Array is a stand-in that constructs real Uint8Arrays and makes `instanceof` work as before
// (its prototype is Uint8Array.prototype, and its Symbol.hasInstance is Function.prototype's,
// which no script can change). Its one difference is `from`, which @noble calls on every GHASH
// update (copyBytes): the engine's Uint8Array.from walks its source with the array iterator,
// whose `next` the fallback has to lock against page scripts (locks.js), and a locked iterator
// turns off V8's fast path: copying a typed array with the captured `set`, as `from` would, costs
// a memcpy instead (measured: AES-256-GCM seal + open of 1 KiB at 2.5 times the rate).

import {
  Uint8Array as RealUint8Array,
  Uint32Array,
  DataView,
  ArrayBuffer,
  Array,
  Object,
  Number,
  BigInt,
  Math,
  Error,
  TypeError,
  RangeError,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  TypedArrayPrototype,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeSet,
  SymbolToStringTag,
  uncurryThis,
} from "./intrinsics.js";

const typedArrayTag = uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);

function Uint8Array(a, b, c) {
  if (a === undefined) {
    return new RealUint8Array();
  }
  if (b === undefined) {
    return new RealUint8Array(a);
  }
  return c === undefined ? new RealUint8Array(a, b) : new RealUint8Array(a, b, c);
}
Uint8Array.prototype = RealUint8Array.prototype;
Uint8Array.from = (source) => {
  if (typedArrayTag(source) !== undefined) {
    const out = new RealUint8Array(TypedArrayPrototypeGetLength(source));
    TypedArrayPrototypeSet(out, source, 0);
    return out;
  }
  const n = source.length; // an array of constants, while the module loads
  const out = new RealUint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = source[i];
  }
  return out;
};
Uint8Array.of = (...items) => Uint8Array.from(items);
ObjectFreeze(Uint8Array);

export { Uint8Array, Uint32Array, DataView, ArrayBuffer, Array, Object, Number, BigInt, Math, Error, TypeError, RangeError };
