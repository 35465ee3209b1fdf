package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict;
import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict.State;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the reference health check on arbitrary and constructed blocks. */
class PredictiveEstimatorProperties {

  /** Every failure reason the estimator can give: fixed words and figures, never sample data. */
  private static final Pattern REASON = Pattern.compile(
      "max-run: a run of 21 equal bits \\(at most 20 allowed\\) ending at sample \\d+"
      + "|entropy-estimate: \\d+\\.\\d{4} bits per bit, outside \\[0\\.8541, 0\\.9061\\]"
      + " for K=1\\.84"
      + "|block-entropy: \\d+ entropy bits in a block of 512 samples, fewer than 437 for K=1\\.84");

  @Property(tries = 200, seed = "20261125")
  void arbitraryBlocks_giveWellFormedVerdicts(
      @ForAll @Size(min = 1, max = 40) List<@Size(64) byte[]> blocks) {
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
  @Property(tries = 500, seed = "20261125")
  void runCheck_failsExactlyWhenMoreThan20CountedEqualBits(
      @ForAll @IntRange(min = 0, max = 511) int start,
      @ForAll @IntRange(min = 1, max = 512) int length) {
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
