// The fallback backend, for engines without WebCrypto (JavaFX WebView has no crypto.subtle):
// the audited pure-JavaScript @noble/hashes (SHA-256, HMAC, HKDF) and @noble/ciphers
// (AES-256-GCM, composed in gcm.js from its AES and GHASH), bundled. Key bytes live only in this closure; the root key is wiped once the
// document's keys are derived. @noble looks some methods up on Uint8Array, DataView, Array and
// their prototypes when called; locks.js makes exactly those non-writable and non-configurable
// before a page script runs, so no later patch can observe or alter what it computes.

import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { aesGcm256 } from "./gcm.js";
import { Error, ObjectFreeze } from "../intrinsics.js";
import { copy, equal, view, wipe } from "../bytes.js";
import { HKDF_SALT, keyInfo, sessionAndDirection } from "../envelope.js";

/** HMAC-SHA256 of a || b || c, without concatenating them. */
const mac = (key, a, b, c) => hmac.create(sha256, key).update(a).update(b).update(c).digest();

function streamKeys(root, request) {
  const sd = sessionAndDirection(request.session, request.direction);
  const sealing = request.role === "seal";
  const encrypted = request.encrypted === true;
  const ctxKey = hkdf(sha256, root, HKDF_SALT, keyInfo("ctx", sd), 32);
  const key = hkdf(sha256, root, HKDF_SALT, keyInfo(encrypted ? "enc" : "mac", sd), 32);
  const cipher = encrypted ? aesGcm256(key) : null;
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
    tag: sealing && !encrypted ? (header, context, body) => mac(key, header, context, body) : refuse,
    verify: !sealing && !encrypted ? (tag, header, context, body) => equal(mac(key, header, context, body), tag) : refuse,
    encrypt: sealing && encrypted ? (nonce, aad, payload) => cipher.encrypt(nonce, aad, payload) : refuse,
    decrypt: !sealing && encrypted ? (nonce, aad, body) => cipher.decrypt(nonce, aad, body) : refuse,
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
