package dev.otpkit.hashing;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Writes src/test/vectors/envelope-v1.json: valid envelopes and one case per rejection reason,
 * all from fixed keys, salts, times and sequence numbers. How to run it is in SPEC.md.
 */
public final class VectorGenerator {

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private VectorGenerator() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/vectors/envelope-v1.json");
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
        .toJson(vectors()) + "\n", StandardCharsets.UTF_8);
  }

  static JsonObject vectors() throws GeneralSecurityException {
    JsonObject root = new JsonObject();
    root.addProperty("format", "otpkit envelope v1");
    root.addProperty("spec", "hashing/SPEC.md");
    root.addProperty("hkdfSalt", new String(SessionKeys.HKDF_SALT, StandardCharsets.US_ASCII));
    root.add("keys", VectorCases.keysJson());
    JsonArray valid = new JsonArray();
    valid.add(valid("mac-json-payload", "session-1", "ui", false, "files.save",
        "{\"path\":\"/tmp/a.txt\"}".getBytes(StandardCharsets.UTF_8), 0x40, 7));
    valid.add(valid("mac-empty-payload", "session-1", "backend", false, "status", new byte[0], 0x50, 0));
    valid.add(valid("aead-json-payload", "session-1", "ui", true, "files.save",
        "{\"path\":\"/tmp/a.txt\"}".getBytes(StandardCharsets.UTF_8), 0x60, 8));
    valid.add(valid("mac-unicode-names", "s\u00e9ance-\u2603", "backend", false, "\u00fcn\u00efcode.cmd",
        Fixtures.bytes(0x80, 40), 0x70, (1L << 63) + 5));
    root.add("valid", valid);

    JsonArray invalid = new JsonArray();
    byte[] base = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui", false,
        "files.save", "{\"path\":\"/tmp/a.txt\"}".getBytes(StandardCharsets.UTF_8), 0x40, 7, VectorCases.ISSUED_AT);
    byte[] aead = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui", true,
        "files.save", "{\"path\":\"/tmp/a.txt\"}".getBytes(StandardCharsets.UTF_8), 0x60, 8, VectorCases.ISSUED_AT);
    invalid.add(invalid("truncated", "malformed", java.util.Arrays.copyOf(base, base.length - 1), false));
    JsonObject badText = opening("bad-base64url", "malformed", "session-1", "ui", false, "files.save");
    badText.addProperty("text", TEXT.encodeToString(base).substring(0, 20) + "+/" + TEXT.encodeToString(base).substring(22));
    invalid.add(badText);
    invalid.add(invalid("unknown-flag", "malformed", with(base, 1, (byte) 0x02), false));
    invalid.add(invalid("version-2", "unsupported-version", with(base, 0, (byte) 2), false));
    byte[] unknownKey = base.clone();
    dev.otpkit.hashing.internal.Wire.putInt(unknownKey, 2, 0xdeadbeef);
    invalid.add(invalid("unknown-key-id", "unknown-key", unknownKey, false));
    invalid.add(invalid("disabled-key", "disabled-key", seal(VectorCases.DISABLED_ID, VectorCases.DISABLED_KEY,
        "session-1", "ui", false, "files.save", new byte[] {1}, 0x41, 1, VectorCases.ISSUED_AT), false));
    JsonObject otherChannel = invalid("other-channel", "wrong-context", base, false);
    otherChannel.addProperty("channel", "files.delete");
    invalid.add(otherChannel);
    JsonObject otherSession = invalid("other-session", "wrong-context", base, false);
    otherSession.addProperty("session", "session-2");
    invalid.add(otherSession);
    JsonObject reflected = invalid("reflected-direction", "wrong-context", base, false);
    reflected.addProperty("direction", "backend");
    invalid.add(reflected);
    invalid.add(invalid("mac-only-to-aead-opener", "wrong-context", base, true));
    byte[] flippedPayload = base.clone();
    flippedPayload[55] ^= 0x01;
    invalid.add(invalid("payload-bit-flipped", "bad-tag", flippedPayload, false));
    invalid.add(invalid("tag-bit-flipped", "bad-tag", with(base, base.length - 1, (byte) (base[base.length - 1] ^ 0x80)), false));
    byte[] flippedCiphertext = aead.clone();
    flippedCiphertext[52] ^= 0x01;
    invalid.add(invalid("aead-ciphertext-flipped", "bad-tag", flippedCiphertext, true));
    JsonObject expired = invalid("expired", "expired", base, false);
    expired.addProperty("now", VectorCases.ISSUED_AT + VectorCases.MAX_AGE + 1);
    invalid.add(expired);
    JsonObject future = invalid("from-the-future", "from-the-future", base, false);
    future.addProperty("now", VectorCases.ISSUED_AT - VectorCases.MAX_SKEW - 1);
    invalid.add(future);
    JsonObject replayed = invalid("replayed", "replayed", base, false);
    replayed.add("openFirst", hexArray(base));
    invalid.add(replayed);
    JsonObject window = invalid("out-of-window", "out-of-window", base, false);
    window.add("openFirst", hexArray(seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui",
        false, "files.save", new byte[] {2}, 0x42, 7 + 1024 + 1, VectorCases.ISSUED_AT)));
    invalid.add(window);
    JsonObject large = invalid("too-large", "too-large", base, false);
    large.addProperty("maxPayloadBytes", 8);
    invalid.add(large);
    JsonObject full = invalid("replay-state-full", "replay-state-full", base, false);
    full.addProperty("saltCacheSize", 1);
    full.add("openFirst", hexArray(seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui",
        false, "files.save", new byte[] {3}, 0x43, 6, VectorCases.ISSUED_AT)));
    invalid.add(full);
    root.add("invalid", invalid);
    return root;
  }

  private static JsonObject valid(String name, String session, String sender, boolean encrypted, String channel,
      byte[] payload, int saltFrom, long sequence) throws GeneralSecurityException {
    JsonObject o = opening(name, null, session, sender, encrypted, channel);
    o.addProperty("salt", VectorCases.HEX.formatHex(Fixtures.bytes(saltFrom, 16)));
    o.addProperty("issuedAt", VectorCases.ISSUED_AT);
    o.addProperty("sequence", Long.toUnsignedString(sequence));
    o.addProperty("payload", VectorCases.HEX.formatHex(payload));
    byte[] env = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, session, sender, encrypted, channel,
        payload, saltFrom, sequence, VectorCases.ISSUED_AT);
    o.addProperty("envelope", VectorCases.HEX.formatHex(env));
    o.addProperty("text", TEXT.encodeToString(env));
    return o;
  }

  private static JsonObject invalid(String name, String reason, byte[] envelope, boolean openerEncrypted) {
    JsonObject o = opening(name, reason, "session-1", "ui", openerEncrypted, "files.save");
    o.addProperty("envelope", VectorCases.HEX.formatHex(envelope));
    return o;
  }

  /** The opener's side of a case. */
  private static JsonObject opening(String name, String reason, String session, String sender,
      boolean encrypted, String channel) {
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    if (reason != null) {
      o.addProperty("reason", reason);
    }
    o.addProperty("session", session);
    o.addProperty("direction", sender);
    o.addProperty("channel", channel);
    o.addProperty("encrypted", encrypted);
    o.addProperty("now", VectorCases.ISSUED_AT + 1_000);
    o.addProperty("maxAgeMillis", VectorCases.MAX_AGE);
    o.addProperty("maxFutureSkewMillis", VectorCases.MAX_SKEW);
    o.addProperty("maxPayloadBytes", 1 << 20);
    return o;
  }

  static byte[] seal(int keyId, byte[] key, String session, String sender, boolean encrypted, String channel,
      byte[] payload, int saltFrom, long sequence, long issuedAt) throws GeneralSecurityException {
    EnvelopeKeys keys = EnvelopeKeys.from(Fixtures.keyset(new Fixtures.FixedKey(keyId, key, true, true)));
    return Sealer.builder(keys).session(session).direction(Direction.sentBy(sender)).encrypted(encrypted).build()
        .seal(channel, payload, Fixtures.bytes(saltFrom, 16), issuedAt, sequence);
  }

  private static byte[] with(byte[] b, int at, byte value) {
    byte[] c = b.clone();
    c[at] = value;
    return c;
  }

  private static JsonArray hexArray(byte[]... envelopes) {
    JsonArray a = new JsonArray();
    for (byte[] e : envelopes) {
      a.add(VectorCases.HEX.formatHex(e));
    }
    return a;
  }
}
