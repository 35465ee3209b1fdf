package dev.otpkit.otp;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the tests move by hand. */
final class ManualClock implements InstantSource {
  private final AtomicLong millis;

  ManualClock(long millis) {
    this.millis = new AtomicLong(millis);
  }

  void advance(long delta) {
    millis.addAndGet(delta);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }
}
