package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.testsupport.Cases;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the SP 800-90B continuous tests on stuck, biased and ideal sources, each on
 * seeded generated cases (the edges of every range first).
 */
class HealthTestsProperties {

  static LongStream stuckSource_failsRepetitionCountWithinCutoff() {
    return Cases.of("stuckSource_failsRepetitionCountWithinCutoff", 50);
  }

  /** A stuck source fails the RCT on exactly the C-th identical sample, never later. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void stuckSource_failsRepetitionCountWithinCutoff(long seed) {
    Random r = new Random(seed);
    double h = Cases.doubleIn(r, seed, 0.05, Math.nextUp(1.0)); // [0.05, 1.0]
    int bit = Cases.intIn(r, seed, 0, 1);
    HealthTests tests = new HealthTests(1, h, HealthTests.DEFAULT_ALPHA);
    int cutoff = tests.repetitionCountCutoff();
    for (int i = 1; i < cutoff; i++) {
      assertEquals(HealthTests.PASS, tests.test(bit), "sample " + i);
    }
    assertEquals(HealthTests.RCT_FAILED, tests.test(bit));
    assertEquals(1, tests.repetitionCountFailures());
  }

  static LongStream biasedSource_failsAdaptiveProportion() {
    return Cases.of("biasedSource_failsAdaptiveProportion", 30);
  }

  /** A source far more biased than its assessed H claims fails the APT in its first windows. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void biasedSource_failsAdaptiveProportion(long seed) {
    Random r = new Random(seed);
    double probabilityOfOne = Cases.doubleIn(r, seed, 0.95, Math.nextUp(0.99)); // [0.95, 0.99]
    // H = 0.5 claims the likeliest value has probability at most 0.707.
    HealthTests tests = new HealthTests(1, 0.5, HealthTests.DEFAULT_ALPHA);
    SplittableRandom random = new SplittableRandom(r.nextLong());
    int sample = 0;
    boolean aptFailed = false;
    for (int i = 0; i < 4 * 1024 && !aptFailed; i++) {
      // A short run breaker keeps the RCT quiet so the APT is what must notice.
      sample = i % 37 == 0 ? 0 : (random.nextDouble() < probabilityOfOne ? 1 : 0);
      aptFailed = tests.test(sample) == HealthTests.APT_FAILED;
    }
    assertTrue(aptFailed, "bias " + probabilityOfOne + " passed four APT windows");
  }

  static LongStream idealSource_falseAlarmRateConsistentWithAlpha() {
    return Cases.of("idealSource_falseAlarmRateConsistentWithAlpha", 5);
  }

  /**
   * An ideal source raises false alarms at a rate consistent with alpha. alpha is 2^-8 here so
   * that alarms are frequent enough to count; the bounds are the mean +- 5 standard deviations
   * of a binomial count, so a correct implementation fails this with probability below 1e-6.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void idealSource_falseAlarmRateConsistentWithAlpha(long seed) {
    double alpha = 0x1p-8;
    HealthTests tests = new HealthTests(1, 1.0, alpha);
    SplittableRandom random = new SplittableRandom(seed);
    int windows = 4000;
    long samples = (long) windows * tests.adaptiveProportionWindow();
    for (long i = 0; i < samples; i++) {
      tests.test(random.nextInt(2));
    }
    // APT: each window alarms with probability at most alpha.
    double aptMean = windows * alpha;
    assertTrue(tests.adaptiveProportionFailures() <= aptMean + 5 * Math.sqrt(aptMean) + 1,
        "APT alarms " + tests.adaptiveProportionFailures() + " for " + windows + " windows");
    // RCT with C = 9: a run reaches 9 after a change with probability 2^-8 = alpha, and runs
    // start every 2 samples on average, so about samples * alpha / 2 alarms are expected.
    double rctMean = samples * alpha / 2;
    long rct = tests.repetitionCountFailures();
    assertTrue(Math.abs(rct - rctMean) <= 5 * Math.sqrt(rctMean),
        "RCT alarms " + rct + ", expected about " + rctMean);
  }
}
