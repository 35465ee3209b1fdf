package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.ReplayGuard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every replay guard does, run against the in-memory guards (ReplayGuards) and the Redis ones
 * by its subclasses, so the two cannot drift (hashing/SPEC.md, "Replay window" and "Salt cache").
 */
abstract class ReplayGuardBehaviour {

  static final byte[] SALT = new byte[16];
  static final long LONG_AGO_EXPIRES = Long.MAX_VALUE / 4; // far in the future: only the window decides

  /** The sequence window with late numbers. */
  abstract ReplayGuard window(int size, int maxLate);

  /** The salt cache. */
  abstract ReplayGuard salts();

  /** The window, then the salt cache. */
  abstract ReplayGuard windowAndSalts(int size, int maxLate);

  /** A stream name unique to this test run. */
  String stream(String name) {
    return getClass().getSimpleName() + "-" + name + "-" + System.nanoTime();
  }

  static Reason check(ReplayGuard g, String stream, long seq, byte[] salt, long expires, long now) {
    try {
      g.accept(stream, seq, salt, expires, now);
      return null;
    } catch (EnvelopeException e) {
      if (e.reason() == Reason.STATE_UNAVAILABLE) {
        throw new AssertionError("the guard could not decide: " + e.getMessage(), e);
      }
      return e.reason();
    }
  }

  static Reason check(ReplayGuard g, String stream, long seq) {
    return check(g, stream, seq, salt(seq), LONG_AGO_EXPIRES, System.currentTimeMillis());
  }

  static byte[] salt(long n) {
    byte[] s = new byte[16];
    for (int i = 0; i < 8; i++) {
      s[i] = (byte) (n >>> (8 * i));
    }
    s[15] = 1;
    return s;
  }

  @Test
  void inOrder_eachNumberOnce() {
    ReplayGuard g = window(64, 64);
    String s = stream("in-order");
    for (long n = 1000; n < 1100; n++) {
      assertNull(check(g, s, n), "first " + n);
      assertEquals(Reason.REPLAYED, check(g, s, n), "again " + n);
    }
  }

  @Test
  void reorderedInsideTheWindow_eachAcceptedOnce() {
    ReplayGuard g = window(64, 0);
    String s = stream("reorder");
    List<Long> numbers = new ArrayList<>();
    for (long n = 5000; n < 5064; n++) {
      numbers.add(n);
    }
    Collections.shuffle(numbers, new Random(7));
    for (long n : numbers) {
      assertNull(check(g, s, n));
    }
    for (long n : numbers) {
      assertEquals(Reason.REPLAYED, check(g, s, n));
    }
  }

  @Test
  void belowTheWindow_isOutOfWindow_unlessLate() {
    ReplayGuard g = window(64, 0);
    String s = stream("below");
    assertNull(check(g, s, 100));
    assertNull(check(g, s, 37)); // 63 behind: inside
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 36)); // 64 behind: outside, no late list
    assertNull(check(g, s, 200)); // 100..136 leave unaccepted; no late list keeps them
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 136));
    assertEquals(Reason.REPLAYED, check(g, s, 200));
  }

  @Test
  void lateNumbers_areAcceptedOnceBelowTheWindow() {
    ReplayGuard g = window(64, 64);
    String s = stream("late");
    assertNull(check(g, s, 1000));
    assertNull(check(g, s, 1100)); // 937..999 leave the window unaccepted: late
    assertNull(check(g, s, 950));
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 950)); // taken: now below the window for good
    assertNull(check(g, s, 937));
    assertNull(check(g, s, 999));
    assertNull(check(g, s, 951));
    assertNull(check(g, s, 949));
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 936)); // the floor: never in the window
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 1000)); // accepted, then left: not late
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 900));
  }

  @Test
  void aFullLateList_dropsItsLowestNumbers() {
    ReplayGuard g = window(64, 10);
    String s = stream("late-full");
    assertNull(check(g, s, 1000));
    assertNull(check(g, s, 1100)); // 63 late; the lowest 53 are dropped
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 989));
    assertNull(check(g, s, 990));
    assertNull(check(g, s, 999));
    assertNull(check(g, s, 1200)); // 1037..1099 late too; the older ones go first
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 995));
    assertNull(check(g, s, 1099));
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 1089));
  }

  @Test
  void numbersCompareUnsigned_upToTheTopOfTheSpace() {
    ReplayGuard g = window(64, 64);
    String s = stream("unsigned");
    assertNull(check(g, s, -100L)); // 2^64 - 100
    assertNull(check(g, s, -1L));
    assertNull(check(g, s, -50L)); // inside
    assertEquals(Reason.REPLAYED, check(g, s, -50L));
    assertNull(check(g, s, -120L)); // late: left the window (-163 .. -100) unaccepted when -1 came
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, -90L)); // jumped over, never in the window
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 5)); // far below
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, Long.MAX_VALUE));
  }

  @Test
  void nearZero_nothingBelowZeroIsRecorded() {
    ReplayGuard g = window(64, 64);
    String s = stream("zero");
    assertNull(check(g, s, 3));
    assertNull(check(g, s, 0));
    assertNull(check(g, s, 100)); // the window (0 .. 3 of it above zero) leaves: 1 and 2 late
    assertNull(check(g, s, 1));
    assertNull(check(g, s, 2));
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 36)); // jumped over
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 0));
    assertEquals(Reason.OUT_OF_WINDOW, check(g, s, 3));
  }

  @Test
  void streamsAreIndependent() {
    ReplayGuard g = window(64, 64);
    String a = stream("a");
    String b = stream("b");
    assertNull(check(g, a, 7));
    assertNull(check(g, b, 7));
    assertEquals(Reason.REPLAYED, check(g, a, 7));
    assertEquals(Reason.REPLAYED, check(g, b, 7));
  }

  @Test
  void salts_eachOnceWhileTheEnvelopeLives_thenForgotten() throws Exception {
    ReplayGuard g = salts();
    String s = stream("salts");
    long now = System.currentTimeMillis();
    assertNull(check(g, s, 1, salt(1), now + 60_000, now));
    assertEquals(Reason.REPLAYED, check(g, s, 2, salt(1), now + 60_000, now)); // another number, same salt
    assertNull(check(g, s, 1, salt(2), now + 60_000, now)); // same number, another salt: salts only
    assertNull(check(g, s, 3, salt(3), now + 50, now));
    Thread.sleep(400);
    long later = System.currentTimeMillis();
    assertNull(check(g, s, 4, salt(3), later + 50, later), "its envelope expired: the salt is forgotten");
  }

  @Test
  void windowThenSalts_bothMustPass() {
    ReplayGuard g = windowAndSalts(64, 64);
    String s = stream("both");
    long now = System.currentTimeMillis();
    assertNull(check(g, s, 10, salt(10), now + 60_000, now));
    assertEquals(Reason.REPLAYED, check(g, s, 10, salt(11), now + 60_000, now)); // the window
    assertEquals(Reason.REPLAYED, check(g, s, 11, salt(10), now + 60_000, now)); // the salt
    // the window took 11 before the salt refused it, as ReplayGuards.both does
    assertEquals(Reason.REPLAYED, check(g, s, 11, salt(12), now + 60_000, now));
  }
}
