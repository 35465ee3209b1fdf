package dev.otpkit.otp;

import java.security.GeneralSecurityException;
import java.util.Objects;

/** A one-time token was not redeemed, or not issued. The message never contains the token. */
public final class TokenException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why. The {@link #id()} strings are stable. */
  public enum Reason {
    /** Not a token: wrong prefix, length or alphabet, or a non-canonical spelling. */
    MALFORMED("malformed"),
    /** No such token (never issued, or long expired and forgotten). */
    UNKNOWN("unknown"),
    /** Past its time to live. */
    EXPIRED("expired"),
    /** Already redeemed, or burnt by a wrong-scope attempt. */
    ALREADY_USED("already-used"),
    /** Presented for another scope; the token is burnt. */
    WRONG_SCOPE("wrong-scope"),
    /** The store is full; nothing was issued. */
    STORE_FULL("store-full"),
    /**
     * The shared store (Redis) could not be asked in time, or refused: nothing was issued or
     * redeemed. Retry later.
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

  public TokenException(Reason reason, String detail) {
    super("rejected: " + Objects.requireNonNull(reason, "reason").id() + (detail == null ? "" : " (" + detail + ")"));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
