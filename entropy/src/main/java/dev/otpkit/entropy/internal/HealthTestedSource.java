package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.RawNoiseSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Health-tests a raw noise source and conditions it with SHA-256.
 *
 * <p>Raw samples are read one APT window at a time; a window is hashed into the conditioner only
 * after every sample in it passed both continuous tests, so a failure anywhere in a window keeps
 * the whole window (and the partly filled conditioner) from ever reaching a caller. A conditioned
 * block of 32 bytes is released once the hashed windows carry at least 256 + 64 bits of assessed
 * entropy, the margin SP 800-90B section 3.1.5.1.2 asks of a vetted conditioning function for full
 * entropy output. Start-up testing covers at least 1024 samples, which are then discarded.
 */
public final class HealthTestedSource implements EntropySource {

  private static final int BLOCK = 32;
  private static final double ENTROPY_PER_BLOCK = 8 * BLOCK + 64;

  private final RawNoiseSource raw;
  private final HealthTests tests;
  private final MessageDigest conditioner;
  private final byte[] window;
  private final BlockOutput output = new BlockOutput(BLOCK);
  /** Written under the lock; volatile so that {@link #failed()} can read it without one. */
  private volatile HealthStatus.State state = HealthStatus.State.STARTING;
  private String failedTest;
  private String detail = "";
  private boolean closed;

  public HealthTestedSource(RawNoiseSource raw, double alpha) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.tests = new HealthTests(raw.bitsPerSample(), raw.assessedEntropyPerSample(), alpha);
    this.window = new byte[tests.adaptiveProportionWindow() * raw.bitsPerSample() / 8];
    try {
      this.conditioner = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public synchronized void fill(byte[] out, int off, int len) {
    Objects.checkFromIndexSize(off, len, out.length);
    ensureUsable();
    if (state == HealthStatus.State.STARTING) {
      startup();
    }
    output.drainTo(out, off, len, this::nextBlock);
  }

  private void ensureUsable() {
    if (state == HealthStatus.State.FAILED) {
      throw failure();
    }
    if (state == HealthStatus.State.ENDED) {
      throw EntropyException.captureEnded(detail, 0);
    }
    if (state == HealthStatus.State.CLOSED) {
      throw new EntropyException("entropy source " + raw.description() + " is closed");
    }
  }

  private void startup() {
    for (int done = 0; done < tests.startupSamples(); done += tests.adaptiveProportionWindow()) {
      readTestedWindow("start-up ");
      Arrays.fill(window, (byte) 0);
    }
    state = HealthStatus.State.HEALTHY;
  }

  private int nextBlock(byte[] block) {
    double collected = 0;
    while (collected < ENTROPY_PER_BLOCK) {
      readTestedWindow("");
      conditioner.update(window);
      Arrays.fill(window, (byte) 0);
      collected += tests.adaptiveProportionWindow() * tests.entropyPerSample();
    }
    try {
      return conditioner.digest(block, 0, BLOCK);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private void readTestedWindow(String phase) {
    try {
      raw.read(window, 0, window.length);
    } catch (EntropyException e) {
      // A capture that ends mid-window ends the source; the partial window is never used.
      Arrays.fill(window, (byte) 0);
      if (e.captureEnded()) {
        end(e.getMessage());
        throw EntropyException.captureEnded(detail, 0);
      }
      fail(null, e.getMessage());
      throw e;
    }
    int outcome = tests.testPacked(window, 0, window.length);
    if (outcome != HealthTests.PASS) {
      Arrays.fill(window, (byte) 0);
      conditioner.reset();
      String name = HealthTests.nameOf(outcome);
      fail(name, phase + name + " test failed on " + raw.description() + " after "
          + tests.samples() + " samples (H=" + tests.entropyPerSample() + ", cutoff "
          + (outcome == HealthTests.RCT_FAILED
              ? tests.repetitionCountCutoff()
              : tests.adaptiveProportionCutoff() + "/" + tests.adaptiveProportionWindow())
          + ")");
      throw failure();
    }
  }

  private void fail(String test, String message) {
    state = HealthStatus.State.FAILED;
    failedTest = test;
    detail = message;
    output.wipe();
  }

  private void end(String message) {
    state = HealthStatus.State.ENDED;
    detail = message;
    conditioner.reset();
    output.wipe();
  }

  private EntropyException failure() {
    return failedTest == null
        ? new EntropyException(detail)
        : EntropyException.healthTestFailed(failedTest, detail);
  }

  @Override
  public synchronized HealthStatus health() {
    return new HealthStatus(state, tests.samples(), output.delivered(),
        tests.repetitionCountFailures() + tests.adaptiveProportionFailures(),
        tests.entropyPerSample() / tests.bitsPerSample(), failedTest, detail);
  }

  @Override
  public boolean failed() {
    return state == HealthStatus.State.FAILED;
  }

  /** The cutoffs in use, for reports. */
  public HealthTests tests() {
    return tests;
  }

  @Override
  public String description() {
    return raw.description();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      state = state == HealthStatus.State.FAILED || state == HealthStatus.State.ENDED ? state
          : HealthStatus.State.CLOSED;
      output.wipe();
      raw.close();
    }
  }
}
