package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.HealthTests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfiniteNoiseTest {

  private static final InfiniteNoise.Settings FAST = InfiniteNoise.Settings.defaults().withTimeoutMillis(100);
  /** The least warm-up: the estimator may take longer (a good device needs 300 to 400 blocks). */
  private static final int WARMUP_BLOCKS = (PredictiveEstimator.WARMUP_SAMPLES + 511) / 512;

  @Test
  void goodSimulator_noOutputBeforeWarmup_thenWhitenedBlocks() {
    InfnoiseSource source = InfiniteNoise.open("infnoise-sim:seed=5", FAST);
    assertEquals(HealthStatus.State.STARTING, source.health().state());
    byte[] out = source.bytes(54);
    HealthStatus h = source.health();
    assertEquals(HealthStatus.State.HEALTHY, h.state());
    assertTrue(h.samplesTested() >= PredictiveEstimator.WARMUP_SAMPLES, "tested " + h.samplesTested());
    assertTrue(h.estimatedEntropyPerBit() > 0.85 && h.estimatedEntropyPerBit() < 0.91, h.toString());
    assertEquals(54, out.length);
  }

  /** Whitened output is the sponge of the raw blocks after warm-up, block for block. */
  @Test
  void whitenedOutput_equalsSpongeOfRawBlocksAfterWarmup() {
    InfnoiseSource raw = InfiniteNoise.open("infnoise-sim:seed=9", FAST.withRaw(true));
    InfnoiseSource whitened = InfiniteNoise.open("infnoise-sim:seed=9", FAST.withMultiplier(2));
    byte[] blocks = raw.bytes(64 * 6);
    byte[] out = whitened.bytes(64 * 6);
    Whitener w = new Whitener(2);
    byte[] expected = new byte[64 * 6];
    for (int b = 0; b < 6; b++) {
      w.absorb(blocks, 64 * b, expected, 64 * b);
    }
    assertEquals(java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(out));
  }

  @Test
  void capture_replaysLikeTheDevice_andEndsWithClearError(@TempDir Path dir) throws Exception {
    // a capture of the same simulated device, written before any health gating
    Path capture = dir.resolve("capture.bin");
    byte[] blocks = new byte[64 * 1000];
    new DeviceBlocksSink(InfnoiseSimulator.fromOptions("seed=2")).fill(blocks);
    Files.write(capture, blocks);
    InfnoiseSource live = InfiniteNoise.open("infnoise-sim:seed=2", FAST.withRaw(true));
    InfnoiseSource replay = InfiniteNoise.open("infnoise-file:" + capture, FAST.withRaw(true));
    assertEquals(java.util.HexFormat.of().formatHex(live.bytes(64 * 10)),
        java.util.HexFormat.of().formatHex(replay.bytes(64 * 10)));
    EntropyException e = assertThrows(EntropyException.class, () -> replay.bytes(64 * 1000));
    assertTrue(e.getMessage().contains("ended after 1000 blocks"), e.getMessage());
    assertTrue(e.captureEnded());
  }

  /**
   * A finite capture yields every byte of every usable step: one request larger than the capture
   * gets them all (the exception says how many), exactly the bytes that small requests get.
   */
  @ParameterizedTest(name = "raw {0}")
  @ValueSource(booleans = {false, true})
  void capture_end_deliversEveryByteItYields(boolean raw, @TempDir Path dir) throws Exception {
    Path capture = dir.resolve("capture.bin");
    byte[] blocks = new byte[64 * 1000];
    new DeviceBlocksSink(InfnoiseSimulator.fromOptions("seed=6")).fill(blocks);
    Files.write(capture, java.util.Arrays.copyOf(blocks, blocks.length + 10)); // and 10 stray bytes
    InfiniteNoise.Settings settings = FAST.withRaw(raw);
    byte[] all = new byte[64 * 1000];
    InfnoiseSource whole = InfiniteNoise.open("infnoise-file:" + capture, settings);
    EntropyException e = assertThrows(EntropyException.class, () -> whole.fill(all));
    assertTrue(e.captureEnded(), e.getMessage());
    assertTrue(e.getMessage().contains("ended after 1000 blocks and 10 stray bytes"), e.getMessage());
    int yielded = e.bytesBeforeEnd();
    int perStep = raw ? 128 : 108;
    assertTrue(yielded > 0 && yielded % perStep == 0, "yielded " + yielded);
    assertEquals(HealthStatus.State.ENDED, whole.health().state());
    assertEquals(yielded, whole.health().bytesDelivered());
    assertTrue(!whole.failed());

    InfnoiseSource small = InfiniteNoise.open("infnoise-file:" + capture, settings);
    assertEquals(java.util.HexFormat.of().formatHex(all, 0, yielded),
        java.util.HexFormat.of().formatHex(readInPieces(small, 50)));
    assertTrue(assertThrows(EntropyException.class, () -> small.bytes(1)).captureEnded());
  }

  @Test
  void stuckComparator_failsNamedTest_deliversNothing() {
    InfnoiseSource source = InfiniteNoise.open("infnoise-sim:fault=stuck", FAST);
    byte[] out = new byte[1000];
    EntropyException e = assertThrows(EntropyException.class, () -> source.fill(out));
    assertTrue(e.test() != null, e.getMessage());
    assertEquals(0, source.health().bytesDelivered());
    assertEquals(new byte[1000].length, out.length);
    assertTrue(java.util.Arrays.equals(new byte[1000], out));
    assertEquals(e.test(), assertThrows(EntropyException.class, () -> source.bytes(1)).test());
  }

  @Test
  void garbage_failsGarbageCheckOnFirstBlock() {
    InfnoiseSource source = InfiniteNoise.open("infnoise-sim:fault=garbage", FAST);
    EntropyException e = assertThrows(EntropyException.class, () -> source.bytes(1));
    assertEquals(InfnoiseSource.GARBAGE, e.test());
    assertTrue(source.health().samplesTested() <= 1024, "found after " + source.health().samplesTested());
  }

  /** Mid-stream failure: what was delivered all came from blocks before the fault. */
  @Test
  void disconnect_endsWithError_noBytesAfterFault() {
    long after = 400_000;
    InfnoiseSource source = InfiniteNoise.open("infnoise-sim:disconnect-after=" + after, FAST.withRaw(true));
    long delivered = 0;
    try {
      while (true) {
        source.bytes(64);
        delivered += 64;
      }
    } catch (EntropyException e) {
      assertTrue(e.getMessage().contains("unplugged"), e.getMessage());
    }
    // raw blocks usable after warm-up, in whole 2-block steps that ended before the fault
    long maxBlocks = (after / 1024) * 2 - WARMUP_BLOCKS;
    assertTrue(delivered > 0 && delivered <= maxBlocks * 64, delivered + " vs " + maxBlocks * 64);
    assertThrows(EntropyException.class, () -> source.bytes(1));
  }

  /**
   * Each reconnect gets a fresh simulator with the same seed, so a driver that warms up again
   * delivers the same blocks on every connection; one that skipped warm-up after a reconnect
   * would deliver warm-up blocks and the three parts would differ.
   */
  @Test
  void reconnect_warmsUpAgainBeforeOutput_thenGivesUp() {
    long after = 400_000;
    InfnoiseSource source = InfiniteNoise.open("infnoise-sim:disconnect-after=" + after,
        FAST.withRaw(true).withReconnect(2, 1));
    java.io.ByteArrayOutputStream delivered = new java.io.ByteArrayOutputStream();
    EntropyException end = null;
    try {
      while (true) {
        delivered.writeBytes(source.bytes(64));
      }
    } catch (EntropyException e) {
      end = e;
    }
    assertEquals(2, source.reconnects());
    assertTrue(end.getMessage().contains("unplugged"), end.getMessage());
    byte[] all = delivered.toByteArray();
    assertTrue(all.length > 0 && all.length % 3 == 0, "delivered " + all.length);
    int third = all.length / 3;
    String first = java.util.HexFormat.of().formatHex(all, 0, third);
    assertEquals(first, java.util.HexFormat.of().formatHex(all, third, 2 * third));
    assertEquals(first, java.util.HexFormat.of().formatHex(all, 2 * third, all.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"infnoise:", "infnoise-file:", "infnoise:/dev/x?speed=9", "infnoise:/dev/x?timeout=abc",
      "infnoise-sim:fault=melted", "infnoise-sim:k=7"})
  void malformed_isIllegalArgument_listingForms(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntropySources.open(spec));
    assertTrue(e.getMessage().contains("infnoise") , e.getMessage());
  }

  @Test
  void missingPort_namesPathAndReason(@TempDir Path dir) {
    Path port = dir.resolve("ttyACM9");
    EntropyException e = assertThrows(EntropyException.class, () -> EntropySources.open("infnoise:" + port));
    assertTrue(e.getMessage().contains(port.toString()) && e.getMessage().contains("no such device"), e.getMessage());
  }

  @Test
  void openThroughEntropySources_usesSp80090bCutoffsForAssessedH() {
    try (EntropySource s = EntropySources.open("infnoise-sim")) {
      assertEquals(54 * 2, s.bytes(108).length);
      HealthTests t = ((InfnoiseSource) s).tests();
      assertEquals(41, t.repetitionCountCutoff());
      assertEquals(793, t.adaptiveProportionCutoff());
    }
  }

  /** Raw blocks straight from the simulator, without any health gating (to build captures). */
  private static final class DeviceBlocksSink {
    private final DeviceBlocks device;

    DeviceBlocksSink(InfnoiseSimulator sim) {
      this.device = new DeviceBlocks(new SimulatedTransport(sim, 100));
    }

    void fill(byte[] out) {
      byte[] raw = new byte[64];
      for (int off = 0; off < out.length; off += 64) {
        device.nextBlock(raw);
        System.arraycopy(raw, 0, out, off, 64);
      }
    }
  }

  /**
   * Everything {@code source} yields, read in requests of {@code piece} bytes until the capture
   * ends; the last request keeps the bytes its end says were filled. A copy of entropy's test
   * helper Captures.readInPieces: entropy's test classes share its package, dev.otpkit.entropy,
   * which the named module owns, so this module's tests cannot see them on the class path.
   */
  static byte[] readInPieces(EntropySource source, int piece) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[piece];
    while (true) {
      try {
        source.fill(buffer);
        all.write(buffer, 0, piece);
      } catch (EntropyException end) {
        if (!end.captureEnded()) {
          throw end;
        }
        all.write(buffer, 0, end.bytesBeforeEnd());
        return all.toByteArray();
      }
    }
  }
}
