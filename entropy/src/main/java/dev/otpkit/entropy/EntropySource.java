package dev.otpkit.entropy;

/**
 * A source of entropy: the operating system, a hardware noise source behind health tests, or a mix.
 *
 * <p>Implementations are thread-safe. Open one with {@link EntropySources#open(String)}.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #fill} either fills the whole range or throws; it never returns short or stale data.
 *       Only when a finite capture ends ({@link EntropyException#captureEnded()}) are the first
 *       {@link EntropyException#bytesBeforeEnd()} bytes of the range good output.
 *   <li>A source with raw samples runs SP 800-90B start-up tests before its first output and the
 *       continuous tests on every sample; after a failure every read throws {@link EntropyException}
 *       and no byte derived from the failing window is delivered.
 * </ul>
 */
public interface EntropySource extends AutoCloseable {

  /**
   * Fills {@code out[off, off+len)} completely.
   *
   * @throws EntropyException if the source failed, was closed, or cannot deliver; if it is a
   *     capture that ended, the exception says how many bytes of the range were filled first
   * @throws IndexOutOfBoundsException if the range is outside {@code out}
   */
  void fill(byte[] out, int off, int len);

  /** Fills {@code out} completely; see {@link #fill(byte[], int, int)}. */
  default void fill(byte[] out) {
    fill(out, 0, out.length);
  }

  /** Returns {@code n} fresh bytes; see {@link #fill(byte[], int, int)}. */
  default byte[] bytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("byte count must be >= 0, got " + n);
    }
    byte[] out = new byte[n];
    fill(out);
    return out;
  }

  /** The current health of this source. */
  HealthStatus health();

  /**
   * True once this source has failed for good ({@link HealthStatus.State#FAILED}): it delivers
   * nothing more, and whatever was drawn from it before must not be used for new output either. A
   * {@link Drbg} asks on every request, so every reader of a failed source stops at once, not at
   * its next reseed. Implementations should answer from a volatile field; the default derives the
   * answer from {@link #health()}, which is correct but costs a snapshot per request.
   */
  default boolean failed() {
    return health().state() == HealthStatus.State.FAILED;
  }

  /** A short description (the source string it was opened from), never secrets. */
  String description();

  /** Releases the device or file; later reads throw {@link EntropyException}. */
  @Override
  void close();
}
