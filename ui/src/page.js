"use strict";
// The bundle's entry point: the script the Java side injects at document start, or renders as the
// first element of <head> (ui-contract). bootstrap.js runs first (see build.mjs).

import { config } from "./bootstrap.js";
import { host, DateNow, ObjectDefineProperty, ReflectGetOwnPropertyDescriptor, Error } from "./intrinsics.js";
import { lockThenables, lockFallbackIntrinsics } from "./locks.js";
import { chooseBackend } from "./backends/choose.js";
import { createClient, failedClient } from "./client.js";

let api;
let failure;
try {
  const backend = chooseBackend(host);
  lockThenables(backend.name === "webcrypto" ? host.subtle.keyPrototype : undefined);
  if (backend.name === "fallback") {
    lockFallbackIntrinsics();
  }
  api = createClient(config, { backend, random: host.getRandomValues, now: DateNow });
} catch (e) {
  failure = e;
  api = failedClient(config, e);
}

if (ReflectGetOwnPropertyDescriptor(globalThis, "otpkit") !== undefined) {
  throw new Error("otpkit: the bridge client is already installed in this document");
}
ObjectDefineProperty(globalThis, "otpkit", {
  __proto__: null,
  value: api,
  enumerable: false,
  writable: false,
  configurable: false,
});

if (failure !== undefined) {
  throw failure; // at once, in the console; otpkit.ready rejects with it too
}
