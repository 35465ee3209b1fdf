package dev.otpkit.stores.redis;

import dev.otpkit.otp.TokenStore;

/** The behaviour suite against the in-memory store: the reference the Redis one must match. */
class InMemoryTokenStoreTest extends TokenStoreBehaviour {
  @Override
  TokenStore store() {
    return TokenStore.inMemory(10_000);
  }
}
