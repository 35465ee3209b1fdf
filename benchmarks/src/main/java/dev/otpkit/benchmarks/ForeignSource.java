package dev.otpkit.benchmarks;

import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.HealthStatus;

/** A source implemented outside otpkit: it delegates, and leaves {@code failed()} to its default. */
final class ForeignSource implements EntropySource {
  private final EntropySource inner;

  ForeignSource(EntropySource inner) {
    this.inner = inner;
  }

  @Override
  public void fill(byte[] out, int off, int len) {
    inner.fill(out, off, len);
  }

  @Override
  public HealthStatus health() {
    return inner.health();
  }

  @Override
  public String description() {
    return "foreign(" + inner.description() + ")";
  }

  @Override
  public void close() {
    inner.close();
  }
}
