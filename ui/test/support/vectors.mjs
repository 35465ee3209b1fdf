// The language-neutral vectors (src/test/vectors/envelope-v1.json) and openers built from a case's
// settings, for either backend.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { host } from "../../src/intrinsics.js";
import { chooseBackend } from "../../src/backends/choose.js";
import { createOpener, createStream, documentSession, UP, DOWN } from "../../src/envelope.js";
import { nameBytes } from "../../src/bytes.js";
import { ReplayWindow } from "../../src/replay-window.js";
import { SaltCache } from "../../src/salt-cache.js";

export const VECTORS_PATH = fileURLToPath(new URL("../../../src/test/vectors/envelope-v1.json", import.meta.url));
export const vectors = JSON.parse(readFileSync(VECTORS_PATH, "utf8"));

export const BACKENDS = ["webcrypto", "fallback"];
export const backendNamed = (name) => chooseBackend(host, name === "fallback" ? "fallback" : undefined);

export const hex = (s) => Uint8Array.from(Buffer.from(s, "hex"));
export const toHex = (b) => Buffer.from(b).toString("hex");
export const direction = (c) => (c.direction === "ui" ? UP : DOWN);

/** The session bytes a case's envelopes are bound to: the session, or its document session. */
export function boundSession(c) {
  return c.document === undefined ? nameBytes("session", c.session) : documentSession(c.session, c.document);
}

/** The 32-byte key a case derives from for `keyId`: the long-term key, or the session's UI root. */
export function rootFor(c, keyId) {
  if (c.document === undefined) {
    return hex(vectors.keys.find((k) => k.id === keyId).key);
  }
  const root = vectors.uiRoots.find((r) => r.id === keyId && r.session === c.session);
  if (root === undefined) {
    throw new Error("no uiRoot for key " + keyId + " and session " + c.session);
  }
  return hex(root.root);
}

/** Stream keys of the case's session and direction for `role` ("seal" or "open"). */
export async function streamFor(backend, c, keyId, role) {
  const session = boundSession(c);
  const request = { __proto__: null, session, direction: direction(c), role, encrypted: c.encrypted };
  const derived = await backend.derive(rootFor(c, keyId), { __proto__: null, s: request }, ["s"]);
  return createStream(derived.s, session, direction(c));
}

/** An opener with the case's settings; `clock.now` is what it reads. */
export async function openerFor(backend, c, clock) {
  const streams = new Map();
  for (const k of vectors.keys) {
    streams.set(k.id, k.status === "enabled" ? await streamFor(backend, c, k.id, "open") : "disabled");
  }
  const window = c.windowBits > 0 ? new ReplayWindow(c.windowBits, c.windowBits) : undefined;
  const salts = c.saltCacheSize !== undefined ? new SaltCache(c.saltCacheSize) : undefined;
  return createOpener({
    keyFor: (id) => streams.get(id),
    encrypted: c.encrypted,
    now: () => clock.now,
    maxAgeMillis: c.maxAgeMillis,
    maxSkewMillis: c.maxFutureSkewMillis,
    maxPayloadBytes: c.maxPayloadBytes,
    guard: (sequence, salt, expiresAt, now) => {
      window?.accept(sequence);
      salts?.accept(salt, expiresAt, now);
    },
  });
}
