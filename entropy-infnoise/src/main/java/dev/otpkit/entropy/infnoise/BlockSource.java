package dev.otpkit.entropy.infnoise;

/** Where raw 64-byte blocks come from: a device speaking the sample protocol, or a capture. */
interface BlockSource extends AutoCloseable {

  /**
   * Fills {@code raw[0, 64)} with the next raw block and returns how many of its 512 samples had
   * bits outside the comparator masks (always 0 for a capture, which holds extracted bytes).
   *
   * @throws dev.otpkit.entropy.EntropyException if the device is unplugged, stalls or the data ends
   */
  int nextBlock(byte[] raw);

  String description();

  @Override
  void close();
}
