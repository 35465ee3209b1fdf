// Byte helpers on captured intrinsics only: views, concatenation, constant-time comparison,
// big-endian integers, names as UTF-8, and the canonical base64url text form of SPEC.md.
//
// Base64url is written out here because the engine's atob/btoa are page-replaceable globals
// (and accept non-canonical text), Uint8Array.fromBase64 is not in every engine we run in, and
// none of the audited libraries we bundle offers it.

import {
  Uint8Array,
  Error,
  TypeError,
  BigInt,
  Number,
  BigIntAsUintN,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeSet,
  TypedArrayPrototypeFill,
  StringPrototypeCharCodeAt,
  encodeUtf8,
} from "./intrinsics.js";

export const length = TypedArrayPrototypeGetLength;

/** A view of `bytes[start, end)` sharing its memory (no species lookup, unlike subarray). */
export function view(bytes, start, end) {
  return new Uint8Array(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes) + start, end - start);
}

/** A copy of `bytes`. */
export function copy(bytes) {
  const out = new Uint8Array(length(bytes));
  TypedArrayPrototypeSet(out, bytes, 0);
  return out;
}

/** Writes `source` into `target` at `offset`. */
export function put(target, source, offset) {
  TypedArrayPrototypeSet(target, source, offset);
}

/** Zeroes `bytes`. */
export function wipe(bytes) {
  TypedArrayPrototypeFill(bytes, 0);
}

/** The concatenation of two or three byte arrays. */
export function concat(a, b, c) {
  const la = length(a);
  const lb = length(b);
  const out = new Uint8Array(la + lb + (c === undefined ? 0 : length(c)));
  TypedArrayPrototypeSet(out, a, 0);
  TypedArrayPrototypeSet(out, b, la);
  if (c !== undefined) {
    TypedArrayPrototypeSet(out, c, la + lb);
  }
  return out;
}

/** True if `a` and `b` hold the same bytes; the time depends on the lengths only. */
export function equal(a, b) {
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

export function getU32(bytes, at) {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

export function putU32(bytes, at, value) {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

/** The unsigned 64-bit big-endian integer at `at`, as a BigInt. */
export function getU64(bytes, at) {
  return (BigInt(getU32(bytes, at)) << 32n) | BigInt(getU32(bytes, at + 4));
}

/** Writes the low 64 bits of the BigInt `value`, big-endian. */
export function putU64(bytes, at, value) {
  const v = BigIntAsUintN(64, value);
  putU32(bytes, at, Number(v >> 32n));
  putU32(bytes, at + 4, Number(v & 0xffffffffn));
}

/**
 * Checks a session id or channel name (SPEC.md, "Context": 1 to 256 UTF-8 bytes) and returns its
 * UTF-8. A string with a lone surrogate is refused: it has no UTF-8 form, and the Java side would
 * encode it differently (as '?'), so its messages could never open.
 *
 * @throws TypeError if `name` is not a string; Error if it is empty, too long or not well formed
 */
export function nameBytes(what, name) {
  if (typeof name !== "string") {
    throw new TypeError("otpkit: " + what + " must be a string");
  }
  const n = name.length;
  for (let i = 0; i < n; i++) {
    const c = StringPrototypeCharCodeAt(name, i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? StringPrototypeCharCodeAt(name, i + 1) : 0;
      if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) {
        throw new Error("otpkit: " + what + " has a lone surrogate at " + i);
      }
      i++;
    }
  }
  const bytes = encodeUtf8(name);
  const size = length(bytes);
  if (size < 1 || size > 256) {
    throw new Error("otpkit: " + what + " must be 1 to 256 UTF-8 bytes, got " + size);
  }
  return bytes;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// character code -> 6-bit value, 255 for characters outside the alphabet
const DECODE = (() => {
  const table = new Uint8Array(128);
  TypedArrayPrototypeFill(table, 255);
  for (let i = 0; i < 64; i++) {
    table[StringPrototypeCharCodeAt(ALPHABET, i)] = i;
  }
  return table;
})();

/** Base64url without padding. */
export function toBase64Url(bytes) {
  const n = length(bytes);
  let out = "";
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[v >>> 18] + ALPHABET[(v >>> 12) & 63] + ALPHABET[(v >>> 6) & 63] + ALPHABET[v & 63];
  }
  if (n - i === 1) {
    const v = bytes[i];
    out += ALPHABET[v >>> 2] + ALPHABET[(v & 3) << 4];
  } else if (n - i === 2) {
    const v = (bytes[i] << 8) | bytes[i + 1];
    out += ALPHABET[v >>> 10] + ALPHABET[(v >>> 4) & 63] + ALPHABET[(v & 15) << 2];
  }
  return out;
}

/**
 * The bytes of canonical base64url text (SPEC.md, "Text form"): only `A-Z a-z 0-9 - _`, no
 * padding or white space, a length that is not 1 modulo 4, and zero unused low bits in the last
 * character. Returns undefined for anything else.
 */
export function fromBase64Url(text) {
  const n = text.length;
  if (n % 4 === 1) {
    return undefined;
  }
  const out = new Uint8Array(((n * 3) / 4) | 0);
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = StringPrototypeCharCodeAt(text, i);
    const v = c < 128 ? DECODE[c] : 255;
    if (v === 255) {
      return undefined;
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = acc >>> bits;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) {
    return undefined; // non-zero unused bits: a second text for the same bytes
  }
  return out;
}
