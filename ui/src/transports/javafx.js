// The transport of a page a JavaFX WebView shows through the otpkit JavaFX adapter
// (dev.otpkit.javafx.WebViewBridge), which renders `"transport": "javafx"` into the config.
//
// Towards Java: the engine's prompt handler. `prompt` is captured here, before any page script,
// so a page that replaces window.prompt sees nothing; a page script can call prompt itself, but
// what it can send is what the Java side checks anyway (an alias and an envelope it cannot seal
// without this document's keys). The prompt handler is the engine's own property, held strongly:
// no bridge object in the page that a GC could collect or a script could reach.
//
// Towards the page: the adapter runs `otpkitDeliver("<json>")` in the document, a global this
// script defines non-writable and non-configurable. Anyone in the page can call it too; a
// delivery counts only if its envelope opens in this document's stream (this document, the
// backend-to-UI direction, that command or channel, once), so a forged one changes nothing but
// the outcome of the call it names, which a script in the page could spoil anyway.
//
// Wake: JavaFX's WebKit runs the promise jobs a script queues from executeScript only at its next
// frame, about 16 ms later (measured: 16.4 ms for Promise.resolve().then, 0.06 ms once a DOM
// event reaches a listener), so every reply would wait a frame. After each delivery the adapter
// dispatches the DOM event WAKE on the document, where this script listens with a listener that
// does nothing: leaving a listener drains the jobs at once. Anyone may dispatch it; it only runs
// the page's own queued jobs sooner.

import {
  Map,
  Promise,
  Uint32Array,
  Error,
  TypeError,
  ReflectApply,
  ObjectDefineProperty,
  ObjectFreeze,
  MapPrototypeGet,
  MapPrototypeSet,
  MapPrototypeDelete,
  MapPrototypeGetSize,
  PromisePrototypeThen,
  JSONParse,
  JSONStringify,
  NumberIsSafeInteger,
  ObjectHasOwn,
  pinned,
} from "../intrinsics.js";

/** The prompt message that marks a bridge request; the adapter passes any other prompt on. */
export const PROMPT_MESSAGE = "otpkit:bridge:v1";
/** The global the adapter calls with each delivery. */
export const DELIVER = "otpkitDeliver";
/** The DOM event the adapter dispatches on the document after each delivery. */
export const WAKE = "otpkit-wake";
/** Calls awaiting their reply, per document; the adapter refuses more in flight with "busy". */
export const MAX_PENDING = 64;

/**
 * The channel for `client` over the engine's `prompt` (captured, bound to its window). Returns
 * {call, on} for the page API and installs the delivery global on `target`; `listen(type, f)`
 * (the captured addEventListener on the document, or undefined) takes the wake listener;
 * `random(bytes)` (the captured getRandomValues) draws the request ids.
 */
export function javafxTransport(client, prompt, target, listen, random) {
  if (typeof prompt !== "function") {
    throw new Error("otpkit: this engine has no prompt(): the JavaFX transport cannot run");
  }
  const pending = new Map(); // id -> {command, resolve, reject}
  const listeners = new Map(); // channel -> listener
  const idBytes = new Uint32Array(2);

  // A request's id names the call its reply settles. Drawn at random (53 bits), not counted: a
  // script that guessed the app's next id could send its own sealed request under it, and the
  // app's call would settle with the (genuine) reply to the script's payload. No script sees an
  // id: prompt is captured and otpkitDeliver's input is not observable.
  function newId() {
    while (true) {
      random(idBytes);
      const id = (idBytes[0] & 0x1fffff) * 0x100000000 + idBytes[1];
      if (id !== 0 && MapPrototypeGet(pending, id) === undefined) {
        return id;
      }
    }
  }

  function send(request) {
    const answer = ReflectApply(prompt, target, [PROMPT_MESSAGE, JSONStringify(request)]);
    if (answer !== "") {
      // the adapter answers at once: "" once queued, or why not (busy, too-large, ...)
      throw new Error(typeof answer === "string" && answer !== "" ? answer : "otpkit: the bridge did not answer");
    }
  }

  async function call(command, payload) {
    const sealed = await pinned(client.seal(command, payload));
    if (MapPrototypeGetSize(pending) >= MAX_PENDING) {
      throw new Error("otpkit: " + MAX_PENDING + " calls are already waiting for their replies");
    }
    const id = newId();
    let settle;
    const reply = pinned(
      new Promise((resolve, reject) => {
        settle = { __proto__: null, command, resolve, reject };
      }),
    );
    MapPrototypeSet(pending, id, settle);
    try {
      send({ __proto__: null, id, document: sealed.document, alias: sealed.alias, envelope: sealed.envelope });
    } catch (e) {
      MapPrototypeDelete(pending, id);
      throw e;
    }
    return await reply;
  }

  function on(channel, listener) {
    if (typeof channel !== "string") {
      throw new TypeError("otpkit: a channel is a string");
    }
    if (typeof listener !== "function") {
      throw new TypeError("otpkit: a listener is a function");
    }
    MapPrototypeSet(listeners, channel, listener);
  }

  function deliver(text) {
    if (typeof text !== "string") {
      return;
    }
    let message;
    try {
      message = JSONParse(text);
    } catch {
      return;
    }
    // own members only: a getter a page put on Object.prototype answers for a missing one
    const member = (key) => (ObjectHasOwn(message, key) ? message[key] : undefined);
    if (message === null || typeof message !== "object" || member("document") !== client.document) {
      return; // for another document (the page navigated while its reply was on the way)
    }
    const id = member("id");
    if (NumberIsSafeInteger(id)) {
      const waiting = MapPrototypeGet(pending, id);
      if (waiting === undefined) {
        return;
      }
      MapPrototypeDelete(pending, id);
      const reply = { __proto__: null, envelope: member("envelope"), nextAlias: member("nextAlias"), error: member("error") };
      PromisePrototypeThen(pinned(client.receive(waiting.command, reply)), waiting.resolve, waiting.reject);
      return;
    }
    const channel = member("push");
    const envelope = member("envelope");
    if (typeof channel !== "string" || typeof envelope !== "string") {
      return;
    }
    const listener = MapPrototypeGet(listeners, channel);
    if (listener === undefined) {
      return;
    }
    PromisePrototypeThen(
      pinned(client.open(channel, envelope)),
      (payload) => ReflectApply(listener, undefined, [payload]),
      () => {}, // a forged or replayed event: dropped
    );
  }

  if (listen !== undefined) {
    listen(WAKE, () => {});
  }
  ObjectDefineProperty(target, DELIVER, {
    __proto__: null,
    value: ObjectFreeze(deliver),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return { __proto__: null, call, on };
}
