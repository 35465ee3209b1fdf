// Bundles src/ into the one script the otp jar ships (ui-contract): an IIFE that Java fills in by
// replacing the placeholder /*OTPKIT_CONFIG*/null, which occurs exactly once.
//
//   node build.mjs           writes otp/src/main/resources/dev/otpkit/otp/otpkit-client.js
//   node build.mjs --check   rebuilds in memory and fails if the committed bundle differs by one byte
//
// The output depends only on the sources, the locked packages (package-lock.json) and the
// esbuild version pinned there: no timestamps, no absolute paths.

import { build } from "esbuild";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
export const BUNDLE = join(here, "..", "otp", "src", "main", "resources", "dev", "otpkit", "otp", "otpkit-client.js");
export const PLACEHOLDER = "/*OTPKIT_CONFIG*/null";

/**
 * The bundle's text. `patch(path, source)`, for tests only, may rewrite a source file on its way
 * in (to show that a test fails once a defence is taken out).
 */
export async function bundle(patch) {
  const plugins = patch === undefined ? [] : [{
    name: "patch",
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.js$/ }, async (args) => ({
        contents: patch(args.path, await readFile(args.path, "utf8")),
        loader: "js",
      }));
    },
  }];
  const result = await build({
    plugins,
    absWorkingDir: here,
    entryPoints: ["src/page.js"],
    // bootstrap.js first (it removes the inline <script> before anything else runs), then the
    // captured intrinsics, which also stand in for the globals the bundled @noble code names
    inject: ["src/bootstrap.js", "src/intrinsics.js"],
    bundle: true,
    format: "iife",
    target: "es2022",
    platform: "browser",
    charset: "ascii",
    legalComments: "eof",
    write: false,
    logLevel: "silent",
  });
  let text = result.outputFiles[0].text;
  // strict mode inside the function, not for the whole script: a runtime that concatenates user
  // scripts must not make its other scripts strict
  const head = '"use strict";\n(() => {\n';
  if (!text.startsWith(head)) {
    throw new Error("unexpected bundle head: " + JSON.stringify(text.slice(0, 40)));
  }
  text = '(() => {\n  "use strict";\n' + text.slice(head.length);
  const uses = text.split("OTPKIT_CONFIG").length - 1;
  if (uses !== 1) {
    throw new Error("the bundle names OTPKIT_CONFIG " + uses + " times, not once");
  }
  text = text.replace(/\bOTPKIT_CONFIG\b/, PLACEHOLDER);
  return text;
}

async function main(args) {
  const text = await bundle();
  if (args.includes("--check")) {
    let committed;
    try {
      committed = await readFile(BUNDLE, "utf8");
    } catch {
      committed = undefined;
    }
    if (committed !== text) {
      console.error("otpkit-client.js differs from a build of the locked sources: run `npm run build` in ui/ and commit it");
      process.exit(1);
    }
    console.log("otpkit-client.js matches the locked sources (" + Buffer.byteLength(text) + " bytes)");
    return;
  }
  await writeFile(BUNDLE, text);
  console.log("wrote " + BUNDLE + " (" + Buffer.byteLength(text) + " bytes)");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
