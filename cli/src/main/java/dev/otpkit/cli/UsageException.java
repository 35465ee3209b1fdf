package dev.otpkit.cli;

/**
 * The command line itself is wrong (a value out of range, an option that does not apply), whatever
 * the files and devices it names: exit 2 with one line, before anything was read or written.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
