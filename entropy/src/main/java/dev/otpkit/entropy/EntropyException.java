package dev.otpkit.entropy;

/**
 * An entropy source cannot deliver: it failed a health test, was closed, was unplugged or stalled.
 *
 * <p>Unchecked because {@link java.security.SecureRandom#nextBytes} has no checked exception, and a
 * caller must not be able to swallow a failure and keep using the bytes by accident.
 */
public final class EntropyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String test;

  /** A failure that is not a health test (I/O, closed source, bad configuration). */
  public EntropyException(String message) {
    this(message, null, null);
  }

  /** A failure with a cause, such as the I/O error of a device. */
  public EntropyException(String message, Throwable cause) {
    this(message, null, cause);
  }

  private EntropyException(String message, String test, Throwable cause) {
    super(message, cause);
    this.test = test;
  }

  /** A failed health test; {@code test} names it (for example {@code repetition-count}). */
  public static EntropyException healthTestFailed(String test, String message) {
    return new EntropyException(message, test, null);
  }

  /** The health test that failed, or {@code null} if this failure is not a health test. */
  public String test() {
    return test;
  }
}
