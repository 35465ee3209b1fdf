package dev.otpkit.entropy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of running the SP 800-90B start-up and continuous health tests over a run of raw
 * samples, with an entropy estimate. {@link #lines()} is the {@code key: value} report of
 * {@code otpkit health}.
 */
public final class HealthReport {

  private final Map<String, String> fields;
  private final boolean pass;
  private final boolean captureEnded;

  private HealthReport(Map<String, String> fields, boolean pass, boolean captureEnded) {
    this.fields = fields;
    this.pass = pass;
    this.captureEnded = captureEnded;
  }

  /**
   * Reads {@code samples} raw samples from {@code raw} and runs the tests over them: the first
   * {@link HealthTests#startupSamples()} are the start-up test, the rest the continuous tests.
   * Every sample is tested, so a report counts every failure, not just the first. A capture that
   * ends sooner is reported on whole ({@link #captureEnded()}), if it holds at least the start-up
   * samples.
   *
   * @param estimator entropy estimate per bit from the same samples, or {@code null} for the
   *     most-common-value estimate of SP 800-90B section 6.3.1
   * @throws IllegalArgumentException if samples is smaller than the start-up test needs or above
   *     2^31 * 8
   * @throws EntropyException if the source fails to deliver, or is a capture shorter than the
   *     start-up test
   */
  public static HealthReport run(RawNoiseSource raw, long samples, double alpha,
      EntropyEstimator estimator) {
    Objects.requireNonNull(raw, "raw");
    HealthTests tests = new HealthTests(raw.bitsPerSample(), raw.assessedEntropyPerSample(), alpha);
    if (samples < tests.startupSamples() || samples > (1L << 34)) {
      throw new IllegalArgumentException("samples must be in [" + tests.startupSamples()
          + ", 2^34] (the start-up test alone needs " + tests.startupSamples() + "), got " + samples);
    }
    int samplesPerByte = 8 / raw.bitsPerSample();
    long bytes = (samples + samplesPerByte - 1) / samplesPerByte;
    EntropyEstimator est = estimator != null ? estimator : new MostCommonValue(raw.bitsPerSample());
    byte[] chunk = new byte[(int) Math.min(bytes, 1 << 16)];
    long startupBytes = tests.startupSamples() / samplesPerByte;
    long done = 0;
    boolean startupPass = true;
    boolean ended = false;
    while (done < bytes && !ended) {
      int n = (int) Math.min(chunk.length, bytes - done);
      if (done < startupBytes) {
        n = (int) Math.min(n, startupBytes - done);
      }
      try {
        raw.read(chunk, 0, n);
      } catch (EntropyException e) {
        if (!e.captureEnded()) {
          throw e;
        }
        ended = true;
        n = e.bytesBeforeEnd();
        if (done + n < startupBytes) {
          throw EntropyException.captureEnded(e.getMessage() + ", " + (done + n) * samplesPerByte
              + " samples: fewer than the " + tests.startupSamples() + " the start-up test needs", 0);
        }
      }
      long failuresBefore = tests.repetitionCountFailures() + tests.adaptiveProportionFailures();
      tests.testPacked(chunk, 0, n);
      est.update(chunk, 0, n);
      if (done < startupBytes
          && tests.repetitionCountFailures() + tests.adaptiveProportionFailures() > failuresBefore) {
        startupPass = false;
      }
      done += n;
    }
    long failures = tests.repetitionCountFailures() + tests.adaptiveProportionFailures();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("source", raw.description());
    f.put("samples", Long.toString(tests.samples()));
    f.put("bits-per-sample", Integer.toString(raw.bitsPerSample()));
    f.put("assessed-entropy-per-sample", format(raw.assessedEntropyPerSample()));
    f.put("alpha", alphaText(alpha));
    f.put("repetition-count-cutoff", Integer.toString(tests.repetitionCountCutoff()));
    f.put("adaptive-proportion-window", Integer.toString(tests.adaptiveProportionWindow()));
    f.put("adaptive-proportion-cutoff", Integer.toString(tests.adaptiveProportionCutoff()));
    f.put("startup-samples", Integer.toString(tests.startupSamples()));
    f.put("startup", startupPass ? "pass" : "fail");
    f.put("repetition-count-failures", Long.toString(tests.repetitionCountFailures()));
    f.put("adaptive-proportion-failures", Long.toString(tests.adaptiveProportionFailures()));
    f.put("estimator", est.name());
    f.put("estimated-entropy-per-bit", format(est.entropyPerBit()));
    String estimatorFailure = est.failure();
    f.put("estimator-result", estimatorFailure == null ? "pass" : "fail (" + estimatorFailure + ")");
    boolean pass = startupPass && failures == 0 && estimatorFailure == null;
    f.put("result", pass ? "pass" : "fail");
    return new HealthReport(f, pass, ended);
  }

  private static String alphaText(double alpha) {
    double bits = -Math.log(alpha) / Math.log(2);
    return Math.abs(bits - Math.rint(bits)) < 1e-9 ? "2^-" + (long) Math.rint(bits) : format(alpha);
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  /** True if start-up and every continuous test passed. */
  public boolean pass() {
    return pass;
  }

  /** True if the source was a capture that ended before the samples asked for: the report covers all of it. */
  public boolean captureEnded() {
    return captureEnded;
  }

  /** The report fields in order, as {@code key -> value}. */
  public Map<String, String> fields() {
    return java.util.Collections.unmodifiableMap(fields);
  }

  /** The report as {@code key: value} lines. */
  public String lines() {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }

  /** An entropy estimator fed the same raw bytes as the health tests. */
  public interface EntropyEstimator {
    /** Feeds raw bytes (packed as the source delivers them). */
    void update(byte[] raw, int off, int len);

    /** The estimate so far, in bits of entropy per raw bit. */
    double entropyPerBit();

    /** A short name for the report. */
    String name();

    /** Why the estimator rejects these samples, or {@code null} if it accepts them. */
    default String failure() {
      return null;
    }
  }

  /**
   * The most-common-value estimate of SP 800-90B section 6.3.1: the upper 99% confidence bound on
   * the probability of the likeliest sample value, as min-entropy, per bit.
   */
  static final class MostCommonValue implements EntropyEstimator {
    private final int bitsPerSample;
    private final long[] counts;
    private long n;

    MostCommonValue(int bitsPerSample) {
      this.bitsPerSample = bitsPerSample;
      this.counts = new long[1 << bitsPerSample];
    }

    @Override
    public void update(byte[] raw, int off, int len) {
      for (int i = off; i < off + len; i++) {
        int b = raw[i] & 0xff;
        if (bitsPerSample == 8) {
          counts[b]++;
          n++;
        } else {
          int ones = Integer.bitCount(b);
          counts[1] += ones;
          counts[0] += 8 - ones;
          n += 8;
        }
      }
    }

    @Override
    public double entropyPerBit() {
      if (n < 2) {
        return 0;
      }
      long max = 0;
      for (long c : counts) {
        max = Math.max(max, c);
      }
      double p = (double) max / n;
      double upper = Math.min(1.0, p + 2.576 * Math.sqrt(p * (1 - p) / (n - 1)));
      return -Math.log(upper) / Math.log(2) / bitsPerSample;
    }

    @Override
    public String name() {
      return "most-common-value (SP 800-90B 6.3.1)";
    }
  }
}
