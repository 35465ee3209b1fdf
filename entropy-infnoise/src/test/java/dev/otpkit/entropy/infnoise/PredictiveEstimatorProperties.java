package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict;
import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict.State;
import dev.otpkit.testsupport.Cases;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the reference health check on arbitrary and constructed blocks, on seeded
 * generated cases (the edges first).
 */
class PredictiveEstimatorProperties {

  /** Every failure reason the estimator can give: fixed words and figures, never sample data. */
  private static final Pattern REASON = Pattern.compile(
      "max-run: a run of 21 equal bits \\(at most 20 allowed\\) ending at sample \\d+"
      + "|entropy-estimate: \\d+\\.\\d{4} bits per bit, outside \\[0\\.8541, 0\\.9061\\]"
      + " for K=1\\.84"
      + "|block-entropy: \\d+ entropy bits in a block of 512 samples, fewer than 437 for K=1\\.84");

  static LongStream arbitraryBlocks_giveWellFormedVerdicts() {
    return Cases.of("arbitraryBlocks_giveWellFormedVerdicts", 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void arbitraryBlocks_giveWellFormedVerdicts(long seed) {
    Random r = new Random(seed);
    List<byte[]> blocks = new ArrayList<>();
    for (int i = Cases.intIn(r, seed, 1, 40); i > 0; i--) {
      byte[] block = new byte[64];
      // raw bytes, all-zero and all-one blocks (runs), and sparse ones
      switch (r.nextInt(4)) {
        case 0 -> java.util.Arrays.fill(block, (byte) 0);
        case 1 -> java.util.Arrays.fill(block, (byte) 0xff);
        case 2 -> block[r.nextInt(64)] = (byte) (1 << r.nextInt(8));
        default -> r.nextBytes(block);
      }
      blocks.add(block);
    }
    PredictiveEstimator e = new PredictiveEstimator();
    for (byte[] block : blocks) {
      Verdict v = e.addBlock(block, 0);
      if (v.state() == State.FAILED) {
        assertTrue(REASON.matcher(v.reason()).matches(), v.reason());
      } else {
        assertEquals(null, v.reason());
      }
      // 40 blocks are far from the 80,000 samples of warm-up: only the run check can fail.
      assertTrue(v.state() == State.WARMING_UP || "max-run".equals(v.test()), v.toString());
      assertTrue(Double.isFinite(e.estimatedEntropyPerBit()) && e.estimatedEntropyPerBit() >= 0);
    }
    assertEquals(512L * blocks.size(), e.samples());
  }

  /**
   * A run of zeros of any length anywhere in the first block fails exactly when more than 20 of
   * its samples come after the first 101, and the reason names the sample that made it 21.
   */
  static LongStream runCheck_failsExactlyWhenMoreThan20CountedEqualBits() {
    return Cases.of("runCheck_failsExactlyWhenMoreThan20CountedEqualBits", 500);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void runCheck_failsExactlyWhenMoreThan20CountedEqualBits(long seed) {
    Random r = new Random(seed);
    int start = Cases.intIn(r, seed, 0, 511);
    int length = Cases.intIn(r, seed, 1, 512);
    int len = Math.min(length, 512 - start);
    int firstCounted = Math.max(start, 101);
    int counted = Math.max(0, start + len - firstCounted);
    Verdict v = new PredictiveEstimator().addBlock(PredictiveEstimatorTest.bits(start, len), 0);
    if (counted > 20) {
      assertEquals("max-run: a run of 21 equal bits (at most 20 allowed) ending at sample "
          + (firstCounted + 20), v.reason());
    } else {
      assertEquals(State.WARMING_UP, v.state(), "run " + start + "+" + len + ": " + v);
    }
  }
}
