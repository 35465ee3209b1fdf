package dev.otpkit.stores.redis;

import dev.otpkit.otp.OneShotHandles;

/** The behaviour suite against the registry deciding in memory: the reference. */
class InMemoryHandlesTest extends HandlesBehaviour {
  @Override
  OneShotHandles registry() {
    return OneShotHandles.builder().build();
  }
}
