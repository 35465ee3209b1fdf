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
    JsonArray roots = new JsonArray();
    JsonObject uiRoot = new JsonObject();
    uiRoot.addProperty("id", Integer.toUnsignedLong(VectorCases.PRIMARY_ID));
    uiRoot.addProperty("session", "session-1");
    uiRoot.addProperty("root", VectorCases.HEX.formatHex(SessionKeys.uiRoot(VectorCases.PRIMARY_KEY, "session-1")));
    roots.add(uiRoot);
    root.add("uiRoots", roots);
    byte[] json = "{\"path\":\"/tmp/a.txt\"}".getBytes(StandardCharsets.UTF_8);
    long t = VectorCases.ISSUED_AT;
    JsonArray valid = new JsonArray();
    valid.add(valid("mac-json-payload", "session-1", "ui", false, "files.save", json, 0x40, 7, t));
    valid.add(valid("mac-empty-payload", "session-1", "backend", false, "status", new byte[0], 0x50, 0, t));
    valid.add(valid("aead-json-payload", "session-1", "ui", true, "files.save", json, 0x60, 8, t));
    valid.add(valid("aead-empty-payload", "session-1", "backend", true, "status", new byte[0], 0x61, 9, t));
    valid.add(valid("mac-unicode-names", "s\u00e9ance-\u2603", "backend", false, "\u00fcn\u00efcode.cmd",
        Fixtures.bytes(0x80, 40), 0x70, (1L << 63) + 5, t));
    valid.add(valid("names-of-256-bytes", "s".repeat(256), "ui", false, "\u00e9".repeat(128),
        new byte[] {1}, 0x71, 10, t));
    JsonObject earliest = valid("issued-at-0", "session-1", "ui", false, "files.save", new byte[] {2}, 0x72, 11, 0);
    earliest.addProperty("now", 1_000);
    valid.add(earliest);
    JsonObject latest = valid("issued-at-latest", "session-1", "ui", false, "files.save", new byte[] {3}, 0x73, 12,
        dev.otpkit.hashing.internal.Wire.MAX_ISSUED_AT);
    latest.addProperty("now", dev.otpkit.hashing.internal.Wire.MAX_ISSUED_AT);
    valid.add(latest);
    JsonObject ageEdge = valid("age-equals-max-age", "session-1", "ui", false, "files.save", new byte[] {4}, 0x74, 13, t);
    ageEdge.addProperty("now", t + VectorCases.MAX_AGE);
    valid.add(ageEdge);
    JsonObject skewEdge = valid("ahead-by-max-skew", "session-1", "ui", false, "files.save", new byte[] {5}, 0x75, 14, t);
    skewEdge.addProperty("now", t - VectorCases.MAX_SKEW);
    valid.add(skewEdge);
    JsonObject textLimit = valid("text-at-its-limit", "session-1", "ui", false, "files.save",
        "abcd".getBytes(StandardCharsets.US_ASCII), 0x76, 15, t);
    textLimit.addProperty("maxPayloadBytes", 4);
    valid.add(textLimit);
    JsonObject windowEdge = valid("window-lowest-number", "session-1", "ui", false, "files.save", new byte[] {6}, 0x77,
        2000 - 1023, t);
    windowEdge.add("openFirst", steps(t + 1_000, mac(0x10, 2000)));
    valid.add(windowEdge);
    JsonObject late = valid("late-number-far-behind", "session-1", "ui", false, "files.save", new byte[] {7}, 0x78,
        1001, t);
    late.add("openFirst", steps(t + 1_000, mac(0x11, 1000), mac(0x13, 1002), mac(0x12, 100_000)));
    valid.add(late);
    valid.add(document(valid("document-mac", "session-1", "ui", false, "files.save", json, 0x79, 16, t),
        VectorCases.DOCUMENT));
    valid.add(document(valid("document-aead-reply", "session-1", "backend", true, "files.save", json, 0x7a, 17, t),
        VectorCases.DOCUMENT));
    root.add("valid", valid);

    JsonArray invalid = new JsonArray();
    byte[] base = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui", false,
        "files.save", json, 0x40, 7, t);
    byte[] aead = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui", true,
        "files.save", json, 0x60, 8, t);
    String baseText = TEXT.encodeToString(base);
    invalid.add(invalid("truncated", "malformed", java.util.Arrays.copyOf(base, base.length - 1), false));
    invalid.add(text(invalid("bad-base64url", "malformed", base, false),
        baseText.substring(0, 20) + "+/" + baseText.substring(22)));
    invalid.add(text(invalid("padded-text", "malformed", base, false), baseText + "="));
    invalid.add(text(invalid("non-canonical-trailing-bits", "malformed", base, false), nonCanonical(baseText)));
    for (String[] ws : new String[][] {{"space", " "}, {"tab", "\t"}, {"cr", "\r"}, {"lf", "\n"}, {"crlf", "\r\n"}}) {
      invalid.add(text(invalid("trailing-" + ws[0], "malformed", base, false), baseText + ws[1]));
    }
    invalid.add(text(invalid("leading-space", "malformed", base, false), " " + baseText));
    invalid.add(invalid("unknown-flag", "malformed", with(base, 1, (byte) 0x02), false));
    byte[] shortAead = java.util.Arrays.copyOf(aead, 50 + 10);
    dev.otpkit.hashing.internal.Wire.putInt(shortAead, 46, 10);
    invalid.add(invalid("aead-body-shorter-than-tag", "malformed", shortAead, true));
    invalid.add(invalid("version-2", "unsupported-version", with(base, 0, (byte) 2), false));
    byte[] unknownKey = base.clone();
    dev.otpkit.hashing.internal.Wire.putInt(unknownKey, 2, 0xdeadbeef);
    invalid.add(invalid("unknown-key-id", "unknown-key", unknownKey, false));
    invalid.add(invalid("disabled-key", "disabled-key", seal(VectorCases.DISABLED_ID, VectorCases.DISABLED_KEY,
        "session-1", "ui", false, "files.save", new byte[] {1}, 0x41, 1, t), false));
    JsonObject otherChannel = invalid("other-channel", "wrong-context", base, false);
    otherChannel.addProperty("channel", "files.delete");
    invalid.add(otherChannel);
    JsonObject otherSession = invalid("other-session", "wrong-context", base, false);
    otherSession.addProperty("session", "session-2");
    invalid.add(otherSession);
    JsonObject reflected = invalid("reflected-direction", "wrong-context", base, false);
    reflected.addProperty("direction", "backend");
    invalid.add(reflected);
    invalid.add(invalid("mac-only-to-aead-opener", "wrong-mode", base, true));
    JsonObject sessionToDocument = invalid("session-envelope-to-a-document", "wrong-context", base, false);
    sessionToDocument.addProperty("document", VectorCases.DOCUMENT);
    invalid.add(sessionToDocument);
    JsonObject otherDocument = invalid("other-document", "wrong-context",
        seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", VectorCases.DOCUMENT, "ui", false,
            "files.save", json, 0x7b, 18, t), false);
    otherDocument.addProperty("document", "BBBBBBBBBBBBBBBBBBBBBA");
    invalid.add(otherDocument);
    invalid.add(invalid("aead-to-mac-only-opener", "wrong-mode", aead, false));
    byte[] flippedPayload = base.clone();
    flippedPayload[55] ^= 0x01;
    invalid.add(invalid("payload-bit-flipped", "bad-tag", flippedPayload, false));
    invalid.add(invalid("tag-bit-flipped", "bad-tag", with(base, base.length - 1, (byte) (base[base.length - 1] ^ 0x80)), false));
    byte[] flippedCiphertext = aead.clone();
    flippedCiphertext[52] ^= 0x01;
    invalid.add(invalid("aead-ciphertext-flipped", "bad-tag", flippedCiphertext, true));
    JsonObject expired = invalid("expired", "expired", base, false);
    expired.addProperty("now", t + VectorCases.MAX_AGE + 1);
    invalid.add(expired);
    JsonObject future = invalid("from-the-future", "from-the-future", base, false);
    future.addProperty("now", t - VectorCases.MAX_SKEW - 1);
    invalid.add(future);
    for (long issuedAt : new long[] {Long.MIN_VALUE, -1}) {
      invalid.add(invalid("issued-at-" + issuedAt, "expired", mac(0x44, 20, issuedAt), false));
    }
    for (long issuedAt : new long[] {Long.MAX_VALUE, dev.otpkit.hashing.internal.Wire.MAX_ISSUED_AT + 1}) {
      JsonObject c = invalid("issued-at-" + issuedAt, "from-the-future", mac(0x45, 21, issuedAt), false);
      c.addProperty("now", dev.otpkit.hashing.internal.Wire.MAX_ISSUED_AT);
      invalid.add(c);
    }
    // the opener saw t + 60 s once; the clock stepping back to t + 1 s does not make base young
    JsonObject highest = invalid("age-from-the-highest-clock", "expired", base, false);
    highest.add("openFirst", steps(t + VectorCases.MAX_AGE + 1, mac(0x46, 22, t + VectorCases.MAX_AGE)));
    invalid.add(highest);
    JsonObject replayed = invalid("replayed", "replayed", base, false);
    replayed.add("openFirst", steps(t + 1_000, base));
    invalid.add(replayed);
    JsonObject window = invalid("out-of-window", "out-of-window", base, false);
    window.add("openFirst", steps(t + 1_000, mac(0x42, 7 + 1024 + 1)));
    invalid.add(window);
    JsonObject leftWindow = invalid("window-seen-number-left-it", "out-of-window", mac(0x47, 1000), false);
    leftWindow.add("openFirst", steps(t + 1_000, mac(0x48, 1000), mac(0x49, 1000 + 1024)));
    invalid.add(leftWindow);
    JsonObject lateTwice = invalid("late-number-twice", "out-of-window", mac(0x4a, 1001), false);
    lateTwice.add("openFirst", steps(t + 1_000, mac(0x4b, 1000), mac(0x4f, 1002), mac(0x4c, 100_000),
        mac(0x4d, 1001)));
    invalid.add(lateTwice);
    JsonObject large = invalid("too-large", "too-large", base, false);
    large.addProperty("maxPayloadBytes", 8);
    invalid.add(large);
    byte[] five = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui", false, "files.save",
        "abcde".getBytes(StandardCharsets.US_ASCII), 0x4e, 23, t);
    JsonObject overLimit = text(invalid("text-over-its-limit", "too-large", five, false), TEXT.encodeToString(five));
    overLimit.addProperty("maxPayloadBytes", 4);
    invalid.add(overLimit);
    JsonObject full = invalid("replay-state-full", "replay-state-full", base, false);
    full.addProperty("saltCacheSize", 1);
    full.add("openFirst", steps(t + 1_000, mac(0x43, 6)));
    invalid.add(full);
    // a salt cache alone: remembered through the expiry millisecond, expired after it
    JsonObject saltEdge = invalid("salt-replayed-at-its-expiry", "replayed", base, false);
    saltEdge.addProperty("windowBits", 0);
    saltEdge.addProperty("saltCacheSize", 16);
    saltEdge.addProperty("now", t + VectorCases.MAX_AGE);
    saltEdge.add("openFirst", steps(t, base));
    invalid.add(saltEdge);
    JsonObject saltAfter = invalid("salt-expired-after-its-expiry", "expired", base, false);
    saltAfter.addProperty("windowBits", 0);
    saltAfter.addProperty("saltCacheSize", 16);
    saltAfter.addProperty("now", t + VectorCases.MAX_AGE + 1);
    saltAfter.add("openFirst", steps(t, base));
    invalid.add(saltAfter);
    root.add("invalid", invalid);
    return root;
  }

  /** A MAC-mode envelope of session-1, ui, files.save, with a one-byte payload. */
  private static byte[] mac(int saltFrom, long sequence) throws GeneralSecurityException {
    return mac(saltFrom, sequence, VectorCases.ISSUED_AT);
  }

  private static byte[] mac(int saltFrom, long sequence, long issuedAt) throws GeneralSecurityException {
    return seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, "session-1", "ui", false, "files.save",
        new byte[] {(byte) saltFrom}, saltFrom, sequence, issuedAt);
  }

  /** Envelopes the opener opens first, each at the clock reading {@code now}; each must open. */
  private static JsonArray steps(long now, byte[]... envelopes) {
    JsonArray a = new JsonArray();
    for (byte[] e : envelopes) {
      JsonObject step = new JsonObject();
      step.addProperty("envelope", VectorCases.HEX.formatHex(e));
      step.addProperty("now", now);
      a.add(step);
    }
    return a;
  }

  private static JsonObject text(JsonObject c, String text) {
    c.remove("envelope");
    c.addProperty("text", text);
    return c;
  }

  /** The same text with the unused low bits of its last character set: decodes to the same bytes. */
  private static String nonCanonical(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(text.charAt(text.length() - 1));
    if (text.length() % 4 == 1 || text.length() % 4 == 0) {
      throw new IllegalArgumentException("no unused bits in a text of length " + text.length());
    }
    return text.substring(0, text.length() - 1) + alphabet.charAt(last | 1);
  }

  private static JsonObject valid(String name, String session, String sender, boolean encrypted, String channel,
      byte[] payload, int saltFrom, long sequence, long issuedAt) throws GeneralSecurityException {
    JsonObject o = opening(name, null, session, sender, encrypted, channel);
    o.addProperty("salt", VectorCases.HEX.formatHex(Fixtures.bytes(saltFrom, 16)));
    o.addProperty("issuedAt", issuedAt);
    o.addProperty("sequence", Long.toUnsignedString(sequence));
    o.addProperty("payload", VectorCases.HEX.formatHex(payload));
    byte[] env = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, session, sender, encrypted, channel,
        payload, saltFrom, sequence, issuedAt);
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
    o.addProperty("windowBits", 1024);
    return o;
  }

  static byte[] seal(int keyId, byte[] key, String session, String sender, boolean encrypted, String channel,
      byte[] payload, int saltFrom, long sequence, long issuedAt) throws GeneralSecurityException {
    return seal(keyId, key, session, null, sender, encrypted, channel, payload, saltFrom, sequence, issuedAt);
  }

  /** Seals with every input fixed, for the session or (document not null) one of its documents. */
  static byte[] seal(int keyId, byte[] key, String session, String document, String sender, boolean encrypted,
      String channel, byte[] payload, int saltFrom, long sequence, long issuedAt) throws GeneralSecurityException {
    EnvelopeKeys keys = EnvelopeKeys.from(Fixtures.keyset(new Fixtures.FixedKey(keyId, key, true, true)));
    Sealer.Builder b = Sealer.builder(keys).session(session).direction(Direction.sentBy(sender)).encrypted(encrypted);
    return (document == null ? b : b.document(document)).build()
        .seal(channel, payload, Fixtures.bytes(saltFrom, 16), issuedAt, sequence);
  }

  /** The case resealed for {@code document}: its envelope and text under the document's keys. */
  private static JsonObject document(JsonObject c, String document) throws GeneralSecurityException {
    c.addProperty("document", document);
    byte[] env = seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY, c.get("session").getAsString(), document,
        c.get("direction").getAsString(), c.get("encrypted").getAsBoolean(), c.get("channel").getAsString(),
        VectorCases.HEX.parseHex(c.get("payload").getAsString()),
        VectorCases.HEX.parseHex(c.get("salt").getAsString())[0] & 0xff,
        Long.parseUnsignedLong(c.get("sequence").getAsString()), c.get("issuedAt").getAsLong());
    c.addProperty("envelope", VectorCases.HEX.formatHex(env));
    c.addProperty("text", TEXT.encodeToString(env));
    return c;
  }

  private static byte[] with(byte[] b, int at, byte value) {
    byte[] c = b.clone();
    c[at] = value;
    return c;
  }
}
