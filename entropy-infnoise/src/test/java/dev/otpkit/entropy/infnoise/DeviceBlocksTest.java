package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpkit.entropy.EntropyException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceBlocksTest {

  @Test
  void swenPattern_alternatesSwen1AndSwen2() {
    byte[] p = DeviceBlocks.swenPattern();
    assertEquals(512, p.length);
    for (int i = 0; i < 512; i++) {
      assertEquals(i % 2 == 0 ? 0x04 : 0x01, p[i], "index " + i);
    }
  }

  /** Extraction against a bit-by-bit reading of the protocol facts. */
  @Test
  void extract_comp1OnEven_comp2OnOdd_msbFirst() {
    SplittableRandom random = new SplittableRandom(11);
    byte[] samples = new byte[512];
    byte[] expected = new byte[64];
    for (int i = 0; i < 512; i++) {
      int bit = random.nextInt(2);
      // the other comparator's bit is set at random: it must be ignored
      int other = random.nextInt(2);
      int sample = i % 2 == 0 ? (bit << 1) | (other << 4) : (bit << 4) | (other << 1);
      samples[i] = (byte) sample;
      expected[i / 8] |= (byte) (bit << (7 - i % 8));
    }
    byte[] raw = new byte[64];
    assertEquals(0, DeviceBlocks.extract(samples, raw));
    assertArrayEquals(expected, raw);
  }

  @Test
  void extract_countsSamplesWithBitsOutsideTheMasks() {
    byte[] samples = new byte[512];
    samples[0] = 0x40;
    samples[3] = (byte) 0x80 | 0x10;
    samples[511] = 0x01;
    samples[100] = 0x12; // both masks: not garbage
    assertEquals(3, DeviceBlocks.extract(samples, new byte[64]));
  }

  @Test
  void nextBlock_speaksProtocolOverSimulator() {
    InfnoiseSimulator sim = InfnoiseSimulator.fromOptions("seed=3");
    DeviceBlocks device = new DeviceBlocks(new SimulatedTransport(sim, 100));
    byte[] raw = new byte[64];
    assertEquals(0, device.nextBlock(raw));
    assertEquals(512, sim.samplesServed());
  }

  @Test
  void simulatedDisconnect_isUnplugged_andStall_isStalledWithinTimeout() {
    DeviceBlocks unplugged = new DeviceBlocks(
        new SimulatedTransport(InfnoiseSimulator.fromOptions("disconnect-after=1000"), 100));
    byte[] raw = new byte[64];
    unplugged.nextBlock(raw);
    EntropyException e = assertThrows(EntropyException.class, () -> unplugged.nextBlock(raw));
    assertEquals(true, e.getMessage().contains("unplugged"), e.getMessage());

    DeviceBlocks stalled = new DeviceBlocks(
        new SimulatedTransport(InfnoiseSimulator.fromOptions("stall-after=512"), 50));
    stalled.nextBlock(raw);
    long t0 = System.nanoTime();
    EntropyException s = assertThrows(EntropyException.class, () -> stalled.nextBlock(raw));
    assertEquals(true, s.getMessage().contains("stalled"), s.getMessage());
    assertEquals(true, System.nanoTime() - t0 < 10_000_000_000L, "stall took too long");
  }
}
