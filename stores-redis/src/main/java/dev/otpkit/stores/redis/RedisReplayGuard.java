package dev.otpkit.stores.redis;

import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.hashing.ReplayGuards;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@link ReplayGuard} on Redis (see {@link RedisState}): replay-guard.lua per check, one round
 * trip. Per stream three keys under one hash tag, {@code <namespace>:rg:{<stream digest>}}, each
 * living as long as the latest envelope it accepted could still be opened, plus the grace.
 */
final class RedisReplayGuard implements ReplayGuard {

  private static final HexFormat HEX = HexFormat.of();
  /** Above any envelope's remaining life (issue times and maxAge are at most 8.64e15 ms each). */
  private static final long MAX_TTL_MILLIS = 2 * 8_640_000_000_000_000L;

  private final RedisState state;
  private final int windowBits;
  private final int maxLate;
  private final boolean window;
  private final boolean salts;
  private final java.util.concurrent.ConcurrentHashMap<String, String> bases = new java.util.concurrent.ConcurrentHashMap<>();

  RedisReplayGuard(RedisState state, int windowBits, int maxLate, boolean window, boolean salts) {
    ReplayGuards.sequenceWindow(windowBits, maxLate, 1); // the in-memory guard's checks of the two
    this.state = state;
    this.windowBits = windowBits;
    this.maxLate = maxLate;
    this.window = window;
    this.salts = salts;
  }

  @Override
  public void accept(String stream, long sequence, byte[] salt, long expiresAtMillis, long nowMillis)
      throws EnvelopeException {
    String base = bases.computeIfAbsent(stream, this::base);
    String[] keys = {base + ":w", base + ":b", base + ":l", salts ? base + ":s:" + HEX.formatHex(salt) : base + ":s"};
    // how long the state must outlive this check: until the envelope expires, plus the grace
    long left = expiresAtMillis >= nowMillis ? Math.min(expiresAtMillis - nowMillis, MAX_TTL_MILLIS) + 1 : 1;
    long ttl = left + state.grace.toMillis();
    String outcome = RedisState.ask(() -> state.run(state.replayScript, keys, hex16(sequence),
        Integer.toString(windowBits), Integer.toString(maxLate), Long.toString(ttl), window ? "1" : "0",
        salts ? "1" : "0", Long.toString(nowMillis)),
        (full, detail) -> new EnvelopeException(full ? Reason.REPLAY_STATE_FULL : Reason.STATE_UNAVAILABLE, detail));
    switch (outcome == null ? "" : outcome) {
      case "ok" -> { }
      case "replayed" -> throw new EnvelopeException(Reason.REPLAYED,
          "sequence " + Long.toUnsignedString(sequence) + " or its salt was already opened");
      case "out-of-window" -> throw new EnvelopeException(Reason.OUT_OF_WINDOW,
          "sequence " + Long.toUnsignedString(sequence) + " is below the window and not a late number");
      default -> throw new EnvelopeException(Reason.STATE_UNAVAILABLE, "Redis answered " + outcome);
    }
  }

  /** The key prefix of a stream, computed once per stream (a few per opener; cleared past 4096). */
  private String base(String stream) {
    if (bases.size() >= 4096) {
      bases.clear();
    }
    return state.namespace + ":rg:{" + digest(stream) + "}";
  }

  /** {@code n} as 16 hex digits, unsigned. */
  static String hex16(long n) {
    String h = Long.toHexString(n);
    return "0".repeat(16 - h.length()) + h;
  }

  /** The stream's name as a key part: its SHA-256, 128 bits in hex (any bytes, fixed length). */
  static String digest(String stream) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(stream.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RedisReplayGuard{" + (window ? "window " + windowBits + ", late " + maxLate : "") + (window && salts
        ? ", " : "") + (salts ? "salts" : "") + "}";
  }
}
