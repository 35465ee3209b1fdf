package dev.otpkit.otp;

import java.time.Instant;

/**
 * A freshly issued one-time token. Hand {@link #value()} to the one party that should redeem it;
 * otpkit keeps only its digest. {@code toString} never prints the value.
 */
public record IssuedToken(String value, Scope scope, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedToken{scope=" + scope + ", expiresAt=" + expiresAt + "}";
  }
}
