// A bridge session as the Java side renders it for the client (ui-contract, "Config"), with the
// backend half played by the reference implementation.

import { randomBytes } from "node:crypto";
import * as reference from "./reference.mjs";

export const MASTER = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");

export function sessionConfig(overrides = {}) {
  const session = overrides.session ?? "c2Vzc2lvbi1mb3ItdGVzdHM";
  const root = reference.uiRoot(MASTER, session);
  return {
    session,
    keyId: 16909060,
    root: root.toString("base64url"),
    encrypted: false,
    aliases: [["files.save", "c_AAAAAAAAAAAAAAAA"], ["__proto__", "c_BBBBBBBBBBBBBBBB"], ["status", "c_CCCCCCCCCCCCCCCC"]],
    oneShot: false,
    maxAgeMillis: 60000,
    maxSkewMillis: 5000,
    maxPayloadBytes: 1048576,
    windowBits: 1024,
    bootstrap: false,
    ...overrides,
  };
}

/** The backend of `config` for the document `document`, sealing at `clock.now`. */
export function backendOf(config, document, clock = { now: 1764000000000 }) {
  const root = Buffer.from(config.root, "base64url");
  const session = config.session + "." + document;
  let sequence = 1n;
  return {
    /** Opens what the page sealed on `channel`. */
    open: (channel, text) => reference.open({ root, session, dir: 1, channel, encrypted: config.encrypted, text }),
    /** Seals a backend-to-UI envelope on `channel`. */
    seal: (channel, payload, options = {}) =>
      reference.seal({
        root,
        session,
        dir: 2,
        channel,
        keyId: config.keyId,
        encrypted: config.encrypted,
        payload,
        sequence: options.sequence ?? sequence++,
        issuedAt: clock.now,
        ...options,
      }),
  };
}

export const randomDocumentLikeId = () => randomBytes(16).toString("base64url");
