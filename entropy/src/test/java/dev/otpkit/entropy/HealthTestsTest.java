package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthTestsTest {

  @Test
  void repetitionCountCutoff_matchesPublishedFigure() {
    // SP 800-90B section 4.4.1: H = 0.5, alpha = 2^-20 gives C = 41.
    assertEquals(41, HealthTests.repetitionCountCutoff(0.5, 0x1p-20));
    assertEquals(21, HealthTests.repetitionCountCutoff(1.0, 0x1p-20));
  }

  @ParameterizedTest
  @CsvSource({"0.5, 410", "1, 311", "2, 177", "4, 62", "8, 13"})
  void adaptiveProportionCutoff_nonBinary_matchesSp80090bTable2(double h, int cutoff) {
    assertEquals(cutoff, HealthTests.adaptiveProportionCutoff(512, h, 0x1p-20));
  }

  /** Binary windows (W = 1024) against an exact big-rational binomial tail. */
  @ParameterizedTest
  @CsvSource({"0.2", "0.5", "0.8797", "1.0"})
  void adaptiveProportionCutoff_binary_matchesExactComputation(double h) {
    assertEquals(exactCutoff(1024, h, 20), HealthTests.adaptiveProportionCutoff(1024, h, 0x1p-20));
  }

  private static int exactCutoff(int n, double h, int alphaBits) {
    MathContext mc = new MathContext(60);
    BigDecimal p = new BigDecimal(Math.pow(2, -h));
    BigDecimal q = BigDecimal.ONE.subtract(p);
    BigDecimal alpha = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(alphaBits), mc);
    BigDecimal tail = BigDecimal.ZERO;
    BigInteger binom = BigInteger.ONE; // C(n, n)
    for (int k = n; k > 0; k--) {
      BigDecimal pmf = new BigDecimal(binom).multiply(p.pow(k, mc), mc).multiply(q.pow(n - k, mc), mc);
      if (tail.add(pmf).compareTo(alpha) > 0) {
        return k + 1;
      }
      tail = tail.add(pmf);
      binom = binom.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(n - k + 1));
    }
    return 1;
  }

  @Test
  void constructor_rejectsImpossibleEntropy() {
    assertThrows(IllegalArgumentException.class, () -> new HealthTests(1, 1.5, 0x1p-20));
    assertThrows(IllegalArgumentException.class, () -> new HealthTests(8, 0, 0x1p-20));
    assertThrows(IllegalArgumentException.class, () -> new HealthTests(4, 1, 0x1p-20));
    assertThrows(IllegalArgumentException.class, () -> new HealthTests(1, 0.5, 1.0));
  }
}
