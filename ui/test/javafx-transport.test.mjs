// The JavaFX transport (src/transports/javafx.js) and the in-process exception to the secure-context
// rule, in the committed bundle as a page runs it: prompt() towards Java, otpkitDeliver() back.
// The real engine runs these paths in javafx/ (JavaFX WebView under Xvfb); here each branch is
// pinned down against the reference backend.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createContext, runInContext } from "node:vm";
import { webcrypto } from "node:crypto";
import { committedBundle, render } from "./support/page.mjs";
import { sessionConfig, backendOf } from "./support/session.mjs";
import { NO_USABLE_CRYPTO } from "../src/backends/choose.js";
import { PROMPT_MESSAGE, DELIVER, MAX_PENDING } from "../src/transports/javafx.js";

const getRandomValues = (b) => webcrypto.getRandomValues(b);

/**
 * A JavaFX-like page (no crypto.subtle, not a secure context, at about:blank) whose prompt() is
 * `onPrompt(message, text)`; returns the realm.
 */
function javafxPage(config, onPrompt, { href = "about:blank", secure = false } = {}) {
  const globals = {
    crypto: { getRandomValues },
    isSecureContext: secure,
    location: { href },
    TextEncoder,
    prompt: (message, text) => onPrompt(message, text),
  };
  const context = createContext(Object.defineProperties({}, Object.getOwnPropertyDescriptors(globals)));
  let threw;
  try {
    runInContext(render(committedBundle(), config), context, { filename: "otpkit-client.js" });
  } catch (e) {
    threw = e;
  }
  return { context, threw };
}

const javafxConfig = (overrides) =>
  sessionConfig({ transport: "javafx", delivery: "in-process", bootstrap: false, ...overrides });

/** The Java side of the prompt channel: opens each request, answers through otpkitDeliver. */
function javaSide(config, { answer = "" } = {}) {
  const requests = [];
  let context;
  let backend;
  return {
    requests,
    attach(c) {
      context = c;
    },
    onPrompt(message, text) {
      requests.push({ message, text });
      return typeof answer === "function" ? answer(message, text) : answer;
    },
    backend(document) {
      backend ??= backendOf(config, document, { now: Date.now() });
      return backend;
    },
    deliver(object) {
      context[DELIVER](JSON.stringify(object));
    },
  };
}

const settle = async (p) => {
  try {
    return { value: await p };
  } catch (e) {
    return { error: e.message };
  }
};

const nextTurn = () => new Promise((r) => setTimeout(r, 10));

test("an in-process page at about:blank runs the fallback; the same page anywhere else refuses to start", () => {
  const config = javafxConfig();
  const inProcess = javafxPage(config, () => "");
  assert.equal(inProcess.threw, undefined);
  assert.equal(inProcess.context.otpkit.backend, "fallback");
  // a page fetched from the network (or a file) with the same config: no secure context, no start
  for (const href of ["http://example.com/", "about:blank#x", "jar:file:/app.jar!/index.html", "about:srcdoc"]) {
    const { threw, context } = javafxPage(config, () => "", { href });
    assert.equal(threw?.message, NO_USABLE_CRYPTO, href);
    assert.equal(context.otpkit.backend, "none");
  }
  // without the Java side's word, about:blank is not enough
  const { threw } = javafxPage(sessionConfig({ transport: "javafx" }), () => "");
  assert.equal(threw?.message, NO_USABLE_CRYPTO);
  // a secure context needs no exception
  assert.equal(javafxPage(sessionConfig({ transport: "javafx" }), () => "", { href: "file:///app/index.html", secure: true }).threw, undefined);
});

test("call() sends {id, document, alias, envelope} through prompt and resolves with the opened reply", async () => {
  for (const encrypted of [false, true]) {
    const config = javafxConfig({ encrypted });
    const java = javaSide(config);
    const { context, threw } = javafxPage(config, java.onPrompt);
    assert.equal(threw, undefined);
    java.attach(context);
    const otpkit = context.otpkit;
    assert.deepEqual(Object.keys(otpkit).sort(), ["alias", "backend", "call", "document", "nextAlias", "on", "open", "ready", "receive", "seal", "session"]);
    const reply = otpkit.call("files.save", "hello");
    await nextTurn();
    assert.equal(java.requests.length, 1);
    const { message, text } = java.requests[0];
    assert.equal(message, PROMPT_MESSAGE);
    const request = JSON.parse(text);
    assert.deepEqual(Object.keys(request), ["id", "document", "alias", "envelope"]);
    assert.equal(request.document, otpkit.document);
    assert.equal(request.alias, "c_AAAAAAAAAAAAAAAA");
    const backend = java.backend(otpkit.document);
    assert.equal(backend.open("files.save", request.envelope).payload.toString(), "hello");
    java.deliver({ document: otpkit.document, id: request.id, envelope: backend.seal("files.save", Buffer.from("saved")) });
    assert.equal(Buffer.from(await reply).toString(), "saved");
  }
});

test("a delivery counts only if it opens in this document: forged, replayed, mis-addressed and wrong-channel replies fail", async () => {
  const config = javafxConfig();
  const java = javaSide(config);
  const { context } = javafxPage(config, java.onPrompt);
  java.attach(context);
  const otpkit = context.otpkit;
  const backend = java.backend(otpkit.document);

  // another document's delivery is ignored: the call stays pending, then the genuine one settles it
  const first = otpkit.call("files.save", "a");
  await nextTurn();
  const id1 = JSON.parse(java.requests[0].text).id;
  const genuine = backend.seal("files.save", Buffer.from("one"));
  java.deliver({ document: "AAAAAAAAAAAAAAAAAAAAAA", id: id1, error: "rejected: forged" });
  java.deliver({ document: otpkit.document, id: id1 + 100, envelope: genuine }); // no such call
  java.deliver({ document: otpkit.document, id: id1, envelope: genuine });
  assert.equal(Buffer.from(await first).toString(), "one");

  // the same reply again, to a new call: replayed
  const second = otpkit.call("files.save", "b");
  await nextTurn();
  java.deliver({ document: otpkit.document, id: JSON.parse(java.requests[1].text).id, envelope: genuine });
  assert.deepEqual(await settle(second), { error: "rejected: replayed" });

  // a reply sealed for another command, and a tampered one
  const third = otpkit.call("files.save", "c");
  await nextTurn();
  java.deliver({ document: otpkit.document, id: JSON.parse(java.requests[2].text).id, envelope: backend.seal("status", Buffer.from("x")) });
  assert.deepEqual(await settle(third), { error: "rejected: wrong-context" });
  const fourth = otpkit.call("files.save", "d");
  await nextTurn();
  const tampered = Buffer.from(backend.seal("files.save", Buffer.from("y")), "base64url");
  tampered[tampered.length - 1] ^= 1;
  java.deliver({ document: otpkit.document, id: JSON.parse(java.requests[3].text).id, envelope: tampered.toString("base64url") });
  assert.deepEqual(await settle(fourth), { error: "rejected: bad-tag" });

  // garbage does nothing at all
  for (const junk of [undefined, 42, "", "{", "null", "[]", JSON.stringify({ document: otpkit.document })]) {
    context[DELIVER](junk);
  }
});

test("the backend's refusal rejects the call with its reason; a refusal at the prompt rejects at once", async () => {
  const config = javafxConfig();
  let answer = "";
  const java = javaSide(config, { answer: () => answer });
  const { context } = javafxPage(config, java.onPrompt);
  java.attach(context);
  const otpkit = context.otpkit;
  const refused = otpkit.call("files.save", "x");
  await nextTurn();
  java.deliver({ document: otpkit.document, id: JSON.parse(java.requests[0].text).id, error: "rejected: not-allowed" });
  assert.deepEqual(await settle(refused), { error: "rejected: not-allowed" });
  answer = "otpkit: busy";
  assert.deepEqual(await settle(otpkit.call("files.save", "y")), { error: "otpkit: busy" });
  answer = null; // the app's own prompt handler answered: no bridge behind it
  assert.deepEqual(await settle(otpkit.call("files.save", "y")), { error: "otpkit: the bridge did not answer" });
  assert.deepEqual(await settle(otpkit.call("not.allowed", "y")), { error: "otpkit: command not allowed: not.allowed" });
});

test("request ids are drawn at random (53 bits), so a page script cannot guess the id of the app's next call", async () => {
  const config = javafxConfig();
  const java = javaSide(config);
  const { context } = javafxPage(config, java.onPrompt);
  for (let i = 0; i < 50; i++) {
    context.otpkit.call("files.save", "x");
  }
  await nextTurn();
  const ids = java.requests.map((r) => JSON.parse(r.text).id);
  assert.equal(ids.length, 50);
  assert.equal(new Set(ids).size, 50);
  assert.ok(ids.every((id) => Number.isSafeInteger(id) && id > 0));
  assert.ok(!ids.includes(1) && !ids.includes(2), "not counted from 1");
  assert.ok(ids.some((id) => id > 2 ** 40), "spread over 53 bits: " + ids.slice(0, 3));
  const steps = ids.slice(1).filter((id, i) => id === ids[i] + 1).length;
  assert.equal(steps, 0, "no id follows its predecessor");
});

test("at most MAX_PENDING calls wait for replies; the next is refused before it reaches Java", async () => {
  const config = javafxConfig();
  const java = javaSide(config);
  const { context } = javafxPage(config, java.onPrompt);
  const otpkit = context.otpkit;
  const waiting = [];
  for (let i = 0; i < MAX_PENDING; i++) {
    waiting.push(otpkit.call("files.save", "x"));
  }
  await nextTurn();
  assert.equal(java.requests.length, MAX_PENDING);
  assert.match((await settle(otpkit.call("files.save", "x"))).error, /already waiting/);
  assert.equal(java.requests.length, MAX_PENDING);
});

test("pushes reach the channel's listener once; forged and replayed pushes never do", async () => {
  for (const encrypted of [false, true]) {
    const config = javafxConfig({ encrypted });
    const java = javaSide(config);
    const { context } = javafxPage(config, java.onPrompt);
    java.attach(context);
    const otpkit = context.otpkit;
    await otpkit.ready;
    const backend = java.backend(otpkit.document);
    const got = [];
    otpkit.on("notes.changed", (payload) => got.push(Buffer.from(payload).toString()));
    const event = backend.seal("notes.changed", Buffer.from("event-1"));
    java.deliver({ document: otpkit.document, push: "notes.changed", envelope: event });
    java.deliver({ document: otpkit.document, push: "notes.changed", envelope: event }); // replayed
    java.deliver({ document: otpkit.document, push: "notes.changed", envelope: backend.seal("other", Buffer.from("x")) });
    java.deliver({ document: otpkit.document, push: "unheard", envelope: backend.seal("unheard", Buffer.from("x")) });
    await nextTurn();
    assert.deepEqual(got, ["event-1"]);
    assert.throws(() => otpkit.on("notes.changed", "not a function"), { name: "TypeError", message: "otpkit: a listener is a function" });
  }
});

test("a page that replaces prompt, JSON and Object.prototype getters neither sees a request nor steers a delivery", async () => {
  const config = javafxConfig();
  const java = javaSide(config);
  const { context } = javafxPage(config, java.onPrompt);
  java.attach(context);
  const seen = [];
  runInContext(`
    globalThis.prompt = (...a) => { seen.push(["prompt", ...a]); return ""; };
    JSON.stringify = (v) => { seen.push(["stringify", v]); return "{}"; };
    JSON.parse = (t) => { seen.push(["parse", t]); return {}; };
    Object.defineProperty(Object.prototype, "id", { get() { seen.push(["id"]); return 1; }, configurable: true });
    Object.defineProperty(Object.prototype, "push", { get() { seen.push(["push"]); return "notes.changed"; }, configurable: true });
  `, Object.assign(context, { seen }));
  const otpkit = context.otpkit;
  const reply = otpkit.call("files.save", "hello");
  await nextTurn();
  assert.equal(java.requests.length, 1);
  const request = JSON.parse(java.requests[0].text);
  const backend = java.backend(otpkit.document);
  // a push without an id: the page's Object.prototype.id getter must not turn it into a reply
  otpkit.on("notes.changed", () => {});
  java.deliver({ document: otpkit.document, push: "notes.changed", envelope: backend.seal("notes.changed", Buffer.from("e")) });
  java.deliver({ document: otpkit.document, id: request.id, envelope: backend.seal("files.save", Buffer.from("ok")) });
  assert.equal(Buffer.from(await reply).toString(), "ok");
  assert.deepEqual(seen, []);
  // the delivery global cannot be replaced or redefined
  assert.throws(() => runInContext(`"use strict"; otpkitDeliver = () => {};`, context), { name: "TypeError" });
  assert.throws(() => runInContext(`Object.defineProperty(globalThis, "otpkitDeliver", { value: 1 })`, context), { name: "TypeError" });
});

test("a client that cannot start under the JavaFX transport fails call and on with its error", async () => {
  const config = javafxConfig();
  const { threw, context } = javafxPage(config, () => "", { href: "http://example.com/" });
  assert.equal(threw?.message, NO_USABLE_CRYPTO);
  assert.deepEqual(await settle(context.otpkit.call("files.save", "x")), { error: NO_USABLE_CRYPTO });
  assert.throws(() => context.otpkit.on("c", () => {}), { message: NO_USABLE_CRYPTO });
  const unknown = javafxPage(sessionConfig({ transport: "carrier-pigeon" }), () => "", { secure: true });
  assert.match(unknown.threw.message, /unknown transport/);
});
