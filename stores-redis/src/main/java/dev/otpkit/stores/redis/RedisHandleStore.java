package dev.otpkit.stores.redis;

import dev.otpkit.otp.HandleException;
import dev.otpkit.otp.HandleStore;
import java.util.HexFormat;

/**
 * {@link HandleStore} on Redis (see {@link RedisState}): a fate key per registration and a key per
 * half ({@code <namespace>:hh:{<digest>}}), living until the fate expires plus the grace, and a
 * marker per decided half remembered for {@code usedTokenMemory}. Only digests leave the JVM.
 */
final class RedisHandleStore implements HandleStore {

  private static final HexFormat HEX = HexFormat.of();

  private final RedisState state;

  RedisHandleStore(RedisState state) {
    this.state = state;
  }

  @Override
  public void add(byte[][] halves, long expiresAtMillis, long nowMillis) throws HandleException {
    if (halves.length < 1 || halves.length > 2) {
      throw new IllegalArgumentException("a fate has one or two halves, got " + halves.length);
    }
    String[] keys = new String[halves.length + 1];
    keys[0] = state.namespace + ":hf:{" + HEX.formatHex(halves[0]) + "}";
    for (int i = 0; i < halves.length; i++) {
      keys[i + 1] = key(halves[i]);
    }
    long ttl = Math.max(1, expiresAtMillis - nowMillis) + state.grace.toMillis();
    String outcome = RedisState.ask(() -> state.run(state.handleAddScript, keys, Long.toString(expiresAtMillis),
        Long.toString(ttl)), RedisHandleStore::failure);
    if (!"ok".equals(outcome)) {
      throw new IllegalStateException("handle digest already stored"); // a 128-bit collision: never overwrite
    }
  }

  @Override
  public Outcome claim(byte[] half, long nowMillis) throws HandleException {
    String outcome = RedisState.ask(() -> state.run(state.handleClaimScript, new String[] {key(half)},
        Long.toString(nowMillis), Long.toString(state.usedTokenMemory.toMillis() + state.grace.toMillis())),
        (full, detail) -> new HandleException(HandleException.Reason.STATE_UNAVAILABLE, detail)); // nothing fired
    return switch (outcome == null ? "" : outcome) {
      case "fired" -> Outcome.FIRED;
      case "already-fired" -> Outcome.ALREADY_FIRED;
      case "cancelled" -> Outcome.CANCELLED;
      case "expired" -> Outcome.EXPIRED;
      case "unknown" -> Outcome.UNKNOWN;
      default -> throw new HandleException(HandleException.Reason.STATE_UNAVAILABLE, "Redis answered " + outcome);
    };
  }

  private static HandleException failure(boolean full, String detail) {
    return new HandleException(full ? HandleException.Reason.FULL : HandleException.Reason.STATE_UNAVAILABLE, detail);
  }

  private String key(byte[] digest) {
    return state.namespace + ":hh:{" + HEX.formatHex(digest) + "}";
  }
}
