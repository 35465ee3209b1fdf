package dev.otpkit.otp;

import dev.otpkit.otp.internal.InMemoryTokenStore;

/**
 * Where one-time tokens live, as SHA-256 digests: never the tokens themselves. Implementations
 * must consume atomically (of concurrent consumers of one digest, exactly one gets
 * {@link Outcome#REDEEMED}), never let a consumed digest redeem again, stay bounded, and fail
 * closed when live tokens fill it. An interface so a shared store (Redis) can back it.
 */
public interface TokenStore {

  /** What consuming a digest found. */
  enum Outcome { REDEEMED, UNKNOWN, EXPIRED, ALREADY_USED, WRONG_SCOPE }

  /**
   * Stores a new digest.
   *
   * @throws TokenException STORE_FULL if the store holds its maximum of live, unexpired tokens,
   *     or STATE_UNAVAILABLE if a shared store could not be asked
   */
  void add(byte[] digest, Scope scope, long expiresAtMillis, long nowMillis) throws TokenException;

  /**
   * Consumes a digest for {@code scope}, atomically. A wrong scope burns the entry.
   *
   * @throws TokenException STATE_UNAVAILABLE if a shared store could not be asked: nothing was
   *     redeemed
   */
  Outcome consume(byte[] digest, Scope scope, long nowMillis) throws TokenException;

  /** A bounded in-memory store that sweeps expired entries as it goes, with no background thread. */
  static TokenStore inMemory(int maxEntries) {
    return new InMemoryTokenStore(maxEntries);
  }
}
