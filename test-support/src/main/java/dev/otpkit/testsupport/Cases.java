package dev.otpkit.testsupport;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The generated cases of a property test, for JUnit's {@code @ParameterizedTest} with a
 * {@code @MethodSource} of seeds: {@code n} seeds drawn from a fixed base per property, so every
 * run checks the same cases and a failure names the seed that reproduces it (it is the case's
 * display name). The first two seeds are the edge cases: generators below give their minimum for
 * {@link #FIRST} and their maximum for {@link #SECOND}, and uniform values otherwise.
 */
public final class Cases {

  /** The seed of the case where every generated value is at its minimum. */
  public static final long FIRST = Long.MIN_VALUE;
  /** The seed of the case where every generated value is at its maximum. */
  public static final long SECOND = Long.MIN_VALUE + 1;

  private Cases() {}

  /** The two edge seeds, then {@code n - 2} from the property's fixed base. */
  public static LongStream of(String property, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("at least the two edge cases: " + n);
    }
    long base = property.hashCode() * 0x9E3779B97F4A7C15L + 20261125L;
    return LongStream.concat(LongStream.of(FIRST, SECOND),
        new SplittableRandom(base).longs(n - 2).filter(s -> s != FIRST && s != SECOND));
  }

  /** An int in [min, max]: min or max for the edge seeds. */
  public static int intIn(Random r, long seed, int min, int max) {
    return seed == FIRST ? min : seed == SECOND ? max : min + (int) (r.nextDouble() * ((long) max - min + 1));
  }

  /** A long in [min, max]: min or max for the edge seeds. */
  public static long longIn(Random r, long seed, long min, long max) {
    if (seed == FIRST) {
      return min;
    }
    if (seed == SECOND) {
      return max;
    }
    long span = max - min + 1;
    if (span > 0) {
      return min + Math.floorMod(r.nextLong(), span);
    }
    while (true) { // a range of more than 2^63 values: draw until one falls in it
      long v = r.nextLong();
      if (v >= min && v <= max) {
        return v;
      }
    }
  }

  /** A double in [min, max): min for the first edge seed, just below max for the second. */
  public static double doubleIn(Random r, long seed, double min, double max) {
    return seed == FIRST ? min : seed == SECOND ? Math.nextDown(max) : min + r.nextDouble() * (max - min);
  }

  /** Random bytes of a length in [min, max]: min or max long for the edge seeds. */
  public static byte[] bytes(Random r, long seed, int min, int max) {
    byte[] b = new byte[intIn(r, seed, min, max)];
    r.nextBytes(b);
    return b;
  }
}
