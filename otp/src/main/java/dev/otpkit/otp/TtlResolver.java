package dev.otpkit.otp;

import java.time.Duration;

/** How long a token for a scope lives, when the issuing call does not say. */
@FunctionalInterface
public interface TtlResolver {
  Duration ttl(Scope scope);

  /**
   * The same time to live for every scope.
   *
   * @throws IllegalArgumentException if the ttl is under 1 ms or over 30 days (as {@link
   *     OneTimeTokens#issue(Scope, Duration)} would refuse it at every issue)
   */
  static TtlResolver fixed(Duration ttl) {
    OneTimeTokens.ttlMillis(ttl, "a token's");
    return scope -> ttl;
  }
}
