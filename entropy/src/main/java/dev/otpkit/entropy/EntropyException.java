package dev.otpkit.entropy;

/**
 * An entropy source cannot deliver: it failed a health test, was closed, was unplugged or stalled,
 * or, for a finite capture of recorded samples, its data ended ({@link #captureEnded()}).
 *
 * <p>Unchecked because {@link java.security.SecureRandom#nextBytes} has no checked exception, and a
 * caller must not be able to swallow a failure and keep using the bytes by accident.
 */
public final class EntropyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String test;
  private final boolean captureEnded;
  private final int bytesBeforeEnd;

  /** A failure that is not a health test (I/O, closed source, bad configuration). */
  public EntropyException(String message) {
    this(message, null, null, false, 0);
  }

  /** A failure with a cause, such as the I/O error of a device. */
  public EntropyException(String message, Throwable cause) {
    this(message, null, cause, false, 0);
  }

  private EntropyException(String message, String test, Throwable cause, boolean captureEnded,
      int bytesBeforeEnd) {
    super(message, cause);
    this.test = test;
    this.captureEnded = captureEnded;
    this.bytesBeforeEnd = bytesBeforeEnd;
  }

  /** A failed health test; {@code test} names it (for example {@code repetition-count}). */
  public static EntropyException healthTestFailed(String test, String message) {
    return new EntropyException(message, test, null, false, 0);
  }

  /**
   * A finite capture was read to its end. Not a failure: everything it delivered passed every
   * test; it has nothing more. Like {@link java.io.InterruptedIOException#bytesTransferred}, the
   * exception says how much of the interrupted request was filled.
   *
   * @param bytesBeforeEnd how many bytes at the start of the requested range were filled with good
   *     output before the end; the rest of the range holds nothing usable
   * @throws IllegalArgumentException if {@code bytesBeforeEnd} is negative
   */
  public static EntropyException captureEnded(String message, int bytesBeforeEnd) {
    if (bytesBeforeEnd < 0) {
      throw new IllegalArgumentException("bytesBeforeEnd must be >= 0, got " + bytesBeforeEnd);
    }
    return new EntropyException(message, null, null, true, bytesBeforeEnd);
  }

  /** The health test that failed, or {@code null} if this failure is not a health test. */
  public String test() {
    return test;
  }

  /** True if a finite capture ended: no failure, just no more data. */
  public boolean captureEnded() {
    return captureEnded;
  }

  /**
   * For {@link #captureEnded()}: the bytes at the start of the requested range that were filled
   * before the end, and may be used. Always 0 for every other exception: then nothing in the
   * range may be used.
   */
  public int bytesBeforeEnd() {
    return bytesBeforeEnd;
  }
}
