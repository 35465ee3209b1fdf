// The canonical base64url text form (SPEC.md, "Text form"), against Node's Buffer as the reference.

import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { toBase64Url, fromBase64Url } from "../src/bytes.js";

test("encodes as Buffer's base64url does, and decodes back, for every length up to 200", () => {
  for (let n = 0; n <= 200; n++) {
    const bytes = randomBytes(n);
    const text = toBase64Url(bytes);
    assert.equal(text, bytes.toString("base64url"), "length " + n);
    assert.deepEqual(Buffer.from(fromBase64Url(text)), bytes, "length " + n);
  }
});

test("refuses every text that is not canonical", () => {
  const refused = [
    "A", "AAAAA", // a length of 1 modulo 4
    "AB", "AAB", "AAAAAB", "AAAAAAB", // non-zero unused bits in the last character
    "AA==", "AA=", "A+/A", "AA A", " AAA", "AAAA\n", "AAA\t", "AA\u00c0A", "AA\u0141A", "AA\uD800A",
  ];
  for (const text of refused) {
    assert.equal(fromBase64Url(text), undefined, JSON.stringify(text));
  }
  // every character outside the alphabet, in each position of a block and of each tail
  const alphabet = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
  for (let c = 0; c < 0x180; c++) {
    const ch = String.fromCharCode(c);
    if (alphabet.has(ch)) {
      continue;
    }
    for (const base of ["AAAA", "AAAAAA", "AAAAAAA"]) {
      for (let at = 0; at < base.length; at++) {
        const text = base.slice(0, at) + ch + base.slice(at + 1);
        assert.equal(fromBase64Url(text), undefined, JSON.stringify(text));
      }
    }
  }
  assert.deepEqual([...fromBase64Url("")], []);
  assert.deepEqual([...fromBase64Url("AA")], [0]);
  assert.deepEqual([...fromBase64Url("_w")], [255]);
  assert.deepEqual([...fromBase64Url("__8")], [255, 255]);
});
