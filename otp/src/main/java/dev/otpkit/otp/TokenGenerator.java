package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;

/** Where token values come from: 32 bytes per call. */
@FunctionalInterface
public interface TokenGenerator {
  /** A new token value; {@link OneTimeTokens} refuses any other length than 32 bytes. */
  byte[] next();

  /** 32 bytes from {@code drbg}. */
  static TokenGenerator from(Drbg drbg) {
    return () -> drbg.bytes(32);
  }
}
