// A second, independent implementation of the envelope format (hashing/SPEC.md) on node:crypto,
// playing the backend in tests: it seals backend-to-UI envelopes for a document and opens what
// the client seals. It checks lengths, the context check and the tag, and reports the header
// fields; replay and clock checks are the Java side's and the client's business.

import { createHmac, createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

const SALT = Buffer.from("otpkit-envelope-v1", "ascii");
const u16 = (n) => Buffer.from([n >>> 8, n & 255]);
const name16 = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([u16(b.length), b]);
};
const hkdf = (key, info) => Buffer.from(hkdfSync("sha256", key, SALT, info, 32));
const hmac = (key, ...parts) => {
  const h = createHmac("sha256", key);
  parts.forEach((p) => h.update(p));
  return h.digest();
};

/** R = HKDF(M, S, "ui" || 0 || u16 len || session). */
export const uiRoot = (master, session) => hkdf(master, Buffer.concat([Buffer.from("ui\0"), name16(session)]));

/** The keys of session `session` (a document session "s.doc" included) and direction `dir`. */
export function keysOf(root, session, dir) {
  const sd = Buffer.concat([name16(session), Buffer.from([dir])]);
  const info = (label) => Buffer.concat([Buffer.from(label + "\0"), sd]);
  return { mac: hkdf(root, info("mac")), enc: hkdf(root, info("enc")), ctx: hkdf(root, info("ctx")) };
}

const contextOf = (session, dir, channel) => Buffer.concat([name16(session), Buffer.from([dir]), name16(channel)]);

export function seal({ root, session, dir, channel, keyId, encrypted, payload, salt = randomBytes(16), issuedAt = Date.now(), sequence }) {
  const k = keysOf(root, session, dir);
  const c = contextOf(session, dir, channel);
  const p = Buffer.from(payload);
  const h = Buffer.alloc(50);
  h[0] = 1;
  h[1] = encrypted ? 1 : 0;
  h.writeUInt32BE(keyId, 2);
  Buffer.from(salt).copy(h, 6);
  h.writeBigInt64BE(BigInt(issuedAt), 22);
  h.writeBigUInt64BE(BigInt(sequence), 30);
  hmac(k.ctx, c).copy(h, 38, 0, 8);
  h.writeUInt32BE(encrypted ? p.length + 16 : p.length, 46);
  if (encrypted) {
    const g = createCipheriv("aes-256-gcm", k.enc, h.subarray(6, 18));
    g.setAAD(Buffer.concat([h, c]));
    return Buffer.concat([h, g.update(p), g.final(), g.getAuthTag()]).toString("base64url");
  }
  return Buffer.concat([h, p, hmac(k.mac, h, c, p)]).toString("base64url");
}

/** Opens `text`; returns the header fields and payload, or throws Error("reference: ..."). */
export function open({ root, session, dir, channel, encrypted, text }) {
  const env = Buffer.from(text, "base64url");
  if (env.toString("base64url") !== text || env.length < 50 || env[0] !== 1 || env[1] !== (encrypted ? 1 : 0)) {
    throw new Error("reference: malformed");
  }
  const k = keysOf(root, session, dir);
  const c = contextOf(session, dir, channel);
  const h = env.subarray(0, 50);
  const L = h.readUInt32BE(46);
  if (env.length !== 50 + L + (encrypted ? 0 : 32)) {
    throw new Error("reference: malformed");
  }
  if (!timingSafeEqual(hmac(k.ctx, c).subarray(0, 8), h.subarray(38, 46))) {
    throw new Error("reference: wrong-context");
  }
  let payload;
  if (encrypted) {
    const g = createDecipheriv("aes-256-gcm", k.enc, h.subarray(6, 18));
    g.setAAD(Buffer.concat([h, c]));
    g.setAuthTag(env.subarray(env.length - 16));
    try {
      payload = Buffer.concat([g.update(env.subarray(50, env.length - 16)), g.final()]);
    } catch {
      throw new Error("reference: bad-tag");
    }
  } else {
    if (!timingSafeEqual(hmac(k.mac, h, c, env.subarray(50, 50 + L)), env.subarray(50 + L))) {
      throw new Error("reference: bad-tag");
    }
    payload = Buffer.from(env.subarray(50, 50 + L));
  }
  return {
    keyId: h.readUInt32BE(2),
    salt: Buffer.from(h.subarray(6, 22)),
    issuedAt: Number(h.readBigInt64BE(22)),
    sequence: h.readBigUInt64BE(30),
    payload,
  };
}
