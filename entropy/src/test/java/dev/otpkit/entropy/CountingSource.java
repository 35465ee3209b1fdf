package dev.otpkit.entropy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a source, counts its draws, and can be made to fail on demand. */
final class CountingSource implements EntropySource {
  private final EntropySource inner;
  final AtomicInteger draws = new AtomicInteger();
  final AtomicLong bytes = new AtomicLong();
  final AtomicBoolean failing = new AtomicBoolean();

  CountingSource(EntropySource inner) {
    this.inner = inner;
  }

  @Override
  public void fill(byte[] out, int off, int len) {
    if (failing.get()) {
      throw EntropyException.healthTestFailed("repetition-count", "counting source made to fail");
    }
    draws.incrementAndGet();
    bytes.addAndGet(len);
    inner.fill(out, off, len);
  }

  @Override
  public HealthStatus health() {
    HealthStatus h = inner.health();
    return failing.get()
        ? new HealthStatus(HealthStatus.State.FAILED, h.samplesTested(), h.bytesDelivered(), 1,
            h.estimatedEntropyPerBit(), "repetition-count", "made to fail")
        : h;
  }

  @Override
  public String description() {
    return "counting(" + inner.description() + ")";
  }

  @Override
  public void close() {
    inner.close();
  }
}
