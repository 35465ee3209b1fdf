package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import dev.otpkit.hashing.internal.Wire;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running application rotates and revokes keys without rebuilding its sealers and openers. */
class LiveEnvelopeKeysTest {

  @TempDir
  Path dir;

  /** An opener built before a disable used to keep accepting the disabled key. */
  @Test
  void disable_takesEffectOnTheNextOpen() throws Exception {
    KeysetHandle k1 = EnvelopeKeys.newKeyset();
    KeysetHandle k2 = EnvelopeKeys.rotate(k1);
    LiveEnvelopeKeys live = LiveEnvelopeKeys.of(EnvelopeKeys.from(k2));
    int oldId = EnvelopeKeys.from(k1).primaryId();
    Sealer underOld = Sealer.builder(EnvelopeKeys.from(k1)).session("s").direction(Direction.UI_TO_BACKEND).build();
    Opener opener = Opener.builder(live).session("s").direction(Direction.UI_TO_BACKEND).build();
    assertArrayEquals(new byte[] {1}, opener.open("c", underOld.seal("c", new byte[] {1})));
    byte[] pending = underOld.seal("c", new byte[] {2});
    live.set(EnvelopeKeys.from(EnvelopeKeys.disable(k2, oldId)));
    assertEquals(Reason.DISABLED_KEY,
        assertThrows(EnvelopeException.class, () -> opener.open("c", pending)).reason());
  }

  /** The same, through the keyset file that 'otpkit keyset disable' rewrites. */
  @Test
  void disable_throughTheKeysetFile() throws Exception {
    var access = InsecureSecretKeyAccess.get();
    Path file = dir.resolve("keys.json");
    KeysetFile f = KeysetFile.create(file, EnvelopeKeys.newKeyset(), access);
    int oldId = f.envelopeKeys().primaryId();
    f = f.replace(EnvelopeKeys.rotate(f.keyset()));
    LiveEnvelopeKeys live = LiveEnvelopeKeys.of(EnvelopeKeys.read(file, access));
    Opener opener = Opener.builder(live).session("s").direction(Direction.UI_TO_BACKEND).build();
    byte[] env = Sealer.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset())).session("s")
        .direction(Direction.UI_TO_BACKEND).build().seal("c", new byte[0]);
    Wire.putInt(env, Wire.OFF_KEY_ID, oldId);
    // relabelled under the enabled old key: its context check (under another key) fails
    assertEquals(Reason.WRONG_CONTEXT, assertThrows(EnvelopeException.class, () -> opener.open("c", env)).reason());
    f.replace(EnvelopeKeys.disable(f.keyset(), oldId));
    live.set(EnvelopeKeys.read(file, access));
    assertEquals(Reason.DISABLED_KEY, assertThrows(EnvelopeException.class, () -> opener.open("c", env)).reason());
  }

  /** After a rotation the next seal uses the new primary; envelopes under the old key still open. */
  @Test
  void rotate_takesEffectOnTheNextSeal() throws Exception {
    KeysetHandle k1 = EnvelopeKeys.newKeyset();
    LiveEnvelopeKeys live = LiveEnvelopeKeys.of(EnvelopeKeys.from(k1));
    Sealer sealer = Sealer.builder(live).session("s").direction(Direction.BACKEND_TO_UI).build();
    Opener opener = Opener.builder(live).session("s").direction(Direction.BACKEND_TO_UI).build();
    byte[] before = sealer.seal("c", new byte[] {1});
    int oldId = sealer.keyId();
    live.set(EnvelopeKeys.from(EnvelopeKeys.rotate(k1)));
    byte[] after = sealer.seal("c", new byte[] {2});
    assertNotEquals(oldId, sealer.keyId());
    assertEquals(sealer.keyId(), Wire.getInt(after, Wire.OFF_KEY_ID));
    assertEquals(oldId, Wire.getInt(before, Wire.OFF_KEY_ID));
    assertArrayEquals(new byte[] {2}, opener.open("c", after));
    assertArrayEquals(new byte[] {1}, opener.open("c", before));
  }

  /**
   * The encryption count of a key survives a swap that keeps the key: re-reading the same keyset
   * does not reset the nonce limit.
   */
  @Test
  void swapKeepingAKey_keepsItsNonceCount() throws Exception {
    KeysetHandle k = EnvelopeKeys.newKeyset();
    LiveEnvelopeKeys live = LiveEnvelopeKeys.of(EnvelopeKeys.from(k));
    Sealer sealer = Sealer.builder(live).session("s").direction(Direction.BACKEND_TO_UI).encrypted(true)
        .maxMessagesPerKey(2).build();
    sealer.seal("c", new byte[0]);
    live.set(EnvelopeKeys.from(k)); // a new instance, the same key
    sealer.seal("c", new byte[0]);
    assertThrows(IllegalStateException.class, () -> sealer.seal("c", new byte[0]));
  }

  @Test
  void aSupplierReturningNull_isAClearError() throws Exception {
    AtomicReference<EnvelopeKeys> ref = new AtomicReference<>(EnvelopeKeys.from(EnvelopeKeys.newKeyset()));
    Opener opener = Opener.builder(ref::get).session("s").direction(Direction.UI_TO_BACKEND).build();
    byte[] env = Sealer.builder(ref.get()).session("s").direction(Direction.UI_TO_BACKEND).build().seal("c", new byte[0]);
    ref.set(null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> opener.open("c", env));
    assertEquals("the envelope key supplier returned null", e.getMessage());
    assertThrows(NullPointerException.class, () -> LiveEnvelopeKeys.of(null));
  }

  @Test
  void set_returnsWhatItReplaced() throws Exception {
    EnvelopeKeys a = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    EnvelopeKeys b = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    LiveEnvelopeKeys live = LiveEnvelopeKeys.of(a);
    assertSame(a, live.set(b));
    assertSame(b, live.get());
  }

  /** A sealer pinned to a key (the one a UI was handed) keeps it across rotations, stops at disable. */
  @Test
  void pinnedSealer_keepsItsKeyUntilDisabled() throws Exception {
    KeysetHandle k1 = EnvelopeKeys.newKeyset();
    int first = EnvelopeKeys.from(k1).primaryId();
    LiveEnvelopeKeys live = LiveEnvelopeKeys.of(EnvelopeKeys.from(k1));
    Sealer pinned = Sealer.builder(live).session("s").direction(Direction.BACKEND_TO_UI).keyId(first).build();
    KeysetHandle k2 = EnvelopeKeys.rotate(k1);
    live.set(EnvelopeKeys.from(k2));
    assertEquals(first, Wire.getInt(pinned.seal("c", new byte[0]), Wire.OFF_KEY_ID));
    live.set(EnvelopeKeys.from(EnvelopeKeys.disable(k2, first)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pinned.seal("c", new byte[0]));
    assertEquals("key " + Integer.toUnsignedString(first) + ", which this sealer is pinned to, is no longer enabled",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sealer.builder(live).session("s")
        .direction(Direction.BACKEND_TO_UI).keyId(first).build());
  }
}
