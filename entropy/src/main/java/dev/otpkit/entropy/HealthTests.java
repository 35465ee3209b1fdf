package dev.otpkit.entropy;

/**
 * The SP 800-90B continuous health tests (section 4.4) on one stream of raw samples: the Repetition
 * Count Test and the Adaptive Proportion Test, with cutoffs computed from the assessed min-entropy
 * per sample H and the false-positive probability alpha.
 *
 * <p>RCT: a run of {@code C = 1 + ceil(-log2(alpha) / H)} identical samples is a failure. APT: in
 * each window of W samples (1024 for binary samples, 512 otherwise), the first sample appearing
 * {@code C = 1 + CRITBINOM(W, 2^-H, 1 - alpha)} times or more is a failure. A test restarts after
 * a failure, so a report over many samples can count several.
 *
 * <p>Not thread-safe: one instance per sample stream, guarded by its owner.
 */
public final class HealthTests {

  /** The usual false-positive probability per test, 2^-20. */
  public static final double DEFAULT_ALPHA = 0x1p-20;

  /** Samples the start-up test covers at the least (SP 800-90B section 4.3, item 2). */
  public static final int MIN_STARTUP_SAMPLES = 1024;

  /** Name of the Repetition Count Test in reports and exceptions. */
  public static final String REPETITION_COUNT = "repetition-count";

  /** Name of the Adaptive Proportion Test in reports and exceptions. */
  public static final String ADAPTIVE_PROPORTION = "adaptive-proportion";

  private final int bitsPerSample;
  private final double entropyPerSample;
  private final double alpha;
  private final int rctCutoff;
  private final int aptWindow;
  private final int aptCutoff;

  private int rctLast = -1;
  private int rctRun;
  private int aptReference;
  private int aptCount;
  private int aptPosition;
  private long samples;
  private long rctFailures;
  private long aptFailures;

  /**
   * Tests for samples of {@code bitsPerSample} bits (1 or 8) with assessed min-entropy {@code h}.
   *
   * @throws IllegalArgumentException if bitsPerSample is not 1 or 8, h is not in (0,
   *     bitsPerSample], or alpha is not in (0, 1)
   */
  public HealthTests(int bitsPerSample, double h, double alpha) {
    if (bitsPerSample != 1 && bitsPerSample != 8) {
      throw new IllegalArgumentException("bits per sample must be 1 or 8, got " + bitsPerSample);
    }
    if (!(h > 0 && h <= bitsPerSample)) {
      throw new IllegalArgumentException(
          "entropy per sample must be in (0, " + bitsPerSample + "], got " + h);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    this.bitsPerSample = bitsPerSample;
    this.entropyPerSample = h;
    this.alpha = alpha;
    this.rctCutoff = repetitionCountCutoff(h, alpha);
    this.aptWindow = bitsPerSample == 1 ? 1024 : 512;
    this.aptCutoff = adaptiveProportionCutoff(aptWindow, h, alpha);
  }

  /** RCT cutoff {@code 1 + ceil(-log2(alpha) / h)} (SP 800-90B section 4.4.1). */
  public static int repetitionCountCutoff(double h, double alpha) {
    double bits = -Math.log(alpha) / Math.log(2);
    return 1 + (int) Math.ceil(bits / h - 1e-9);
  }

  /**
   * APT cutoff {@code 1 + CRITBINOM(window, 2^-h, 1 - alpha)} (SP 800-90B section 4.4.2): one more
   * than the smallest count k whose binomial upper tail P(X &gt; k) is at most alpha.
   */
  public static int adaptiveProportionCutoff(int window, double h, double alpha) {
    if (window < 2 || window > 1 << 16) {
      throw new IllegalArgumentException("window must be in [2, 65536], got " + window);
    }
    double p = Math.pow(2, -h);
    // The tail is summed from the top in log space: the pmf near k = window is far below the
    // double range for small p, and summing upward to 1 - alpha would lose alpha to rounding.
    double[] logFactorial = new double[window + 1];
    for (int i = 1; i <= window; i++) {
      logFactorial[i] = logFactorial[i - 1] + Math.log(i);
    }
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    double tail = 0; // P(X > k)
    int k = window;
    while (k > 0) {
      double logPmf = logFactorial[window] - logFactorial[k] - logFactorial[window - k]
          + k * logP + (window - k) * logQ;
      double next = tail + Math.exp(logPmf); // P(X > k - 1)
      if (next > alpha) {
        break;
      }
      tail = next;
      k--;
    }
    return 1 + k;
  }

  /** Outcome of one sample: no failure. */
  public static final int PASS = 0;
  /** Outcome of one sample: the Repetition Count Test failed on it. */
  public static final int RCT_FAILED = 1;
  /** Outcome of one sample: the Adaptive Proportion Test failed on it. */
  public static final int APT_FAILED = 2;

  /** Feeds one sample; returns {@link #PASS}, {@link #RCT_FAILED} or {@link #APT_FAILED}. */
  public int test(int sample) {
    samples++;
    int outcome = PASS;
    if (sample == rctLast) {
      if (++rctRun >= rctCutoff) {
        rctFailures++;
        rctRun = 1;
        outcome = RCT_FAILED;
      }
    } else {
      rctLast = sample;
      rctRun = 1;
    }
    if (aptPosition == 0) {
      aptReference = sample;
      aptCount = 1;
    } else if (sample == aptReference && ++aptCount >= aptCutoff) {
      aptFailures++;
      aptCount = Integer.MIN_VALUE; // one failure per window
      outcome = outcome == PASS ? APT_FAILED : outcome;
    }
    if (++aptPosition == aptWindow) {
      aptPosition = 0;
    }
    return outcome;
  }

  /**
   * Feeds the samples packed in {@code raw[off, off+len)} (binary samples MSB first, or one sample
   * per byte) and returns the first failure among them, or {@link #PASS}. All samples are fed.
   */
  public int testPacked(byte[] raw, int off, int len) {
    int first = PASS;
    for (int i = off; i < off + len; i++) {
      int b = raw[i] & 0xff;
      if (bitsPerSample == 8) {
        int r = test(b);
        first = first == PASS ? r : first;
      } else {
        for (int bit = 7; bit >= 0; bit--) {
          int r = test((b >>> bit) & 1);
          first = first == PASS ? r : first;
        }
      }
    }
    return first;
  }

  /** Name of a failing outcome, for reports and exceptions. */
  public static String nameOf(int outcome) {
    return switch (outcome) {
      case RCT_FAILED -> REPETITION_COUNT;
      case APT_FAILED -> ADAPTIVE_PROPORTION;
      default -> "none";
    };
  }

  public int bitsPerSample() {
    return bitsPerSample;
  }

  public double entropyPerSample() {
    return entropyPerSample;
  }

  public double alpha() {
    return alpha;
  }

  public int repetitionCountCutoff() {
    return rctCutoff;
  }

  public int adaptiveProportionWindow() {
    return aptWindow;
  }

  public int adaptiveProportionCutoff() {
    return aptCutoff;
  }

  /** Samples needed for start-up testing: at least 1024 and a whole number of APT windows. */
  public int startupSamples() {
    return Math.max(MIN_STARTUP_SAMPLES, aptWindow);
  }

  public long samples() {
    return samples;
  }

  public long repetitionCountFailures() {
    return rctFailures;
  }

  public long adaptiveProportionFailures() {
    return aptFailures;
  }
}
