package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.testsupport.Cases;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the simulator's option grammar, on seeded generated cases (the edges first). */
class InfnoiseSimulatorProperties {

  private static final String PREFIX = "infnoise-sim:";

  static LongStream description_roundTripsThroughFromOptions() {
    return Cases.of("description_roundTripsThroughFromOptions", 300);
  }

  /** Any valid configuration survives description -> options -> description, same samples. */
  @ParameterizedTest(name = "case {0}")
  @MethodSource
  void description_roundTripsThroughFromOptions(long caseSeed) {
    Random r = new Random(caseSeed);
    long seed = Cases.longIn(r, caseSeed, Long.MIN_VALUE, Long.MAX_VALUE - 1);
    double k = Cases.doubleIn(r, caseSeed, Math.nextUp(1.0), Math.nextUp(2.0)); // (1, 2]
    double noise = Cases.doubleIn(r, caseSeed, 0, 0.5); // [0, 0.5)
    boolean stuck = caseSeed == Cases.SECOND || (caseSeed != Cases.FIRST && r.nextBoolean());
    boolean garbage = caseSeed == Cases.SECOND || (caseSeed != Cases.FIRST && r.nextBoolean());
    double bias = Cases.doubleIn(r, caseSeed, 0, Math.nextUp(1.0)); // [0, 1]
    long disconnectAfter = Cases.longIn(r, caseSeed, -1, Long.MAX_VALUE - 1);
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

  private static final String GRAMMAR_CHARS = "0123456789=,.-+ eEksdnoitucfalgbrx";

  static LongStream arbitraryText_parsesOrIsRejectedWithTheGrammar() {
    return Cases.of("arbitraryText_parsesOrIsRejectedWithTheGrammar", 2000);
  }

  /** Text made of the grammar's own characters either parses or is rejected with the grammar. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void arbitraryText_parsesOrIsRejectedWithTheGrammar(long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = Cases.intIn(r, seed, 0, 40); i > 0; i--) {
      sb.append(GRAMMAR_CHARS.charAt(r.nextInt(GRAMMAR_CHARS.length())));
    }
    String text = sb.toString();
    try {
      InfnoiseSimulator sim = InfnoiseSimulator.fromOptions(text);
      assertTrue(sim.description().startsWith(PREFIX));
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("invalid infnoise simulator option '"), e.getMessage());
      assertTrue(e.getMessage().endsWith("; accepted: " + InfnoiseSimulator.OPTIONS_HELP));
    }
  }
}
