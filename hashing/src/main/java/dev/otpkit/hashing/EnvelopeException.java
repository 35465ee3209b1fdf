package dev.otpkit.hashing;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An envelope was rejected. Checked, like Tink's {@code verifyMac}, so no caller can forget it;
 * the message never contains key material, tags, salts or payload bytes.
 */
public final class EnvelopeException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public EnvelopeException(Reason reason, String detail) {
    super(Objects.requireNonNull(reason, "reason").id() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    this.reason = reason;
  }

  /** Why the envelope was rejected. */
  public Reason reason() {
    return reason;
  }
}
