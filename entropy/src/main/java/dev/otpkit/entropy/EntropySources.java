package dev.otpkit.entropy;

import dev.otpkit.entropy.internal.HealthTestedSource;
import dev.otpkit.entropy.internal.MixingSource;
import dev.otpkit.entropy.internal.RawFileSource;
import dev.otpkit.entropy.internal.SystemSource;
import dev.otpkit.entropy.spi.SourceProvider;
import java.util.ServiceLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens entropy sources from source strings.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>{@code system}: the operating system's generator, non-blocking.
 *   <li>{@code raw:PATH}: a capture of raw binary samples (packed, MSB first), health-tested with
 *       an assessed H of 0.5 bits per sample and conditioned with SHA-256.
 *   <li>{@code infnoise:PATH}, {@code infnoise-sim[:OPTIONS]}, {@code infnoise-file:PATH}: an
 *       Infinite Noise TRNG, its simulator, or a capture of its raw blocks, when
 *       {@code otpkit-entropy-infnoise} is on the class or module path (a {@link SourceProvider}).
 *   <li>{@code mix:strict:S1+S2...} and {@code mix:degrade:S1+S2...}: a SHA-256 mix of sources.
 * </ul>
 */
public final class EntropySources {

  /** The forms {@link #open} accepts, for error messages and help. */
  public static final String FORMS = "system | raw:PATH | infnoise:PATH[?timeout=MS&reconnect=N]"
      + " | infnoise-sim[:OPTIONS] | infnoise-file:PATH | mix:strict:S1+S2... | mix:degrade:S1+S2...";

  /** What a user adds for the Infinite Noise sources. */
  static final String INFNOISE_MODULE = "the Infinite Noise sources need otpkit-entropy-infnoise on the class path"
      + " or module path (Maven: dev.otpkit:otpkit-entropy-infnoise), which brings the serial-port library";

  /** The forms {@link #openRaw} accepts: the sources with raw samples of their own. */
  public static final String RAW_FORMS = "system | raw:PATH | infnoise-file:PATH";

  /** Assessed min-entropy per sample for raw captures: deliberately conservative. */
  public static final double RAW_CAPTURE_ENTROPY_PER_SAMPLE = 0.5;

  /**
   * H used for the cutoffs when the OS output is health-tested as binary samples. The OS output is
   * already conditioned, so per-bit tests can only catch gross failures (stuck or badly biased);
   * at H = 1 and alpha = 2^-20 the RCT cutoff of 21 would alarm about once per 2^21 samples of a
   * perfect generator, so a 1,000,000-sample report of a healthy OS would fail about 40% of the
   * time. At H = 0.5 (cutoffs 41 and 793/1024) a false alarm is a once-in-2^41-samples event.
   */
  public static final double SYSTEM_TEST_ENTROPY_PER_SAMPLE = 0.5;

  private EntropySources() {}

  /**
   * Opens the source named by {@code spec}.
   *
   * @throws IllegalArgumentException if {@code spec} is not one of {@link #FORMS}
   * @throws EntropyException if the source exists but cannot be opened (a missing file or port)
   */
  public static EntropySource open(String spec) {
    String s = requireSpec(spec);
    if (s.equals("system")) {
      return system();
    }
    if (s.startsWith("mix:")) {
      return openMix(s);
    }
    SourceProvider provider = provider(s);
    if (provider != null) {
      return provider.open(s);
    }
    if (s.startsWith("raw:")) {
      return healthTested(openRaw(s));
    }
    throw unknown(spec, null);
  }

  /**
   * Opens the raw, untested side of a sample-producing source, for health reports. For
   * {@code system} this is the OS output read as binary samples, tested with the cutoffs of
   * {@link #SYSTEM_TEST_ENTROPY_PER_SAMPLE}.
   *
   * @throws IllegalArgumentException if {@code spec} is not one of {@link #RAW_FORMS}
   * @throws EntropyException if the capture cannot be opened
   */
  public static RawNoiseSource openRaw(String spec) {
    String s = requireSpec(spec);
    if (s.equals("system")) {
      EntropySource system = system();
      return new RawNoiseSource() {
        @Override
        public int bitsPerSample() {
          return 1;
        }

        @Override
        public double assessedEntropyPerSample() {
          return SYSTEM_TEST_ENTROPY_PER_SAMPLE;
        }

        @Override
        public void read(byte[] out, int off, int len) {
          system.fill(out, off, len);
        }

        @Override
        public String description() {
          return "system";
        }

        @Override
        public void close() {
          system.close();
        }
      };
    }
    if (s.startsWith("raw:")) {
      String path = s.substring("raw:".length());
      if (path.isEmpty()) {
        throw unknown(spec, "raw: needs a file path");
      }
      return new RawFileSource(Path.of(path), RAW_CAPTURE_ENTROPY_PER_SAMPLE);
    }
    SourceProvider provider = provider(s);
    if (provider != null) {
      return provider.openRaw(s);
    }
    if (s.startsWith("mix:")) {
      throw noRawSamples(spec, "a mix has no raw samples of its own; check its members one by one");
    }
    throw new IllegalArgumentException("unknown raw sample source '" + spec + "'; accepted forms: "
        + RAW_FORMS);
  }

  /**
   * The provider of {@code spec} among the sources in other modules; null if it is none of theirs.
   *
   * @throws IllegalArgumentException for an Infinite Noise source string without its module
   */
  private static SourceProvider provider(String spec) {
    for (SourceProvider p : ServiceLoader.load(SourceProvider.class, EntropySources.class.getClassLoader())) {
      if (p.handles(spec)) {
        return p;
      }
    }
    if (spec.startsWith("infnoise:") || spec.equals("infnoise-sim") || spec.startsWith("infnoise-sim:")
        || spec.startsWith("infnoise-file:")) {
      throw new IllegalArgumentException("'" + spec + "': " + INFNOISE_MODULE);
    }
    return null;
  }

  private static IllegalArgumentException noRawSamples(String spec, String why) {
    return new IllegalArgumentException("'" + spec + "' gives no raw samples to test (" + why
        + "); accepted forms: " + RAW_FORMS);
  }

  /** The operating system's generator. */
  public static EntropySource system() {
    return new SystemSource();
  }

  /**
   * Runs SP 800-90B start-up and continuous health tests (alpha 2^-20) on {@code raw} and
   * conditions what passes with SHA-256.
   */
  public static EntropySource healthTested(RawNoiseSource raw) {
    return healthTested(raw, HealthTests.DEFAULT_ALPHA);
  }

  /** As {@link #healthTested(RawNoiseSource)} with a chosen false-positive probability. */
  public static EntropySource healthTested(RawNoiseSource raw, double alpha) {
    return new HealthTestedSource(raw, alpha);
  }

  /** A SHA-256 mix of {@code members} under {@code policy}. */
  public static EntropySource mix(MixPolicy policy, List<? extends EntropySource> members) {
    return new MixingSource(policy, members);
  }

  private static EntropySource openMix(String s) {
    String rest = s.substring("mix:".length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw unknown(s, "a mix is mix:strict:S1+S2 or mix:degrade:S1+S2");
    }
    MixPolicy policy;
    switch (rest.substring(0, colon).toLowerCase(Locale.ROOT)) {
      case "strict" -> policy = MixPolicy.STRICT;
      case "degrade" -> policy = MixPolicy.DEGRADE;
      default -> throw unknown(s, "a mix policy is strict or degrade");
    }
    String[] parts = rest.substring(colon + 1).split("\\+", -1);
    List<EntropySource> members = new ArrayList<>();
    try {
      for (String part : parts) {
        if (part.isBlank() || part.startsWith("mix:")) {
          throw unknown(s, "mix members are non-empty, non-mix sources separated by +");
        }
        members.add(open(part));
      }
    } catch (RuntimeException e) {
      members.forEach(EntropySource::close);
      throw e;
    }
    return mix(policy, members);
  }

  private static String requireSpec(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("no entropy source given; accepted forms: " + FORMS);
    }
    return spec.strip();
  }

  private static IllegalArgumentException unknown(String spec, String why) {
    return new IllegalArgumentException("unknown entropy source '" + spec + "'"
        + (why == null ? "" : " (" + why + ")") + "; accepted forms: " + FORMS);
  }
}
