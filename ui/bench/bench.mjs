// Seal + open per second of the bridge client in Node, for both backends, both modes, at 64 B and
// 1 KiB: one operation is the page sealing a request (otpkit.seal) and opening a reply of the same
// size (otpkit.open). A benchmark, not a test: `npm run bench` in ui/.
//
// Each configuration runs the committed bundle in a worker of its own, started as a page starts
// it: with WebCrypto, or without crypto.subtle in a secure context, where it picks the fallback
// and locks its intrinsics (as in JavaFX). Replies are sealed beforehand by node:crypto (the
// reference backend), outside the timed loops. Writes ../benchmarks/results/ui-node.json and
// prints a table.

import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { writeFileSync, mkdirSync } from "node:fs";
import { runInThisContext } from "node:vm";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import os from "node:os";

const ROUNDS = 8; // timed rounds after one warm-up round
const BATCH = 2000; // seal + open pairs per round

async function measure({ backendName, encrypted, size }) {
  const { committedBundle, render } = await import("../test/support/page.mjs");
  const { sessionConfig, backendOf } = await import("../test/support/session.mjs");
  if (backendName === "fallback") {
    const cryptoObject = globalThis.crypto;
    const engineGetRandomValues = Crypto.prototype.getRandomValues;
    const getRandomValues = (bytes) => Reflect.apply(engineGetRandomValues, cryptoObject, [bytes]);
    Object.defineProperty(globalThis, "crypto", { value: { getRandomValues }, configurable: true });
    Object.defineProperty(globalThis, "isSecureContext", { value: true, configurable: true });
  }
  const config = sessionConfig({ encrypted });
  runInThisContext(render(committedBundle(), config), { filename: "otpkit-client.js" });
  const client = globalThis.otpkit;
  await client.ready;
  if (client.backend !== backendName) {
    throw new Error("the bundle picked " + client.backend);
  }
  const payload = new Uint8Array(size).fill(97);
  let sequence = 1n;
  const clock = { now: Date.now() };
  const server = backendOf(config, client.document, clock);
  const rates = [];
  for (let round = 0; round <= ROUNDS; round++) {
    clock.now = Date.now();
    const replies = [];
    for (let i = 0; i < BATCH; i++) {
      replies.push(server.seal("files.save", payload, { sequence: sequence++ }));
    }
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) {
      await client.seal("files.save", payload);
      await client.open("files.save", replies[i]);
    }
    const seconds = (performance.now() - start) / 1000;
    if (round > 0) {
      rates.push(BATCH / seconds);
    }
  }
  rates.sort((a, b) => a - b);
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  return {
    backend: client.backend,
    mode: encrypted ? "encrypted" : "mac",
    payloadBytes: size,
    sealOpenPerSecond: Math.round(mean),
    minPerSecond: Math.round(rates[0]),
    maxPerSecond: Math.round(rates[rates.length - 1]),
    rounds: rates.length,
    pairsPerRound: BATCH,
  };
}

if (!isMainThread) {
  measure(workerData).then((r) => parentPort.postMessage(r));
} else {
  const runs = [];
  for (const backendName of ["webcrypto", "fallback"]) {
    for (const encrypted of [false, true]) {
      for (const size of [64, 1024]) {
        runs.push({ backendName, encrypted, size });
      }
    }
  }
  const results = [];
  for (const run of runs) {
    results.push(await new Promise((resolve, reject) => {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: run });
      w.once("message", resolve);
      w.once("error", reject);
    }));
  }
  const out = {
    benchmark: "otpkit bridge client: one otpkit.seal of a request plus one otpkit.open of a reply of the same size, per second",
    runtime: "node " + process.versions.node + " (V8 " + process.versions.v8 + ")",
    machine: os.cpus()[0].model + ", " + os.cpus().length + " cores",
    date: new Date().toISOString().slice(0, 10),
    results,
  };
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "benchmarks", "results", "ui-node.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  console.log(out.runtime + ", " + out.machine);
  console.log("backend    mode       payload  seal+open/s  (min .. max over " + ROUNDS + " rounds)");
  for (const r of results) {
    console.log(
      r.backend.padEnd(10) + " " + r.mode.padEnd(10) + " " + String(r.payloadBytes).padStart(5) + " B  " +
        String(r.sealOpenPerSecond).padStart(11) + "  (" + r.minPerSecond + " .. " + r.maxPerSecond + ")",
    );
  }
  console.log("wrote " + file);
}
