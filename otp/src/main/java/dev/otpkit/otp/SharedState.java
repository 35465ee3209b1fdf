package dev.otpkit.otp;

import dev.otpkit.hashing.ReplayGuard;

/**
 * Where a bridge session keeps its single-use state when it must outlive this JVM or be shared
 * with other instances: the replay guard of its documents' openers, its one-time tokens and its
 * one-shot handles' fates. One
 * builder call switches a session to it ({@link BridgeSession.Builder#sharedState}); otpkit's
 * Redis module ({@code dev.otpkit.stores.redis.RedisState}) implements it.
 */
public interface SharedState {

  /** A replay guard for the session's openers (each document is its own stream in it). */
  ReplayGuard replayGuard();

  /** A store for the session's one-time tokens. */
  TokenStore tokenStore();

  /** A store deciding the fates of the session's one-shot handles. */
  HandleStore handleStore();
}
