package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HealthTestedSourceTest {

  private static final int WINDOW_BYTES = 128; // 1024 binary samples

  @Test
  void startup_testsAtLeast1024SamplesBeforeFirstOutput() {
    ScriptedNoise noise = new ScriptedNoise(1, Long.MAX_VALUE, 0.5);
    EntropySource source = EntropySources.healthTested(noise);
    assertEquals(HealthStatus.State.STARTING, source.health().state());
    assertEquals(0, noise.position());
    source.fill(new byte[1]);
    // start-up window + one conditioning window, all tested
    assertTrue(source.health().samplesTested() >= 1024 + 1024);
    assertEquals(HealthStatus.State.HEALTHY, source.health().state());
  }

  @Test
  void output_isSha256OfTestedWindowsAfterStartup() throws Exception {
    ScriptedNoise noise = new ScriptedNoise(2, Long.MAX_VALUE, 0.5);
    EntropySource source = EntropySources.healthTested(noise);
    byte[] out = source.bytes(96);
    byte[] served = noise.served();
    // H = 0.5: one 1024-sample window carries 512 bits >= 256 + 64, so one window per block.
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int w = 1; w <= 3; w++) {
      expected.write(MessageDigest.getInstance("SHA-256")
          .digest(Arrays.copyOfRange(served, w * WINDOW_BYTES, (w + 1) * WINDOW_BYTES)));
    }
    assertArrayEquals(expected.toByteArray(), out);
  }

  @Test
  void stuckFromStart_failsRepetitionCount_deliversNothing() {
    ScriptedNoise noise = new ScriptedNoise(3, 0, 0.5);
    EntropySource source = EntropySources.healthTested(noise);
    byte[] out = new byte[64];
    EntropyException e = assertThrows(EntropyException.class, () -> source.fill(out));
    assertEquals(HealthTests.REPETITION_COUNT, e.test());
    assertTrue(e.getMessage().contains("start-up"), e.getMessage());
    assertArrayEquals(new byte[64], out);
    assertEquals(0, source.health().bytesDelivered());
    assertEquals(HealthStatus.State.FAILED, source.health().state());
    // every later read throws too, naming the test
    assertEquals(HealthTests.REPETITION_COUNT,
        assertThrows(EntropyException.class, () -> source.fill(new byte[1])).test());
  }

  /**
   * The source turns stuck half way through a window. Nothing derived from that window may come
   * out: the output equals the hashes of the earlier windows exactly, and the rest stays zero.
   */
  @Test
  void failureMidWindow_noByteFromFailingWindowDelivered() throws Exception {
    int goodWindows = 6; // start-up + 5 conditioning windows
    long stuckAfter = goodWindows * WINDOW_BYTES + WINDOW_BYTES / 2 + 3;
    ScriptedNoise noise = new ScriptedNoise(4, stuckAfter, 0.5);
    EntropySource source = EntropySources.healthTested(noise);
    byte[] out = new byte[32 * 10];
    assertThrows(EntropyException.class, () -> source.fill(out));
    byte[] served = noise.served();
    byte[] expected = new byte[out.length];
    for (int w = 1; w < goodWindows; w++) {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Arrays.copyOfRange(served, w * WINDOW_BYTES, (w + 1) * WINDOW_BYTES));
      System.arraycopy(digest, 0, expected, (w - 1) * 32, 32);
    }
    assertArrayEquals(expected, out);
    assertEquals((goodWindows - 1) * 32L, source.health().bytesDelivered());
    // the failure is found within the RCT cutoff (41 samples) of the fault
    long samplesAtFault = stuckAfter * 8;
    assertTrue(source.health().samplesTested() <= (goodWindows + 1) * 1024L);
    assertTrue(source.health().samplesTested() > samplesAtFault);
  }

  @Test
  void close_closesRawAndLaterReadsThrow() {
    ScriptedNoise noise = new ScriptedNoise(5, Long.MAX_VALUE, 0.5);
    EntropySource source = EntropySources.healthTested(noise);
    source.fill(new byte[8]);
    source.close();
    assertTrue(noise.closed);
    assertThrows(EntropyException.class, () -> source.fill(new byte[8]));
    assertEquals(HealthStatus.State.CLOSED, source.health().state());
  }

  @Test
  void fill_checksRange() {
    EntropySource source = EntropySources.healthTested(new ScriptedNoise(6, Long.MAX_VALUE, 0.5));
    assertThrows(IndexOutOfBoundsException.class, () -> source.fill(new byte[4], 2, 4));
  }
}
