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
  /** The document id of the document-stream cases. */
  static final String DOCUMENT = "ZG9jdW1lbnQtb25lLWlkAA";

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

  /**
   * An opener for a case: its session, direction, mode, limits and replay guard (a window of
   * {@code windowBits} with as many late numbers, none if 0; and a salt cache of
   * {@code saltCacheSize} if given), on a clock set to the case's {@code now}.
   */
  static Opener opener(JsonObject c, Fixtures.ManualClock clock) throws GeneralSecurityException {
    clock.set(c.get("now").getAsLong());
    Opener.Builder b = Opener.builder(openerKeys())
        .session(c.get("session").getAsString())
        .direction(Direction.sentBy(c.get("direction").getAsString()))
        .encrypted(c.get("encrypted").getAsBoolean())
        .clock(clock)
        .maxAge(Duration.ofMillis(c.get("maxAgeMillis").getAsLong()))
        .maxFutureSkew(Duration.ofMillis(c.get("maxFutureSkewMillis").getAsLong()))
        .maxPayloadBytes(c.get("maxPayloadBytes").getAsInt());
    if (c.has("document")) {
      b.document(c.get("document").getAsString());
    }
    int window = c.get("windowBits").getAsInt();
    ReplayGuard guard = window == 0 ? null : ReplayGuards.sequenceWindow(window, 1);
    if (c.has("saltCacheSize")) {
      ReplayGuard salts = ReplayGuards.saltCache(c.get("saltCacheSize").getAsInt());
      guard = guard == null ? salts : ReplayGuards.both(guard, salts);
    }
    if (guard == null) {
      throw new IllegalArgumentException(c.get("name") + ": a case needs a window or a salt cache");
    }
    return b.replayGuard(guard).build();
  }

  /**
   * Opens a case: its {@code openFirst} steps, each at its own clock reading (each must open),
   * then its envelope ({@code text} if given, else {@code envelope} in hex) at the case's
   * {@code now}.
   */
  static byte[] open(JsonObject c) throws GeneralSecurityException {
    Fixtures.ManualClock clock = new Fixtures.ManualClock(0);
    Opener opener = opener(c, clock);
    String channel = c.get("channel").getAsString();
    if (c.has("openFirst")) {
      for (com.google.gson.JsonElement e : c.getAsJsonArray("openFirst")) {
        JsonObject step = e.getAsJsonObject();
        clock.set(step.get("now").getAsLong());
        opener.open(channel, HEX.parseHex(step.get("envelope").getAsString()));
      }
    }
    clock.set(c.get("now").getAsLong());
    return c.has("text") ? opener.openText(channel, c.get("text").getAsString())
        : opener.open(channel, HEX.parseHex(c.get("envelope").getAsString()));
  }
}
