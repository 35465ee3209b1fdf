package dev.otpkit.otp;

import java.time.Duration;

/** How long a token for a scope lives, when the issuing call does not say. */
@FunctionalInterface
public interface TtlResolver {
  Duration ttl(Scope scope);

  /** The same time to live for every scope. */
  static TtlResolver fixed(Duration ttl) {
    return scope -> ttl;
  }
}
