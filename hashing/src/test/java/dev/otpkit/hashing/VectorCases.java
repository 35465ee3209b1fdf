package dev.otpkit.hashing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The fixed inputs of the envelope vectors and how a case is opened: shared by
 * {@link VectorGenerator} (which writes src/test/vectors/envelope-v1.json) and
 * {@link EnvelopeVectorsTest} (which reads it), so both sides build keys and openers alike.
 */
final class VectorCases {
  static final HexFormat HEX = HexFormat.of();
  static final int PRIMARY_ID = 0x0102_0304;
  static final int DISABLED_ID = 0x0a0b_0c0d;
  static final byte[] PRIMARY_KEY = Fixtures.bytes(0x00, 32);
  static final byte[] DISABLED_KEY = Fixtures.bytes(0x20, 32);
  static final long ISSUED_AT = 1_764_000_000_000L;
  static final long MAX_AGE = 60_000;
  static final long MAX_SKEW = 5_000;

  private VectorCases() {}

  /** The keyset as the opener sees it: the primary enabled, the other disabled. */
  static EnvelopeKeys openerKeys() throws GeneralSecurityException {
    return EnvelopeKeys.from(Fixtures.keyset(
        new Fixtures.FixedKey(PRIMARY_ID, PRIMARY_KEY, true, true),
        new Fixtures.FixedKey(DISABLED_ID, DISABLED_KEY, false, false)));
  }

  /** The keys as JSON. */
  static JsonArray keysJson() {
    JsonArray keys = new JsonArray();
    keys.add(key(PRIMARY_ID, PRIMARY_KEY, "enabled", true));
    keys.add(key(DISABLED_ID, DISABLED_KEY, "disabled", false));
    return keys;
  }

  private static JsonObject key(int id, byte[] bytes, String status, boolean primary) {
    JsonObject o = new JsonObject();
    o.addProperty("id", Integer.toUnsignedLong(id));
    o.addProperty("key", HEX.formatHex(bytes));
    o.addProperty("status", status);
    o.addProperty("primary", primary);
    return o;
  }

  /** An opener for a case: its session, direction, mode, clock, limits and replay guard. */
  static Opener opener(JsonObject c) throws GeneralSecurityException {
    Opener.Builder b = Opener.builder(openerKeys())
        .session(c.get("session").getAsString())
        .direction(Direction.sentBy(c.get("direction").getAsString()))
        .encrypted(c.get("encrypted").getAsBoolean())
        .clock(new Fixtures.ManualClock(c.get("now").getAsLong()))
        .maxAge(Duration.ofMillis(c.get("maxAgeMillis").getAsLong()))
        .maxFutureSkew(Duration.ofMillis(c.get("maxFutureSkewMillis").getAsLong()))
        .maxPayloadBytes(c.get("maxPayloadBytes").getAsInt());
    if (c.has("saltCacheSize")) {
      b.replayGuard(ReplayGuards.both(ReplayGuards.sequenceWindow(1024, 1),
          ReplayGuards.saltCache(c.get("saltCacheSize").getAsInt())));
    }
    return b.build();
  }
}
