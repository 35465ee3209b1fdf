// The committed bundle: rebuilt byte for byte from the locked sources, its shape as the Java side
// relies on it (one placeholder, strict mode inside one function), and how it starts in a page:
// the global it defines, the backend it picks, the inline-first bootstrap, and failing at once.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createContext, runInContext } from "node:vm";
import { webcrypto } from "node:crypto";
import { bundle, PLACEHOLDER } from "../build.mjs";
import { committedBundle, render } from "./support/page.mjs";
import { sessionConfig, backendOf } from "./support/session.mjs";
import { NO_USABLE_CRYPTO } from "../src/backends/choose.js";

test("the committed bundle is exactly what the locked sources build", async () => {
  const built = await bundle();
  const committed = committedBundle();
  assert.equal(Buffer.byteLength(built), Buffer.byteLength(committed));
  assert.ok(built === committed, "otpkit-client.js differs from a build: run `npm run build` in ui/ and commit it");
});

test("the bundle has the placeholder once, and is one strict-mode function that starts by removing its element", () => {
  const text = committedBundle();
  assert.equal(text.split(PLACEHOLDER).length, 2);
  assert.equal(text.split("OTPKIT_CONFIG").length, 2);
  assert.ok(text.startsWith('(() => {\n  "use strict";\n  // src/bootstrap.js\n  var config = /*OTPKIT_CONFIG*/null;\n'));
  assert.match(text, /^\}\)\(\);$/m);
  assert.doesNotMatch(text, /\batob\b|\bbtoa\b|\bMath\.random\b/);
});

/** A fresh realm with the given globals, running the rendered bundle; returns the context. */
function page(config, globals, bundleText = committedBundle()) {
  const context = createContext(Object.defineProperties({}, Object.getOwnPropertyDescriptors(globals)));
  let threw;
  try {
    runInContext(render(bundleText, config), context, { filename: "otpkit-client.js" });
  } catch (e) {
    threw = e;
  }
  return { context, threw };
}

const settle = async (p) => {
  try {
    await p;
    return "resolved";
  } catch (e) {
    return e.message;
  }
};

test("otpkit is a locked, frozen, null-prototype global with the contract's members", async () => {
  const config = sessionConfig();
  const { context, threw } = page(config, { crypto: webcrypto, CryptoKey: globalThis.CryptoKey, TextEncoder });
  assert.equal(threw, undefined);
  const d = Object.getOwnPropertyDescriptor(context, "otpkit");
  assert.deepEqual([d.enumerable, d.writable, d.configurable], [false, false, false]);
  const otpkit = d.value;
  assert.ok(Object.isFrozen(otpkit));
  assert.equal(Object.getPrototypeOf(otpkit), null);
  assert.deepEqual(Object.keys(otpkit).sort(), ["alias", "backend", "document", "nextAlias", "open", "ready", "receive", "seal", "session"]);
  assert.equal(otpkit.backend, "webcrypto");
  assert.equal(otpkit.session, config.session);
  assert.equal(await settle(otpkit.ready), "resolved");
  const sealed = await otpkit.seal("files.save", "hello");
  assert.equal(Object.getPrototypeOf(sealed), null);
  assert.equal(backendOf(config, otpkit.document).open("files.save", sealed.envelope).payload.toString(), "hello");
  // a second copy of the script in the same document refuses to replace the first
  assert.throws(() => runInContext(render(committedBundle(), config), context), /already installed/);
});

test("without crypto.subtle in a secure context the bundle picks the fallback, and it works", async () => {
  const config = sessionConfig({ encrypted: true });
  const getRandomValues = (b) => webcrypto.getRandomValues(b);
  const { context, threw } = page(config, { crypto: { getRandomValues }, isSecureContext: true, TextEncoder });
  assert.equal(threw, undefined);
  const otpkit = context.otpkit;
  assert.equal(otpkit.backend, "fallback");
  await otpkit.ready;
  const backend = backendOf(config, otpkit.document, { now: Date.now() });
  assert.equal(backend.open("files.save", (await otpkit.seal("files.save", "hi")).envelope).payload.toString(), "hi");
  assert.equal(Buffer.from(await otpkit.open("status", backend.seal("status", "yo"))).toString(), "yo");
});

for (const [what, globals] of [
  ["a non-secure context without crypto.subtle", { crypto: { getRandomValues: (b) => webcrypto.getRandomValues(b) }, isSecureContext: false }],
  ["an engine without getRandomValues", { crypto: {}, isSecureContext: true }],
  ["an engine without crypto", {}],
]) {
  test(`in ${what} the script fails at once with the one message, and ready rejects with it`, async () => {
    const { context, threw } = page(sessionConfig(), { ...globals, TextEncoder });
    assert.equal(threw?.message, NO_USABLE_CRYPTO);
    const otpkit = context.otpkit;
    assert.equal(otpkit.backend, "none");
    assert.equal(await settle(otpkit.ready), NO_USABLE_CRYPTO);
    assert.equal(await settle(otpkit.seal("files.save", "x")), NO_USABLE_CRYPTO);
    assert.throws(() => otpkit.alias("files.save"), { message: NO_USABLE_CRYPTO });
  });
}

test("an unreplaced placeholder fails at once and says so", async () => {
  const context = createContext({ crypto: webcrypto, CryptoKey: globalThis.CryptoKey, TextEncoder });
  assert.throws(() => runInContext(committedBundle(), context), { message: "otpkit: bad config: none (the placeholder was not replaced)" });
  assert.equal(await settle(context.otpkit.ready), "otpkit: bad config: none (the placeholder was not replaced)");
});

test("inline-first bootstrap: the script's first act is to remove its own element", async () => {
  const log = [];
  const script = {
    text: "the script with its keys",
    remove() {
      log.push("remove");
    },
  };
  const globals = {
    TextEncoder,
    CryptoKey: globalThis.CryptoKey,
    document: { currentScript: script },
  };
  Object.defineProperty(globals, "crypto", {
    enumerable: true,
    get() {
      log.push("crypto");
      return webcrypto;
    },
  });
  const { context, threw } = page(sessionConfig({ bootstrap: true }), globals);
  assert.equal(threw, undefined);
  assert.equal(log[0], "remove");
  assert.ok(log.includes("crypto"));
  assert.equal(script.text, "");
  await context.otpkit.ready;
  // without bootstrap: true the element stays (document-start injection has none)
  const other = [];
  page(sessionConfig(), { ...globals, document: { currentScript: { remove: () => other.push("remove") } } });
  assert.deepEqual(other, []);
});
