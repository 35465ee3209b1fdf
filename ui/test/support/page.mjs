// Runs the bundle as a page gets it (the placeholder replaced by a configuration, as the Java side
// does) in a worker of its own; see page-worker.mjs.

import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { BUNDLE, PLACEHOLDER } from "../../build.mjs";

export const committedBundle = () => readFileSync(BUNDLE, "utf8");

/** The bundle with `config` in place of the placeholder, JSON escaped for an HTML <script>. */
export function render(bundle, config) {
  const json = JSON.stringify(config).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  const at = bundle.indexOf(PLACEHOLDER);
  return bundle.slice(0, at) + json + bundle.slice(at + PLACEHOLDER.length);
}

export function runPage({ config, mode, scenario, bundle = committedBundle() }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./page-worker.mjs", import.meta.url), {
      workerData: { bundle: render(bundle, config), config, mode, scenario },
    });
    worker.once("message", (m) => {
      worker.terminate();
      if (m.fatal) {
        reject(new Error(m.fatal));
      } else {
        resolve(m);
      }
    });
    worker.once("error", reject);
  });
}
