package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small contracts around the checks: exact messages and ids, argument checks that come
 * before anything else, accessors, and the boundaries of each range. Each test here fails when
 * one of those lines is changed.
 */
class ContractsTest {

  private static final long T0 = 1_764_000_000_000L;

  @TempDir
  Path dir;

  private static EnvelopeKeys keys() throws GeneralSecurityException {
    return EnvelopeKeys.from(EnvelopeKeys.newKeyset());
  }

  @Test
  void reasonIds_areThePublishedOnes() {
    List<String> ids = List.of("malformed", "unsupported-version", "unknown-key", "disabled-key", "wrong-context",
        "wrong-mode", "bad-tag", "expired", "from-the-future", "replayed", "out-of-window", "too-large",
        "replay-state-full", "state-unavailable");
    assertEquals(ids, java.util.Arrays.stream(Reason.values()).map(Reason::id).toList());
    for (Reason r : Reason.values()) {
      assertEquals(r, Reason.fromId(r.id()));
    }
    assertThrows(IllegalArgumentException.class, () -> Reason.fromId("nope"));
  }

  @Test
  void envelopeExceptionMessage_isTheIdAndTheDetail() {
    assertEquals("replayed", new EnvelopeException(Reason.REPLAYED, null).getMessage());
    assertEquals("replayed", new EnvelopeException(Reason.REPLAYED, "").getMessage());
    assertEquals("replayed: twice", new EnvelopeException(Reason.REPLAYED, "twice").getMessage());
  }

  @Test
  void directions_nameTheirSender() {
    assertEquals("ui", Direction.UI_TO_BACKEND.sender());
    assertEquals("backend", Direction.BACKEND_TO_UI.sender());
    assertEquals(Direction.BACKEND_TO_UI, Direction.sentBy("backend"));
    assertThrows(IllegalArgumentException.class, () -> Direction.sentBy("page"));
  }

  /** A bad channel is a caller error before the text is even decoded. */
  @Test
  void openText_checksTheChannelFirst() throws Exception {
    Opener o = Opener.builder(keys()).session("s").direction(Direction.UI_TO_BACKEND).build();
    for (String channel : new String[] {null, "", "x".repeat(257)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.openText(channel, "!!"));
      assertTrue(e.getMessage().startsWith("channel must"), e.getMessage());
    }
    assertEquals("channel must not be null",
        assertThrows(IllegalArgumentException.class, () -> o.open(null, new byte[0])).getMessage());
    assertEquals("channel must not be empty",
        assertThrows(IllegalArgumentException.class, () -> o.open("", new byte[0])).getMessage());
  }

  @Test
  void rejectionDetails_sayWhatWasSeen() throws Exception {
    EnvelopeKeys keys = keys();
    Opener mac = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).maxPayloadBytes(10).build();
    Opener enc = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).encrypted(true)
        .maxPayloadBytes(10).build();
    Sealer macSealer = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).build();
    Sealer encSealer = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).encrypted(true).build();
    byte[] v = new byte[60];
    v[0] = (byte) 0xff;
    assertEquals("unsupported-version: version 255",
        assertThrows(EnvelopeException.class, () -> mac.open("c", v)).getMessage());
    assertEquals("wrong-mode: sealed MAC-only, this opener requires encryption",
        assertThrows(EnvelopeException.class, () -> enc.open("c", macSealer.seal("c", new byte[0]))).getMessage());
    assertEquals("wrong-mode: sealed encrypted, this opener takes MAC-only envelopes",
        assertThrows(EnvelopeException.class, () -> mac.open("c", encSealer.seal("c", new byte[0]))).getMessage());
    assertEquals("too-large: payload of 11 bytes, at most 10",
        assertThrows(EnvelopeException.class, () -> enc.open("c", encSealer.seal("c", new byte[11]))).getMessage());
    // the tag's 16 bytes do not count against the payload limit
    assertArrayEquals(new byte[10], enc.open("c", encSealer.seal("c", new byte[10])));
    assertArrayEquals(new byte[10], mac.open("c", macSealer.seal("c", new byte[10])));
  }

  @Test
  void saturatedDifference_isExactOrSaturates() {
    assertEquals(0, Opener.saturatedDifference(5, 5));
    assertEquals(0, Opener.saturatedDifference(Long.MIN_VALUE, Long.MIN_VALUE));
    assertEquals(-1, Opener.saturatedDifference(Long.MAX_VALUE - 1, Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, Opener.saturatedDifference(Long.MAX_VALUE, -1));
    assertEquals(Long.MIN_VALUE, Opener.saturatedDifference(Long.MIN_VALUE, 1));
    assertEquals(Long.MAX_VALUE - 1, Opener.saturatedDifference(Long.MAX_VALUE, 1));
    assertEquals(Long.MAX_VALUE, Opener.saturatedDifference(0, Long.MIN_VALUE)); // 2^63: saturated up
    assertEquals(Long.MIN_VALUE, Opener.saturatedDifference(-1, Long.MAX_VALUE)); // exact
    assertEquals(Long.MIN_VALUE, Opener.saturatedDifference(-2, Long.MAX_VALUE)); // saturated
  }

  /** A sealer's clock may read exactly 0 or exactly the latest valid time. */
  @Test
  void sealer_acceptsTheEndsOfTheClockRange() throws Exception {
    EnvelopeKeys keys = keys();
    Fixtures.ManualClock clock = new Fixtures.ManualClock(0);
    Sealer s = Sealer.builder(keys).session("clock-ends-" + System.nanoTime()).direction(Direction.UI_TO_BACKEND)
        .clock(clock).build();
    assertEquals(0, dev.otpkit.hashing.internal.Wire.getLong(s.seal("c", new byte[0]), 22));
    clock.set(dev.otpkit.hashing.internal.Wire.MAX_ISSUED_AT);
    assertEquals(dev.otpkit.hashing.internal.Wire.MAX_ISSUED_AT,
        dev.otpkit.hashing.internal.Wire.getLong(s.seal("c", new byte[0]), 22));
  }

  @Test
  void sequenceSpace_endsAt2To64Minus2To40() {
    SequenceCounters.Lease lease = SequenceCounters.Lease.startingAt(SequenceCounters.LAST_USABLE - 1);
    assertEquals(SequenceCounters.LAST_USABLE - 1, lease.next());
    assertThrows(IllegalStateException.class, lease::next);
    assertThrows(IllegalStateException.class, lease::next);
  }

  @Test
  void sequenceCounters_rememberLiveStreams() throws Exception {
    Sealer live = Sealer.builder(keys()).session("live-" + System.nanoTime()).direction(Direction.UI_TO_BACKEND).build();
    assertTrue(SequenceCounters.size() >= 1);
    live.seal("c", new byte[0]);
  }

  @Test
  void toStrings_nameIdsAndNeverKeys() throws Exception {
    KeysetHandle two = EnvelopeKeys.rotate(EnvelopeKeys.newKeyset());
    EnvelopeKeys keys = EnvelopeKeys.from(two);
    String ids = Integer.toUnsignedString(two.getAt(0).getId()) + ", " + Integer.toUnsignedString(two.getAt(1).getId());
    assertEquals("EnvelopeKeys{primary=" + Integer.toUnsignedString(keys.primaryId()) + ", keys=[" + ids + "]}",
        keys.toString());
    assertEquals("LiveEnvelopeKeys{" + keys + "}", LiveEnvelopeKeys.of(keys).toString());
    SessionKeyExport export = SessionKeyExport.of(keys, "s1");
    assertEquals(keys.primaryId(), export.keyId());
    assertEquals("s1", export.session());
    assertFalse(export.toString().isEmpty());
    assertFalse(export.toString().matches(".*[0-9a-fA-F]{32}.*"));
    SessionKeys sk = new SessionKeys(keys.masterKey(keys.primaryId()), keys.primaryId(), "s1", Direction.UI_TO_BACKEND);
    assertEquals("SessionKeys{key=" + Integer.toUnsignedString(keys.primaryId()) + ", UI_TO_BACKEND}", sk.toString());
  }

  /** A keyset with a key type nobody registered holds opaque keys: refused, not a crash. */
  @Test
  void keysetWithAnUnknownKeyType_isRefused() throws Exception {
    String json = "{\"primaryKeyId\":7,\"key\":[{\"keyData\":{\"typeUrl\":\"type.example.org/NoSuchKey\","
        + "\"value\":\"AAAA\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":7,"
        + "\"outputPrefixType\":\"RAW\"}]}";
    KeysetHandle h = com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeyset(json,
        RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.from(h));
    assertTrue(e.getMessage().startsWith("key 7 is not an envelope key"), e.getMessage());
  }

  @Test
  void disable_ofAnAbsentKey_isRefused() throws Exception {
    KeysetHandle k = EnvelopeKeys.newKeyset();
    int absent = k.getPrimary().getId() + 1;
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.disable(k, absent));
    assertEquals("no key " + Integer.toUnsignedString(absent) + " in the keyset", e.getMessage());
  }

  @Test
  void keysetFile_accessorsAndForms() throws Exception {
    var access = InsecureSecretKeyAccess.get();
    Path clear = dir.resolve("clear.json");
    KeysetFile c = KeysetFile.create(clear, EnvelopeKeys.newKeyset(), access);
    assertEquals(clear, c.path());
    assertFalse(c.encrypted());
    assertFalse(KeysetFile.read(clear, access).encrypted());
    assertEquals("KeysetFile{" + clear + ", cleartext}", c.toString());
    Aead kek = KeysetFile.newKek().getPrimitive(RegistryConfiguration.get(), Aead.class);
    String json = KeysetFile.toJson(c.keyset(), kek);
    assertTrue(json.startsWith("{\"encryptedKeyset\":"), json);
    Path enc = dir.resolve("enc.json");
    Files.writeString(enc, json);
    KeysetFile e = KeysetFile.read(enc, kek);
    assertTrue(e.encrypted());
    assertEquals("KeysetFile{" + enc + ", encrypted}", e.toString());
    assertEquals(c.envelopeKeys().primaryId(), e.envelopeKeys().primaryId());
  }

  /** A path through a regular file: the system's reason is kept, with the path. */
  @Test
  void keysetFile_otherFileSystemErrors_keepTheirReason() throws Exception {
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    IOException e = assertThrows(IOException.class,
        () -> KeysetFile.read(file.resolve("child.json"), InsecureSecretKeyAccess.get()));
    assertEquals(file.resolve("child.json") + ": Not a directory", e.getMessage());
  }

  /** Exactly the limit is read (and then refused as JSON); one byte more is refused unread. */
  @Test
  void keysetFile_limitIsExact_andAnEndlessFileIsNotReadWhole() throws Exception {
    Path atLimit = dir.resolve("at-limit.json");
    Files.write(atLimit, " ".repeat(KeysetFile.MAX_FILE_BYTES).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThrows(GeneralSecurityException.class, () -> KeysetFile.read(atLimit, InsecureSecretKeyAccess.get()));
    IOException endless = assertThrows(IOException.class,
        () -> KeysetFile.read(Path.of("/dev/zero"), InsecureSecretKeyAccess.get()));
    assertTrue(endless.getMessage().contains("longer than the limit"), endless.getMessage());
  }

  /** hashing (with entropy under it) needs no native code: the serial-port library is not on its path. */
  @Test
  void noSerialPortLibrary_andNoInfiniteNoiseDriver_onTheClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fazecast.jSerialComm.SerialPort"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.otpkit.entropy.infnoise.InfiniteNoise"));
  }
}
