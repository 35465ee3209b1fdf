package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneShotHandlesTest {

  private final ManualClock clock = new ManualClock(1_764_000_000_000L);
  private final OneShotHandles handles = OneShotHandles.builder().clock(clock).maxLive(100).build();

  private HandleException.Reason reason(String handle) {
    return assertThrows(HandleException.class, () -> handles.fire(handle, new byte[0])).reason();
  }

  @Test
  void firesOnce_thenDead() throws Exception {
    List<byte[]> got = new ArrayList<>();
    String h = handles.register(got::add);
    handles.fire(h, new byte[] {7});
    assertEquals(1, got.size());
    assertEquals(7, got.get(0)[0]);
    assertEquals(HandleException.Reason.ALREADY_FIRED, reason(h));
    assertEquals(1, got.size());
  }

  @Test
  void handlesAre128RandomBits_andDistinct() throws Exception {
    Set<String> seen = new HashSet<>();
    OneShotHandles many = OneShotHandles.builder().maxLive(5000).build();
    for (int i = 0; i < 2000; i++) {
      String h = many.register(v -> { });
      assertTrue(h.startsWith("osh_"));
      assertEquals(16, Base64.getUrlDecoder().decode(h.substring(4)).length);
      assertTrue(seen.add(h));
    }
  }

  @Test
  void expires() throws Exception {
    String h = handles.register(v -> { }, Duration.ofSeconds(5));
    clock.advance(5_000);
    assertEquals(HandleException.Reason.EXPIRED, reason(h));
  }

  @Test
  void pair_firingOneCancelsTheOther() throws Exception {
    List<String> calls = new ArrayList<>();
    OneShotHandles.Pair p = handles.registerPair(v -> calls.add("resolve"), v -> calls.add("reject"), Duration.ofMinutes(1));
    assertEquals("OneShotHandles.Pair", p.toString(), "never the handles");
    handles.fire(p.reject(), new byte[0]);
    assertEquals(HandleException.Reason.CANCELLED, reason(p.resolve()));
    assertEquals(HandleException.Reason.ALREADY_FIRED, reason(p.reject()));
    assertEquals(List.of("reject"), calls);
  }

  @Test
  void unknownAndMalformed() {
    assertEquals(HandleException.Reason.UNKNOWN, reason("osh_AAAAAAAAAAAAAAAAAAAAAA"));
    // 22 characters carry 132 bits for 128: the last one's four low bits are zero ('A', 'Q', 'g', 'w')
    assertEquals(HandleException.Reason.UNKNOWN, reason("osh_-_AAAAAAAAAAAAAAAAAAAw"));
    for (String bad : new String[] {null, "", "osh_", "osh_AAAA", "xxx_AAAAAAAAAAAAAAAAAAAAAA", "x".repeat(100_000),
        "osh_AAAAAAAAAAAAAAAAAAAAA*", "osh_*AAAAAAAAAAAAAAAAAAAAA", "osh_AAAAAAAAAA AAAAAAAAAAA",
        "osh_AAAAAAAAAAAAAAAAAAAA==", "osh_AAAAAAAAAAAAAAAAAAAA+/", "osh_AAAAAAAAAAAAAAAAAAAAAB",
        "osh_AAAAAAAAAAAAAAAAAAAAAP", "osh_AAAAAAAAAAAAAAAAAAAAA_", "osh_AAAAAAAAAAAAAAAAAAAAA\u00e9",
        "osh_AAAAAAAAAAAAAAAAAAAAAb", "osh_AAAAAAAAAAAAAAAAAAAAA1"}) {
      HandleException.Reason r = reason(bad);
      assertEquals(HandleException.Reason.MALFORMED, r, String.valueOf(bad));
    }
  }

  @Test
  void messages_sayTheReason_andAtMostWhatWasWrongWithTheForm() throws Exception {
    assertEquals("rejected: unknown", assertThrows(HandleException.class,
        () -> handles.fire("osh_AAAAAAAAAAAAAAAAAAAAAA", new byte[0])).getMessage());
    assertEquals("rejected: malformed (non-canonical base64url)", assertThrows(HandleException.class,
        () -> handles.fire("osh_AAAAAAAAAAAAAAAAAAAAAB", new byte[0])).getMessage());
    OneShotHandles two = OneShotHandles.builder().clock(clock).maxLive(2).build();
    two.registerPair(v -> { }, v -> { }, Duration.ofMinutes(1));
    assertEquals("rejected: full (the registry holds its maximum of live handles)",
        assertThrows(HandleException.class, () -> two.register(v -> { })).getMessage());
  }

  /** The registry keeps SHA-256 digests: nothing reachable from it spells a live or fired handle. */
  @Test
  void registryHoldsDigestsOnly() throws Exception {
    String live = handles.register(v -> { });
    String fired = handles.register(v -> { });
    OneShotHandles.Pair pair = handles.registerPair(v -> { }, v -> { }, Duration.ofMinutes(1));
    handles.fire(fired, new byte[0]);
    handles.fire(pair.reject(), new byte[0]);
    List<String> found = new ArrayList<>();
    for (String h : List.of(live, fired, pair.resolve(), pair.reject())) {
      found.addAll(ObjectGraph.find(handles, h.substring(4), Base64.getUrlDecoder().decode(h.substring(4))));
    }
    assertEquals(List.of(), found);
    // the walk does reach what the registry keeps: the digests of live and dead handles
    for (String h : List.of(live, fired)) {
      byte[] digest = OneTimeTokens.digest(Base64.getUrlDecoder().decode(h.substring(4)));
      assertFalse(ObjectGraph.find(handles, "\u0000", digest).isEmpty(), "digest not found: the walk misses entries");
    }
  }

  /** A clock that steps back does not revive an expired handle. */
  @Test
  void clockSteppingBack_doesNotReviveAnExpiredHandle() throws Exception {
    List<byte[]> got = new ArrayList<>();
    String h = handles.register(got::add, Duration.ofSeconds(5));
    clock.advance(5_000);
    assertEquals(HandleException.Reason.EXPIRED, reason(h));
    clock.advance(-60_000);
    assertEquals(HandleException.Reason.EXPIRED, reason(h));
    assertEquals(0, got.size());
  }

  /** A time to live that rounds to 0 ms would register a handle born expired: refused, default included. */
  @Test
  void ttlUnderOneMillisecond_isRefused() throws Exception {
    for (Duration ttl : new Duration[] {Duration.ofNanos(1), Duration.ofNanos(999_999), Duration.ZERO,
        Duration.ofSeconds(-1), Duration.ofDays(31), null}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> handles.register(v -> { }, ttl));
      assertTrue(e.getMessage().contains("[1 ms, 30 days]"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> handles.registerPair(v -> { }, v -> { }, ttl));
      if (ttl != null) {
        assertThrows(IllegalArgumentException.class, () -> OneShotHandles.builder().defaultTtl(ttl).build());
      }
    }
    assertEquals(0, handles.size());
    String h = handles.register(v -> { }, Duration.ofNanos(1_000_000));
    clock.advance(1);
    assertEquals(HandleException.Reason.EXPIRED, reason(h));
    OneShotHandles shortDefault = OneShotHandles.builder().clock(clock).defaultTtl(Duration.ofMillis(1)).build();
    String d = shortDefault.register(v -> { });
    clock.advance(1);
    assertEquals(HandleException.Reason.EXPIRED,
        assertThrows(HandleException.class, () -> shortDefault.fire(d, new byte[0])).reason());
  }

  @Test
  void bounded_failsClosed_recoversAfterExpiry() throws Exception {
    for (int i = 0; i < 100; i++) {
      handles.register(v -> { }, Duration.ofSeconds(1));
    }
    assertEquals(HandleException.Reason.FULL,
        assertThrows(HandleException.class, () -> handles.register(v -> { })).reason());
    clock.advance(1_000);
    handles.register(v -> { });
    assertEquals(1, handles.size());
  }

  /**
   * At capacity a refused registration looks at the soonest expiry only, and a firing never sweeps:
   * both cost the same at any fill level. Once entries expire, the next registration takes off
   * exactly those, plus a look at the first one still live.
   */
  @Test
  void refusalsAndFirings_atCapacity_examineNoEntries() throws Exception {
    OneShotHandles full = OneShotHandles.builder().clock(clock).maxLive(10_000).build();
    for (int i = 0; i < 10; i++) {
      full.register(v -> { }, Duration.ofSeconds(1));
    }
    for (int i = 10; i < 10_000; i += 2) {
      full.registerPair(v -> { }, v -> { }, Duration.ofMinutes(1));
    }
    String unknown = handles.register(v -> { });
    long before = full.entriesExamined();
    for (int i = 0; i < 2_000; i++) {
      assertEquals(HandleException.Reason.FULL,
          assertThrows(HandleException.class, () -> full.register(v -> { })).reason());
      assertEquals(HandleException.Reason.UNKNOWN,
          assertThrows(HandleException.class, () -> full.fire(unknown, new byte[0])).reason());
    }
    // a refusal looks at the head of each of the few expiry lists (4), never at the 10,000 entries
    long examined = full.entriesExamined() - before;
    assertTrue(examined <= 5 * 2_000, examined + " entries examined by 2,000 refusals and 2,000 firings");

    clock.advance(1_000);
    before = full.entriesExamined();
    full.register(v -> { });
    assertEquals(11, full.entriesExamined() - before, "the 10 expired entries and the next one");
    assertEquals(9_991, full.size());
  }

  /** An expired handle leaves the registry with the next registration: no digest of it stays behind. */
  @Test
  void expiredHandles_leaveTheRegistry() throws Exception {
    String h = handles.register(v -> { }, Duration.ofSeconds(1));
    OneShotHandles.Pair p = handles.registerPair(v -> { }, v -> { }, Duration.ofSeconds(1));
    clock.advance(1_000);
    handles.register(v -> { });
    assertEquals(1, handles.size());
    for (String gone : List.of(h, p.resolve(), p.reject())) {
      byte[] digest = OneTimeTokens.digest(Base64.getUrlDecoder().decode(gone.substring(4)));
      assertEquals(List.of(), ObjectGraph.find(handles, "\u0000", digest));
      assertEquals(HandleException.Reason.UNKNOWN, reason(gone));
    }
  }

  /**
   * A fired handle, or a pair one half of which fired, leaves the count at once. The last maxLive
   * dead handles are remembered for a precise reason; an older one is forgotten and reads unknown.
   */
  @Test
  void firedHandles_freeTheirPlaceAtOnce_andStayDead() throws Exception {
    OneShotHandles two = OneShotHandles.builder().clock(clock).maxLive(2).build();
    String h = two.register(v -> { });
    two.fire(h, new byte[0]);
    assertEquals(0, two.size());
    assertEquals(HandleException.Reason.ALREADY_FIRED,
        assertThrows(HandleException.class, () -> two.fire(h, new byte[0])).reason());
    OneShotHandles.Pair p = two.registerPair(v -> { }, v -> { }, Duration.ofMinutes(1));
    assertEquals(2, two.size());
    two.fire(p.resolve(), new byte[0]);
    assertEquals(0, two.size());
    String next = two.register(v -> { });
    assertEquals(HandleException.Reason.ALREADY_FIRED,
        assertThrows(HandleException.class, () -> two.fire(p.resolve(), new byte[0])).reason());
    assertEquals(HandleException.Reason.CANCELLED,
        assertThrows(HandleException.class, () -> two.fire(p.reject(), new byte[0])).reason());
    assertEquals(HandleException.Reason.UNKNOWN,
        assertThrows(HandleException.class, () -> two.fire(h, new byte[0])).reason(), "forgotten, still dead");
    two.fire(next, new byte[0]);
  }

  @Test
  void callbackException_reachesCaller_butHandleIsSpent() throws Exception {
    String h = handles.register(v -> {
      throw new IllegalStateException("boom");
    });
    assertThrows(IllegalStateException.class, () -> handles.fire(h, new byte[0]));
    assertEquals(HandleException.Reason.ALREADY_FIRED, reason(h));
  }

  @Test
  void callbackMayRegisterHandles() throws Exception {
    List<String> inner = new ArrayList<>();
    String h = handles.register(v -> {
      try {
        inner.add(handles.register(x -> { }));
      } catch (HandleException e) {
        throw new IllegalStateException(e);
      }
    });
    handles.fire(h, new byte[0]);
    handles.fire(inner.get(0), new byte[0]);
  }
}
