// What each backend makes of the root key: WebCrypto keys that are non-extractable and have only
// the usage their role needs (the page cannot seal with a backend-to-UI key), handed over in
// null-prototype dictionaries and self-iterating usage lists; and the root key's bytes wiped.

import { test } from "node:test";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { host } from "../src/intrinsics.js";
import { webCryptoBackend } from "../src/backends/webcrypto.js";
import { fallbackBackend } from "../src/backends/fallback.js";
import { UP, DOWN } from "../src/envelope.js";

const subtle = webcrypto.subtle;

/** host.subtle, recording every call and every key it resolves to. */
function recordingSubtle() {
  const calls = [];
  const keys = [];
  const wrap = (name, f) => (...args) => {
    const usages = args[args.length - 1];
    calls.push({ name, args, usages: name === "importKey" || name === "deriveKey" ? [...usages] : undefined });
    const p = f(...args);
    p.then((k) => k instanceof CryptoKey && keys.push(k), () => {});
    return p;
  };
  const s = host.subtle;
  return {
    calls,
    keys,
    subtle: Object.freeze({
      __proto__: null,
      importKey: wrap("importKey", s.importKey),
      deriveKey: wrap("deriveKey", s.deriveKey),
      sign: s.sign,
      verify: s.verify,
      encrypt: s.encrypt,
      decrypt: s.decrypt,
      keyPrototype: s.keyPrototype,
      keyUsages: s.keyUsages,
      keyExtractable: s.keyExtractable,
    }),
  };
}

const session = new TextEncoder().encode("s.BBBBBBBBBBBBBBBBBBBBBA");
const requests = (encrypted) => ({
  __proto__: null,
  up: { __proto__: null, session, direction: UP, role: "seal", encrypted },
  down: { __proto__: null, session, direction: DOWN, role: "open", encrypted },
});

for (const encrypted of [false, true]) {
  test(`WebCrypto (${encrypted ? "encrypted" : "MAC"}): R is imported for deriveKey only, each key gets the one usage its role needs`, async () => {
    const rec = recordingSubtle();
    const root = webcrypto.getRandomValues(new Uint8Array(32));
    const streams = await webCryptoBackend(rec.subtle).derive(root, requests(encrypted), ["up", "down"]);
    assert.deepEqual([...root], new Array(32).fill(0), "the root key's bytes are wiped");
    const [importCall, ...derives] = rec.calls;
    assert.equal(importCall.name, "importKey");
    assert.deepEqual(importCall.usages, ["deriveKey"]);
    assert.equal(importCall.args[3], false);
    const expected = encrypted ? [["sign"], ["encrypt"], ["sign"], ["decrypt"]] : [["sign"], ["sign"], ["sign"], ["verify"]];
    assert.deepEqual(derives.map((c) => c.usages), expected);
    for (const c of rec.calls) {
      // dictionaries without a prototype, usage lists that are not arrays (they carry their own iterator)
      const dictionaries = c.name === "importKey" ? [c.args[2]] : [c.args[0], c.args[2]];
      for (const d of dictionaries) {
        assert.equal(Object.getPrototypeOf(d), null, JSON.stringify(d));
      }
      assert.equal(Array.isArray(c.args[c.args.length - 1]), false);
      assert.equal(Object.getPrototypeOf(c.args[c.args.length - 1]), null);
    }
    const derived = rec.keys.slice(1);
    assert.equal(derived.length, 4);
    for (const k of rec.keys) {
      assert.equal(k.extractable, false);
    }
    assert.deepEqual(derived.map((k) => k.usages), expected);
    // the backend-to-UI keys cannot seal: neither sign nor encrypt
    const downKey = derived[3];
    const sealWithIt = encrypted
      ? subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, downKey, new Uint8Array(1))
      : subtle.sign("HMAC", downKey, new Uint8Array(1));
    await assert.rejects(sealWithIt, { name: "InvalidAccessError" });
    // nor can the stream keys the client holds
    assert.throws(() => streams.down.tag(new Uint8Array(1)), { message: "otpkit: this key opens only" });
    assert.throws(() => streams.down.encrypt(new Uint8Array(12), new Uint8Array(0), new Uint8Array(1)), { message: "otpkit: this key opens only" });
    assert.throws(() => streams.up.verify(new Uint8Array(32), new Uint8Array(1)), { message: "otpkit: this key seals only" });
    assert.equal(Object.getPrototypeOf(streams), null);
    assert.ok(Object.isFrozen(streams.up));
  });

  test(`fallback (${encrypted ? "encrypted" : "MAC"}): the root key's bytes are wiped, and keys keep to their role`, () => {
    const root = webcrypto.getRandomValues(new Uint8Array(32));
    const streams = fallbackBackend.derive(root, requests(encrypted), ["up", "down"]);
    assert.deepEqual([...root], new Array(32).fill(0));
    assert.throws(() => streams.down.tag(new Uint8Array(1)), { message: "otpkit: this key opens only" });
    assert.throws(() => streams.down.encrypt(new Uint8Array(12), new Uint8Array(0), new Uint8Array(1)), { message: "otpkit: this key opens only" });
    assert.throws(() => streams.up.decrypt(new Uint8Array(12), new Uint8Array(0), new Uint8Array(16)), { message: "otpkit: this key seals only" });
  });
}
