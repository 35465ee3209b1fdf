// AES-256-GCM (SP 800-38D with a 96-bit nonce and a 128-bit tag) on @noble/ciphers' own AES and
// GHASH. noble's gcm() expands the AES key and builds the GHASH tables anew for every message; a
// bridge seals and opens thousands of messages under one derived key, so this keeps both per key
// (the expanded key, and a GHASH instance whose tables each message's GHASH inherits as its
// prototype) and runs the mode itself: the same primitives, a third of the work per kilobyte.
// Checked against every Wycheproof AES-256-GCM case with a 96-bit nonce (test/gcm.test.mjs).

import { unsafe } from "@noble/ciphers/aes.js";
import { GHASH } from "@noble/ciphers/_polyval.js";
import { ObjectFreeze, Uint8Array } from "../intrinsics.js";
import { copy, equal, length, put, putU32, view, wipe } from "../bytes.js";

const { expandKeyLE, ctr32 } = unsafe;

/** Above 1024 bytes noble picks 4-bit windows: half the table lookups per block of 2-bit ones. */
const EXPECTED_LENGTH = 2048;

/** An AES-256-GCM cipher for one 32-byte key. */
export function aesGcm256(key) {
  const xk = expandKeyLE(copy(key));
  const h = new Uint8Array(16);
  ctr32(xk, false, new Uint8Array(16), new Uint8Array(16), h); // H = E_K(0^128)
  const tables = new GHASH(h, EXPECTED_LENGTH);
  wipe(h);

  /** The counter block after J0 = nonce || 0^31 || 1, and E_K(J0), the tag mask. */
  function start(nonce) {
    const counter = new Uint8Array(16);
    put(counter, nonce, 0);
    counter[15] = 1;
    const mask = ctr32(xk, false, counter, new Uint8Array(16)); // leaves counter at inc32(J0)
    return { __proto__: null, counter, mask };
  }

  /** GHASH_H(aad, ciphertext, lengths) xor mask. Never digest(): that would wipe the shared tables. */
  function tag(aad, ciphertext, mask) {
    const g = { __proto__: tables };
    g.update(aad);
    g.update(ciphertext);
    const lengths = new Uint8Array(16); // bit lengths, each below 2^33: u64 big-endian
    putU32(lengths, 0, length(aad) >>> 29);
    putU32(lengths, 4, (length(aad) << 3) >>> 0);
    putU32(lengths, 8, length(ciphertext) >>> 29);
    putU32(lengths, 12, (length(ciphertext) << 3) >>> 0);
    g.update(lengths);
    const out = new Uint8Array(16);
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
      const out = new Uint8Array(n + 16);
      const ciphertext = view(out, 0, n);
      ctr32(xk, false, counter, copy(payload), ciphertext); // copies are 4-byte aligned, as ctr32 needs
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
      const out = new Uint8Array(n);
      ctr32(xk, false, counter, ciphertext, out);
      return out;
    },
  });
}
