package dev.otpkit.otp;

import java.security.GeneralSecurityException;
import java.util.Objects;

/** A one-shot handle did not fire. The message never contains the handle. */
public final class HandleException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why. The {@link #id()} strings are stable. */
  public enum Reason {
    /** Not a handle: wrong prefix, length or alphabet, or a non-canonical spelling. */
    MALFORMED("malformed"),
    /** No such handle. */
    UNKNOWN("unknown"),
    /** Past its time to live. */
    EXPIRED("expired"),
    /** Already fired once. */
    ALREADY_FIRED("already-fired"),
    /** The other half of its resolve/reject pair fired first. */
    CANCELLED("cancelled"),
    /** Too many live handles; nothing was registered. */
    FULL("full"),
    /**
     * The shared store (Redis) could not be asked in time, or refused: nothing was registered or
     * fired. Retry later.
     */
    STATE_UNAVAILABLE("state-unavailable");

    private final String id;

    Reason(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private final Reason reason;

  public HandleException(Reason reason, String detail) {
    super("rejected: " + Objects.requireNonNull(reason, "reason").id() + (detail == null ? "" : " (" + detail + ")"));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
