// Each defence of the client against a hostile page, taken out of a build one at a time: the
// scenario of hostile-page.test.mjs that covers it must then see the attack succeed. This is what
// shows those tests can fail.

import { test } from "node:test";
import assert from "node:assert/strict";
import { bundle } from "../build.mjs";
import { runPage } from "./support/page.mjs";
import { sessionConfig } from "./support/session.mjs";

/** A build with `from` replaced by `to` in the source file ending in `file`. */
async function without(file, from, to) {
  let replaced = 0;
  const text = await bundle((path, source) => {
    if (!path.endsWith(file)) {
      return source;
    }
    replaced++;
    assert.ok(source.includes(from), `${file} has ${from}`);
    return source.replace(from, to);
  });
  assert.equal(replaced, 1);
  return text;
}

test("without the fallback's locks, a page's typed-array set sees key bytes and @noble's lookups reach the page", async () => {
  const unlocked = await without("locks.js", "export function lockFallbackIntrinsics() {", "export function lockFallbackIntrinsics() {\n  return;");
  const config = sessionConfig({ encrypted: true });
  const set = await runPage({ config, mode: "fallback", scenario: "typedArraySet", bundle: unlocked });
  assert.ok(set.findings.includes("secret bytes"), JSON.stringify(set.findings));
  const lookups = await runPage({ config, mode: "fallback", scenario: "lookups", bundle: unlocked });
  assert.ok(lookups.hits.includes("%TypedArray%.prototype.set"), JSON.stringify(lookups.hits));
  assert.ok(lookups.hits.includes("Array.prototype.Symbol(Symbol.iterator)"), JSON.stringify(lookups.hits));
});

test("without the then-locks, a then-getter receives the CryptoKeys and can swap what open resolves to", async () => {
  const open = await without("locks.js", "export function lockThenables(cryptoKeyPrototype) {", "export function lockThenables(cryptoKeyPrototype) {\n  return;");
  const observed = await runPage({ config: sessionConfig(), mode: "webcrypto", scenario: "objectPrototype", bundle: open });
  assert.ok(observed.findings.includes("a CryptoKey"), JSON.stringify(observed.findings));
  const swapped = await runPage({ config: sessionConfig(), mode: "fallback", scenario: "substituteThen", bundle: open });
  assert.equal(swapped.replies[0], "fake");
  assert.deepEqual(swapped.requests[0], { error: "reference: malformed" }); // what seal resolved to was swapped too
});

test("without own constructors on awaited promises, a getter on Promise.prototype.constructor receives the client's", async () => {
  const unpinned = await without("intrinsics.js", "  ObjectDefineProperty(promise, \"constructor\", pinnedConstructor);\n", "");
  const r = await runPage({ config: sessionConfig(), mode: "webcrypto", scenario: "promiseConstructor", bundle: unpinned });
  assert.ok(r.hits.includes("Promise.prototype.constructor read by the bundle"), JSON.stringify(r.hits));
});

test("without strict mode, a page function the client calls reaches the client's function through .caller", async () => {
  const sloppy = (await bundle()).replace('(() => {\n  "use strict";\n', "(() => {\n");
  const r = await runPage({ config: sessionConfig(), mode: "webcrypto", scenario: "strictCallers", bundle: sloppy });
  assert.equal(r.callerSeen, "function");
});

test("with captured getRandomValues replaced by the page's, zero salts go out", async () => {
  const late = await without("intrinsics.js", "    out.getRandomValues = (bytes) => ReflectApply(getRandomValues, cryptoObject, [bytes]);",
    "    out.getRandomValues = (bytes) => globalThis.crypto.getRandomValues(bytes);");
  const r = await runPage({ config: sessionConfig(), mode: "webcrypto", scenario: "zeroRandom", bundle: late });
  assert.ok(r.requests.every((q) => q.salt === "0".repeat(32)), JSON.stringify(r.requests));
});

test("without a null prototype on its property descriptors, a page's Object.prototype getters break the client", async () => {
  const plain = await without("intrinsics.js", "const pinnedConstructor = {\n  __proto__: null,\n", "const pinnedConstructor = {\n");
  const r = await runPage({ config: sessionConfig(), mode: "fallback", scenario: "objectPrototype", bundle: plain });
  // the descriptor inherits the page's `get` next to its own `value`
  assert.match(r.error, /^Invalid property descriptor/);
});
