// Types of the otpkit bridge client (ui-contract). The client is a script the backend injects;
// this package gives application code its types and the `otpkit` object it installed.

/** What `seal` resolves to: post it to the backend as it is (its prototype is null). */
export interface Sealed {
  /** This document's id, which selects the document's keys on the backend. */
  readonly document: string;
  /** The command's current alias. */
  readonly alias: string;
  /** The envelope in its canonical base64url text form. */
  readonly envelope: string;
}

/** The backend's answer to a command: `{envelope, nextAlias}`, or `{error}`. */
export interface Reply {
  readonly envelope?: string;
  /** In one-shot mode, the command's alias for its next call. */
  readonly nextAlias?: string | null;
  /** The backend's refusal, such as "rejected: replayed". */
  readonly error?: string;
}

/**
 * Rejection reasons of an envelope (hashing/SPEC.md); `open` and `receive` reject with
 * `Error("rejected: " + reason)`.
 */
export type RejectionReason =
  | "malformed"
  | "unsupported-version"
  | "unknown-key"
  | "disabled-key"
  | "wrong-mode"
  | "wrong-context"
  | "bad-tag"
  | "expired"
  | "from-the-future"
  | "replayed"
  | "out-of-window"
  | "too-large"
  | "replay-state-full";

export interface Otpkit {
  /**
   * Resolves once this document's keys are derived. Rejects with
   * Error("otpkit: no usable crypto (needs WebCrypto in a secure context, or the bundled fallback)")
   * where neither backend can run, or with "otpkit: bad config: ..." for a configuration the
   * client cannot use; every method then throws or rejects with the same error.
   */
  readonly ready: Promise<void>;
  /** The session id. */
  readonly session: string;
  /** This document's id: 16 random bytes as 22 base64url characters. */
  readonly document: string;
  /** Which crypto runs: WebCrypto, the bundled @noble fallback, or none (see `ready`). */
  readonly backend: "webcrypto" | "fallback" | "none";
  /** The command's current alias. @throws Error("otpkit: command not allowed: " + command) */
  alias(command: string): string;
  /** Sets the command's alias for its next call (one-shot aliases: `receive` does it). */
  nextAlias(command: string, alias: string): void;
  /**
   * Seals `payload` (a string is sent as UTF-8) for `command`, towards the backend.
   * Rejects if the command is not allowed or the payload is larger than the session allows.
   */
  seal(command: string, payload: string | Uint8Array): Promise<Sealed>;
  /**
   * Opens an envelope the backend sealed on `channel` (a command's reply, or an event the backend
   * pushed on that channel) for this document: the payload, once. Rejects with
   * Error("rejected: <reason>").
   */
  open(channel: string, envelope: string): Promise<Uint8Array>;
  /**
   * Opens the backend's reply to `command` and then, if it carries one, applies its next alias.
   * A reply `{error}` rejects with Error(error).
   */
  receive(command: string, reply: Reply): Promise<Uint8Array>;
}

/**
 * The client in a page the JavaFX adapter (dev.otpkit.javafx.WebViewBridge) loaded: `otpkit`
 * also carries the transport to Java.
 */
export interface OtpkitJavaFX extends Otpkit {
  /**
   * Seals `payload` for `command`, sends it to Java, and resolves with the reply's payload once it
   * has opened in this document. Rejects with the backend's refusal ("rejected: <reason>"), the
   * adapter's ("otpkit: busy", ...), or an error of `seal`.
   */
  call(command: string, payload: string | Uint8Array): Promise<Uint8Array>;
  /** Calls `listener` with each event the backend pushes on `channel` that opens (one per channel). */
  on(channel: string, listener: (payload: Uint8Array) => void): void;
}

/** The client installed in this document. Importing this module throws if there is none. */
export declare const otpkit: Otpkit;
export default otpkit;

declare global {
  /** The bridge client, installed by the backend's script (non-writable, non-configurable). */
  // eslint-disable-next-line no-var
  var otpkit: Otpkit;
}
