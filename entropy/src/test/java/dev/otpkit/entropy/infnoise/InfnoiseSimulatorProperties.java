package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the simulator's option grammar. */
class InfnoiseSimulatorProperties {

  private static final String PREFIX = "infnoise-sim:";

  /** Any valid configuration survives description -> options -> description, same samples. */
  @Property(tries = 300, seed = "20261125")
  void description_roundTripsThroughFromOptions(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 1, minIncluded = false, max = 2) double k,
      @ForAll @DoubleRange(min = 0, max = 0.5, maxIncluded = false) double noise,
      @ForAll boolean stuck,
      @ForAll boolean garbage,
      @ForAll @DoubleRange(min = 0, max = 1) double bias,
      @ForAll @LongRange(min = -1, max = Long.MAX_VALUE - 1) long disconnectAfter) {
    StringBuilder options = new StringBuilder("seed=" + seed + ",k=" + k + ",noise=" + noise
        + ",bias=" + bias);
    options.append(stuck ? ",stuck" : "").append(garbage ? ",fault=garbage" : "");
    options.append(disconnectAfter >= 0 ? ",disconnect-after=" + disconnectAfter : "");
    // Double.toString may write 1.0E-5; the grammar accepts it, the description writes 0.00001.
    InfnoiseSimulator first = InfnoiseSimulator.fromOptions(options.toString());
    String description = first.description();
    assertTrue(description.startsWith(PREFIX), description);
    InfnoiseSimulator second =
        InfnoiseSimulator.fromOptions(description.substring(PREFIX.length()));
    assertEquals(description, second.description());
    assertEquals(disconnectAfter >= 0 ? disconnectAfter : Long.MAX_VALUE, second.disconnectAfter());
    byte[] a = new byte[256];
    byte[] b = new byte[256];
    first.respond(new byte[256], 0, a, 0, 256);
    second.respond(new byte[256], 0, b, 0, 256);
    assertArrayEquals(a, b);
  }

  /** Text made of the grammar's own characters either parses or is rejected with the grammar. */
  @Property(tries = 2000, seed = "20261125")
  void arbitraryText_parsesOrIsRejectedWithTheGrammar(
      @ForAll @StringLength(max = 40) @NumericChars
      @Chars({'=', ',', '.', '-', '+', ' ', 'e', 'E', 'k', 's', 'd', 'n', 'o', 'i', 't', 'u', 'c',
          'f', 'a', 'l', 'g', 'b', 'r', 'x'}) String text) {
    try {
      InfnoiseSimulator sim = InfnoiseSimulator.fromOptions(text);
      assertTrue(sim.description().startsWith(PREFIX));
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("invalid infnoise simulator option '"), e.getMessage());
      assertTrue(e.getMessage().endsWith("; accepted: " + InfnoiseSimulator.OPTIONS_HELP));
    }
  }
}
