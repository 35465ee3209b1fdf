package dev.otpkit.hashing;

/**
 * Remembers which envelopes were opened, so each is accepted once. Called only after an envelope
 * authenticated, so forged envelopes cannot fill it. Implementations must check and record
 * atomically, stay bounded in memory, and fail closed ({@link Reason#REPLAY_STATE_FULL}) rather
 * than forget something still needed. An interface so a shared store can back it.
 */
public interface ReplayGuard {

  /**
   * Accepts the envelope once.
   *
   * @param stream the session and direction the sequence numbers count in
   * @param sequence the envelope's sequence number (unsigned)
   * @param salt the envelope's one-time salt (16 bytes; do not keep a reference)
   * @param expiresAtMillis when the opener would reject the envelope as expired anyway
   * @param nowMillis the opener's clock, never moving backwards
   * @throws EnvelopeException {@link Reason#REPLAYED}, {@link Reason#OUT_OF_WINDOW} or
   *     {@link Reason#REPLAY_STATE_FULL}
   */
  void accept(String stream, long sequence, byte[] salt, long expiresAtMillis, long nowMillis)
      throws EnvelopeException;
}
