package dev.otpkit.stores.redis;

import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.hashing.ReplayGuards;

/** The behaviour suite against the in-memory guards: the reference the Redis ones must match. */
class InMemoryReplayGuardTest extends ReplayGuardBehaviour {

  @Override
  ReplayGuard window(int size, int maxLate) {
    return ReplayGuards.sequenceWindow(size, maxLate, 16);
  }

  @Override
  ReplayGuard salts() {
    return ReplayGuards.saltCache(1000);
  }

  @Override
  ReplayGuard windowAndSalts(int size, int maxLate) {
    return ReplayGuards.both(window(size, maxLate), salts());
  }
}
