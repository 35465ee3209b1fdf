// The fallback backend, for engines without WebCrypto (JavaFX WebView has no crypto.subtle):
// the audited pure-JavaScript @noble/hashes (SHA-256, HMAC, HKDF) and @noble/ciphers
// (AES-256-GCM), bundled. Key bytes live only in this closure; the root key is wiped once the
// document's keys are derived. @noble looks some methods up on Uint8Array, DataView, Array and
// their prototypes when called; locks.js makes exactly those non-writable and non-configurable
// before a page script runs, so no later patch can observe or alter what it computes.

import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { gcm } from "@noble/ciphers/aes.js";
import { Error, ObjectFreeze } from "../intrinsics.js";
import { copy, equal, view, wipe } from "../bytes.js";
import { HKDF_SALT, keyInfo, sessionAndDirection } from "../envelope.js";

function streamKeys(root, request) {
  const sd = sessionAndDirection(request.session, request.direction);
  const sealing = request.role === "seal";
  const encrypted = request.encrypted === true;
  const ctxKey = hkdf(sha256, root, HKDF_SALT, keyInfo("ctx", sd), 32);
  const key = hkdf(sha256, root, HKDF_SALT, keyInfo(encrypted ? "enc" : "mac", sd), 32);
  const refuse = () => {
    throw new Error("otpkit: this key " + (sealing ? "seals" : "opens") + " only");
  };
  return ObjectFreeze({
    __proto__: null,
    async: false,
    encrypted,
    role: request.role,
    check(ctx) {
      const mac = hmac(sha256, ctxKey, ctx);
      const check = copy(view(mac, 0, 8));
      wipe(mac);
      return check;
    },
    tag: sealing && !encrypted ? (data) => hmac(sha256, key, data) : refuse,
    verify: !sealing && !encrypted ? (tag, data) => equal(hmac(sha256, key, data), tag) : refuse,
    encrypt: sealing && encrypted ? (nonce, aad, payload) => gcm(key, nonce, aad).encrypt(payload) : refuse,
    decrypt: !sealing && encrypted
      ? (nonce, aad, body) => {
          try {
            return gcm(key, nonce, aad).decrypt(body);
          } catch {
            return null; // the tag does not verify
          }
        }
      : refuse,
  });
}

export const fallbackBackend = ObjectFreeze({
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
  },
});
