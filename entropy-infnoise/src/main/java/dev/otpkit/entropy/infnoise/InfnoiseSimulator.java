package dev.otpkit.entropy.infnoise;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A model of the Infinite Noise device for tests and demos: deterministic for a seed, with faults
 * that the health checks must catch.
 *
 * <p>The circuit is a modular multiplier with loop gain K. The model keeps the capacitor voltage
 * A in [0, 1] (fractions of the supply) and, per clock, does what the board-level design does
 * (waywardgeek/infnoise README, "Design Analysis"; the same map is the reference's own simulation
 * in {@code software/healthcheck.c}): the comparator reports 1 if A is above half the supply; the
 * multiplier then scales A by K relative to ground when the bit is 0 ({@code A <- K A}) and
 * relative to the supply when it is 1 ({@code A <- 1 - K (1 - A)}); Gaussian noise of standard
 * deviation {@code noise} is added and A is clamped into [0, 1]. At K = 2 this is exactly
 * {@code A <- 2 A mod 1}. Every branch stretches by K, so the bits carry log2 K bits of entropy
 * each (the README's {@code E = log(K)/log(2)}), which is what the health check expects.
 *
 * <p>Why not the plain beta map {@code A <- K A mod 1} (bit 1 when the product reaches 1, then
 * subtract 1)? For K &lt; 2 it puts A right next to 0 after a 1, so runs of 21 zeros are common:
 * measured with the reference's run check (at most 20 equal bits), it rejects 0.1% of a good
 * device's blocks at noise 1e-6, 0.8% at 1e-3 and 2% at 1e-2. On the board the bands next to both
 * rails are reachable only through noise, so long runs do not occur.
 *
 * <p>The default noise, 0.004, is the one that leaves the estimator the most room: after warm-up
 * the reference estimate overshoots before it settles (for seeds 1 to 20 it peaks at 0.9018 near
 * block 640 and settles near 0.891, under the upper bound 0.9061); with no noise it peaks at
 * 0.9075 and fails, and with 0.007 at 0.9052.
 *
 * <p>On the wire the model answers like the device: one sample byte per byte the host writes; on
 * even samples the bit is comparator 1 ({@link #COMP1}, mask 0x02), on odd samples comparator 2
 * ({@link #COMP2}, mask 0x10); every other bit is 0 unless the {@code garbage} fault is on.
 *
 * <p>The randomness is {@link SplittableRandom}: this is a test device whose output must be
 * reproducible from its seed, not a generator of secrets; nothing it produces is ever random
 * enough to be used as key material, and nothing in otpkit uses it that way.
 *
 * <p>Not thread-safe: the transport that owns it serialises access.
 */
public final class InfnoiseSimulator {

  /** The comparator 1 bit of a sample byte (bit 1), reported on even samples. */
  public static final int COMP1 = 0x02;

  /** The comparator 2 bit of a sample byte (bit 4), reported on odd samples. */
  public static final int COMP2 = 0x10;

  /** The stray bit the {@code garbage} fault sets. */
  public static final int GARBAGE_BIT = 0x40;

  /** The option grammar {@link #fromOptions} accepts, for error messages and help. */
  public static final String OPTIONS_HELP = "comma-separated items, each one of: "
      + "seed=N (long, default 1); "
      + "k=X (gain, in (1, 2], default 1.84); "
      + "noise=X (standard deviation of the circuit noise, in [0, 0.5), default 0.004); "
      + "fault=stuck or stuck (comparator 1 stuck at 0: even samples read 0); "
      + "fault=garbage or garbage (about 1 sample in 64 also has bit 0x40 set); "
      + "bias=P (each comparator bit forced to 1 with probability P, in [0, 1]); "
      + "disconnect-after=BYTES, stall-after=BYTES (sample bytes served before the device "
      + "disconnects / stops answering, long >= 0); the empty string is a good device";

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

  private final long seed;
  private final double k;
  private final double noise;
  private final boolean stuck;
  private final boolean garbage;
  private final double bias;
  private final long disconnectAfter;
  private final long stallAfter;
  private final SplittableRandom random;

  private double a;
  private long served;
  private double spareGaussian = Double.NaN;

  private InfnoiseSimulator(Options o) {
    this.seed = o.seed;
    this.k = o.k;
    this.noise = o.noise;
    this.stuck = o.stuck;
    this.garbage = o.garbage;
    this.bias = o.bias;
    this.disconnectAfter = o.disconnectAfter;
    this.stallAfter = o.stallAfter;
    this.random = new SplittableRandom(seed);
    this.a = random.nextDouble();
  }

  /**
   * A simulator configured by {@code options} (grammar in {@link #OPTIONS_HELP}); {@code ""} is a
   * good device with seed 1. Scalar keys may appear once; {@code stuck} and {@code garbage} may be
   * combined.
   *
   * @throws IllegalArgumentException for an unknown key, a malformed number or a value out of
   *     range; the message names the item and lists the grammar
   */
  public static InfnoiseSimulator fromOptions(String options) {
    Objects.requireNonNull(options, "options");
    Options o = new Options();
    if (options.isBlank()) {
      return new InfnoiseSimulator(o);
    }
    Set<String> seen = new HashSet<>();
    for (String raw : options.split(",", -1)) {
      String item = raw.strip();
      int eq = item.indexOf('=');
      String key = eq < 0 ? item : item.substring(0, eq).strip();
      String value = eq < 0 ? null : item.substring(eq + 1).strip();
      if (item.isEmpty()) {
        throw invalid(item, "empty item");
      }
      if (value == null) {
        if (!key.equals("stuck") && !key.equals("garbage")) {
          throw invalid(item, "unknown word; expected key=value, stuck or garbage");
        }
        value = key;
        key = "fault";
      }
      if (!key.equals("fault") && !seen.add(key)) {
        throw invalid(item, "'" + key + "' given twice");
      }
      switch (key) {
        case "seed" -> o.seed = parseLong(item, value);
        case "k" -> o.k = parseDouble(item, value, 1, false, 2, true);
        case "noise" -> o.noise = parseDouble(item, value, 0, true, 0.5, false);
        case "bias" -> o.bias = parseDouble(item, value, 0, true, 1, true);
        case "disconnect-after" -> o.disconnectAfter = parseCount(item, value);
        case "stall-after" -> o.stallAfter = parseCount(item, value);
        case "fault" -> {
          switch (value) {
            case "stuck" -> o.stuck = true;
            case "garbage" -> o.garbage = true;
            default -> throw invalid(item, "fault must be stuck or garbage");
          }
        }
        default -> throw invalid(item, "unknown key '" + key + "'");
      }
    }
    return new InfnoiseSimulator(o);
  }

  /**
   * Answers {@code count} bytes the host wrote at {@code swen[swenOff...]} with {@code count}
   * sample bytes at {@code samples[samplesOff...]}. The written bytes (the SWEN clock pattern,
   * 0x04 on even and 0x01 on odd indexes) are not inspected: a real device answers whatever it is
   * clocked with. A sample's parity is that of the running sample counter, which lines up with
   * the block because the host writes whole blocks of 512.
   *
   * @throws IndexOutOfBoundsException if either range is outside its array
   */
  public void respond(byte[] swen, int swenOff, byte[] samples, int samplesOff, int count) {
    Objects.checkFromIndexSize(swenOff, count, swen.length);
    Objects.checkFromIndexSize(samplesOff, count, samples.length);
    for (int i = 0; i < count; i++) {
      boolean even = (served & 1) == 0;
      int bit = step();
      if (bias > 0 && random.nextDouble() < bias) {
        bit = 1;
      }
      if (stuck && even) {
        bit = 0; // a stuck comparator reads 0 whatever else is wrong
      }
      int sample = bit == 0 ? 0 : (even ? COMP1 : COMP2);
      if (garbage && random.nextInt(64) == 0) {
        sample |= GARBAGE_BIT;
      }
      samples[samplesOff + i] = (byte) sample;
      served++;
    }
  }

  /**
   * One clock of the board's multiplier: the comparator reports whether A is above the middle of
   * the range, and the multiplier scales A by K about the rail on the comparator's side.
   */
  private int step() {
    int bit = a > 0.5 ? 1 : 0;
    double next = bit == 0 ? k * a : 1.0 - k * (1.0 - a);
    if (noise > 0) {
      next += noise * gaussian();
    }
    a = Math.min(1.0, Math.max(0.0, next));
    return bit;
  }

  /**
   * A standard Gaussian by the Box-Muller transform, using StrictMath so a seed gives the same
   * samples on every JVM (the checked-in test captures depend on it).
   */
  private double gaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u = 1.0 - random.nextDouble(); // (0, 1]: log(u) is finite
    double v = random.nextDouble();
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u));
    double angle = 2.0 * StrictMath.PI * v;
    spareGaussian = r * StrictMath.sin(angle);
    return r * StrictMath.cos(angle);
  }

  /** Sample bytes served before the device disconnects; {@link Long#MAX_VALUE} if never. */
  public long disconnectAfter() {
    return disconnectAfter;
  }

  /** Sample bytes served before the device stops answering; {@link Long#MAX_VALUE} if never. */
  public long stallAfter() {
    return stallAfter;
  }

  /** Sample bytes produced so far. */
  public long samplesServed() {
    return served;
  }

  /** The gain K of the modelled circuit. */
  public double k() {
    return k;
  }

  /**
   * The configuration in the option grammar after a prefix, such as
   * {@code infnoise-sim:k=1.84,noise=0.004,seed=1}; never anything secret.
   */
  public String description() {
    StringBuilder sb = new StringBuilder("infnoise-sim:k=").append(plain(k))
        .append(",noise=").append(plain(noise)).append(",seed=").append(seed);
    if (stuck) {
      sb.append(",fault=stuck");
    }
    if (garbage) {
      sb.append(",fault=garbage");
    }
    if (bias > 0) {
      sb.append(",bias=").append(plain(bias));
    }
    if (disconnectAfter != Long.MAX_VALUE) {
      sb.append(",disconnect-after=").append(disconnectAfter);
    }
    if (stallAfter != Long.MAX_VALUE) {
      sb.append(",stall-after=").append(stallAfter);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return description();
  }

  private static String plain(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  private static long parseLong(String item, String value) {
    if (!INTEGER.matcher(value).matches()) {
      throw invalid(item, "not an integer");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(item, "not a long");
    }
  }

  private static long parseCount(String item, String value) {
    long n = parseLong(item, value);
    if (n < 0) {
      throw invalid(item, "must be >= 0");
    }
    return n;
  }

  private static double parseDouble(String item, String value, double low, boolean lowIncluded,
      double high, boolean highIncluded) {
    if (!DECIMAL.matcher(value).matches()) {
      throw invalid(item, "not a decimal number");
    }
    double x = Double.parseDouble(value);
    boolean aboveLow = lowIncluded ? x >= low : x > low;
    boolean belowHigh = highIncluded ? x <= high : x < high;
    if (!aboveLow || !belowHigh || !Double.isFinite(x)) {
      throw invalid(item, "must be in " + (lowIncluded ? "[" : "(") + plain(low) + ", "
          + plain(high) + (highIncluded ? "]" : ")"));
    }
    return x;
  }

  private static IllegalArgumentException invalid(String item, String problem) {
    return new IllegalArgumentException(
        "invalid infnoise simulator option '" + item + "': " + problem + "; accepted: "
            + OPTIONS_HELP);
  }

  /** The parsed options, defaults first. */
  private static final class Options {
    long seed = 1;
    double k = PredictiveEstimator.DESIGN_K;
    double noise = 0.004;
    boolean stuck;
    boolean garbage;
    double bias;
    long disconnectAfter = Long.MAX_VALUE;
    long stallAfter = Long.MAX_VALUE;
  }
}
