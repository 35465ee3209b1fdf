package dev.otpkit.otp;

import java.util.Objects;

/**
 * What a one-time token is good for: a purpose (such as {@code "confirm-delete"}) and the session
 * or subject it was issued to. A token redeems only with the scope it was issued for.
 *
 * @param purpose what the token authorises; 1 to 128 characters
 * @param subject the session or subject it was issued to; 1 to 256 characters
 */
public record Scope(String purpose, String subject) {
  public Scope {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(subject, "subject");
    if (purpose.isEmpty() || purpose.length() > 128) {
      throw new IllegalArgumentException("purpose must be 1 to 128 characters, got " + purpose.length());
    }
    if (subject.isEmpty() || subject.length() > 256) {
      throw new IllegalArgumentException("subject must be 1 to 256 characters, got " + subject.length());
    }
  }
}
