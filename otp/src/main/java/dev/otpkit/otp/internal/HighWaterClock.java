package dev.otpkit.otp.internal;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that never goes back: each reading is the highest the underlying clock has given so
 * far. A wall clock steps back (NTP, a restored VM, a user); an expiry checked against such a
 * reading would come back to life. Written by hand because it is a compare-and-set loop over
 * {@link InstantSource#millis()}: the JDK's {@code AtomicLong.accumulateAndGet} would write on
 * every reading, this one only when time moved forward.
 */
public final class HighWaterClock {
  private final InstantSource clock;
  private final AtomicLong highest = new AtomicLong(Long.MIN_VALUE);

  public HighWaterClock(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The current time in epoch milliseconds, or the highest earlier reading if the clock went back. */
  public long millis() {
    long now = clock.millis();
    while (true) {
      long seen = highest.get();
      if (now <= seen) {
        return seen;
      }
      if (highest.compareAndSet(seen, now)) {
        return now;
      }
    }
  }
}
