package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.HealthStatus;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operating system's generator through {@link SecureRandom}: {@code NativePRNGNonBlocking}
 * (getrandom / /dev/urandom, never blocks after boot) where the platform has it, else the
 * platform default. The OS conditions and health-tests its own pool; its output is taken as full
 * entropy, which is a claim of the OS, not a measurement of ours.
 */
public final class SystemSource implements EntropySource {

  private final SecureRandom random;
  private final AtomicLong delivered = new AtomicLong();
  private volatile boolean closed;

  public SystemSource() {
    SecureRandom r;
    try {
      r = SecureRandom.getInstance("NativePRNGNonBlocking");
    } catch (NoSuchAlgorithmException e) {
      r = new SecureRandom();
    }
    this.random = r;
  }

  @Override
  public void fill(byte[] out, int off, int len) {
    Objects.checkFromIndexSize(off, len, out.length);
    if (closed) {
      throw new EntropyException("entropy source system is closed");
    }
    if (off == 0 && len == out.length) {
      random.nextBytes(out);
    } else {
      byte[] tmp = new byte[len];
      random.nextBytes(tmp);
      System.arraycopy(tmp, 0, out, off, len);
      java.util.Arrays.fill(tmp, (byte) 0);
    }
    delivered.addAndGet(len);
  }

  @Override
  public HealthStatus health() {
    return new HealthStatus(closed ? HealthStatus.State.CLOSED : HealthStatus.State.HEALTHY, 0,
        delivered.get(), 0, 1.0, null, "operating system generator (" + random.getAlgorithm() + ")");
  }

  /** The OS generator does not fail in a way this process can see; closing it is not a failure. */
  @Override
  public boolean failed() {
    return false;
  }

  @Override
  public String description() {
    return "system";
  }

  @Override
  public void close() {
    closed = true;
  }
}
