package dev.otpkit.entropy;

/**
 * The raw side of a hardware-style noise source: unconditioned samples, before any health test.
 *
 * <p>Wrap one with {@link EntropySources#healthTested(RawNoiseSource)} to get an
 * {@link EntropySource}: only that wrapper runs the SP 800-90B tests and conditions the output.
 *
 * <p>Samples are either binary ({@link #bitsPerSample()} 1, packed eight to a byte, most
 * significant bit first) or bytes ({@link #bitsPerSample()} 8, one sample per byte).
 */
public interface RawNoiseSource extends AutoCloseable {

  /** 1 for binary samples, 8 for byte samples. */
  int bitsPerSample();

  /**
   * The assessed min-entropy per sample, H, in (0, bitsPerSample]: the figure the health-test
   * cutoffs are computed from. Be conservative; an optimistic H makes the tests blind.
   */
  double assessedEntropyPerSample();

  /**
   * Reads raw samples into {@code out[off, off+len)}, completely.
   *
   * @throws EntropyException if the device fails, is unplugged, stalls or the data ends
   */
  void read(byte[] out, int off, int len);

  /** A short description, never secrets. */
  String description();

  @Override
  void close();
}
