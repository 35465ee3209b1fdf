// The key material a hostile page must never see, for one document of a session, and a search
// for it in whatever a page's trap was handed. Used by page-worker.mjs, after the traps are
// disarmed; the functions it calls are taken when this module loads, before any patch.

import { createCipheriv, createHmac } from "node:crypto";
import { keysOf } from "./reference.mjs";

const H = {
  apply: Reflect.apply,
  ownKeys: Reflect.ownKeys,
  getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
  weakSetHas: WeakSet.prototype.has,
  weakSetAdd: WeakSet.prototype.add,
  setHas: Set.prototype.has,
  push: Array.prototype.push,
  isView: ArrayBuffer.isView,
  WeakSet,
  Uint8Array,
  CryptoKey: globalThis.CryptoKey,
  toHex: (bytes) => Buffer.from(bytes).toString("hex"),
};

const hmacPads = (key) => {
  const pad = Buffer.alloc(64);
  key.copy(pad);
  return [pad.map((b) => b ^ 0x36), pad.map((b) => b ^ 0x5c)];
};

/**
 * A search for the secrets of `document` of the session in `config`: R, HKDF's PRK of R, each
 * derived key of both directions, the HMAC keys' padded blocks (what HMAC feeds SHA-256) and
 * each GCM key's GHASH key. It reports a CryptoKey, the client's own key objects, or any 16
 * consecutive bytes of a secret, anywhere within five levels of own properties.
 */
export function secretsOf(config, document) {
  const root = Buffer.from(config.root, "base64url");
  const session = config.session + "." + document;
  const prk = createHmac("sha256", Buffer.from("otpkit-envelope-v1")).update(root).digest();
  const secrets = [root, prk, ...hmacPads(prk), ...hmacPads(root)];
  for (const dir of [1, 2]) {
    const k = keysOf(root, session, dir);
    const ghashKey = createCipheriv("aes-256-ecb", k.enc, null).update(Buffer.alloc(16));
    secrets.push(k.mac, k.enc, k.ctx, ghashKey, ...hmacPads(k.mac), ...hmacPads(k.ctx));
  }
  const windows = new Set();
  for (const s of secrets) {
    for (let i = 0; i + 16 <= s.length; i++) {
      windows.add(s.subarray(i, i + 16).toString("hex"));
    }
  }

  return function find(value, findings, seen = new H.WeakSet(), depth = 0) {
    if (value === null || (typeof value !== "object" && typeof value !== "function") || depth > 5 || value === globalThis) {
      return;
    }
    if (H.apply(H.weakSetHas, seen, [value])) {
      return;
    }
    H.apply(H.weakSetAdd, seen, [value]);
    if (H.CryptoKey !== undefined && value instanceof H.CryptoKey) {
      H.apply(H.push, findings, ["a CryptoKey"]);
      return;
    }
    let bytes;
    if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
      bytes = new H.Uint8Array(value);
    } else if (H.isView(value)) {
      bytes = new H.Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    }
    if (bytes !== undefined) {
      const hex = H.toHex(bytes);
      for (let i = 0; i + 32 <= hex.length; i += 2) {
        if (H.apply(H.setHas, windows, [hex.slice(i, i + 32)])) {
          H.apply(H.push, findings, ["secret bytes"]);
          return;
        }
      }
      return;
    }
    const keys = H.ownKeys(value);
    if (keys.includes("check") && keys.includes("role")) {
      H.apply(H.push, findings, ["the client's stream keys"]);
    }
    for (let i = 0; i < keys.length; i++) {
      const d = H.getOwnPropertyDescriptor(value, keys[i]);
      if (d !== undefined && "value" in d) {
        find(d.value, findings, seen, depth + 1);
      }
    }
  };
}
