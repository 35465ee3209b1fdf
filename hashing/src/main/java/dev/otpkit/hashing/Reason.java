package dev.otpkit.hashing;

/** Why an envelope was rejected. The {@link #id()} strings are part of the published format. */
public enum Reason {
  /** Not an envelope: bad base64url, truncated, inconsistent lengths, unknown flag bits. */
  MALFORMED("malformed"),
  /** A version this opener does not speak. */
  UNSUPPORTED_VERSION("unsupported-version"),
  /** The key id is not in the keyset. */
  UNKNOWN_KEY("unknown-key"),
  /** The key id names a disabled key. */
  DISABLED_KEY("disabled-key"),
  /** Sealed for another session, direction or channel. */
  WRONG_CONTEXT("wrong-context"),
  /**
   * Sealed in the other mode: encrypted for an opener that takes MAC-only envelopes, or the
   * reverse. The mode is in the clear header, so telling it apart reveals nothing.
   */
  WRONG_MODE("wrong-mode"),
  /** The tag does not verify: the envelope was altered or forged. */
  BAD_TAG("bad-tag"),
  /** Older than the opener's maximum age. */
  EXPIRED("expired"),
  /** Issued further in the future than the opener's clock skew allows. */
  FROM_THE_FUTURE("from-the-future"),
  /** Already opened once (same sequence number or same salt). */
  REPLAYED("replayed"),
  /** Its sequence number is below the replay window and not a late number the window remembers. */
  OUT_OF_WINDOW("out-of-window"),
  /** Longer than the opener's configured maximum. */
  TOO_LARGE("too-large"),
  /** The replay guard is full and fails closed rather than forget. */
  REPLAY_STATE_FULL("replay-state-full"),
  /**
   * The replay guard's shared store (Redis) could not be asked in time, or refused: the envelope
   * is rejected, never accepted unchecked. Retry later.
   */
  STATE_UNAVAILABLE("state-unavailable");

  private final String id;

  Reason(String id) {
    this.id = id;
  }

  /** The stable text id, as in SPEC.md and the test vectors. */
  public String id() {
    return id;
  }

  /** The reason with text id {@code id}. */
  public static Reason fromId(String id) {
    for (Reason r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rejection reason '" + id + "'");
  }
}
