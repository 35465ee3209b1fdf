package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict;
import dev.otpkit.entropy.infnoise.PredictiveEstimator.Verdict.State;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference health check's exact semantics, block by block. */
class PredictiveEstimatorTest {

  @Test
  void bounds_matchDesignFigures() {
    PredictiveEstimator e = new PredictiveEstimator();
    assertEquals(0.87970, e.expectedEntropyPerBit(), 1e-5);
    assertEquals(0.85408, e.lowerBound(), 1e-5);
    assertEquals(0.90610, e.upperBound(), 1e-5);
    assertEquals(PredictiveEstimator.MIN_BLOCK_ENTROPY_BITS, e.minBlockEntropyBits());
    assertEquals(437, e.minBlockEntropyBits());
    // K = 2: floor(512 * 1) < e * 1.03 needs e >= 498.
    assertEquals(498, new PredictiveEstimator(2.0).minBlockEntropyBits());
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.5, 2.0000001, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void constructor_gainOutsideOneToTwo_throws(double k) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PredictiveEstimator(k));
    assertEquals("gain K must be in (1, 2], got " + k, e.getMessage());
  }

  @Test
  void addBlock_outsideArray_throws() {
    PredictiveEstimator e = new PredictiveEstimator();
    assertThrows(IndexOutOfBoundsException.class, () -> e.addBlock(new byte[63], 0));
    assertThrows(IndexOutOfBoundsException.class, () -> e.addBlock(new byte[100], 37));
    assertThrows(IndexOutOfBoundsException.class, () -> e.addBlock(new byte[64], -1));
    assertEquals(0, e.samples());
  }

  @Test
  void unseenContexts_earnNoEntropy() {
    // Alternating bits: every context is new the first time and certain afterwards, so with the
    // reference's rule (a zero count leaves the probability alone) not one entropy bit is counted.
    PredictiveEstimator e = new PredictiveEstimator();
    byte[] alternating = new byte[64];
    Arrays.fill(alternating, (byte) 0xAA);
    assertEquals(State.WARMING_UP, e.addBlock(alternating, 0).state());
    assertEquals(0.0, e.estimatedEntropyPerBit());
    assertEquals(512, e.samples());
    assertEquals(0, e.lastBlockEntropyBits());
  }

  @Test
  void runCheck_ignoresFirst101Samples() {
    // 121 zeros from the start: samples 0..100 are not counted, 101..120 make a run of 20.
    assertEquals(State.WARMING_UP, new PredictiveEstimator().addBlock(bits(0, 121), 0).state());
    Verdict v = new PredictiveEstimator().addBlock(bits(0, 122), 0);
    assertEquals(State.FAILED, v.state());
    assertEquals("max-run: a run of 21 equal bits (at most 20 allowed) ending at sample 121",
        v.reason());
  }

  @Test
  void runCheck_twentyEqualBitsPass_twentyOneFail() {
    assertEquals(State.WARMING_UP, new PredictiveEstimator().addBlock(bits(200, 20), 0).state());
    Verdict v = new PredictiveEstimator().addBlock(bits(200, 21), 0);
    assertEquals("max-run", v.test());
    assertTrue(v.reason().endsWith("ending at sample 220"), v.reason());
  }

  @Test
  void runCheck_spansBlocksAndBothComparators() {
    PredictiveEstimator e = new PredictiveEstimator();
    assertEquals(State.WARMING_UP, e.addBlock(bits(502, 10), 0).state());
    Verdict v = e.addBlock(bits(0, 11), 0);
    assertEquals(State.FAILED, v.state());
    assertTrue(v.reason().endsWith("ending at sample 522"), v.reason());
  }

  @Test
  void allZeroBlockAfterWarmUp_failsMaxRun() {
    PredictiveEstimator e = warmedUp(new SimulatedBlocks("seed=1"));
    Verdict v = e.addBlock(new byte[64], 0);
    assertEquals(State.FAILED, v.state());
    assertEquals("max-run", v.test());
  }

  @Test
  void alternatingBlockAfterWarmUp_isLearnedAndFails() {
    // Just after warm-up the running estimate is barely above its lower bound, so one block of a
    // learned pattern can pull it under (entropy-estimate); if not, the block itself is short of
    // 437 bits (block-entropy). Either way it fails, and it earns less the longer it goes on.
    PredictiveEstimator e = warmedUp(new SimulatedBlocks("seed=1"));
    byte[] alternating = new byte[64];
    Arrays.fill(alternating, (byte) 0x55);
    long previous = Long.MAX_VALUE;
    for (int b = 1; b <= 3; b++) {
      Verdict v = e.addBlock(alternating, 0);
      assertEquals(State.FAILED, v.state(), "alternating block " + b);
      assertTrue(v.test().equals("entropy-estimate") || v.test().equals("block-entropy"),
          v.reason());
      assertTrue(e.lastBlockEntropyBits() < 437 && e.lastBlockEntropyBits() <= previous,
          "entropy " + e.lastBlockEntropyBits());
      previous = e.lastBlockEntropyBits();
    }
    // Once the estimate is settled, the block-entropy check is what catches the pattern.
    SimulatedBlocks device = new SimulatedBlocks("seed=2");
    PredictiveEstimator settled = warmedUp(device);
    byte[] raw = new byte[64];
    for (int b = 0; b < 3000; b++) {
      device.nextRaw(raw, 0);
      settled.addBlock(raw, 0);
    }
    Verdict v = settled.addBlock(alternating, 0);
    assertEquals("block-entropy", v.test(), v.reason());
  }

  @Test
  void warmUp_endsAfterExactly157Blocks_whenTheEstimateIsAlreadyInRange() {
    // Seed 1's estimate after 157 blocks is 0.5406: an estimator for K = 1.45 (log2 K = 0.536,
    // range [0.5205, 0.5522]) finds data usable at the first possible moment.
    PredictiveEstimator e = new PredictiveEstimator(1.45);
    SimulatedBlocks device = new SimulatedBlocks("seed=1");
    byte[] raw = new byte[64];
    int blocksToWarm = (PredictiveEstimator.WARMUP_SAMPLES + 511) / 512;
    assertEquals(157, blocksToWarm);
    for (int b = 1; b <= blocksToWarm; b++) {
      device.nextRaw(raw, 0);
      assertEquals(State.WARMING_UP, e.addBlock(raw, 0).state(), "block " + b);
    }
    assertTrue(e.warmedUp());
    device.nextRaw(raw, 0);
    assertEquals(State.OK, e.addBlock(raw, 0).state(), "block 158");
  }

  @Test
  void goodDeviceAtDesignGain_warmsUpOnlyOnceTheEstimateIsInRange() {
    PredictiveEstimator e = new PredictiveEstimator();
    SimulatedBlocks device = new SimulatedBlocks("seed=1");
    byte[] raw = new byte[64];
    int b = 0;
    while (!e.warmedUp()) {
      device.nextRaw(raw, 0);
      assertEquals(State.WARMING_UP, e.addBlock(raw, 0).state(), "block " + (b + 1));
      b++;
    }
    // The estimate starts low (unseen contexts earn nothing): far more than 157 blocks.
    assertTrue(b > 300 && b < 450, "blocks of warm-up for seed 1: " + b);
    assertTrue(e.estimatedEntropyPerBit() >= e.lowerBound());
    // The reference's K estimate is 2^estimate: inside [K^(1/1.03), K^1.03] once usable.
    assertEquals(Math.pow(2, e.estimatedEntropyPerBit()), e.estimatedK(), 1e-12);
    assertTrue(e.estimatedK() > 1.78 && e.estimatedK() < 1.88, "K estimate " + e.estimatedK());
    device.nextRaw(raw, 0);
    assertEquals(State.OK, e.addBlock(raw, 0).state());
  }

  @Test
  void verdict_testNamesTheCheck_andReasonOnlyWhenFailed() {
    assertNull(new Verdict(State.OK, null).test());
    assertNull(new Verdict(State.WARMING_UP, null).test());
    assertEquals("entropy-estimate",
        new Verdict(State.FAILED, "entropy-estimate: 0.4401 bits per bit").test());
    assertThrows(IllegalArgumentException.class, () -> new Verdict(State.FAILED, null));
    assertThrows(IllegalArgumentException.class, () -> new Verdict(State.OK, "max-run: x"));
    assertThrows(NullPointerException.class, () -> new Verdict(null, null));
  }

  @Test
  void addBlock_matchesPlainReferenceModel_bitForBit() {
    // Differential test against a slow, literal second implementation: a good device through
    // warm-up and the estimate's halvings; k=1.05, whose commonest context passes 2^14 counts
    // twice (the tables are halved); a biased device that keeps failing the run check.
    for (String options : new String[] {"seed=7", "k=1.05,seed=3", "bias=0.3,seed=4"}) {
      PredictiveEstimator fast = new PredictiveEstimator();
      ReferenceModel plain = new ReferenceModel(PredictiveEstimator.DESIGN_K);
      SimulatedBlocks device = new SimulatedBlocks(options);
      byte[] raw = new byte[64];
      for (int b = 1; b <= 1200; b++) {
        device.nextRaw(raw, 0);
        Verdict v = fast.addBlock(raw, 0);
        boolean runExceeded = plain.addBlock(raw, 0);
        String at = options + " block " + b;
        assertEquals(plain.estimate(), fast.estimatedEntropyPerBit(), at);
        assertEquals(plain.level(), fast.lastBlockEntropyBits(), at);
        assertEquals(runExceeded, "max-run".equals(v.test()), at);
        if (v.state() == State.OK) {
          assertTrue(plain.okToUse() && plain.onTarget(), at);
        } else if ("entropy-estimate".equals(v.test())) {
          assertTrue(!plain.okToUse(), at);
        } else if ("block-entropy".equals(v.test())) {
          assertTrue(plain.okToUse() && !plain.onTarget(), at);
        }
      }
    }
  }

  @Test
  void addBlock_afterWarmUp_allocatesNothing() throws ReflectiveOperationException {
    SimulatedBlocks device = new SimulatedBlocks("seed=3");
    PredictiveEstimator e = warmedUp(device);
    byte[] raw = device.raw(2000);
    for (int b = 0; b < 2000; b++) {
      e.addBlock(raw, b * 64); // let the JIT settle first
    }
    long before = allocatedBytes();
    int ok = 0;
    for (int round = 0; round < 5; round++) {
      for (int b = 0; b < 2000; b++) {
        ok += e.addBlock(raw, b * 64).state() == State.OK ? 1 : 0;
      }
    }
    long allocated = allocatedBytes() - before;
    // 10,000 blocks; a failure allocates its reason, so allow a few, never one object per block.
    assertTrue(allocated < 10_000 + (10_000L - ok) * 2_000, "allocated " + allocated + " bytes");
  }

  @Test
  void samples_countEveryBlock_neverReset() {
    PredictiveEstimator e = new PredictiveEstimator();
    byte[] raw = new SimulatedBlocks("seed=9").raw(3);
    byte[] copy = raw.clone();
    for (int b = 0; b < 3; b++) {
      e.addBlock(raw, b * 64);
    }
    assertEquals(1536, e.samples());
    assertEquals(3, e.blocks());
    assertArrayEquals(copy, raw, "the estimator must not write to the caller's block");
  }

  /**
   * Bytes this thread allocated so far (HotSpot's per-thread counter). Reached by reflection:
   * the test classes are compiled into the entropy module, which does not read jdk.management.
   */
  private static long allocatedBytes() throws ReflectiveOperationException {
    Object threads = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class);
    return (long) allocated.invoke(threads, Thread.currentThread().getId());
  }

  /** An estimator fed {@code device} until its warm-up is over. */
  static PredictiveEstimator warmedUp(SimulatedBlocks device) {
    PredictiveEstimator e = new PredictiveEstimator();
    byte[] raw = new byte[64];
    while (!e.warmedUp()) {
      device.nextRaw(raw, 0);
      e.addBlock(raw, 0);
    }
    return e;
  }

  /**
   * A 64-byte block of alternating bits (1 on even samples) with {@code length} zeros from
   * sample {@code start}, the samples around the run set to 1 so the run is exactly that long.
   */
  static byte[] bits(int start, int length) {
    int[] sample = new int[512];
    for (int i = 0; i < 512; i++) {
      sample[i] = i % 2 == 0 ? 1 : 0;
    }
    for (int i = start; i < start + length; i++) {
      sample[i] = 0;
    }
    if (start > 0) {
      sample[start - 1] = 1;
    }
    if (start + length < 512) {
      sample[start + length] = 1;
    }
    byte[] raw = new byte[64];
    for (int i = 0; i < 512; i++) {
      raw[i / 8] |= (byte) (sample[i] << (7 - i % 8));
    }
    return raw;
  }
}
