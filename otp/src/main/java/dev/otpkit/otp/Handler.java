package dev.otpkit.otp;

/** Handles one allowlisted command: the opened payload in, the reply payload out. */
@FunctionalInterface
public interface Handler {
  /**
   * @return the reply payload (sealed back to the UI on the same channel), never null
   * @throws Exception any failure; the UI gets {@code handler-failed}, never the exception text
   */
  byte[] handle(byte[] payload) throws Exception;
}
