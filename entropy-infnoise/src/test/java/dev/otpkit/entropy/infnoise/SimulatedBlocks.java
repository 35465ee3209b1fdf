package dev.otpkit.entropy.infnoise;

/**
 * Drives an {@link InfnoiseSimulator} the way the host drives the device, one 512-byte block at a
 * time, and packs the comparator bits into 64-byte raw blocks for {@link PredictiveEstimator}.
 */
final class SimulatedBlocks {

  private static final byte[] SWEN = new byte[PredictiveEstimator.BLOCK_SAMPLES];

  static {
    for (int i = 0; i < SWEN.length; i++) {
      SWEN[i] = (byte) (i % 2 == 0 ? 0x04 : 0x01);
    }
  }

  private final InfnoiseSimulator device;
  private final byte[] samples = new byte[PredictiveEstimator.BLOCK_SAMPLES];

  SimulatedBlocks(InfnoiseSimulator device) {
    this.device = device;
  }

  SimulatedBlocks(String options) {
    this(InfnoiseSimulator.fromOptions(options));
  }

  /** Reads the next block of sample bytes from the device into {@code out}, unpacked. */
  private void nextSamples(byte[] out) {
    device.respond(SWEN, 0, out, 0, PredictiveEstimator.BLOCK_SAMPLES);
  }

  /** Reads the next block and packs it into {@code raw[off, off + 64)}, MSB first. */
  void nextRaw(byte[] raw, int off) {
    nextSamples(samples);
    pack(samples, raw, off);
  }

  /** Returns the next {@code blocks} raw blocks, concatenated. */
  byte[] raw(int blocks) {
    byte[] out = new byte[blocks * PredictiveEstimator.BLOCK_BYTES];
    for (int b = 0; b < blocks; b++) {
      nextRaw(out, b * PredictiveEstimator.BLOCK_BYTES);
    }
    return out;
  }

  /** Packs 512 sample bytes: the comparator 1 bit on even, comparator 2 bit on odd samples. */
  static void pack(byte[] samples, byte[] raw, int off) {
    for (int i = 0; i < PredictiveEstimator.BLOCK_BYTES; i++) {
      int b = 0;
      for (int j = 0; j < 8; j++) {
        int s = samples[i * 8 + j];
        int mask = j % 2 == 0 ? InfnoiseSimulator.COMP1 : InfnoiseSimulator.COMP2;
        b = (b << 1) | ((s & mask) != 0 ? 1 : 0);
      }
      raw[off + i] = (byte) b;
    }
  }
}
