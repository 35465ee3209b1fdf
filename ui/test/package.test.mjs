// The package as application code imports it: its exports map and the module it points to.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

test("package.json pins every dependency exactly and exports the entry and its types", () => {
  assert.equal(pkg.name, "@otpkit/bridge-client");
  assert.equal(pkg.version, "0.1.0");
  for (const deps of [pkg.dependencies, pkg.devDependencies]) {
    for (const [name, version] of Object.entries(deps)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, name);
    }
  }
  assert.deepEqual(pkg.exports["."], { types: "./index.d.ts", default: "./src/otpkit.js" });
  const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8"));
  for (const name of ["@noble/hashes", "@noble/ciphers", "esbuild"]) {
    assert.equal(lock.packages["node_modules/" + name].version, (pkg.dependencies[name] ?? pkg.devDependencies[name]));
  }
});

const importIn = (setup) =>
  new Promise((resolve) => {
    const worker = new Worker(
      `${setup}; import("@otpkit/bridge-client").then((m) => require("node:worker_threads").parentPort.postMessage({ same: m.otpkit === globalThis.otpkit && m.default === m.otpkit }), (e) => require("node:worker_threads").parentPort.postMessage({ error: e.message }));`,
      { eval: true },
    );
    worker.once("message", (m) => {
      worker.terminate();
      resolve(m);
    });
  });

test("importing the package gives the installed otpkit, and says so when there is none", async () => {
  process.chdir(new URL("..", import.meta.url).pathname);
  assert.deepEqual(await importIn("Object.defineProperty(globalThis, 'otpkit', { value: Object.freeze({}) })"), { same: true });
  const missing = await importIn("");
  assert.match(missing.error, /^otpkit: the bridge client is not installed in this document/);
});
