package dev.otpkit.entropy.infnoise;

import java.util.Locale;
import java.util.Objects;

/**
 * The Infinite Noise TRNG's own health check: a predictive entropy estimator that learns how well
 * each raw bit can be guessed from the bits before it, and refuses data whose measured entropy
 * strays from what the circuit's gain K guarantees (log2 K bits per bit).
 *
 * <p>The algorithm is the one of the reference host driver (waywardgeek/infnoise,
 * {@code software/healthcheck.c} and {@code software/libinfnoise.c}); this class is written from
 * these facts, not from that code:
 *
 * <ul>
 *   <li>The context of a sample is the 14 samples before it, the latest in the lowest bit
 *       ({@code PREDICTION_BITS} 14). Both comparators share one history, but even samples
 *       (comparator 1) and odd samples (comparator 2) have their own pair of zero/one count tables
 *       of 2^14 entries each.
 *   <li>Per sample, in this order: the run check (below); then the running probability is
 *       multiplied by {@code count(bit) / (zeros + ones)} of the context, <em>only if
 *       count(bit) is not 0</em>: a context never seen, or a bit never seen after it, costs nothing
 *       and earns no entropy; then while the probability is at most 0.5 it is doubled and one
 *       entropy bit is counted; then the sample is counted, and the count of the bit in its context
 *       is incremented. When that count reaches 2^14 every entry of all four tables is halved.
 *   <li>The running estimate is {@code entropyBits / samplesCounted}; when {@code samplesCounted}
 *       reaches 80,000 both are halved (integer halving), so the estimate is a decaying average
 *       over roughly the last 40,000 to 80,000 samples, never a plain average over all samples.
 *   <li>Data is usable ({@code inmHealthCheckOkToUseData}) when at least 80,000 samples were fed
 *       in total and {@code estimate * 1.03 >= log2 K} and {@code estimate / 1.03 <= log2 K}.
 *   <li>A block's entropy is the number of entropy bits counted during the block <em>at moments
 *       when data was usable</em> (the reference's {@code inmEntropyLevel}); the block is on target
 *       when {@code floor(512 * log2 K) < entropy * 1.03}, which for K = 1.84 means at least 437.
 *   <li>The run check counts only samples after the first 101 (it runs while the counted-samples
 *       figure, before this sample, exceeds 100, and that figure never falls back below 40,000
 *       once past 80,000). More than 20 equal samples in a row fail it; both comparators' samples
 *       form one run.
 * </ul>
 *
 * <p>Warm-up, as in the reference driver's start-up ({@code initInfnoise}): data is first usable
 * when at least 80,000 samples were fed <em>and</em> the estimate is within the tolerance. With
 * the counts starting empty the estimate starts low (an unseen context earns no entropy), so a
 * good device typically needs 300 to 400 blocks, not 157, before it is usable. Warm-up ends at the
 * end of the first block after which data is usable; that block is still reported as
 * {@link Verdict.State#WARMING_UP} (the reference counts only part of its entropy, so judging it
 * would fail a good device), and every later block is judged. The reference meant to give up
 * after 5,000 warm-up blocks ({@code maxWarmupRounds}); here a device that is not usable after
 * {@link #MAX_WARMUP_BLOCKS} blocks has every later block judged, so it fails
 * {@code entropy-estimate} on block 5,001. A block is never judged before 157 blocks
 * (ceil(80,000 / 512)) were fed. The run check is judged from the start, during warm-up too, as
 * in the reference.
 *
 * <p>Where this class differs from the reference, on purpose: the reference silently drops any
 * block after warm-up that is not usable or not on target, and only a long run stops it. Here
 * every block gets a {@link Verdict} and the owner applies its policy (DESIGN.md: a failing
 * hardware source delivers nothing more until it is re-initialised). Note for that policy: with
 * the reference's thresholds a good device (our simulator, default options) has about 3 blocks in
 * 10,000 fail {@code block-entropy}; the reference just drops those blocks.
 *
 * <p>The estimator keeps going after a failure (each block gets its own verdict) and never
 * latches; a continuing long run keeps failing. Not thread-safe: one instance per device.
 */
public final class PredictiveEstimator {

  /** The design gain of the Infinite Noise circuit ({@code DESIGN_K} in the reference). */
  public static final double DESIGN_K = 1.84;

  /** Samples before any data is usable ({@code INM_MIN_DATA}); also the estimate's halving mark. */
  public static final int WARMUP_SAMPLES = 80_000;

  /** Entropy bits a 512-sample block needs at K = {@link #DESIGN_K}. */
  public static final int MIN_BLOCK_ENTROPY_BITS = 437;

  /** Longest allowed run of equal samples ({@code INM_MAX_SEQUENCE}). */
  public static final int MAX_RUN = 20;

  /** Blocks of warm-up after which a device that is still not usable fails. */
  public static final int MAX_WARMUP_BLOCKS = 5_000;

  /** Allowed factor between the estimate and log2 K ({@code INM_ACCURACY}). */
  public static final double TOLERANCE = 1.03;

  /** Samples in one block: the device is driven in blocks of 512 bytes, one sample per byte. */
  public static final int BLOCK_SAMPLES = 512;

  /** Raw bytes in one block: eight samples a byte, most significant bit first. */
  public static final int BLOCK_BYTES = BLOCK_SAMPLES / 8;

  private static final int PREDICTION_BITS = 14;
  private static final int CONTEXT_MASK = (1 << PREDICTION_BITS) - 1;
  private static final int MAX_COUNT = 1 << 14;
  // Samples before the run check starts: it applies while the counted samples exceed 100.
  private static final int RUN_CHECK_START = 101;

  private static final Verdict WARMING_UP = new Verdict(Verdict.State.WARMING_UP, null);
  private static final Verdict OK = new Verdict(Verdict.State.OK, null);

  private final double k;
  private final double expectedEntropyPerBit;
  private final int minBlockEntropyBits;
  // counts[(parity << 15) | (context << 1) | bit]: the two counts of a context sit side by side.
  private final int[] counts = new int[2 << (PREDICTION_BITS + 1)];

  private int context;
  private int previousBit;
  private double probability = 1.0;
  private long entropyBits;
  private long samplesCounted;
  private long samples;
  private int runBit = -1;
  private int runLength;
  private long blockEntropyBits;
  private long lastBlockEntropyBits;
  private long blocks;
  private boolean warmedUp;

  /** An estimator for the design gain K = 1.84. */
  public PredictiveEstimator() {
    this(DESIGN_K);
  }

  /**
   * An estimator for a device of gain {@code k}.
   *
   * @throws IllegalArgumentException unless k is in (1, 2]
   */
  public PredictiveEstimator(double k) {
    if (!(k > 1 && k <= 2)) {
      throw new IllegalArgumentException("gain K must be in (1, 2], got " + k);
    }
    this.k = k;
    // StrictMath: the bounds must not depend on the JVM's choice of log intrinsic.
    this.expectedEntropyPerBit = StrictMath.log(k) / StrictMath.log(2.0);
    int floorExpected = (int) (BLOCK_SAMPLES * expectedEntropyPerBit);
    int min = 0;
    while (!(floorExpected < min * TOLERANCE)) {
      min++;
    }
    this.minBlockEntropyBits = min;
  }

  /**
   * Feeds one block of 512 samples packed in {@code raw[off, off + 64)}: sample i is bit
   * {@code 7 - i % 8} of byte {@code off + i / 8}; even samples are comparator 1, odd samples
   * comparator 2. Allocates nothing unless the block fails.
   *
   * @return the verdict on this block
   * @throws IndexOutOfBoundsException if the block is not inside {@code raw}
   */
  public Verdict addBlock(byte[] raw, int off) {
    Objects.checkFromIndexSize(off, BLOCK_BYTES, raw.length);
    boolean judged = warmedUp || blocks >= MAX_WARMUP_BLOCKS;
    blocks++;
    blockEntropyBits = 0;
    long runFailedAt = -1;
    for (int i = 0; i < BLOCK_BYTES; i++) {
      int b = raw[off + i];
      for (int shift = 7; shift >= 0; shift--) {
        // Bit 7 of each byte is an even sample: 8 is even, so byte and block parity agree.
        if (addSample((b >>> shift) & 1, (shift & 1) ^ 1) && runFailedAt < 0) {
          runFailedAt = samples - 1;
        }
      }
    }
    lastBlockEntropyBits = blockEntropyBits;
    if (!warmedUp && usable()) {
      warmedUp = true;
    }
    if (runFailedAt >= 0) {
      return new Verdict(Verdict.State.FAILED, Verdict.MAX_RUN_TEST + ": a run of " + (MAX_RUN + 1)
          + " equal bits (at most " + MAX_RUN + " allowed) ending at sample " + runFailedAt);
    }
    if (!judged) {
      return WARMING_UP;
    }
    if (!usable()) {
      return new Verdict(Verdict.State.FAILED, String.format(Locale.ROOT,
          "%s: %.4f bits per bit, outside [%.4f, %.4f] for K=%s", Verdict.ENTROPY_ESTIMATE_TEST,
          estimatedEntropyPerBit(), lowerBound(), upperBound(), k));
    }
    if (blockEntropyBits < minBlockEntropyBits) {
      return new Verdict(Verdict.State.FAILED, String.format(Locale.ROOT,
          "%s: %d entropy bits in a block of %d samples, fewer than %d for K=%s",
          Verdict.BLOCK_ENTROPY_TEST, blockEntropyBits, BLOCK_SAMPLES, minBlockEntropyBits, k));
    }
    return OK;
  }

  /** Feeds one sample of the given parity (1 = odd, comparator 2); true if the run check failed. */
  private boolean addSample(int bit, int parity) {
    long index = samples++;
    int ctx = ((context << 1) | previousBit) & CONTEXT_MASK;
    context = ctx;
    previousBit = bit;
    boolean runFailed = false;
    if (index >= RUN_CHECK_START) {
      if (bit == runBit) {
        runFailed = ++runLength > MAX_RUN;
      } else {
        runBit = bit;
        runLength = 1;
      }
    }
    int slot = (parity << (PREDICTION_BITS + 1)) | (ctx << 1);
    int seen = counts[slot | bit];
    if (seen != 0) {
      probability *= (double) seen / (counts[slot] + counts[slot | 1]);
      while (probability <= 0.5) {
        probability *= 2.0;
        entropyBits++;
        if (usable()) {
          blockEntropyBits++;
        }
      }
    }
    samplesCounted++;
    if (++counts[slot | bit] == MAX_COUNT) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] >>>= 1;
      }
    }
    if (samplesCounted == WARMUP_SAMPLES) {
      entropyBits >>>= 1;
      samplesCounted >>>= 1;
    }
    return runFailed;
  }

  /** The reference's "OK to use data": warm and the estimate within the tolerance of log2 K. */
  private boolean usable() {
    if (samples < WARMUP_SAMPLES) {
      return false;
    }
    double estimate = (double) entropyBits / samplesCounted;
    return estimate * TOLERANCE >= expectedEntropyPerBit
        && estimate / TOLERANCE <= expectedEntropyPerBit;
  }

  /** The running estimate of entropy per raw bit (0 before the first sample). */
  public double estimatedEntropyPerBit() {
    return samplesCounted == 0 ? 0.0 : (double) entropyBits / samplesCounted;
  }

  /** The gain K the estimate would imply, {@code 2^estimate} (the reference's K estimate). */
  public double estimatedK() {
    return StrictMath.pow(2.0, estimatedEntropyPerBit());
  }

  /** Blocks fed so far. */
  public long blocks() {
    return blocks;
  }

  /** True once warm-up is over: every later block is judged. */
  public boolean warmedUp() {
    return warmedUp || blocks >= MAX_WARMUP_BLOCKS;
  }

  /** Samples fed so far, never reset. */
  public long samples() {
    return samples;
  }

  /** Entropy bits the last block earned while data was usable (0 for most warm-up blocks). */
  public long lastBlockEntropyBits() {
    return lastBlockEntropyBits;
  }

  /** The gain K this estimator checks against. */
  public double k() {
    return k;
  }

  /** log2 K: the entropy per bit the circuit guarantees. */
  public double expectedEntropyPerBit() {
    return expectedEntropyPerBit;
  }

  /** The lowest acceptable estimate, {@code log2 K / 1.03}. */
  public double lowerBound() {
    return expectedEntropyPerBit / TOLERANCE;
  }

  /** The highest acceptable estimate, {@code log2 K * 1.03}. */
  public double upperBound() {
    return expectedEntropyPerBit * TOLERANCE;
  }

  /** Entropy bits a block needs at this K (437 at the design gain). */
  public int minBlockEntropyBits() {
    return minBlockEntropyBits;
  }

  /**
   * The outcome of one block.
   *
   * @param state warming up, usable, or failed
   * @param reason for a failure, the check's name, a colon and the figures; {@code null} otherwise.
   *     It never contains sample values.
   */
  public record Verdict(State state, String reason) {

    /** Name of the run check: more than 20 equal bits in a row. */
    public static final String MAX_RUN_TEST = "max-run";
    /** Name of the check of the running estimate against log2 K. */
    public static final String ENTROPY_ESTIMATE_TEST = "entropy-estimate";
    /** Name of the check of one block's entropy. */
    public static final String BLOCK_ENTROPY_TEST = "block-entropy";

    /** Where the source stands after a block. */
    public enum State {
      /** Data was not yet usable before this block: fewer than 80,000 samples, or the estimate
       * not yet within the tolerance. */
      WARMING_UP,
      /** The block passed every check. */
      OK,
      /** The block failed a check; {@link Verdict#reason()} says which. */
      FAILED
    }

    public Verdict {
      Objects.requireNonNull(state, "state");
      if ((state == State.FAILED) != (reason != null)) {
        throw new IllegalArgumentException("a reason is given exactly when the state is FAILED");
      }
    }

    /** The failed check's name ({@code max-run}, {@code entropy-estimate}, ...), or null. */
    public String test() {
      if (reason == null) {
        return null;
      }
      int colon = reason.indexOf(':');
      return colon < 0 ? reason : reason.substring(0, colon);
    }
  }
}
