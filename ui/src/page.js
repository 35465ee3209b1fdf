"use strict";
// The bundle's entry point: the script the Java side injects at document start, or renders as the
// first element of <head> (ui-contract). bootstrap.js runs first (see build.mjs).

import { config } from "./bootstrap.js";
import { host, DateNow, ObjectDefineProperty, ObjectFreeze, ReflectGetOwnPropertyDescriptor, Error } from "./intrinsics.js";
import { lockThenables, lockFallbackIntrinsics } from "./locks.js";
import { chooseBackend } from "./backends/choose.js";
import { createClient, failedClient } from "./client.js";
import { javafxTransport } from "./transports/javafx.js";

const configured = config !== null && typeof config === "object";
const transport = configured ? config.transport : undefined;

let api;
let failure;
try {
  if (transport !== undefined && transport !== "javafx") {
    throw new Error("otpkit: bad config: unknown transport " + String(transport));
  }
  const inProcess = configured && config.delivery === "in-process";
  const backend = chooseBackend(host, undefined, inProcess);
  lockThenables(backend.name === "webcrypto" ? host.subtle.keyPrototype : undefined);
  if (backend.name === "fallback") {
    lockFallbackIntrinsics();
  }
  api = createClient(config, { backend, random: host.getRandomValues, now: DateNow });
  if (transport === "javafx") {
    const { call, on } = javafxTransport(api, host.prompt, globalThis, host.listen, host.getRandomValues);
    api = ObjectFreeze({ __proto__: null, ...api, call, on });
  }
} catch (e) {
  failure = e;
  api = failedClient(config, e);
  if (transport === "javafx") {
    const fail = () => {
      throw e;
    };
    api = ObjectFreeze({ __proto__: null, ...api, call: async () => fail(), on: fail });
  }
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
