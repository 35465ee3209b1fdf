package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.HealthReport;
import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.RawNoiseSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Opens Infinite Noise sources from source strings.
 *
 * <ul>
 *   <li>{@code infnoise:PATH[?timeout=MS&reconnect=N]}: a device speaking the sample protocol on
 *       a serial port (a pseudo-terminal, a USB serial bridge). Stock boards need FTDI bit-bang
 *       mode, which no serial port offers; see the README.
 *   <li>{@code infnoise-sim[:OPTIONS]}: the in-process simulator ({@link InfnoiseSimulator#OPTIONS_HELP}).
 *   <li>{@code infnoise-file:PATH}: replays a capture of raw 64-byte blocks.
 * </ul>
 */
public final class InfiniteNoise {

  /** The forms this class opens, for error messages and help. */
  public static final String FORMS =
      "infnoise:PATH[?timeout=MS&reconnect=N] | infnoise-sim[:OPTIONS] | infnoise-file:PATH";

  private InfiniteNoise() {}

  /**
   * How an Infinite Noise source runs.
   *
   * @param multiplier whitening output multiplier: 0 for 54 bytes per block, m for 32*m
   * @param raw deliver the raw 64-byte blocks instead of whitened output (still health-gated)
   * @param timeoutMillis a read with no byte for this long is a stalled device
   * @param reconnectAttempts how often to reopen after an unplug or stall (0: never)
   * @param backoffMillis first wait before reconnecting; doubles each attempt
   * @param alpha SP 800-90B false-positive probability
   */
  public record Settings(int multiplier, boolean raw, int timeoutMillis, int reconnectAttempts,
      long backoffMillis, double alpha) {

    public Settings {
      if (multiplier < 0 || multiplier > 10_000) {
        throw new IllegalArgumentException("multiplier must be in [0, 10000], got " + multiplier);
      }
      if (timeoutMillis < 1 || timeoutMillis > 600_000) {
        throw new IllegalArgumentException("timeout must be in [1, 600000] ms, got " + timeoutMillis);
      }
      if (reconnectAttempts < 0 || reconnectAttempts > 1000) {
        throw new IllegalArgumentException("reconnect must be in [0, 1000], got " + reconnectAttempts);
      }
      if (backoffMillis < 0 || backoffMillis > 60_000) {
        throw new IllegalArgumentException("backoff must be in [0, 60000] ms, got " + backoffMillis);
      }
    }

    /** Whitened, multiplier 0, 2 s timeout, no reconnect, 100 ms backoff, alpha 2^-20. */
    public static Settings defaults() {
      return new Settings(0, false, 2000, 0, 100, HealthTests.DEFAULT_ALPHA);
    }

    public Settings withMultiplier(int m) {
      return new Settings(m, raw, timeoutMillis, reconnectAttempts, backoffMillis, alpha);
    }

    public Settings withRaw(boolean r) {
      return new Settings(multiplier, r, timeoutMillis, reconnectAttempts, backoffMillis, alpha);
    }

    public Settings withTimeoutMillis(int t) {
      return new Settings(multiplier, raw, t, reconnectAttempts, backoffMillis, alpha);
    }

    public Settings withReconnect(int attempts, long backoff) {
      return new Settings(multiplier, raw, timeoutMillis, attempts, backoff, alpha);
    }
  }

  /**
   * The sample protocol's extraction step: packs 512 samples (COMP1 on even, COMP2 on odd
   * samples, most significant bit first) into 64 raw bytes and returns how many samples had bits
   * outside the comparator masks. Public for tools and benchmarks of the host pipeline.
   */
  public static int extract(byte[] samples, byte[] raw) {
    if (samples.length != DeviceBlocks.SAMPLES || raw.length != 64) {
      throw new IllegalArgumentException("extract takes 512 samples into 64 raw bytes");
    }
    return DeviceBlocks.extract(samples, raw);
  }

  /** True if {@code spec} names an Infinite Noise source. */
  public static boolean handles(String spec) {
    return spec.startsWith("infnoise:") || spec.equals("infnoise-sim")
        || spec.startsWith("infnoise-sim:") || spec.startsWith("infnoise-file:");
  }

  /**
   * Opens the source named by {@code spec}.
   *
   * @throws IllegalArgumentException if the string is malformed
   * @throws EntropyException if the port or file cannot be opened
   */
  public static InfnoiseSource open(String spec, Settings settings) {
    if (spec.startsWith("infnoise-file:")) {
      Path path = Path.of(requirePath(spec, "infnoise-file:"));
      return new InfnoiseSource(() -> new CaptureBlocks(path), spec, settings);
    }
    if (spec.equals("infnoise-sim") || spec.startsWith("infnoise-sim:")) {
      String options = spec.equals("infnoise-sim") ? "" : spec.substring("infnoise-sim:".length());
      InfnoiseSimulator.fromOptions(options); // validate now, before any connection
      Supplier<BlockSource> connect = () -> new DeviceBlocks(
          new SimulatedTransport(InfnoiseSimulator.fromOptions(options), settings.timeoutMillis()));
      return new InfnoiseSource(connect, spec, settings);
    }
    if (spec.startsWith("infnoise:")) {
      String rest = requirePath(spec, "infnoise:");
      Settings s = settings;
      int q = rest.indexOf('?');
      String path = q < 0 ? rest : rest.substring(0, q);
      if (path.isEmpty()) {
        throw malformed(spec, "infnoise: needs a device path");
      }
      if (q >= 0) {
        s = applyQuery(spec, rest.substring(q + 1), s);
      }
      int timeout = s.timeoutMillis();
      return new InfnoiseSource(() -> new DeviceBlocks(new SerialTransport(path, timeout)),
          "infnoise:" + path, s);
    }
    throw malformed(spec, null);
  }

  /**
   * The raw view of a capture, for health reports: binary samples with the conservative H of
   * {@link InfnoiseSource#ASSESSED_ENTROPY_PER_SAMPLE}. Pair it with {@link #estimator()}.
   */
  public static RawNoiseSource openRaw(String spec) {
    if (!spec.startsWith("infnoise-file:")) {
      throw new IllegalArgumentException("'" + spec + "' has no raw view: only captures"
          + " (infnoise-file:PATH) are read raw");
    }
    String description = spec;
    CaptureBlocks capture = new CaptureBlocks(Path.of(requirePath(spec, "infnoise-file:")));
    return new RawNoiseSource() {
      private final byte[] block = new byte[64];
      private int available;

      @Override
      public int bitsPerSample() {
        return 1;
      }

      @Override
      public double assessedEntropyPerSample() {
        return InfnoiseSource.ASSESSED_ENTROPY_PER_SAMPLE;
      }

      @Override
      public void read(byte[] out, int off, int len) {
        int requested = len;
        while (len > 0) {
          if (available == 0) {
            try {
              capture.nextBlock(block);
            } catch (EntropyException e) {
              throw e.captureEnded() ? EntropyException.captureEnded(e.getMessage(), requested - len) : e;
            }
            available = 64;
          }
          int n = Math.min(len, available);
          System.arraycopy(block, 64 - available, out, off, n);
          available -= n;
          off += n;
          len -= n;
        }
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public void close() {
        capture.close();
      }
    };
  }

  /** The reference predictive estimator as a health-report estimator, fed whole blocks. */
  public static HealthReport.EntropyEstimator estimator() {
    return new HealthReport.EntropyEstimator() {
      private final PredictiveEstimator estimator = new PredictiveEstimator();
      private final byte[] block = new byte[64];
      private int filled;
      private String failure;

      @Override
      public void update(byte[] raw, int off, int len) {
        for (int i = off; i < off + len; i++) {
          block[filled++] = raw[i];
          if (filled == 64) {
            filled = 0;
            PredictiveEstimator.Verdict v = estimator.addBlock(block, 0);
            // a block under 437 bits is dropped, not a device failure (see InfnoiseSource)
            if (failure == null && v.state() == PredictiveEstimator.Verdict.State.FAILED
                && !PredictiveEstimator.Verdict.BLOCK_ENTROPY_TEST.equals(v.test())) {
              failure = v.reason();
            }
          }
        }
      }

      @Override
      public double entropyPerBit() {
        return estimator.estimatedEntropyPerBit();
      }

      @Override
      public String name() {
        return "infnoise-predictive (14-bit history, K=" + PredictiveEstimator.DESIGN_K + ")";
      }

      @Override
      public String failure() {
        if (failure == null && !estimator.warmedUp()) {
          return String.format(java.util.Locale.ROOT,
              "never usable: after %d samples the estimate is %.4f, outside [%.4f, %.4f] or short"
                  + " of the %d-sample warm-up", estimator.samples(), estimator.estimatedEntropyPerBit(),
              estimator.lowerBound(), estimator.upperBound(), PredictiveEstimator.WARMUP_SAMPLES);
        }
        return failure;
      }
    };
  }

  private static Settings applyQuery(String spec, String query, Settings s) {
    for (String item : query.split("&")) {
      int eq = item.indexOf('=');
      String key = eq < 0 ? item : item.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : item.substring(eq + 1);
      try {
        switch (key) {
          case "timeout" -> s = s.withTimeoutMillis(Integer.parseInt(value));
          case "reconnect" -> s = s.withReconnect(Integer.parseInt(value), s.backoffMillis());
          default -> throw malformed(spec, "unknown option '" + key + "'; options are timeout=MS and reconnect=N");
        }
      } catch (NumberFormatException e) {
        throw malformed(spec, "option " + key + " needs a whole number, got '" + value + "'");
      }
    }
    return s;
  }

  private static String requirePath(String spec, String prefix) {
    String path = spec.substring(prefix.length());
    if (path.isEmpty()) {
      throw malformed(spec, prefix + " needs a path");
    }
    return path;
  }

  private static IllegalArgumentException malformed(String spec, String why) {
    return new IllegalArgumentException("unknown entropy source '" + spec + "'"
        + (why == null ? "" : " (" + why + ")") + "; accepted forms: " + FORMS);
  }
}
