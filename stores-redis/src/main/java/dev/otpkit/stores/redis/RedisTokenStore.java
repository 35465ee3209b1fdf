package dev.otpkit.stores.redis;

import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenException;
import dev.otpkit.otp.TokenStore;
import io.lettuce.core.SetArgs;
import java.util.HexFormat;

/**
 * {@link TokenStore} on Redis (see {@link RedisState}): one key per live digest,
 * {@code <namespace>:tok:{<digest>}} = {@code "<expiresAt> <scope>"}, living until the token
 * expires plus the grace, and a used marker beside it. Only digests leave the JVM.
 */
final class RedisTokenStore implements TokenStore {

  private static final HexFormat HEX = HexFormat.of();

  private final RedisState state;

  RedisTokenStore(RedisState state) {
    this.state = state;
  }

  @Override
  public void add(byte[] digest, Scope scope, long expiresAtMillis, long nowMillis) throws TokenException {
    long ttl = Math.max(1, expiresAtMillis - nowMillis) + state.grace.toMillis();
    String stored = RedisState.ask(
        () -> state.commands().set(key(digest), expiresAtMillis + " " + encode(scope), SetArgs.Builder.nx().px(ttl)),
        RedisTokenStore::failure);
    if (stored == null) {
      throw new IllegalStateException("token digest already stored"); // a 256-bit collision: never overwrite
    }
  }

  @Override
  public Outcome consume(byte[] digest, Scope scope, long nowMillis) throws TokenException {
    String key = key(digest);
    String outcome = RedisState.ask(() -> state.run(state.consumeScript, new String[] {key, key + ":used"},
        Long.toString(nowMillis), encode(scope), Long.toString(state.usedTokenMemory.toMillis() + state.grace.toMillis())),
        (full, detail) -> new TokenException(TokenException.Reason.STATE_UNAVAILABLE, detail)); // nothing redeemed
    return switch (outcome == null ? "" : outcome) {
      case "redeemed" -> Outcome.REDEEMED;
      case "wrong-scope" -> Outcome.WRONG_SCOPE;
      case "expired" -> Outcome.EXPIRED;
      case "already-used" -> Outcome.ALREADY_USED;
      case "unknown" -> Outcome.UNKNOWN;
      default -> throw new TokenException(TokenException.Reason.STATE_UNAVAILABLE, "Redis answered " + outcome);
    };
  }

  private static TokenException failure(boolean full, String detail) {
    return new TokenException(full ? TokenException.Reason.STORE_FULL : TokenException.Reason.STATE_UNAVAILABLE, detail);
  }

  private String key(byte[] digest) {
    return state.namespace + ":tok:{" + HEX.formatHex(digest) + "}";
  }

  /** A scope as one unambiguous string: the purpose's length, the purpose, the subject. */
  static String encode(Scope scope) {
    return scope.purpose().length() + ":" + scope.purpose() + scope.subject();
  }
}
