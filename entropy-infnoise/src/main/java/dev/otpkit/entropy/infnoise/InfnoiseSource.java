package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.internal.BlockOutput;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An Infinite Noise TRNG (or its simulator, or a capture) as an {@link EntropySource}.
 *
 * <p>Each step reads two raw 64-byte blocks, one SP 800-90B adaptive-proportion window of 1024
 * binary samples, and checks them all before any of it is used:
 *
 * <ol>
 *   <li>garbage: a sample with bits outside the comparator masks is a failure;
 *   <li>the SP 800-90B Repetition Count and Adaptive Proportion tests on the raw bits, with a
 *       conservative assessed H of {@link #ASSESSED_ENTROPY_PER_SAMPLE};
 *   <li>the reference predictive estimator: warm-up of 80,000 samples, estimate within 1.03 of
 *       log2(K), runs, entropy per block.
 * </ol>
 *
 * <p>Every failure is final except a block under 437 estimated bits, which is dropped (both
 * blocks of its step are discarded, never whitened), as the reference driver drops it.
 *
 * <p>Only then are the blocks whitened (or, in raw mode, copied) into the output. Nothing is
 * output during warm-up, and after any failure the source delivers nothing more. The end of a
 * capture ends the source ({@link HealthStatus.State#ENDED}) with no byte of an incomplete step
 * delivered; that is not a failure. A transport
 * failure (unplugged, stalled) may be retried with reconnect-and-backoff if configured; each
 * reconnect starts over with a fresh estimator, fresh health tests and a reset sponge, so warm-up
 * runs again before any output.
 */
public final class InfnoiseSource implements EntropySource {

  /**
   * H for the SP 800-90B cutoffs: well under the design's log2(1.84) = 0.88, so that a healthy
   * device at hundreds of kbit/s raises a false RCT alarm about once per 2^41 samples.
   */
  public static final double ASSESSED_ENTROPY_PER_SAMPLE = 0.5;

  /** Name of the garbage check in exceptions and reports. */
  public static final String GARBAGE = "garbage";

  private static final int BLOCK = 64;
  private static final int BLOCKS_PER_STEP = 2;

  private final Supplier<BlockSource> connector;
  private final String description;
  private final boolean raw;
  private final int multiplier;
  private final int reconnectAttempts;
  private final long backoffMillis;
  private final double alpha;
  private final byte[] step = new byte[BLOCK * BLOCKS_PER_STEP];
  private final byte[] blockBuffer = new byte[BLOCK];
  private final BlockOutput output;
  private BlockSource blocks;
  private HealthTests tests;
  private PredictiveEstimator estimator;
  private final Whitener whitener;
  private long samplesTested;
  private long failures;
  private int reconnects;
  private long blocksDropped;
  /** Written under the lock; volatile so that {@link #failed()} can read it without one. */
  private volatile HealthStatus.State state = HealthStatus.State.STARTING;
  private String failedTest;
  private String detail = "";

  InfnoiseSource(Supplier<BlockSource> connector, String description, InfiniteNoise.Settings settings) {
    this.connector = Objects.requireNonNull(connector, "connector");
    this.description = description;
    this.raw = settings.raw();
    this.multiplier = settings.multiplier();
    this.reconnectAttempts = settings.reconnectAttempts();
    this.backoffMillis = settings.backoffMillis();
    this.alpha = settings.alpha();
    this.whitener = new Whitener(multiplier);
    this.output = new BlockOutput(BLOCKS_PER_STEP * (raw ? BLOCK : whitener.outputBytesPerBlock()));
    this.blocks = connector.get();
    this.tests = new HealthTests(1, ASSESSED_ENTROPY_PER_SAMPLE, alpha);
    this.estimator = new PredictiveEstimator();
  }

  @Override
  public synchronized void fill(byte[] out, int off, int len) {
    Objects.checkFromIndexSize(off, len, out.length);
    if (state == HealthStatus.State.FAILED) {
      throw failure();
    }
    if (state == HealthStatus.State.ENDED) {
      throw EntropyException.captureEnded(detail, 0);
    }
    if (state == HealthStatus.State.CLOSED) {
      throw new EntropyException("entropy source " + description + " is closed");
    }
    output.drainTo(out, off, len, this::nextStep);
  }

  /** Reads, checks and (once warmed up) emits one step of two blocks into {@code buffer}. */
  private int nextStep(byte[] buffer) {
    while (true) {
      readStep();
      boolean usable = true;
      for (int b = 0; b < BLOCKS_PER_STEP; b++) {
        PredictiveEstimator.Verdict v = estimator.addBlock(step, b * BLOCK);
        if (v.state() == PredictiveEstimator.Verdict.State.FAILED) {
          if (PredictiveEstimator.Verdict.BLOCK_ENTROPY_TEST.equals(v.test())) {
            // A block under 437 estimated bits is dropped, as the reference driver drops it: a
            // good device has about 3 such blocks in 10,000, so it is not a device failure. A
            // device that is weak overall fails entropy-estimate instead.
            blocksDropped++;
            usable = false;
            continue;
          }
          throw fail(v.test(), "health test " + v.test() + " failed on " + description + " after "
              + estimator.samples() + " samples: " + v.reason());
        }
        usable &= v.state() == PredictiveEstimator.Verdict.State.OK;
      }
      if (!usable) {
        Arrays.fill(step, (byte) 0);
        continue; // warming up or dropped: tested, never output
      }
      int length = 0;
      for (int b = 0; b < BLOCKS_PER_STEP; b++) {
        if (raw) {
          System.arraycopy(step, b * BLOCK, buffer, length, BLOCK);
          length += BLOCK;
        } else {
          length += whitener.absorb(step, b * BLOCK, buffer, length);
        }
      }
      Arrays.fill(step, (byte) 0);
      state = HealthStatus.State.HEALTHY;
      return length;
    }
  }

  /** Reads two blocks and runs the garbage and SP 800-90B checks, reconnecting if allowed. */
  private void readStep() {
    for (int b = 0; b < BLOCKS_PER_STEP; b++) {
      int garbage;
      try {
        garbage = blocks.nextBlock(blockBuffer);
      } catch (EntropyException e) {
        if (e.captureEnded()) {
          throw end(e.getMessage()); // a capture's end is its last word; reconnecting would replay it
        }
        if (reconnects < reconnectAttempts) {
          reconnect(e);
          b = -1; // start the step over on the new connection
          continue;
        }
        throw fail(null, e.getMessage());
      }
      System.arraycopy(blockBuffer, 0, step, b * BLOCK, BLOCK);
      Arrays.fill(blockBuffer, (byte) 0);
      if (garbage > 0) {
        throw fail(GARBAGE, "health test " + GARBAGE + " failed on " + description + ": " + garbage
            + " of 512 samples had bits outside the comparator masks");
      }
      int outcome = tests.testPacked(step, b * BLOCK, BLOCK);
      samplesTested += 512;
      if (outcome != HealthTests.PASS) {
        String name = HealthTests.nameOf(outcome);
        throw fail(name, "health test " + name + " failed on " + description + " after "
            + tests.samples() + " samples (SP 800-90B, H=" + ASSESSED_ENTROPY_PER_SAMPLE + ")");
      }
    }
  }

  private void reconnect(EntropyException cause) {
    reconnects++;
    blocks.close();
    long wait = backoffMillis << Math.min(reconnects - 1, 10);
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(null, "interrupted while reconnecting after: " + cause.getMessage());
    }
    try {
      blocks = connector.get();
    } catch (EntropyException e) {
      if (reconnects < reconnectAttempts) {
        reconnect(e);
        return;
      }
      throw fail(null, "reconnect " + reconnects + " of " + reconnectAttempts + " failed: " + e.getMessage());
    }
    // A new connection is a new device as far as trust goes: warm up and start-up test again.
    tests = new HealthTests(1, ASSESSED_ENTROPY_PER_SAMPLE, alpha);
    estimator = new PredictiveEstimator();
    whitener.reset();
    Arrays.fill(step, (byte) 0);
    state = HealthStatus.State.STARTING;
    detail = "reconnected " + reconnects + " time(s); last cause: " + cause.getMessage();
  }

  /** Marks the source failed, wipes pending output, and returns the exception to throw. */
  private EntropyException fail(String test, String message) {
    state = HealthStatus.State.FAILED;
    failedTest = test;
    detail = message;
    failures += test == null ? 0 : 1;
    Arrays.fill(step, (byte) 0);
    output.wipe();
    whitener.reset();
    return failure();
  }

  /** Marks a capture ended (not failed), wipes pending output, and returns the exception to throw. */
  private EntropyException end(String message) {
    state = HealthStatus.State.ENDED;
    detail = message;
    Arrays.fill(step, (byte) 0);
    output.wipe();
    whitener.reset();
    return EntropyException.captureEnded(message, 0);
  }

  private EntropyException failure() {
    return failedTest == null
        ? new EntropyException(detail)
        : EntropyException.healthTestFailed(failedTest, detail);
  }

  @Override
  public synchronized HealthStatus health() {
    return new HealthStatus(state, samplesTested, output.delivered(), failures,
        estimator.estimatedEntropyPerBit(), failedTest, detail);
  }

  @Override
  public boolean failed() {
    return state == HealthStatus.State.FAILED;
  }

  /** The SP 800-90B cutoffs in use. */
  public synchronized HealthTests tests() {
    return tests;
  }

  /** Blocks dropped for fewer than 437 estimated entropy bits (never output, not fatal). */
  public synchronized long blocksDropped() {
    return blocksDropped;
  }

  /** Reconnects made so far. */
  public synchronized int reconnects() {
    return reconnects;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public synchronized void close() {
    if (state != HealthStatus.State.CLOSED) {
      state = state == HealthStatus.State.FAILED || state == HealthStatus.State.ENDED ? state
          : HealthStatus.State.CLOSED;
      output.wipe();
      whitener.reset();
      blocks.close();
    }
  }
}
