// The WebCrypto backend: used wherever `crypto.subtle` works (a secure context in a browser
// engine). The root key R is imported non-extractable for deriveKey only, each document key is
// derived non-extractable with the one usage its role needs, and R is dropped:
//   sealing keys (UI to backend):  HMAC "sign" or AES-GCM "encrypt"
//   opening keys (backend to UI):  HMAC "verify" or AES-GCM "decrypt", so they cannot seal
//   context keys:                  HMAC "sign" (the context check is an HMAC the opener recomputes)
//
// Every dictionary handed to SubtleCrypto has a null prototype, so that a getter a page put on
// Object.prototype cannot supply a member that is missing (say, a shorter HMAC `length`), and
// every list of usages carries its own iterator, so that a page's Array.prototype[Symbol.iterator]
// cannot add a usage.

import { Uint8Array, Error, ObjectFreeze, SymbolIterator, pinned } from "../intrinsics.js";
import { copy, wipe } from "../bytes.js";
import { HKDF_SALT, keyInfo, sessionAndDirection } from "../envelope.js";

const HKDF = ObjectFreeze({ __proto__: null, name: "HKDF" });
const HMAC_KEY = ObjectFreeze({ __proto__: null, name: "HMAC", hash: "SHA-256", length: 256 });
const AES_KEY = ObjectFreeze({ __proto__: null, name: "AES-GCM", length: 256 });

/** A one-element sequence that WebIDL iterates without touching Array.prototype. */
function usages(usage) {
  return {
    __proto__: null,
    [SymbolIterator]() {
      let done = false;
      return {
        __proto__: null,
        next() {
          if (done) {
            return { __proto__: null, done: true, value: undefined };
          }
          done = true;
          return { __proto__: null, done: false, value: usage };
        },
      };
    },
  };
}

/** The WebCrypto backend over the captured SubtleCrypto methods (intrinsics.host.subtle). */
export function webCryptoBackend(subtle) {
  const hkdfParams = (purpose, sd) =>
    ObjectFreeze({ __proto__: null, name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: keyInfo(purpose, sd) });

  async function deriveOne(root, purpose, sd, type, usage) {
    const key = await pinned(subtle.deriveKey(hkdfParams(purpose, sd), root, type, false, usages(usage)));
    // what the engine made is what was asked for: one usage, not extractable
    const granted = subtle.keyUsages(key);
    if (granted.length !== 1 || granted[0] !== usage || subtle.keyExtractable(key) !== false) {
      throw new Error("otpkit: WebCrypto derived a key with other usages than " + usage);
    }
    return key;
  }

  async function streamKeys(root, request) {
    const sd = sessionAndDirection(request.session, request.direction);
    const sealing = request.role === "seal";
    const encrypted = request.encrypted === true;
    const ctxKey = await pinned(deriveOne(root, "ctx", sd, HMAC_KEY, "sign"));
    const key = encrypted
      ? await pinned(deriveOne(root, "enc", sd, AES_KEY, sealing ? "encrypt" : "decrypt"))
      : await pinned(deriveOne(root, "mac", sd, HMAC_KEY, sealing ? "sign" : "verify"));
    const refuse = () => {
      throw new Error("otpkit: this key " + (sealing ? "seals" : "opens") + " only");
    };
    const gcm = (nonce, aad) =>
      ObjectFreeze({ __proto__: null, name: "AES-GCM", iv: nonce, additionalData: aad, tagLength: 128 });
    return ObjectFreeze({
      __proto__: null,
      async: true,
      encrypted,
      role: request.role,
      async check(ctx) {
        const mac = await pinned(subtle.sign("HMAC", ctxKey, ctx));
        return copy(new Uint8Array(mac, 0, 8));
      },
      tag: sealing && !encrypted
        ? async (data) => new Uint8Array(await pinned(subtle.sign("HMAC", key, data)))
        : refuse,
      verify: !sealing && !encrypted
        ? (tag, data) => subtle.verify("HMAC", key, tag, data)
        : refuse,
      encrypt: sealing && encrypted
        ? async (nonce, aad, payload) => new Uint8Array(await pinned(subtle.encrypt(gcm(nonce, aad), key, payload)))
        : refuse,
      decrypt: !sealing && encrypted
        ? async (nonce, aad, body) => {
            let plain;
            try {
              plain = await pinned(subtle.decrypt(gcm(nonce, aad), key, body));
            } catch {
              return null; // OperationError: the tag does not verify
            }
            return new Uint8Array(plain);
          }
        : refuse,
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
        wipe(rootBytes); // importKey copies the bytes before it returns
      }
      root = await pinned(root);
      const out = { __proto__: null };
      for (let i = 0; i < names.length; i++) {
        out[names[i]] = await pinned(streamKeys(root, requests[names[i]]));
      }
      return ObjectFreeze(out);
    },
  });
}

