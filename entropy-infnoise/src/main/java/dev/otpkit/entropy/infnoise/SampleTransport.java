package dev.otpkit.entropy.infnoise;

/** A byte pipe to a device: a serial port, or the simulator in-process. */
interface SampleTransport extends AutoCloseable {

  /** Writes all of {@code b[off, off+len)} or throws {@link dev.otpkit.entropy.EntropyException}. */
  void write(byte[] b, int off, int len);

  /**
   * Reads exactly {@code len} bytes, or throws {@link dev.otpkit.entropy.EntropyException} when the
   * device is gone (error, end of stream) or no byte arrives within the timeout.
   */
  void readFully(byte[] b, int off, int len);

  String description();

  @Override
  void close();
}
