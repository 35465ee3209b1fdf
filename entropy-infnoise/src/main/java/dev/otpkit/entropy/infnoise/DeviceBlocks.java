package dev.otpkit.entropy.infnoise;

import java.util.Arrays;

/**
 * The Infinite Noise sample protocol over a transport: write 512 bytes alternating SWEN1 (0x04,
 * even index) and SWEN2 (0x01, odd index), read 512 samples back, and pack them into 64 raw bytes,
 * most significant bit first: COMP1 (mask 0x02) on even samples, COMP2 (mask 0x10) on odd ones. A
 * sample with any bit set outside those two masks is counted as garbage.
 */
final class DeviceBlocks implements BlockSource {

  static final int SAMPLES = 512;
  static final int COMP1 = 0x02;
  static final int COMP2 = 0x10;
  private static final int OUTSIDE_MASKS = ~(COMP1 | COMP2) & 0xff;
  private static final byte[] SWEN = swenPattern();

  private final SampleTransport transport;
  private final byte[] samples = new byte[SAMPLES];

  DeviceBlocks(SampleTransport transport) {
    this.transport = transport;
  }

  static byte[] swenPattern() {
    byte[] p = new byte[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      p[i] = (byte) ((i & 1) == 0 ? 0x04 : 0x01);
    }
    return p;
  }

  @Override
  public int nextBlock(byte[] raw) {
    transport.write(SWEN, 0, SAMPLES);
    transport.readFully(samples, 0, SAMPLES);
    int garbage = extract(samples, raw);
    Arrays.fill(samples, (byte) 0);
    return garbage;
  }

  /** Packs 512 samples into 64 raw bytes and returns the number of garbage samples. */
  static int extract(byte[] samples, byte[] raw) {
    int garbage = 0;
    for (int b = 0; b < SAMPLES / 8; b++) {
      int value = 0;
      for (int j = 0; j < 8; j += 2) {
        int even = samples[8 * b + j] & 0xff;
        int odd = samples[8 * b + j + 1] & 0xff;
        value = (value << 2) | ((even & COMP1) != 0 ? 2 : 0) | ((odd & COMP2) != 0 ? 1 : 0);
        garbage += ((even & OUTSIDE_MASKS) != 0 ? 1 : 0) + ((odd & OUTSIDE_MASKS) != 0 ? 1 : 0);
      }
      raw[b] = (byte) value;
    }
    return garbage;
  }

  @Override
  public String description() {
    return transport.description();
  }

  @Override
  public void close() {
    transport.close();
  }
}
