(() => {
  "use strict";
  // otpkit bridge init script. Injected by the backend before any page script runs; everything
  // below lives in this closure. The only global it leaves is the non-enumerable, frozen
  // `otpkit` object: { session, alias(command), nextAlias(command, alias), seal(command, payload),
  // open(command, envelope) }. Key bytes never leave the closure: they are imported into
  // non-extractable WebCrypto keys and the strings are dropped. Format: hashing/SPEC.md.
  const cfg = /*OTPKIT_CONFIG*/null;
  const subtle = globalThis.crypto.subtle;
  const utf8 = new TextEncoder();
  const UP = 1;
  const DOWN = 2;

  const fromB64 = (s) => {
    if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) {
      throw new Error("rejected: malformed");
    }
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out;
  };
  const toB64 = (b) => {
    let s = "";
    for (let i = 0; i < b.length; i++) {
      s += String.fromCharCode(b[i]);
    }
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const hmacKey = (b64) => subtle.importKey("raw", fromB64(b64), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const aesKey = (b64) => subtle.importKey("raw", fromB64(b64), { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
  const importKeys = async (k) => ({ mac: await hmacKey(k.mac), ctx: await hmacKey(k.ctx), enc: await aesKey(k.enc) });
  let raw = cfg.keys;
  delete cfg.keys;
  const keys = Promise.all([importKeys(raw.up), importKeys(raw.down)]).then(([up, down]) => {
    raw = null;
    return { [UP]: up, [DOWN]: down };
  });

  const aliases = new Map(cfg.aliases); // [command, alias] pairs: "__proto__" is a command like any other
  const context = (direction, channel) => {
    const s = utf8.encode(cfg.session);
    const c = utf8.encode(channel);
    const out = new Uint8Array(5 + s.length + c.length);
    const v = new DataView(out.buffer);
    v.setUint16(0, s.length);
    out.set(s, 2);
    out[2 + s.length] = direction;
    v.setUint16(3 + s.length, c.length);
    out.set(c, 5 + s.length);
    return out;
  };
  const contextCheck = async (key, ctx) => new Uint8Array(await subtle.sign("HMAC", key, ctx)).slice(0, 8);
  const sameBytes = (a, b) => {
    let diff = a.length ^ b.length;
    for (let i = 0; i < a.length && i < b.length; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff === 0;
  };

  // a new page of the session starts above the numbers of the one before (hashing/SPEC.md,
  // "Sequence numbers"): (t + 1) * 2^11
  let sequence = (BigInt(Date.now()) + 1n) * 2048n;
  const seen = new Set();
  const seenOrder = [];

  const alias = (command) => {
    const a = aliases.get(command);
    if (a === undefined) {
      throw new Error("command not allowed: " + command);
    }
    return a;
  };

  const seal = async (command, payload) => {
    const a = alias(command);
    const body = typeof payload === "string" ? utf8.encode(payload) : new Uint8Array(payload);
    const k = (await keys)[UP];
    const ctx = context(UP, command);
    const h = new Uint8Array(50);
    const v = new DataView(h.buffer);
    h[0] = 1;
    h[1] = cfg.encrypt ? 1 : 0;
    v.setUint32(2, cfg.keyId);
    globalThis.crypto.getRandomValues(h.subarray(6, 22));
    v.setBigInt64(22, BigInt(Date.now()));
    v.setBigUint64(30, sequence++);
    h.set(await contextCheck(k.ctx, ctx), 38);
    v.setUint32(46, cfg.encrypt ? body.length + 16 : body.length);
    if (cfg.encrypt) {
      const ct = await subtle.encrypt({ name: "AES-GCM", iv: h.slice(6, 18), additionalData: concat(h, ctx), tagLength: 128 }, k.enc, body);
      return { alias: a, envelope: toB64(concat(h, new Uint8Array(ct))) };
    }
    const tag = await subtle.sign("HMAC", k.mac, concat(h, ctx, body));
    return { alias: a, envelope: toB64(concat(h, body, new Uint8Array(tag))) };
  };

  const open = async (command, text) => {
    const reject = (reason) => new Error("rejected: " + reason);
    if (typeof text !== "string" || text.length > cfg.maxEnvelopeChars) {
      throw reject("too-large");
    }
    const env = fromB64(text);
    if (env.length === 0) {
      throw reject("malformed");
    }
    if (env[0] !== 1) {
      throw reject("unsupported-version");
    }
    if (env.length < 50 || (env[1] & ~1) !== 0) {
      throw reject("malformed");
    }
    const v = new DataView(env.buffer, env.byteOffset, env.byteLength);
    const encrypted = env[1] === 1;
    const bodyLength = v.getUint32(46);
    if (env.length !== 50 + bodyLength + (encrypted ? 0 : 32) || (encrypted && bodyLength < 16)) {
      throw reject("malformed");
    }
    if (v.getUint32(2) !== cfg.keyId) {
      throw reject("unknown-key");
    }
    if (encrypted !== cfg.encrypt) {
      throw reject("wrong-context");
    }
    const k = (await keys)[DOWN];
    const ctx = context(DOWN, command);
    if (!sameBytes(await contextCheck(k.ctx, ctx), env.subarray(38, 46))) {
      throw reject("wrong-context");
    }
    const h = env.subarray(0, 50);
    let payload;
    if (encrypted) {
      try {
        payload = new Uint8Array(await subtle.decrypt({ name: "AES-GCM", iv: env.slice(6, 18), additionalData: concat(h, ctx), tagLength: 128 }, k.enc, env.subarray(50)));
      } catch (e) {
        throw reject("bad-tag");
      }
    } else {
      const body = env.subarray(50, 50 + bodyLength);
      if (!(await subtle.verify("HMAC", k.mac, env.subarray(50 + bodyLength), concat(h, ctx, body)))) {
        throw reject("bad-tag");
      }
      payload = body.slice();
    }
    const issuedAt = Number(v.getBigInt64(22));
    const now = Date.now();
    if (issuedAt - now > cfg.maxSkewMillis) {
      throw reject("from-the-future");
    }
    if (now - issuedAt > cfg.maxAgeMillis) {
      throw reject("expired");
    }
    const seq = v.getBigUint64(30).toString();
    if (seen.has(seq)) {
      throw reject("replayed");
    }
    seen.add(seq);
    seenOrder.push(seq);
    if (seenOrder.length > 4096) {
      seen.delete(seenOrder.shift());
    }
    return payload;
  };

  const nextAlias = (command, next) => {
    alias(command);
    if (typeof next !== "string" || !/^c_[A-Za-z0-9_-]{16}$/.test(next)) {
      throw new Error("not an alias");
    }
    aliases.set(command, next);
  };

  Object.defineProperty(globalThis, "otpkit", {
    value: Object.freeze({ session: cfg.session, alias, nextAlias, seal, open }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
})();
