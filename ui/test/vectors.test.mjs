// Every vector of src/test/vectors/envelope-v1.json, both ways, on both backends: sealing the
// fixed inputs gives exactly the envelope, and opening gives the payload or the expected reason.
// Failures are collected per backend and reported together.

import { test } from "node:test";
import assert from "node:assert/strict";
import { sealEnvelope, openEnvelope } from "../src/envelope.js";
import { toBase64Url } from "../src/bytes.js";
import { vectors, BACKENDS, backendNamed, hex, toHex, streamFor, openerFor } from "./support/vectors.mjs";

const primary = vectors.keys.find((k) => k.primary).id;

async function openCase(backend, c) {
  const clock = { now: 0 };
  const opener = await openerFor(backend, c, clock);
  for (const first of c.openFirst ?? []) {
    clock.now = first.now;
    await openEnvelope(opener, c.channel, toBase64Url(hex(first.envelope)));
  }
  clock.now = c.now;
  return openEnvelope(opener, c.channel, c.text !== undefined ? c.text : toBase64Url(hex(c.envelope)));
}

test("the vectors cover every rejection reason of the spec, document streams and uiRoots", () => {
  const reasons = new Set(vectors.invalid.map((c) => c.reason));
  for (const r of ["malformed", "unsupported-version", "unknown-key", "disabled-key", "wrong-mode", "wrong-context",
    "bad-tag", "expired", "from-the-future", "replayed", "out-of-window", "too-large", "replay-state-full"]) {
    assert.ok(reasons.has(r), r);
  }
  assert.ok(vectors.valid.some((c) => c.document !== undefined && c.direction === "ui"));
  assert.ok(vectors.valid.some((c) => c.document !== undefined && c.direction === "backend"));
  assert.equal(vectors.uiRoots.length, 1);
});

for (const name of BACKENDS) {
  test(`${name}: sealing each valid case's inputs gives exactly its envelope and text`, async () => {
    const backend = backendNamed(name);
    assert.equal(backend.name, name);
    const failures = [];
    for (const c of vectors.valid) {
      const stream = await streamFor(backend, c, primary, "seal");
      const sealed = await sealEnvelope(stream, primary, c.channel, hex(c.salt), c.issuedAt, BigInt(c.sequence), hex(c.payload));
      if (toHex(sealed) !== c.envelope || toBase64Url(sealed) !== c.text) {
        failures.push(c.name);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(vectors.valid.length >= 15);
  });

  test(`${name}: opening each valid case gives its payload`, async () => {
    const backend = backendNamed(name);
    const failures = [];
    for (const c of vectors.valid) {
      try {
        const payload = await openCase(backend, c);
        if (toHex(payload) !== c.payload) {
          failures.push(c.name + ": payload " + toHex(payload));
        }
      } catch (e) {
        failures.push(c.name + ": " + e.message);
      }
    }
    assert.deepEqual(failures, []);
  });

  test(`${name}: opening each invalid case is rejected with its reason`, async () => {
    const backend = backendNamed(name);
    const failures = [];
    for (const c of vectors.invalid) {
      try {
        await openCase(backend, c);
        failures.push(c.name + ": opened");
      } catch (e) {
        if (e.message !== "rejected: " + c.reason) {
          failures.push(c.name + ": " + e.message + ", expected " + c.reason);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(vectors.invalid.length >= 41);
  });
}

test("the reference implementation the other tests play the backend with seals every valid case exactly", async () => {
  const reference = await import("./support/reference.mjs");
  const failures = [];
  for (const c of vectors.valid) {
    const session = c.document === undefined ? c.session : c.session + "." + c.document;
    const root = c.document === undefined
      ? Buffer.from(vectors.keys.find((k) => k.primary).key, "hex")
      : reference.uiRoot(Buffer.from(vectors.keys.find((k) => k.primary).key, "hex"), c.session);
    const text = reference.seal({
      root, session, dir: c.direction === "ui" ? 1 : 2, channel: c.channel, keyId: primary, encrypted: c.encrypted,
      payload: Buffer.from(c.payload, "hex"), salt: Buffer.from(c.salt, "hex"), issuedAt: c.issuedAt, sequence: BigInt(c.sequence),
    });
    if (text !== c.text) {
      failures.push(c.name);
    }
  }
  assert.deepEqual(failures, []);
  // and its UI root key of session-1 is the vectors' uiRoots entry
  const r = vectors.uiRoots[0];
  assert.equal(reference.uiRoot(Buffer.from(vectors.keys.find((k) => k.id === r.id).key, "hex"), r.session).toString("hex"), r.root);
});
