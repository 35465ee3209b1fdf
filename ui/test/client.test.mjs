// The page API of a document (ui-contract) on both backends, against a backend played by the
// independent reference implementation (support/reference.mjs).

import { test } from "node:test";
import assert from "node:assert/strict";
import { host } from "../src/intrinsics.js";
import { createClient, failedClient } from "../src/client.js";
import { chooseBackend, NO_USABLE_CRYPTO } from "../src/backends/choose.js";
import { sessionConfig, backendOf } from "./support/session.mjs";
import { BACKENDS } from "./support/vectors.mjs";

const T0 = 1764000000000;

function start(name, overrides = {}, clock = { now: T0 }, random = host.getRandomValues) {
  const config = sessionConfig(overrides);
  const backend = chooseBackend(host, name === "fallback" ? "fallback" : undefined);
  const client = createClient(config, { backend, random, now: () => clock.now });
  return { config, client, clock, backend: backendOf(config, client.document, clock) };
}

const rejection = async (promise) => {
  try {
    await promise;
  } catch (e) {
    return e.message;
  }
  return "resolved";
};

const text = (bytes) => Buffer.from(bytes).toString("utf8");

for (const name of BACKENDS) {
  test(`${name}: the backend opens what the page seals, bound to the document, with the header the spec says`, async () => {
    const { client, backend, config } = start(name);
    await client.ready;
    assert.equal(client.backend, name);
    assert.match(client.document, /^[A-Za-z0-9_-]{21}[AEIMQUYcgkosw048]$/);
    const sealed = await client.seal("files.save", '{"path":"/tmp/a.txt"}');
    assert.deepEqual(Object.keys(sealed).sort(), ["alias", "document", "envelope"]);
    assert.equal(sealed.document, client.document);
    assert.equal(sealed.alias, "c_AAAAAAAAAAAAAAAA");
    const opened = backend.open("files.save", sealed.envelope);
    assert.equal(text(opened.payload), '{"path":"/tmp/a.txt"}');
    assert.equal(opened.keyId, config.keyId);
    assert.equal(opened.issuedAt, T0);
    // the page's counter starts at (now + 1) * 2^11 and counts up
    assert.equal(opened.sequence, (BigInt(T0) + 1n) * 2048n);
    const second = backend.open("files.save", (await client.seal("files.save", new Uint8Array([1, 2, 3]))).envelope);
    assert.equal(second.sequence, (BigInt(T0) + 1n) * 2048n + 1n);
    assert.deepEqual([...second.payload], [1, 2, 3]);
    assert.notDeepEqual(second.salt, opened.salt);
    // sealed for files.save, it is nothing on another channel
    assert.throws(() => backend.open("status", sealed.envelope), /wrong-context/);
  });

  test(`${name}: the page opens the backend's replies once, and nothing sealed for another document or direction`, async () => {
    const { client, backend, config } = start(name);
    const reply = backend.seal("files.save", "done");
    assert.equal(text(await client.open("files.save", reply)), "done");
    assert.equal(await rejection(client.open("files.save", reply)), "rejected: replayed");
    // another document of the same session
    const other = backendOf(config, "BBBBBBBBBBBBBBBBBBBBBA");
    assert.equal(await rejection(client.open("files.save", other.seal("files.save", "x"))), "rejected: wrong-context");
    // the page's own envelope reflected back to it
    const own = (await client.seal("files.save", "x")).envelope;
    assert.equal(await rejection(client.open("files.save", own)), "rejected: wrong-context");
    // a forged tag
    const forged = Buffer.from(backend.seal("files.save", "y"), "base64url");
    forged[forged.length - 1] ^= 1;
    assert.equal(await rejection(client.open("files.save", forged.toString("base64url"))), "rejected: bad-tag");
    assert.equal(await rejection(client.open("files.save", backend.seal("files.save", "z", { keyId: 7 }))), "rejected: unknown-key");
    assert.equal(await rejection(client.open("files.save", 42)), "rejected: malformed");
    assert.equal(await rejection(client.open("files.save", reply + " ")), "rejected: malformed");
  });

  test(`${name}: encrypted sessions seal and open AES-256-GCM both ways and refuse MAC-only envelopes`, async () => {
    const { client, backend, config } = start(name, { encrypted: true });
    const sealed = await client.seal("files.save", "secret");
    assert.equal(Buffer.from(sealed.envelope, "base64url")[1], 1);
    assert.equal(text(backend.open("files.save", sealed.envelope).payload), "secret");
    assert.equal(text(await client.open("files.save", backend.seal("files.save", "answer"))), "answer");
    const macOnly = backendOf({ ...config, encrypted: false }, client.document).seal("files.save", "x", { sequence: 99n });
    assert.equal(await rejection(client.open("files.save", macOnly)), "rejected: wrong-mode");
    const tampered = Buffer.from(backend.seal("files.save", "y"), "base64url");
    tampered[60] ^= 1;
    assert.equal(await rejection(client.open("files.save", tampered.toString("base64url"))), "rejected: bad-tag");
  });

  test(`${name}: future skew is measured on the current clock, age on the highest clock seen`, async () => {
    const clock = { now: T0 };
    const { client, backend } = start(name, {}, clock);
    assert.equal(await rejection(client.open("status", backend.seal("status", "a", { issuedAt: T0 + 5001 }))), "rejected: from-the-future");
    assert.equal(text(await client.open("status", backend.seal("status", "b", { issuedAt: T0 + 5000 }))), "b");
    clock.now = T0 + 60000;
    assert.equal(text(await client.open("status", backend.seal("status", "c", { issuedAt: T0 }))), "c");
    clock.now = T0; // the clock steps back: age still counts from T0 + 60000
    assert.equal(await rejection(client.open("status", backend.seal("status", "d", { issuedAt: T0 - 1 }))), "rejected: expired");
    assert.equal(await rejection(client.open("status", backend.seal("status", "e", { issuedAt: -1 }))), "rejected: expired");
  });

  test(`${name}: aliases are [command, alias] pairs, "__proto__" included; nothing else is allowed`, async () => {
    const { client } = start(name);
    assert.equal(client.alias("__proto__"), "c_BBBBBBBBBBBBBBBB");
    assert.equal((await client.seal("__proto__", "{}")).alias, "c_BBBBBBBBBBBBBBBB");
    assert.throws(() => client.alias("constructor"), { message: "otpkit: command not allowed: constructor" });
    assert.throws(() => client.alias("toString"), { message: "otpkit: command not allowed: toString" });
    assert.equal(await rejection(client.seal("files.delete", "{}")), "otpkit: command not allowed: files.delete");
    assert.throws(() => client.alias({ toString: () => "files.save" }), TypeError);
    client.nextAlias("files.save", "c_DDDDDDDDDDDDDDDD");
    assert.equal(client.alias("files.save"), "c_DDDDDDDDDDDDDDDD");
    assert.throws(() => client.nextAlias("files.save", "c_short"), { message: "otpkit: not an alias" });
    assert.throws(() => client.nextAlias("files.delete", "c_EEEEEEEEEEEEEEEE"), { message: "otpkit: command not allowed: files.delete" });
  });

  test(`${name}: receive applies a one-shot reply's next alias only once the reply has opened`, async () => {
    const { client, backend } = start(name, { oneShot: true });
    const forged = Buffer.from(backend.seal("files.save", "x"), "base64url");
    forged[forged.length - 1] ^= 1;
    const bad = { envelope: forged.toString("base64url"), nextAlias: "c_XXXXXXXXXXXXXXXX" };
    assert.equal(await rejection(client.receive("files.save", bad)), "rejected: bad-tag");
    assert.equal(client.alias("files.save"), "c_AAAAAAAAAAAAAAAA");
    const good = { envelope: backend.seal("files.save", "ok"), nextAlias: "c_YYYYYYYYYYYYYYYY" };
    assert.equal(text(await client.receive("files.save", good)), "ok");
    assert.equal(client.alias("files.save"), "c_YYYYYYYYYYYYYYYY");
    assert.equal(await rejection(client.receive("files.save", { error: "rejected: replayed" })), "rejected: replayed");
    assert.equal(await rejection(client.receive("files.save", null)), "rejected: malformed");
    assert.equal(await rejection(client.receive("files.save", { envelope: 5 })), "rejected: malformed");
  });

  test(`${name}: payloads are strings (UTF-8) or Uint8Arrays, at most maxPayloadBytes`, async () => {
    const { client, backend } = start(name, { maxPayloadBytes: 4 });
    assert.equal(text(backend.open("files.save", (await client.seal("files.save", "\u00e9\u00e9")).envelope).payload), "\u00e9\u00e9");
    assert.equal(await rejection(client.seal("files.save", "abcde")), "otpkit: payload of 5 bytes, at most 4");
    assert.equal(await rejection(client.seal("files.save", new Uint16Array(1))), "otpkit: a payload is a string or a Uint8Array");
    assert.equal(await rejection(client.seal("files.save", [1, 2])), "otpkit: a payload is a string or a Uint8Array");
    // the page's array is copied: changing it after seal() changes nothing sealed
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const pending = client.seal("files.save", bytes);
    bytes.fill(9);
    assert.deepEqual([...backend.open("files.save", (await pending).envelope).payload], [1, 2, 3, 4]);
  });

  test(`${name}: two documents of one session seal in their own sequence spaces and open only their own replies`, async () => {
    const clock = { now: T0 };
    const config = sessionConfig();
    const backend = chooseBackend(host, name === "fallback" ? "fallback" : undefined);
    const one = createClient(config, { backend, random: host.getRandomValues, now: () => clock.now });
    clock.now = T0 + 10;
    const two = createClient(config, { backend, random: host.getRandomValues, now: () => clock.now });
    assert.notEqual(one.document, two.document);
    const b1 = backendOf(config, one.document);
    const b2 = backendOf(config, two.document);
    assert.equal(b1.open("files.save", (await one.seal("files.save", "1")).envelope).sequence, (BigInt(T0) + 1n) * 2048n);
    assert.equal(b2.open("files.save", (await two.seal("files.save", "2")).envelope).sequence, (BigInt(T0 + 10) + 1n) * 2048n);
    // the older document keeps working after the newer one loaded, with the same sequence numbers on both
    assert.equal(text(await one.open("status", b1.seal("status", "a", { sequence: 5n }))), "a");
    assert.equal(text(await two.open("status", b2.seal("status", "b", { sequence: 5n }))), "b");
    assert.equal(await rejection(one.open("status", b2.seal("status", "c"))), "rejected: wrong-context");
  });

  test(`${name}: salts come from the random source the client was given, never reused`, async () => {
    const seen = [];
    const random = (bytes) => {
      host.getRandomValues(bytes);
      seen.push(Buffer.from(bytes).toString("hex"));
    };
    const { client, backend } = start(name, {}, { now: T0 }, random);
    const salts = new Set();
    for (let i = 0; i < 20; i++) {
      const s = backend.open("files.save", (await client.seal("files.save", "x")).envelope).salt.toString("hex");
      assert.ok(seen.includes(s));
      salts.add(s);
    }
    assert.equal(salts.size, 20);
  });
}

test("a bad configuration is refused with what is wrong", () => {
  const backend = chooseBackend(host);
  const env = { backend, random: host.getRandomValues, now: () => T0 };
  assert.throws(() => createClient(null, env), { message: "otpkit: bad config: none (the placeholder was not replaced)" });
  assert.throws(() => createClient(sessionConfig({ root: "AAAA" }), env), { message: "otpkit: bad config: root must be 32 bytes in base64url" });
  assert.throws(() => createClient(sessionConfig({ keyId: -1 }), env), { message: "otpkit: bad config: keyId must be a u32" });
  assert.throws(() => createClient(sessionConfig({ aliases: { "files.save": "c_AAAAAAAAAAAAAAAA" } }), env), /aliases/);
  assert.throws(() => createClient(sessionConfig({ windowBits: 1000 }), env), /window must be a power of two/);
  assert.throws(() => createClient(sessionConfig({ session: "s".repeat(234) }), env), /document session/);
  createClient(sessionConfig({ session: "s".repeat(233) }), env);
});

test("the backend is chosen by feature test: WebCrypto, else the fallback in a secure context, else nothing", () => {
  const random = host.getRandomValues;
  assert.equal(chooseBackend({ getRandomValues: random, subtle: host.subtle, isSecureContext: undefined }).name, "webcrypto");
  assert.equal(chooseBackend({ getRandomValues: random, subtle: undefined, isSecureContext: true }).name, "fallback");
  assert.throws(() => chooseBackend({ getRandomValues: random, subtle: undefined, isSecureContext: false }), { message: NO_USABLE_CRYPTO });
  assert.throws(() => chooseBackend({ getRandomValues: random, subtle: undefined, isSecureContext: undefined }), { message: NO_USABLE_CRYPTO });
  assert.throws(() => chooseBackend({ getRandomValues: undefined, subtle: host.subtle, isSecureContext: true }), { message: NO_USABLE_CRYPTO });
  assert.equal(chooseBackend(host, "fallback").name, "fallback");
});

test("without usable crypto, ready rejects and every method fails with the one message", async () => {
  const error = new Error(NO_USABLE_CRYPTO);
  const client = failedClient(sessionConfig(), error);
  assert.equal(await rejection(client.ready), NO_USABLE_CRYPTO);
  assert.equal(await rejection(client.seal("files.save", "x")), NO_USABLE_CRYPTO);
  assert.equal(await rejection(client.open("files.save", "x")), NO_USABLE_CRYPTO);
  assert.equal(await rejection(client.receive("files.save", {})), NO_USABLE_CRYPTO);
  assert.throws(() => client.alias("files.save"), { message: NO_USABLE_CRYPTO });
  assert.throws(() => client.nextAlias("files.save", "c_AAAAAAAAAAAAAAAA"), { message: NO_USABLE_CRYPTO });
  assert.equal(client.backend, "none");
});
