package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReplayGuardsTest {

  private static final byte[] SALT = new byte[16];

  private static Reason reject(ReplayGuard g, String stream, long seq, byte[] salt, long expires, long now) {
    return assertThrows(EnvelopeException.class, () -> g.accept(stream, seq, salt, expires, now)).reason();
  }

  private static byte[] salt(int i) {
    byte[] s = new byte[16];
    s[0] = (byte) i;
    s[1] = (byte) (i >>> 8);
    s[2] = (byte) (i >>> 16);
    return s;
  }

  @Test
  void window_acceptsEachNumberOnce_inAnyOrderWithinWindow() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 1);
    for (long seq : new long[] {10, 5, 70, 7, 69, 71}) {
      g.accept("s", seq, SALT, 0, 0);
    }
    for (long seq : new long[] {10, 70, 69, 71}) {
      assertEquals(Reason.REPLAYED, reject(g, "s", seq, SALT, 0, 0));
    }
    // 71 is the top: 7 (accepted earlier) is now 64 behind, outside a 64-bit window
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 7, SALT, 0, 0));
    // 6 left the window without being seen: it is late, accepted once
    g.accept("s", 6, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 6, SALT, 0, 0));
    g.accept("s", 8, SALT, 0, 0); // 63 behind: still inside
    assertEquals(Reason.REPLAYED, reject(g, "s", 8, SALT, 0, 0));
  }

  @Test
  void window_bigJumpForgetsEverythingBehindIt() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(128, 1);
    g.accept("s", 1, SALT, 0, 0);
    g.accept("s", 1_000_000, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 1, SALT, 0, 0));
    g.accept("s", 1_000_000 - 127, SALT, 0, 0);
    assertEquals(Reason.REPLAYED, reject(g, "s", 1_000_000 - 127, SALT, 0, 0));
  }

  @Test
  void window_slidesAcrossWordBoundaries() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(256, 1);
    for (long seq = 0; seq < 1000; seq += 3) {
      g.accept("s", seq, SALT, 0, 0);
    }
    for (long seq = 999 - 255; seq < 1000; seq++) {
      if (seq % 3 == 0) {
        assertEquals(Reason.REPLAYED, reject(g, "s", seq, SALT, 0, 0), "seq " + seq);
      } else {
        g.accept("s", seq, SALT, 0, 0);
      }
    }
  }

  @Test
  void window_sequenceNumbersAreUnsigned() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 1);
    g.accept("s", Long.MAX_VALUE, SALT, 0, 0);
    g.accept("s", Long.MIN_VALUE, SALT, 0, 0); // 2^63: above 2^63 - 1
    assertEquals(Reason.REPLAYED, reject(g, "s", Long.MAX_VALUE, SALT, 0, 0));
    g.accept("s", -1L, SALT, 0, 0); // 2^64 - 1
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", Long.MAX_VALUE, SALT, 0, 0));
  }

  @Test
  void window_streamsAreSeparate_andBounded_failingClosed() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 2);
    g.accept("a", 1, SALT, 0, 0);
    g.accept("b", 1, SALT, 0, 0);
    assertEquals(Reason.REPLAY_STATE_FULL, reject(g, "c", 1, SALT, 0, 0));
    g.accept("a", 2, SALT, 0, 0);
  }

  @Test
  void saltCache_rejectsRepeats_sweepsExpired_failsClosedWhenFull() throws Exception {
    ReplayGuard g = ReplayGuards.saltCache(3);
    g.accept("s", 0, salt(1), 100, 0);
    g.accept("s", 0, salt(2), 100, 0);
    g.accept("s", 0, salt(3), 200, 0);
    assertEquals(Reason.REPLAYED, reject(g, "s", 0, salt(1), 100, 50));
    assertEquals(Reason.REPLAY_STATE_FULL, reject(g, "s", 0, salt(4), 300, 50));
    // at 150 the first two have expired: they are swept and the new salt fits
    g.accept("s", 0, salt(4), 300, 150);
    g.accept("s", 0, salt(5), 300, 150);
    assertEquals(Reason.REPLAY_STATE_FULL, reject(g, "s", 0, salt(6), 300, 150));
    assertEquals(Reason.REPLAYED, reject(g, "s", 0, salt(3), 200, 150));
  }

  @Test
  void saltCache_floodOfFreshSalts_staysBounded() throws Exception {
    ReplayGuard g = ReplayGuards.saltCache(1000);
    int accepted = 0;
    int full = 0;
    for (int i = 0; i < 50_000; i++) {
      try {
        g.accept("s", i, salt(i), Long.MAX_VALUE, 0);
        accepted++;
      } catch (EnvelopeException e) {
        assertEquals(Reason.REPLAY_STATE_FULL, e.reason());
        full++;
      }
    }
    assertEquals(1000, accepted);
    assertEquals(49_000, full);
  }

  @Test
  void both_requiresBoth() throws Exception {
    ReplayGuard g = ReplayGuards.both(ReplayGuards.sequenceWindow(64, 1), ReplayGuards.saltCache(10));
    g.accept("s", 1, salt(1), 100, 0);
    assertEquals(Reason.REPLAYED, reject(g, "s", 2, salt(1), 100, 0));
  }

  @Test
  void badSizes_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(100, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(192, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(64, 0));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.saltCache(0));
  }

  /** The window holds top and the W - 1 numbers below it: W - 1 behind is in, W behind is out. */
  @Test
  void window_edges_areExact() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(1024, 0, 1); // no late list: the bare window
    g.accept("s", 5000, SALT, 0, 0);
    g.accept("s", 5000 - 1023, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 5000 - 1024, SALT, 0, 0));
  }

  /** Slots reused after a slide start clear: numbers that take an old number's slot are new. */
  @Test
  void window_slideClearsTheSlotsItPassesOver() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 1);
    for (long seq = 0; seq < 64; seq++) {
      g.accept("s", seq, SALT, 0, 0);
    }
    g.accept("s", 100, SALT, 0, 0); // slots of 0..36 now belong to 64..100
    for (long seq = 64; seq < 100; seq++) {
      g.accept("s", seq, SALT, 0, 0);
    }
    for (long seq = 37; seq < 64; seq++) {
      assertEquals(Reason.REPLAYED, reject(g, "s", seq, SALT, 0, 0), "seq " + seq);
    }
  }

  /**
   * An envelope held back while the window moves far past it (a descheduled thread) is accepted
   * once, however far behind; a number that was accepted before it left the window is not.
   */
  @Test
  void window_lateNumbers_acceptedOnce_farBehind() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 1);
    g.accept("s", 1000, SALT, 0, 0);
    for (long seq = 1002; seq < 100_000; seq++) {
      g.accept("s", seq, SALT, 0, 0);
    }
    g.accept("s", 1001, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 1001, SALT, 0, 0));
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 1000, SALT, 0, 0));
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 5000, SALT, 0, 0));
  }

  /** At most maxLate numbers are remembered; one more forgets the lowest, which then fails closed. */
  @Test
  void window_lateList_isBounded_lowestForgottenFirst() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 3, 1);
    g.accept("s", 1000, SALT, 0, 0); // floor 937: 937..999 join the late list as one run...
    g.accept("s", 2000, SALT, 0, 0); // ...and leave it again, all but the 3 highest
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 996, SALT, 0, 0));
    g.accept("s", 997, SALT, 0, 0);
    g.accept("s", 999, SALT, 0, 0);
    g.accept("s", 998, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 998, SALT, 0, 0));
  }

  /** Below the first window of a stream nothing is tracked, so nothing is late there. */
  @Test
  void window_belowTheFloor_isOutOfWindow() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 1);
    g.accept("s", 1000, SALT, 0, 0);
    g.accept("s", 5000, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 936, SALT, 0, 0));
    g.accept("s", 937, SALT, 0, 0);
  }

  @Test
  void lateNumbers_runsSplitAndMerge() {
    ReplayGuards.LateNumbers late = new ReplayGuards.LateNumbers(100);
    for (long n = 10; n < 20; n++) {
      late.add(n);
    }
    late.add(30);
    assertEquals(2, late.runs());
    assertEquals(11, late.size());
    assertEquals(true, late.take(15));
    assertEquals(false, late.take(15));
    assertEquals(3, late.runs());
    assertEquals(true, late.take(10));
    assertEquals(true, late.take(19));
    assertEquals(true, late.take(30));
    assertEquals(false, late.take(20));
    assertEquals(false, late.take(9));
    assertEquals(2, late.runs());
    assertEquals(7, late.size());
    for (long n : new long[] {11, 12, 13, 14, 16, 17, 18}) {
      assertEquals(true, late.take(n), "n " + n);
    }
    assertEquals(0, late.runs());
    assertEquals(0, late.size());
  }

  /** Numbers near 2^64 compare unsigned in the late list too. */
  @Test
  void lateNumbers_areUnsigned() {
    ReplayGuards.LateNumbers late = new ReplayGuards.LateNumbers(10);
    late.add(Long.MAX_VALUE);
    late.add(Long.MIN_VALUE + 2);
    late.add(-2L);
    assertEquals(true, late.take(Long.MIN_VALUE + 2));
    assertEquals(true, late.take(-2L));
    assertEquals(true, late.take(Long.MAX_VALUE));
    assertEquals(0, late.size());
  }

  /** both() consults its first guard: a replayed sequence number with a fresh salt is caught. */
  @Test
  void both_consultsTheFirstGuardToo() throws Exception {
    ReplayGuard g = ReplayGuards.both(ReplayGuards.sequenceWindow(64, 1), ReplayGuards.saltCache(10));
    g.accept("s", 1, salt(1), 100, 0);
    assertEquals(Reason.REPLAYED, reject(g, "s", 1, salt(2), 100, 0));
    // the first guard's rejection stops the second from recording salt 3
    assertEquals(Reason.REPLAYED, reject(g, "s", 1, salt(3), 100, 0));
    g.accept("s", 2, salt(3), 100, 0);
  }

  /** A salt is remembered through its expiry millisecond, the last one the opener accepts it. */
  @Test
  void saltCache_remembersThroughItsExpiryMillisecond() throws Exception {
    ReplayGuard g = ReplayGuards.saltCache(1);
    g.accept("s", 0, salt(1), 100, 0);
    assertEquals(Reason.REPLAYED, reject(g, "s", 0, salt(1), 100, 100));
    assertEquals(Reason.REPLAY_STATE_FULL, reject(g, "s", 0, salt(2), 200, 100));
    g.accept("s", 0, salt(2), 200, 101);
    g.accept("s", 0, salt(1), 300, 201); // long expired: a new envelope may carry it again
    assertEquals(Reason.REPLAYED, reject(g, "s", 0, salt(1), 300, 250));
  }

  /** Refusing a full cache visits no entry when none has expired, at any size. */
  @Test
  void saltCache_refusalWhenFull_visitsNothing() throws Exception {
    ReplayGuards.SaltCache g = (ReplayGuards.SaltCache) ReplayGuards.saltCache(50_000);
    for (int i = 0; i < 50_000; i++) {
      g.accept("s", 0, salt(i), 1_000_000 + i, 0);
    }
    for (int i = 0; i < 10_000; i++) {
      assertEquals(Reason.REPLAY_STATE_FULL, reject(g, "s", 0, salt(60_000 + i), 2_000_000, 5));
    }
    assertEquals(0, g.visited);
    // once some have expired, each expired entry is visited once
    g.accept("s", 0, salt(70_000), 2_000_000, 1_000_010);
    assertEquals(10, g.visited);
  }

  @Test
  void badLateSizes_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(64, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(64, 65537, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(65536 * 2, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuards.sequenceWindow(32, 1));
    ReplayGuards.sequenceWindow(65536, 65536, 1);
    ReplayGuards.sequenceWindow(64, 0, 1);
  }

  /** The floor is the lowest number of the first window: W - 1 below the first, or 0. */
  @Test
  void window_floorIsTheFirstWindowsLowestNumber() throws Exception {
    ReplayGuard at63 = ReplayGuards.sequenceWindow(64, 1);
    at63.accept("s", 63, SALT, 0, 0); // floor 0: 0 is tracked, and late after the jump
    at63.accept("s", 1000, SALT, 0, 0);
    at63.accept("s", 0, SALT, 0, 0);
    ReplayGuard at64 = ReplayGuards.sequenceWindow(64, 1);
    at64.accept("s", 64, SALT, 0, 0); // floor 1: 0 never was
    at64.accept("s", 1000, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(at64, "s", 0, SALT, 0, 0));
    at64.accept("s", 1, SALT, 0, 0);
    ReplayGuard first1000 = ReplayGuards.sequenceWindow(64, 1);
    first1000.accept("s", 1000, SALT, 0, 0);
    assertEquals(Reason.OUT_OF_WINDOW, reject(first1000, "s", 0, SALT, 0, 0));
  }

  /** Near 0 the window reaches below 0 only in arithmetic: nothing there is recorded as late. */
  @Test
  void window_belowZero_isNothing() throws Exception {
    ReplayGuard g = ReplayGuards.sequenceWindow(64, 1);
    g.accept("s", 5, SALT, 0, 0);
    g.accept("s", 1000, SALT, 0, 0);
    for (long n = 0; n < 5; n++) {
      g.accept("s", n, SALT, 0, 0); // the late run 0..4, not a run wrapping from 2^64 - 58
    }
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 2, SALT, 0, 0));
  }

  @Test
  void lateNumbers_dropTheLowestWholeRun_andSplitWhenFull() {
    ReplayGuards.LateNumbers late = new ReplayGuards.LateNumbers(2);
    late.add(1);
    late.add(3);
    late.add(5); // one too many: 1 goes
    assertEquals(2, late.size());
    assertEquals(false, late.take(1));
    assertEquals(true, late.take(3));
    ReplayGuards.LateNumbers full = new ReplayGuards.LateNumbers(100);
    for (long n : new long[] {1, 3, 5, 7, 8, 9}) {
      full.add(n);
    }
    assertEquals(4, full.runs()); // the arrays hold exactly 4 runs: the split must grow them
    assertEquals(true, full.take(8));
    assertEquals(5, full.runs());
    assertEquals(false, full.take(8));
    for (long n : new long[] {1, 3, 5, 7, 9}) {
      assertEquals(true, full.take(n), "n " + n);
    }
    assertEquals(0, full.size());
  }

  /** A salt seen again after its expiry replaces its old entry: the heap holds one entry per salt. */
  @Test
  void saltCache_saltSeenAgainAfterExpiry_dropsItsOldEntry() throws Exception {
    ReplayGuards.SaltCache g = (ReplayGuards.SaltCache) ReplayGuards.saltCache(10);
    g.accept("s", 0, salt(1), 100, 0);
    g.accept("s", 0, salt(1), 300, 200);
    assertEquals(1, g.visited);
  }
}
