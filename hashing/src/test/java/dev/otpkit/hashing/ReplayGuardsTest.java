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
    assertEquals(Reason.OUT_OF_WINDOW, reject(g, "s", 6, SALT, 0, 0));
    g.accept("s", 8, SALT, 0, 0); // 63 behind: still inside
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
}
