// The built bundle against a hostile page, on both backends and in both modes: each scenario of
// support/page-worker.mjs patches globals and prototypes right after the client's script ran, as
// a page script would, and then watches the page seal and open. Every scenario also checks that
// the page still works: the backend (the reference implementation) opens what was sealed, and the
// page opens the backend's replies.

import { test } from "node:test";
import assert from "node:assert/strict";
import { runPage } from "./support/page.mjs";
import { sessionConfig } from "./support/session.mjs";

const SIZES = [0, 70, 1100];
const body = (label, i) => label + "-" + i + "x".repeat(SIZES[i % 3]);

function assertWorked(r) {
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.ready, undefined, r.ready);
  assert.deepEqual(r.trapErrors, []);
  assert.deepEqual(r.requests.map((q) => q.payload), [0, 1, 2].map((i) => body("request", i)));
  assert.deepEqual(r.replies.slice(0, 3), [0, 1, 2].map((i) => body("reply", i)));
}

for (const mode of ["webcrypto", "fallback"]) {
  for (const encrypted of [false, true]) {
    const label = `${mode}, ${encrypted ? "encrypted" : "MAC"}`;
    const page = (scenario) => runPage({ config: sessionConfig({ encrypted }), mode, scenario });

    test(`${label}: after start the client looks up no global or prototype property a page can replace`, async () => {
      const r = await page("lookups");
      assertWorked(r);
      assert.equal(r.backend, mode);
      assert.ok(r.patched > 500, "the scenario armed " + r.patched + " properties");
      assert.deepEqual(r.hits, []);
    });

    test(`${label}: a page's getRandomValues returning zeros gives no zero or repeated salt`, async () => {
      const r = await page("zeroRandom");
      assertWorked(r);
      assert.ok(r.patched >= 1);
      const salts = r.requests.map((q) => q.salt);
      assert.equal(new Set(salts).size, salts.length);
      assert.ok(salts.every((s) => s !== "0".repeat(32)));
    });

    test(`${label}: a page's Date.now does not move issue times`, async () => {
      const r = await page("dateNow");
      assertWorked(r);
      assert.ok(r.requests.every((q) => Math.abs(q.issuedAt - r.now) < 60000), JSON.stringify(r.requests));
    });

    test(`${label}: a getter on Promise.prototype.constructor receives no promise of the client's`, async () => {
      const r = await page("promiseConstructor");
      assertWorked(r);
      assert.deepEqual(r.hits, []);
      assert.deepEqual(r.findings, []);
    });

    test(`${label}: getters and setters on Object.prototype, and then-getters, see no key material`, async () => {
      const r = await page("objectPrototype");
      assertWorked(r);
      assert.ok(r.patched > 200);
      assert.deepEqual(r.findings, []);
    });

    test(`${label}: a then-getter cannot swap what open resolves to`, async () => {
      const r = await page("substituteThen");
      assertWorked(r);
      assert.ok(r.refused.includes("Uint8Array.prototype.then"));
    });

    test(`${label}: a replaced typed-array set sees no key material${mode === "fallback" ? " (it cannot be replaced)" : ""}`, async () => {
      const r = await page("typedArraySet");
      assertWorked(r);
      assert.deepEqual(r.findings, []);
      if (mode === "fallback") {
        assert.deepEqual(r.refused, ["%TypedArray%.prototype.set", "Uint8Array.prototype.set"]);
      } else {
        assert.deepEqual(r.refused, []);
      }
    });

    test(`${label}: a replaced array iterator adds no usage to a key${mode === "fallback" ? " (it cannot be replaced)" : ""}`, async () => {
      const r = await page("arrayIteration");
      if (mode === "fallback") {
        assertWorked(r);
        assert.deepEqual(r.refused, ["Array.prototype[Symbol.iterator]"]);
      } else {
        // The client hands WebCrypto usage lists with their own iterator; Node's WebCrypto (unlike
        // a browser's, which is native) copies them into arrays and converts those again inside
        // deriveKey, so there the patch does add a usage: the client's check of each derived
        // key's usages refuses it, and the client fails closed rather than keep such a key.
        assert.match(r.ready, /^rejected: otpkit: WebCrypto derived a key with other usages than (verify|decrypt)$/);
      }
      assert.deepEqual(r.findings ?? [], []);
    });

    test(`${label}: a page function the client calls cannot reach the client's functions through .caller`, async () => {
      const r = await page("strictCallers");
      assertWorked(r);
      assert.equal(r.callerSeen, "null");
      assert.equal(r.replies[3], body("reply", 3));
    });
  }
}
