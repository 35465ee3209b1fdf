// The fallback's AES-256-GCM against every Wycheproof case with a 256-bit key, a 96-bit nonce and
// a 128-bit tag (the envelope's parameters), collecting every failing case id so one run reports
// all of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { aesGcm256 } from "../src/backends/gcm.js";

const file = new URL("../../hashing/src/test/resources/wycheproof/aes_gcm_test.json", import.meta.url);
const suite = JSON.parse(readFileSync(file, "utf8"));
const hex = (s) => Uint8Array.from(Buffer.from(s, "hex"));
const cases = suite.testGroups
  .filter((g) => g.keySize === 256 && g.ivSize === 96 && g.tagSize === 128)
  .flatMap((g) => g.tests);

test("every Wycheproof AES-256-GCM case with a 96-bit nonce, both ways", () => {
  assert.ok(cases.length >= 60, cases.length + " cases");
  const failures = [];
  for (const c of cases) {
    const cipher = aesGcm256(hex(c.key));
    const body = Uint8Array.from([...hex(c.ct), ...hex(c.tag)]);
    const opened = cipher.decrypt(hex(c.iv), hex(c.aad), body);
    if (c.result === "invalid") {
      if (opened !== null) failures.push(c.tcId + ": invalid case opened");
      continue;
    }
    if (opened === null || Buffer.from(opened).toString("hex") !== c.msg) {
      failures.push(c.tcId + ": did not open to msg");
    }
    const sealed = cipher.encrypt(hex(c.iv), hex(c.aad), hex(c.msg));
    if (Buffer.from(sealed).toString("hex") !== c.ct + c.tag) {
      failures.push(c.tcId + ": sealed differently");
    }
  }
  assert.deepEqual(failures, []);
});

test("one cipher serves many messages: each message's GHASH starts fresh", () => {
  const c = cases.find((x) => x.result === "valid" && x.msg.length > 0);
  const cipher = aesGcm256(hex(c.key));
  for (let i = 0; i < 5; i++) {
    assert.equal(Buffer.from(cipher.encrypt(hex(c.iv), hex(c.aad), hex(c.msg))).toString("hex"), c.ct + c.tag);
  }
  const body = Uint8Array.from([...hex(c.ct), ...hex(c.tag)]);
  body[0] ^= 1;
  assert.equal(cipher.decrypt(hex(c.iv), hex(c.aad), body), null);
  body[0] ^= 1;
  assert.equal(Buffer.from(cipher.decrypt(hex(c.iv), hex(c.aad), body)).toString("hex"), c.msg);
  assert.equal(cipher.decrypt(hex(c.iv), hex(c.aad), new Uint8Array(15)), null);
});
