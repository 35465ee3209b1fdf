package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.otp.internal.InMemoryTokenStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import dev.otpkit.testsupport.Cases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OneTimeTokensTest {

  private static final Scope DELETE = new Scope("confirm-delete", "session-1");
  private final ManualClock clock = new ManualClock(1_764_000_000_000L);

  private OneTimeTokens tokens(TokenStore store) {
    return OneTimeTokens.builder().store(store).clock(clock).build();
  }

  private static TokenException.Reason reason(OneTimeTokens t, String token, Scope scope) {
    return assertThrows(TokenException.class, () -> t.redeem(token, scope)).reason();
  }

  @Test
  void redeemsExactlyOnce() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    IssuedToken token = t.issue(DELETE);
    t.redeem(token.value(), DELETE);
    assertEquals(TokenException.Reason.ALREADY_USED, reason(t, token.value(), DELETE));
  }

  @Test
  void valueIs256RandomBits_withTypePrefix_andDistinct() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10_000));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String v = t.issue(DELETE).value();
      assertTrue(v.startsWith("otk_"), v);
      assertEquals(32, Base64.getUrlDecoder().decode(v.substring(4)).length);
      assertTrue(seen.add(v));
    }
  }

  @Test
  void ttl_defaultFiveMinutes_perCall_andPerScopeResolver() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    IssuedToken def = t.issue(DELETE);
    assertEquals(clock.instant().plus(Duration.ofMinutes(5)), def.expiresAt());
    IssuedToken shortLived = t.issue(DELETE, Duration.ofSeconds(10));
    clock.advance(10_000);
    assertEquals(TokenException.Reason.EXPIRED, reason(t, shortLived.value(), DELETE));
    t.redeem(def.value(), DELETE);

    OneTimeTokens resolved = OneTimeTokens.builder().clock(clock)
        .ttlResolver(s -> s.purpose().equals("login") ? Duration.ofSeconds(30) : Duration.ofHours(1)).build();
    assertEquals(clock.instant().plusSeconds(30), resolved.issue(new Scope("login", "u")).expiresAt());
    assertEquals(clock.instant().plusSeconds(3600), resolved.issue(DELETE).expiresAt());
    assertThrows(IllegalArgumentException.class, () -> resolved.issue(DELETE, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> resolved.issue(DELETE, Duration.ofDays(31)));
  }

  /** A clock that steps back (NTP, a VM restored) does not revive an expired token. */
  @Test
  void clockSteppingBack_doesNotReviveAnExpiredToken() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    IssuedToken token = t.issue(DELETE, Duration.ofSeconds(10));
    IssuedToken other = t.issue(DELETE, Duration.ofMinutes(1));
    clock.advance(10_000);
    t.redeem(other.value(), DELETE); // the service reads the clock when the first token expires
    clock.advance(-60_000);
    assertEquals(TokenException.Reason.EXPIRED, reason(t, token.value(), DELETE));
    // time stands at its highest reading until the clock passes it again
    assertEquals(token.expiresAt().plusSeconds(20), t.issue(DELETE, Duration.ofSeconds(20)).expiresAt());
  }

  /** A time to live that rounds to 0 ms would issue a token born expired: refused, wherever it comes from. */
  @Test
  void ttlUnderOneMillisecond_isRefused() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    for (Duration ttl : new Duration[] {Duration.ofNanos(1), Duration.ofNanos(999_999), Duration.ZERO,
        Duration.ofMillis(-1), Duration.ofDays(30).plusMillis(1), null}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.issue(DELETE, ttl));
      assertTrue(e.getMessage().contains("[1 ms, 30 days]"), e.getMessage());
    }
    assertEquals(clock.instant().plusMillis(1), t.issue(DELETE, Duration.ofNanos(1_000_000)).expiresAt());
    assertEquals(clock.instant().plus(Duration.ofDays(30)), t.issue(DELETE, Duration.ofDays(30)).expiresAt());
    OneTimeTokens resolved = OneTimeTokens.builder().clock(clock).ttlResolver(s -> Duration.ofNanos(1)).build();
    assertThrows(IllegalArgumentException.class, () -> resolved.issue(DELETE));
    assertThrows(IllegalArgumentException.class, () -> TtlResolver.fixed(Duration.ofNanos(1)));
    assertThrows(IllegalArgumentException.class, () -> TtlResolver.fixed(null));
  }

  @Test
  void wrongScope_failsAndBurnsTheToken() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    IssuedToken token = t.issue(DELETE);
    assertEquals(TokenException.Reason.WRONG_SCOPE, reason(t, token.value(), new Scope("confirm-delete", "session-2")));
    assertEquals(TokenException.Reason.ALREADY_USED, reason(t, token.value(), DELETE));
  }

  @Test
  void unknownAndMalformed() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    String other = tokens(TokenStore.inMemory(10)).issue(DELETE).value();
    assertEquals(TokenException.Reason.UNKNOWN, reason(t, other, DELETE));
    for (String bad : new String[] {null, "", "otk_", "xyz_" + other.substring(4), other + "A",
        other.substring(0, 46) + "=", other.substring(0, 46) + "B" /* non-canonical last char */,
        other.substring(0, 46) + "b", other.substring(0, 46) + "1", other.substring(0, 46) + "_",
        "otk_" + "*".repeat(43), "otk_" + "A".repeat(1_000_000)}) {
      assertEquals(TokenException.Reason.MALFORMED, reason(t, bad, DELETE), String.valueOf(bad).length() + "");
    }
  }

  static java.util.stream.LongStream arbitraryText_isRejectedWithAReasonOnly() {
    return Cases.of("arbitraryText_isRejectedWithAReasonOnly", 300);
  }

  /** Any text: a reason, never an exception or a redemption (seeded cases, the empty text first). */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void arbitraryText_isRejectedWithAReasonOnly(long seed) {
    java.util.Random random = new java.util.Random(seed);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder sb = new StringBuilder(random.nextInt(3) == 0 ? "otk_" : "");
    int length = Cases.intIn(random, seed, 0, 80);
    boolean tokenAlphabet = random.nextBoolean(); // well-formed looking tokens as well as any Unicode
    for (int i = 0; i < length; i++) {
      if (tokenAlphabet) {
        sb.append(alphabet.charAt(random.nextInt(64)));
      } else {
        sb.appendCodePoint(random.nextInt(3) == 0 ? random.nextInt(0x80) : random.nextInt(0xd800));
      }
    }
    String text = seed == Cases.SECOND ? "otk_" + "A".repeat(43) : sb.toString();
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    TokenException.Reason r = reason(t, text, DELETE);
    assertTrue(r == TokenException.Reason.MALFORMED || r == TokenException.Reason.UNKNOWN, r.id());
  }

  @Test
  void storeHoldsDigestsOnly() throws Exception {
    InMemoryTokenStore store = (InMemoryTokenStore) TokenStore.inMemory(100);
    OneTimeTokens t = tokens(store);
    IssuedToken token = t.issue(DELETE);
    byte[] raw = Base64.getUrlDecoder().decode(token.value().substring(4));
    String rawHex = HexFormat.of().formatHex(raw);
    String digestHex = HexFormat.of().formatHex(OneTimeTokens.digest(raw));
    assertEquals(List.of(new InMemoryTokenStore.Entry(digestHex, DELETE, token.expiresAt().toEpochMilli(), false)),
        store.snapshot());
    t.redeem(token.value(), DELETE);
    assertEquals(List.of(new InMemoryTokenStore.Entry(digestHex, null, 0, true)), store.snapshot());
    for (InMemoryTokenStore.Entry e : store.snapshot()) {
      String dump = e.toString();
      assertFalse(dump.contains(rawHex), "raw token bytes in the store");
      assertFalse(dump.contains(token.value().substring(4)), "token text in the store");
    }
  }

  @Test
  void flood_storeStaysBounded_failsClosed_andRecoversAfterExpiry() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(1000));
    int issued = 0;
    int full = 0;
    for (int i = 0; i < 100_000; i++) {
      try {
        t.issue(DELETE, Duration.ofSeconds(60));
        issued++;
      } catch (TokenException e) {
        assertEquals(TokenException.Reason.STORE_FULL, e.reason());
        full++;
      }
    }
    assertEquals(1000, issued);
    assertEquals(99_000, full);
    clock.advance(60_000); // all expired: sweeping on the issuing thread frees the store
    t.issue(DELETE);
  }

  /**
   * At capacity a refusal looks at the soonest expiry only, never at the other entries, and a
   * redeem never sweeps: both cost the same at any fill level. Once entries expire, the next issue
   * takes off exactly those, plus a look at the first one still live.
   */
  @Test
  void refusalsAndRedeems_atCapacity_examineNoEntries() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore(10_000);
    OneTimeTokens t = tokens(store);
    for (int i = 0; i < 10_000; i++) {
      t.issue(DELETE, i < 10 ? Duration.ofSeconds(1) : Duration.ofMinutes(1));
    }
    String unknown = tokens(TokenStore.inMemory(1)).issue(DELETE).value();
    long before = store.entriesExamined();
    for (int i = 0; i < 2_000; i++) {
      assertEquals(TokenException.Reason.STORE_FULL,
          assertThrows(TokenException.class, () -> t.issue(DELETE)).reason());
      assertEquals(TokenException.Reason.UNKNOWN, reason(t, unknown, DELETE));
    }
    // a refusal looks at the head of each of the few expiry lists (4), never at the 10,000 entries
    long examined = store.entriesExamined() - before;
    assertTrue(examined <= 5 * 2_000, examined + " entries examined by 2,000 refusals and 2,000 redeems");

    clock.advance(1_000);
    before = store.entriesExamined();
    t.issue(DELETE);
    assertEquals(11, store.entriesExamined() - before, "the 10 expired entries and the next one");
    assertEquals(9_991, store.size());
  }

  /**
   * Redeemed tokens free their place at once; the memory of used digests is bounded too, and when
   * it forgets one, a replay of that token is still rejected (as unknown).
   */
  @Test
  void redeemedTokensFreeTheStore_andForgottenOnesStayRejected() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(2));
    String first = t.issue(DELETE).value();
    t.redeem(first, DELETE);
    for (int i = 0; i < 10; i++) {
      t.redeem(t.issue(DELETE).value(), DELETE);
    }
    assertEquals(TokenException.Reason.UNKNOWN, reason(t, first, DELETE));
    String recent = t.issue(DELETE).value();
    t.redeem(recent, DELETE);
    assertEquals(TokenException.Reason.ALREADY_USED, reason(t, recent, DELETE));
  }

  @Test
  void defaultStore_holdsMaxLiveTokens() throws Exception {
    OneTimeTokens t = OneTimeTokens.builder().clock(clock).maxLiveTokens(2).build();
    t.issue(DELETE);
    t.issue(DELETE);
    assertEquals(TokenException.Reason.STORE_FULL, assertThrows(TokenException.class, () -> t.issue(DELETE)).reason());
    assertThrows(IllegalArgumentException.class, () -> OneTimeTokens.builder().maxLiveTokens(0).build());
    OneTimeTokens.builder().maxLiveTokens(1).build().issue(DELETE);
  }

  @Test
  void pluggableGenerator_isUsed_andShortValuesRefused() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    OneTimeTokens t = OneTimeTokens.builder().generator(() -> {
      calls.incrementAndGet();
      byte[] b = new byte[32];
      b[0] = (byte) calls.get();
      return b;
    }).build();
    IssuedToken token = t.issue(DELETE);
    assertEquals(1, calls.get());
    assertEquals(1, Base64.getUrlDecoder().decode(token.value().substring(4))[0]);
    OneTimeTokens weak = OneTimeTokens.builder().generator(() -> new byte[16]).build();
    assertEquals("a token generator must return 32 bytes, got 16",
        assertThrows(IllegalArgumentException.class, () -> weak.issue(DELETE)).getMessage());
    OneTimeTokens none = OneTimeTokens.builder().generator(() -> null).build();
    assertEquals("a token generator must return 32 bytes, got null",
        assertThrows(IllegalArgumentException.class, () -> none.issue(DELETE)).getMessage());
  }

  /** A generator that repeats a value is caught: the store never overwrites, and keeps no slot for the refusal. */
  @Test
  void repeatedValue_isRefused_andHoldsNoSlot() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore(2);
    OneTimeTokens t = OneTimeTokens.builder().store(store).clock(clock).generator(() -> new byte[32]).build();
    String token = t.issue(DELETE).value();
    assertEquals("token digest already stored",
        assertThrows(IllegalStateException.class, () -> t.issue(DELETE)).getMessage());
    assertEquals(1, store.size());
    t.redeem(token, DELETE);
    assertEquals(0, store.size());
  }

  /** The generator's array is wiped once the token text is made: the value lives on in the caller's hands only. */
  @Test
  void generatorArray_isWipedAfterIssue() throws Exception {
    byte[] value = new byte[32];
    value[0] = 42;
    OneTimeTokens t = OneTimeTokens.builder().clock(clock).generator(() -> value).build();
    assertEquals(42, Base64.getUrlDecoder().decode(t.issue(DELETE).value().substring(4))[0]);
    assertEquals(0, value[0]);
  }

  @Test
  void messages_sayTheReason_andAtMostWhatWasWrongWithTheForm() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    String other = tokens(TokenStore.inMemory(1)).issue(DELETE).value();
    assertEquals("rejected: unknown", assertThrows(TokenException.class, () -> t.redeem(other, DELETE)).getMessage());
    assertEquals("rejected: malformed (not base64url)",
        assertThrows(TokenException.class, () -> t.redeem("otk_" + "*".repeat(43), DELETE)).getMessage());
    assertEquals("rejected: malformed (not otk_ and 43 characters)",
        assertThrows(TokenException.class, () -> t.redeem("otk_", DELETE)).getMessage());
    OneTimeTokens one = tokens(TokenStore.inMemory(1));
    one.issue(DELETE);
    assertEquals("rejected: store-full (the store holds 1 unexpired tokens)",
        assertThrows(TokenException.class, () -> one.issue(DELETE)).getMessage());
  }

  @Test
  void toString_andMessages_neverShowTheToken() throws Exception {
    OneTimeTokens t = tokens(TokenStore.inMemory(10));
    IssuedToken token = t.issue(DELETE);
    assertEquals("IssuedToken{scope=" + DELETE + ", expiresAt=" + token.expiresAt() + "}", token.toString());
    t.redeem(token.value(), DELETE);
    TokenException e = assertThrows(TokenException.class, () -> t.redeem(token.value(), DELETE));
    assertFalse(e.getMessage().contains(token.value().substring(4, 20)));
  }
}
