// Seal + open per second of the bridge client in the page, in Debian's Chromium (headless), for
// both backends, both modes, at 64 B and 1 KiB: the browser half of the client benchmark (the node
// half is bench.mjs). A benchmark, not a test: `npm run bench:browser` in ui/ after `npm ci` in
// browser-tests/ (whose locked playwright-core drives /usr/bin/chromium; nothing is downloaded).
//
// A page on http://127.0.0.1 (a secure context) gets the committed bundle through
// addInitScript, as a document-start injection; for the fallback a script before it hides
// crypto.subtle, as JavaFX WebView lacks it. Replies are sealed beforehand by node:crypto (the
// reference backend of the tests) and timed in the page with performance.now(). Writes
// ../benchmarks/results/ui-browser.json and prints a table.

import { createServer } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { committedBundle, render } from "../test/support/page.mjs";
import { backendOf, sessionConfig } from "../test/support/session.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(join(here, "..", "..", "browser-tests", "node_modules", "playwright-core", "index.mjs"));

const ROUNDS = 8;
const BATCH = 1000;

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
  res.end("<!doctype html><title>bench</title>");
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = "http://127.0.0.1:" + server.address().port + "/";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const version = browser.version();

async function measure(backendName, encrypted, size) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (backendName === "fallback") {
    await page.addInitScript(() => Object.defineProperty(Crypto.prototype, "subtle", { get: () => undefined }));
  }
  const config = sessionConfig({ encrypted });
  await page.addInitScript({ content: render(committedBundle(), config) });
  await page.goto(origin);
  const document = await page.evaluate(async () => {
    await otpkit.ready;
    return { id: otpkit.document, backend: otpkit.backend };
  });
  if (document.backend !== backendName) {
    throw new Error("the page picked " + document.backend);
  }
  const clock = { now: Date.now() };
  const reference = backendOf(config, document.id, clock);
  let sequence = 1n;
  const payload = new Uint8Array(size).fill(97);
  const rates = [];
  for (let round = 0; round <= ROUNDS; round++) {
    clock.now = Date.now();
    const replies = [];
    for (let i = 0; i < BATCH; i++) {
      replies.push(reference.seal("files.save", payload, { sequence: sequence++ }));
    }
    const seconds = await page.evaluate(async ({ replies, size }) => {
      const body = new Uint8Array(size).fill(97);
      const start = performance.now();
      for (let i = 0; i < replies.length; i++) {
        await otpkit.seal("files.save", body);
        await otpkit.open("files.save", replies[i]);
      }
      return (performance.now() - start) / 1000;
    }, { replies, size });
    if (round > 0) {
      rates.push(BATCH / seconds);
    }
  }
  await context.close();
  rates.sort((a, b) => a - b);
  return {
    backend: backendName,
    mode: encrypted ? "encrypted" : "mac",
    payloadBytes: size,
    sealOpenPerSecond: Math.round(rates.reduce((a, b) => a + b, 0) / rates.length),
    minPerSecond: Math.round(rates[0]),
    maxPerSecond: Math.round(rates[rates.length - 1]),
    rounds: rates.length,
    pairsPerRound: BATCH,
  };
}

const results = [];
for (const backendName of ["webcrypto", "fallback"]) {
  for (const encrypted of [false, true]) {
    for (const size of [64, 1024]) {
      results.push(await measure(backendName, encrypted, size));
    }
  }
}
await browser.close();
server.close();
const out = {
  benchmark: "otpkit bridge client in a Chromium page: one otpkit.seal of a request plus one otpkit.open of a reply of the same size, per second",
  runtime: "chromium " + version + " (headless, /usr/bin/chromium)",
  date: new Date().toISOString().slice(0, 10),
  results,
};
const file = join(here, "..", "..", "benchmarks", "results", "ui-browser.json");
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
console.log(out.runtime);
console.log("backend    mode       payload  seal+open/s  (min .. max over " + ROUNDS + " rounds)");
for (const r of results) {
  console.log(r.backend.padEnd(10) + " " + r.mode.padEnd(10) + " " + String(r.payloadBytes).padStart(5) + " B  "
    + String(r.sealOpenPerSecond).padStart(11) + "  (" + r.minPerSecond + " .. " + r.maxPerSecond + ")");
}
console.log("wrote " + file);
