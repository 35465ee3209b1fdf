package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropySources;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

  private static final long T0 = 1_764_000_000_000L;
  private Fixtures.ManualClock clock;
  private EnvelopeKeys keys;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    clock = new Fixtures.ManualClock(T0);
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
  }

  private Sealer sealer(String session, Direction d, boolean encrypt) throws GeneralSecurityException {
    return Sealer.builder(keys).session(session).direction(d).encrypted(encrypt).clock(clock).build();
  }

  private Opener opener(String session, Direction d, boolean encrypt) throws GeneralSecurityException {
    return Opener.builder(keys).session(session).direction(d).encrypted(encrypt).clock(clock).build();
  }

  private static Reason reasonOf(Opener o, String channel, byte[] env) {
    return assertThrows(EnvelopeException.class, () -> o.open(channel, env)).reason();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTrip_binaryAndText(boolean encrypt) throws Exception {
    Sealer s = sealer("s1", Direction.UI_TO_BACKEND, encrypt);
    Opener o = opener("s1", Direction.UI_TO_BACKEND, encrypt);
    byte[] payload = "{\"cmd\":\"save\"}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(payload, o.open("save", s.seal("save", payload)));
    assertArrayEquals(payload, o.openText("save", s.sealText("save", payload)));
    assertArrayEquals(new byte[0], o.open("save", s.seal("save", new byte[0])));
  }

  @Test
  void encryptedMode_hidesPayload_macModeDoesNot() throws Exception {
    byte[] payload = "secret-secret-secret".getBytes(StandardCharsets.US_ASCII);
    String mac = new String(sealer("s", Direction.BACKEND_TO_UI, false).seal("c", payload), StandardCharsets.ISO_8859_1);
    String enc = new String(sealer("s", Direction.BACKEND_TO_UI, true).seal("c", payload), StandardCharsets.ISO_8859_1);
    assertTrue(mac.contains("secret-secret-secret"));
    assertFalse(enc.contains("secret"));
  }

  @Test
  void saltsAreFreshAndFromTheDrbg() throws Exception {
    Set<String> salts = new HashSet<>();
    Sealer s = sealer("s", Direction.BACKEND_TO_UI, false);
    for (int i = 0; i < 2000; i++) {
      byte[] env = s.seal("c", new byte[1]);
      assertTrue(salts.add(java.util.HexFormat.of().formatHex(env, 6, 22)));
    }
    // the salt source is the otpkit DRBG: a counting source sees the draws
    var counting = new java.util.concurrent.atomic.AtomicInteger();
    var source = new dev.otpkit.entropy.EntropySource() {
      final dev.otpkit.entropy.EntropySource inner = EntropySources.system();

      @Override
      public void fill(byte[] out, int off, int len) {
        counting.incrementAndGet();
        inner.fill(out, off, len);
      }

      @Override
      public dev.otpkit.entropy.HealthStatus health() {
        return inner.health();
      }

      @Override
      public String description() {
        return "counting";
      }

      @Override
      public void close() {}
    };
    Sealer drbgSealer = Sealer.builder(keys).session("s").direction(Direction.BACKEND_TO_UI)
        .salts(Drbg.builder(source).build()).build();
    drbgSealer.seal("c", new byte[1]);
    assertTrue(counting.get() > 0, "salts come from the given DRBG");
  }

  @Test
  void wrongSessionDirectionOrChannel_isWrongContext() throws Exception {
    byte[] env = sealer("s1", Direction.UI_TO_BACKEND, false).seal("save", new byte[] {1});
    assertEquals(Reason.WRONG_CONTEXT, reasonOf(opener("s2", Direction.UI_TO_BACKEND, false), "save", env));
    assertEquals(Reason.WRONG_CONTEXT, reasonOf(opener("s1", Direction.BACKEND_TO_UI, false), "save", env));
    assertEquals(Reason.WRONG_CONTEXT, reasonOf(opener("s1", Direction.UI_TO_BACKEND, false), "delete", env));
  }

  /** The mode is in the clear header: a mismatch has its own reason, in both directions. */
  @Test
  void otherMode_isWrongMode_notWrongContext() throws Exception {
    byte[] mac = sealer("s1", Direction.UI_TO_BACKEND, false).seal("save", new byte[] {1});
    byte[] enc = sealer("s1", Direction.UI_TO_BACKEND, true).seal("save", new byte[] {1});
    assertEquals(Reason.WRONG_MODE, reasonOf(opener("s1", Direction.UI_TO_BACKEND, true), "save", mac));
    assertEquals(Reason.WRONG_MODE, reasonOf(opener("s1", Direction.UI_TO_BACKEND, false), "save", enc));
  }

  /** A forged context check (an attacker rewrites it to match) still fails the tag. */
  @Test
  void contextCheckCopiedFromAnotherEnvelope_failsTag() throws Exception {
    byte[] save = sealer("s1", Direction.UI_TO_BACKEND, false).seal("save", new byte[] {1});
    byte[] del = sealer("s1", Direction.UI_TO_BACKEND, false).seal("delete", new byte[] {1});
    System.arraycopy(del, 38, save, 38, 8);
    assertEquals(Reason.BAD_TAG, reasonOf(opener("s1", Direction.UI_TO_BACKEND, false), "delete", save));
  }

  @Test
  void replay_rejected_reorderWithinWindowAcceptedOnce() throws Exception {
    Sealer s = sealer("s", Direction.UI_TO_BACKEND, false);
    Opener o = opener("s", Direction.UI_TO_BACKEND, false);
    byte[][] env = new byte[5][];
    for (int i = 0; i < 5; i++) {
      env[i] = s.seal("c", new byte[] {(byte) i});
    }
    o.open("c", env[0]);
    o.open("c", env[3]);
    o.open("c", env[1]);
    o.open("c", env[4]);
    o.open("c", env[2]);
    for (byte[] e : env) {
      assertEquals(Reason.REPLAYED, reasonOf(o, "c", e));
    }
  }

  /** A sealer rebuilt for the same session (a restart) must not collide with its predecessor. */
  @Test
  void restartedSealer_continuesAboveItsPredecessor() throws Exception {
    Opener o = opener("s", Direction.UI_TO_BACKEND, false);
    Sealer first = sealer("s", Direction.UI_TO_BACKEND, false);
    for (int i = 0; i < 10; i++) {
      o.open("c", first.seal("c", new byte[0]));
    }
    clock.advance(1);
    Sealer restarted = sealer("s", Direction.UI_TO_BACKEND, false);
    assertArrayEquals(new byte[] {5}, o.open("c", restarted.seal("c", new byte[] {5})));
  }

  /** The exported keys are exactly what the sealer uses: an envelope recomputed from them matches. */
  @Test
  void exportedSessionKeys_reproduceTheTag_andDifferPerSessionAndDirection() throws Exception {
    var access = com.google.crypto.tink.InsecureSecretKeyAccess.get();
    SessionKeyExport export = SessionKeyExport.of(keys, "s1");
    byte[] env = sealer("s1", Direction.UI_TO_BACKEND, false).seal("save", new byte[] {1, 2});
    javax.crypto.Mac mac = dev.otpkit.hashing.internal.Primitives.hmacSha256(
        export.macKey(Direction.UI_TO_BACKEND, access));
    mac.update(env, 0, 50);
    mac.update(dev.otpkit.hashing.internal.Wire.context("s1", Direction.UI_TO_BACKEND.code(), "save"));
    mac.update(env, 50, 2);
    assertArrayEquals(mac.doFinal(), java.util.Arrays.copyOfRange(env, 52, 84));
    assertFalse(java.security.MessageDigest.isEqual(export.macKey(Direction.UI_TO_BACKEND, access),
        export.macKey(Direction.BACKEND_TO_UI, access)));
    assertFalse(java.security.MessageDigest.isEqual(export.contextKey(Direction.UI_TO_BACKEND, access),
        SessionKeyExport.of(keys, "s2").contextKey(Direction.UI_TO_BACKEND, access)));
    assertEquals(32, export.encryptionKey(Direction.BACKEND_TO_UI, access).length);
    assertThrows(NullPointerException.class, () -> export.macKey(Direction.UI_TO_BACKEND, null));
  }

  @Test
  void tooOldSequence_isOutOfWindow() throws Exception {
    Sealer s = sealer("s", Direction.UI_TO_BACKEND, false);
    Opener o = opener("s", Direction.UI_TO_BACKEND, false);
    byte[] first = s.seal("c", new byte[0]);
    for (int i = 0; i < 1024; i++) {
      s.seal("c", new byte[0]);
    }
    o.open("c", s.seal("c", new byte[0])); // sequence 1025
    assertEquals(Reason.OUT_OF_WINDOW, reasonOf(o, "c", first));
  }

  @Test
  void clockWindow_expiredAndFromTheFuture_andBackwardJumpDoesNotRevive() throws Exception {
    Sealer s = sealer("s", Direction.UI_TO_BACKEND, false);
    Opener o = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).clock(clock)
        .maxAge(Duration.ofSeconds(30)).maxFutureSkew(Duration.ofSeconds(2)).build();
    byte[] old = s.seal("c", new byte[0]);
    clock.advance(30_001);
    assertEquals(Reason.EXPIRED, reasonOf(o, "c", old));
    clock.set(T0 - 2_001); // the sealer's clock was ahead
    byte[] future = sealer("s", Direction.UI_TO_BACKEND, false).seal("c", new byte[0]);
    clock.set(T0 - 2_001 - 2_001);
    assertEquals(Reason.FROM_THE_FUTURE, reasonOf(o, "c", future));
    // the clock jumps back to T0: `old` is young again by the wall clock, but the opener has
    // already seen T0 + 30 s, so it stays expired
    clock.set(T0);
    assertEquals(Reason.EXPIRED, reasonOf(o, "c", old));
  }

  @Test
  void rotation_oldKeyStillOpens_untilDisabled() throws Exception {
    KeysetHandle k1 = EnvelopeKeys.newKeyset();
    byte[] oldEnv = Sealer.builder(EnvelopeKeys.from(k1)).session("s").direction(Direction.UI_TO_BACKEND)
        .clock(clock).build().seal("c", new byte[] {9});
    KeysetHandle k2 = EnvelopeKeys.rotate(k1);
    EnvelopeKeys rotated = EnvelopeKeys.from(k2);
    assertNotEquals(EnvelopeKeys.from(k1).primaryId(), rotated.primaryId());
    Opener o = Opener.builder(rotated).session("s").direction(Direction.UI_TO_BACKEND).clock(clock).build();
    assertArrayEquals(new byte[] {9}, o.open("c", oldEnv));
    int oldId = EnvelopeKeys.from(k1).primaryId();
    KeysetHandle k3 = EnvelopeKeys.disable(k2, oldId);
    Opener o3 = Opener.builder(EnvelopeKeys.from(k3)).session("s").direction(Direction.UI_TO_BACKEND)
        .clock(clock).build();
    assertEquals(Reason.DISABLED_KEY, reasonOf(o3, "c", oldEnv));
    Opener other = Opener.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset())).session("s")
        .direction(Direction.UI_TO_BACKEND).clock(clock).build();
    assertEquals(Reason.UNKNOWN_KEY, reasonOf(other, "c", oldEnv));
    assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.disable(k3, rotated.primaryId()));
  }

  @Test
  void nonceLimit_isEnforced() throws Exception {
    Sealer s = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).encrypted(true)
        .maxMessagesPerKey(3).build();
    for (int i = 0; i < 3; i++) {
      s.seal("c", new byte[0]);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.seal("c", new byte[0]));
    assertTrue(e.getMessage().contains("rotate"), e.getMessage());
  }

  @Test
  void tooLarge_isCheckedBeforeAnythingElse() throws Exception {
    Sealer s = sealer("s", Direction.UI_TO_BACKEND, false);
    Opener small = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).clock(clock)
        .maxPayloadBytes(10).build();
    assertEquals(Reason.TOO_LARGE, reasonOf(small, "c", s.seal("c", new byte[11])));
    // a huge length field in a short envelope: rejected without allocating it
    byte[] env = s.seal("c", new byte[1]);
    env[46] = (byte) 0x7f;
    assertEquals(Reason.TOO_LARGE, reasonOf(small, "c", env));
    String huge = "A".repeat(1 << 21);
    assertEquals(Reason.TOO_LARGE,
        assertThrows(EnvelopeException.class, () -> small.openText("c", huge)).reason());
  }

  @Test
  void messages_neverLeakSecrets() throws Exception {
    Sealer s = sealer("s", Direction.UI_TO_BACKEND, false);
    byte[] env = s.seal("c", "payload-marker".getBytes(StandardCharsets.US_ASCII));
    env[env.length - 1] ^= 1;
    EnvelopeException e = assertThrows(EnvelopeException.class,
        () -> opener("s", Direction.UI_TO_BACKEND, false).open("c", env));
    String hex = java.util.HexFormat.of().formatHex(env);
    assertFalse(e.getMessage().contains("payload-marker"));
    assertFalse(e.getMessage().contains(hex.substring(hex.length() - 16)));
    assertFalse(e.getMessage().contains(hex.substring(12, 44)), "salt in message");
    assertFalse(keys.toString().matches(".*[0-9a-f]{32}.*"));
  }

  @Test
  void builders_rejectBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> Sealer.builder(keys).direction(Direction.UI_TO_BACKEND).build());
    assertThrows(IllegalArgumentException.class, () -> Sealer.builder(keys).session("s").build());
    assertThrows(IllegalArgumentException.class,
        () -> Sealer.builder(keys).session("x".repeat(257)).direction(Direction.UI_TO_BACKEND).build());
    assertThrows(IllegalArgumentException.class,
        () -> Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).maxAge(Duration.ZERO).build());
    assertThrows(IllegalArgumentException.class,
        () -> Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).maxMessagesPerKey(0).build());
    assertThrows(IllegalArgumentException.class, () -> Sealer.builder(keys).session("s")
        .direction(Direction.UI_TO_BACKEND).maxMessagesPerKey((1L << 32) + 1).build());
    assertThrows(IllegalArgumentException.class, () -> Opener.builder(keys).direction(Direction.UI_TO_BACKEND).build());
    assertThrows(IllegalArgumentException.class, () -> Opener.builder(keys).session("s").build());
    assertThrows(IllegalArgumentException.class, () -> Opener.builder(keys).session("s")
        .direction(Direction.UI_TO_BACKEND).maxFutureSkew(Duration.ofMillis(-1)).build());
    assertThrows(IllegalArgumentException.class, () -> Opener.builder(keys).session("s")
        .direction(Direction.UI_TO_BACKEND).maxPayloadBytes(-1).build());
    assertThrows(IllegalArgumentException.class, () -> Opener.builder(keys).session("s")
        .direction(Direction.UI_TO_BACKEND).maxPayloadBytes((1 << 30) + 1).build());
  }

  /** The limits themselves are accepted: each check is exactly at its edge. */
  @Test
  void builders_acceptTheEdgesOfEachRange() throws Exception {
    Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).maxMessagesPerKey(1L << 32).build();
    Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).maxMessagesPerKey(1).build();
    Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).maxAge(Duration.ofMillis(1))
        .maxFutureSkew(Duration.ZERO).maxPayloadBytes(0).build();
    Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND)
        .maxAge(Duration.ofMillis(8_640_000_000_000_000L)).maxFutureSkew(Duration.ofMillis(8_640_000_000_000_000L))
        .maxPayloadBytes(1 << 30).build();
  }

  @Test
  void keysetWithForeignKeyType_isRefused() throws Exception {
    KeysetHandle aead = KeysetHandle.generateNew(com.google.crypto.tink.aead.PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
    assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.from(aead));
  }

  /** Many threads open the same envelope at once: exactly one gets the payload. */
  @Test
  void concurrentReplay_exactlyOneWinner() throws Exception {
    Sealer s = sealer("s", Direction.UI_TO_BACKEND, false);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        Opener o = opener("s", Direction.UI_TO_BACKEND, false);
        byte[] env = s.seal("c", new byte[] {1});
        AtomicInteger winners = new AtomicInteger();
        Set<Reason> reasons = ConcurrentHashMap.newKeySet();
        java.util.List<Future<?>> fs = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
          fs.add(pool.submit(() -> {
            try {
              o.open("c", env);
              winners.incrementAndGet();
            } catch (EnvelopeException e) {
              reasons.add(e.reason());
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, winners.get(), "round " + round);
        assertEquals(Set.of(Reason.REPLAYED), reasons);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
