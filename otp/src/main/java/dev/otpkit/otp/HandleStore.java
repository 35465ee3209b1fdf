package dev.otpkit.otp;

/**
 * Where {@link OneShotHandles} decides each fate when it must be decided once across instances
 * and restarts (otpkit's Redis module implements it). It keeps the SHA-256 digests of the halves
 * of each fate, never a handle, and never a callback: callbacks stay in the JVM that registered
 * them, which is the one that fires them.
 *
 * <p>Implementations decide atomically: of any number of concurrent claims of the halves of one
 * live fate, on any number of instances, exactly one gets {@link Outcome#FIRED}; later claims get
 * {@link Outcome#ALREADY_FIRED} (the same half) or {@link Outcome#CANCELLED} (the other half) while
 * the store remembers, then {@link Outcome#UNKNOWN}.
 */
public interface HandleStore {

  /** What claiming a half found. */
  enum Outcome { FIRED, UNKNOWN, EXPIRED, ALREADY_FIRED, CANCELLED }

  /**
   * Records a live fate of one or two halves (a handle, or a resolve/reject pair).
   *
   * @throws HandleException FULL if the store has no room, STATE_UNAVAILABLE if it could not be
   *     asked
   */
  void add(byte[][] halves, long expiresAtMillis, long nowMillis) throws HandleException;

  /**
   * Claims the half with this digest, deciding its fate.
   *
   * @throws HandleException STATE_UNAVAILABLE if the store could not be asked: nothing fired
   */
  Outcome claim(byte[] half, long nowMillis) throws HandleException;
}
