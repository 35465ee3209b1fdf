package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict;
import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The estimator against the simulated device: a good one passes, each fault is caught. */
class SimulatedDeviceHealthTest {

  /** What happened to one simulated device over a run of blocks. */
  private record Run(int warmUpBlocks, long judged, Map<String, Integer> failures,
      long failuresInFirst1000Judged, long failuresAfterBlock2500, long judgedEntropyBits,
      double minJudgedEstimate, double maxJudgedEstimate, List<String> warmUpFailures) {

    long failed() {
      return failures.values().stream().mapToLong(Integer::longValue).sum();
    }
  }

  private static Run run(String options, int blocks) {
    SimulatedBlocks device = new SimulatedBlocks(options);
    PredictiveEstimator e = new PredictiveEstimator();
    byte[] raw = new byte[64];
    int warmUp = -1;
    long judged = 0;
    long early = 0;
    long late = 0;
    long bits = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    Map<String, Integer> failures = new TreeMap<>();
    List<String> warmUpFailures = new ArrayList<>();
    for (int b = 1; b <= blocks; b++) {
      device.nextRaw(raw, 0);
      boolean judging = e.warmedUp();
      Verdict v = e.addBlock(raw, 0);
      if (!judging) {
        if (v.state() == State.FAILED) {
          warmUpFailures.add("block " + b + ": " + v.reason());
        }
        warmUp = e.warmedUp() ? b : -1;
        continue;
      }
      judged++;
      bits += e.lastBlockEntropyBits();
      min = Math.min(min, e.estimatedEntropyPerBit());
      max = Math.max(max, e.estimatedEntropyPerBit());
      if (v.state() == State.FAILED) {
        failures.merge(v.test(), 1, Integer::sum);
        early += judged <= 1000 ? 1 : 0;
        late += b > 2500 ? 1 : 0;
      }
    }
    return new Run(warmUp, judged, failures, early, late, bits, min, max, warmUpFailures);
  }

  /**
   * Twenty seeds, 5,000 blocks each (2.56 million samples). Measured with the default options:
   * warm-up takes 358 to 369 blocks; after it only block-entropy ever fails: 49 of the first
   * 20,000 judged blocks (0.25%, while the count tables are still filling), none after block
   * 2,500, 56 of 92,717 in all (0.06%). Judged estimates stay in [0.8542, 0.9018]. Over only
   * 2,000 blocks a seed the failure rate is 0.17%, so a 99.9% pass rate holds only over longer
   * runs: that is the reference estimator's own start-up behaviour, not the device's.
   */
  @Test
  void goodDevice_passesAfterWarmUp_forTwentySeeds() {
    PredictiveEstimator bounds = new PredictiveEstimator();
    long judged = 0;
    long failed = 0;
    long early = 0;
    long bits = 0;
    List<String> problems = new ArrayList<>();
    for (int seed = 1; seed <= 20; seed++) {
      Run r = run("seed=" + seed, 5_000);
      String at = "seed " + seed + ": ";
      if (r.warmUpBlocks() <= 157 || r.warmUpBlocks() > 600) {
        problems.add(at + "warm-up took " + r.warmUpBlocks() + " blocks");
      }
      if (!r.warmUpFailures().isEmpty()) {
        problems.add(at + "failed during warm-up " + r.warmUpFailures());
      }
      if (r.failures().keySet().stream().anyMatch(t -> !t.equals("block-entropy"))) {
        problems.add(at + "failures other than block-entropy " + r.failures());
      }
      if (r.minJudgedEstimate() < bounds.lowerBound()
          || r.maxJudgedEstimate() > bounds.upperBound()) {
        problems.add(at + "estimate left the range: " + r.minJudgedEstimate() + ".."
            + r.maxJudgedEstimate());
      }
      if (r.failuresAfterBlock2500() != 0) {
        problems.add(at + r.failuresAfterBlock2500() + " failures after block 2,500");
      }
      judged += r.judged();
      failed += r.failed();
      early += r.failuresInFirst1000Judged();
      bits += r.judgedEntropyBits();
    }
    assertEquals(List.of(), problems);
    assertTrue(failed * 1000 <= judged, failed + " of " + judged + " judged blocks failed");
    assertTrue(early * 1000 <= 4 * 20_000, early + " of the first 20,000 judged blocks failed");
    assertTrue((double) bits / judged >= 450, "mean block entropy " + (double) bits / judged);
  }

  /**
   * Gain 1.2 gives log2 1.2 = 0.26 bits per bit (the simulator measures about 0.42 with its
   * noise), far under 0.8541: the data never becomes usable, so warm-up runs its full 5,000
   * blocks and the next block fails the estimate check.
   */
  @Test
  void lowGain_failsEntropyEstimateRightAfterWarmUp() {
    Pattern reason = Pattern.compile("entropy-estimate: 0\\.4\\d{3} bits per bit,"
        + " outside \\[0\\.8541, 0\\.9061\\] for K=1\\.84");
    for (int seed = 1; seed <= 3; seed++) {
      SimulatedBlocks device = new SimulatedBlocks("k=1.2,seed=" + seed);
      PredictiveEstimator e = new PredictiveEstimator();
      byte[] raw = new byte[64];
      for (int b = 1; b <= PredictiveEstimator.MAX_WARMUP_BLOCKS; b++) {
        device.nextRaw(raw, 0);
        assertEquals(State.WARMING_UP, e.addBlock(raw, 0).state(), "seed " + seed + " block " + b);
      }
      device.nextRaw(raw, 0);
      Verdict v = e.addBlock(raw, 0);
      assertEquals(State.FAILED, v.state());
      assertEquals("entropy-estimate", v.test());
      assertTrue(reason.matcher(v.reason()).matches(), v.reason());
    }
  }

  /**
   * Comparator 1 stuck at 0 halves the entropy; the run check catches it first: ten zeros in a
   * row from comparator 2, interleaved with comparator 1's zeros, make a run of 21. Measured over
   * seeds 1 to 20: within 372 to 34,752 samples (blocks 1 to 68), always during warm-up.
   */
  @Test
  void stuckComparator_failsMaxRunDuringWarmUp() {
    for (int seed = 1; seed <= 20; seed++) {
      Run r = run("fault=stuck,seed=" + seed, 128);
      assertEquals(-1, r.warmUpBlocks(), "seed " + seed + " never warms up");
      assertTrue(!r.warmUpFailures().isEmpty(), "seed " + seed + " not caught in 128 blocks");
      assertTrue(r.warmUpFailures().get(0).contains(": max-run: a run of 21 equal bits"),
          r.warmUpFailures().get(0));
    }
  }

  /** A comparator forced to 1 with probability 0.95 fails the run check as soon as it starts. */
  @Test
  void biasedComparators_failMaxRunInFirstBlock() {
    Pattern reason = Pattern.compile(
        "max-run: a run of 21 equal bits \\(at most 20 allowed\\) ending at sample (\\d+)");
    for (int seed = 1; seed <= 20; seed++) {
      SimulatedBlocks device = new SimulatedBlocks("bias=0.95,seed=" + seed);
      byte[] raw = new byte[64];
      device.nextRaw(raw, 0);
      Verdict v = new PredictiveEstimator().addBlock(raw, 0);
      var m = reason.matcher(String.valueOf(v.reason()));
      assertTrue(m.matches(), "seed " + seed + ": " + v);
      int sample = Integer.parseInt(m.group(1));
      assertTrue(sample >= 121 && sample < 250, "seed " + seed + ": caught at sample " + sample);
    }
  }
}
