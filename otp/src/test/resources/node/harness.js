// Runs a bridge init script in Node (WebCrypto as in a browser) and reports as JSON.
// usage: node harness.js INIT_SCRIPT MODE [COMMAND] [ARG]
//   MODE inspect: globals added and the shape of the otpkit object
//   MODE seal:    otpkit.seal(COMMAND, ARG) -> {alias, envelope}
//   MODE open:    otpkit.open(COMMAND, ARG) -> {payload} or {error}
//   MODE replay:  opens ARG twice -> {payload, error}
//   MODE aliases: otpkit.alias(c) for each c of the comma-separated COMMAND -> {aliases: [[c, alias or error]]}
"use strict";
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
const before = new Set(Object.keys(globalThis));
(0, eval)(src);
const [mode, command, arg] = process.argv.slice(3);
(async () => {
  const d = Object.getOwnPropertyDescriptor(globalThis, "otpkit") || {};
  const out = {
    added: Object.keys(globalThis).filter((k) => !before.has(k)),
    descriptor: { enumerable: d.enumerable, writable: d.writable, configurable: d.configurable },
    frozen: Object.isFrozen(globalThis.otpkit),
    api: Object.getOwnPropertyNames(globalThis.otpkit).sort(),
    serialized: JSON.stringify(globalThis.otpkit),
  };
  const text = (bytes) => Buffer.from(bytes).toString("utf8");
  if (mode === "seal") {
    Object.assign(out, await globalThis.otpkit.seal(command, arg));
  } else if (mode === "aliases") {
    out.aliases = command.split(",").map((c) => {
      try {
        return [c, globalThis.otpkit.alias(c)];
      } catch (e) {
        return [c, "error: " + e.message];
      }
    });
  } else if (mode === "open" || mode === "replay") {
    try {
      out.payload = text(await globalThis.otpkit.open(command, arg));
      if (mode === "replay") {
        await globalThis.otpkit.open(command, arg);
      }
    } catch (e) {
      out.error = e.message;
    }
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stdout.write(JSON.stringify({ fatal: String(e && e.stack || e) }));
  process.exitCode = 1;
});
