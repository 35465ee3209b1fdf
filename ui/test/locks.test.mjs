// The fallback's locks (src/locks.js) are no more than its per-message paths need: a build
// without any one of them lets those paths look the intrinsic up where a page can replace it,
// which the "lookups" scenario of the hostile-page suite then reports. (That no lock is missing
// is the same scenario on the full build, in hostile-page.test.mjs.)

import { test } from "node:test";
import assert from "node:assert/strict";
import { bundle } from "../build.mjs";
import { runPage } from "./support/page.mjs";
import { sessionConfig } from "./support/session.mjs";
import { FALLBACK_LOCKS } from "../src/locks.js";

// The specification reads these on every subarray and slice, and every array iteration; V8 skips
// the reads while its own protector for the lookup chain is intact, so in Node no path shows them.
const READ_BY_THE_SPEC_ONLY = new Set(["typedArray Symbol(Symbol.species)", "arrayIteratorPrototype next"]);

const entries = Object.entries(FALLBACK_LOCKS).flatMap(([group, keys]) => keys.map((key) => [group, key]));

test("the lock list is the one the source comments name", () => {
  assert.deepEqual(entries.map(([g, k]) => g + " " + String(k)), [
    "typedArrayPrototype length", "typedArrayPrototype byteLength", "typedArrayPrototype byteOffset",
    "typedArrayPrototype buffer", "typedArrayPrototype set", "typedArrayPrototype subarray",
    "typedArrayPrototype fill", "typedArray Symbol(Symbol.species)",
    "dataViewPrototype getUint32", "dataViewPrototype setUint32", "arrayPrototype Symbol(Symbol.iterator)",
    "arrayIteratorPrototype next", "math min", "math floor", "number isSafeInteger",
  ]);
});

test("without any one of the fallback's locks, its paths look that intrinsic up where a page can replace it", async () => {
  const unneeded = [];
  for (const [group, key] of entries) {
    const label = group + " " + String(key);
    if (READ_BY_THE_SPEC_ONLY.has(label)) {
      continue;
    }
    const text = await bundle((path, source) => path.endsWith("locks.js")
      ? source.replace("export function lockFallbackIntrinsics() {\n  const L = FALLBACK_LOCKS;",
        `export function lockFallbackIntrinsics() {\n  const L = { ...FALLBACK_LOCKS, ${group}: FALLBACK_LOCKS.${group}.filter((k) => String(k) !== ${JSON.stringify(String(key))}) };`)
      : source);
    assert.notEqual(text, await bundle());
    let hits = [];
    for (const encrypted of [true, false]) {
      const r = await runPage({ config: sessionConfig({ encrypted }), mode: "fallback", scenario: "lookups", bundle: text });
      hits = r.hits ?? [];
      if (hits.length > 0) {
        break;
      }
    }
    if (hits.length === 0) {
      unneeded.push(label);
    }
  }
  assert.deepEqual(unneeded, []);
});
