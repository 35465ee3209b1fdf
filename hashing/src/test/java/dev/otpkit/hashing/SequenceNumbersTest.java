package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.internal.Wire;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** No genuine envelope is lost: not to a rebuilt sealer, not to many threads sharing one. */
class SequenceNumbersTest {

  private static final long T0 = 1_764_000_000_000L;

  private static long sequenceOf(byte[] env) {
    return Wire.getLong(env, Wire.OFF_SEQUENCE);
  }

  private static String session() {
    return "seq-" + System.nanoTime(); // streams are process-wide: each test its own
  }

  /** Rebuilt with a clock that stands still, a sealer used to reuse its predecessor's numbers. */
  @Test
  void rebuiltSealer_withAFixedClock_neverReusesANumber() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String session = session();
    InstantSource fixed = new Fixtures.ManualClock(T0);
    Opener o = Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(fixed).build();
    for (int rebuild = 0; rebuild < 3; rebuild++) {
      Sealer s = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(fixed).build();
      assertArrayEquals(new byte[] {(byte) rebuild}, o.open("c", s.seal("c", new byte[] {(byte) rebuild})));
    }
  }

  @Test
  void rebuiltSealer_withTheSystemClock_neverReusesANumber() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String session = session();
    Opener o = Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    int lost = 0;
    for (int rebuild = 0; rebuild < 1000; rebuild++) {
      Sealer s = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
      try {
        o.open("c", s.seal("c", new byte[0]));
      } catch (EnvelopeException e) {
        lost++;
      }
    }
    assertEquals(0, lost);
  }

  /** After the clock steps back, a rebuilt sealer still continues above its predecessor. */
  @Test
  void rebuiltSealer_afterTheClockSteppedBack_continuesAbove() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String session = session();
    Fixtures.ManualClock clock = new Fixtures.ManualClock(T0 + 60_000);
    Sealer first = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(clock).build();
    long before = sequenceOf(first.seal("c", new byte[0]));
    first = null;
    clock.set(T0);
    Sealer second = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(clock).build();
    assertTrue(Long.compareUnsigned(sequenceOf(second.seal("c", new byte[0])), before) > 0);
  }

  /** Two live sealers of one stream share its numbers; other streams are independent. */
  @Test
  void liveSealersOfOneStream_shareItsNumbers() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String session = session();
    Sealer a = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    Sealer b = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    Sealer other = Sealer.builder(keys).session(session).direction(Direction.BACKEND_TO_UI).build();
    long first = sequenceOf(a.seal("c", new byte[0]));
    assertEquals(first + 1, sequenceOf(b.seal("c", new byte[0])));
    assertEquals(first + 2, sequenceOf(a.seal("c", new byte[0])));
    long down = sequenceOf(other.seal("c", new byte[0]));
    assertEquals(down + 1, sequenceOf(other.seal("c", new byte[0])));
  }

  /**
   * A new stream starts at (t + 1) * 2^11, t the clock in milliseconds: above every number a
   * predecessor in another process issued at up to 2048 envelopes per millisecond.
   */
  @Test
  void newStream_startsAboveTheClock() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    long now = System.currentTimeMillis() + 86_400_000L; // ahead of any clock the JVM has seen
    Sealer s = Sealer.builder(keys).session(session()).direction(Direction.UI_TO_BACKEND)
        .clock(new Fixtures.ManualClock(now)).build();
    assertTrue(Long.compareUnsigned(sequenceOf(s.seal("c", new byte[0])), (now + 1) << 11) >= 0);
  }

  /**
   * Streams whose sealers are gone are forgotten: memory stays bounded by the live streams, even
   * after another test's clock ran a day ahead (so new streams cannot start above by the clock).
   */
  @Test
  void forgottenStreams_keepMemoryBounded() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    for (int i = 0; i < 20_000; i++) {
      Sealer.builder(keys).session("gone-" + i).direction(Direction.UI_TO_BACKEND).build().seal("c", new byte[0]);
      if (i % 1000 == 0) {
        System.gc();
      }
    }
    System.gc();
    Sealer.builder(keys).session("after-" + System.nanoTime()).direction(Direction.UI_TO_BACKEND).build();
    assertTrue(SequenceCounters.size() < 10_000, "streams remembered: " + SequenceCounters.size());
  }

  /**
   * Eight threads share one sealer and one opener, each sealing then opening: before the late
   * list, 374-380 of 400,000 envelopes were lost as out-of-window when a thread was descheduled
   * between the two while the others moved the window past its number.
   */
  @Test
  void manyThreadsSharingOneSealerAndOpener_loseNothing() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String session = session();
    Sealer s = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    Opener o = Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    int threads = 8;
    int each = 50_000;
    Map<Reason, AtomicInteger> lost = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await();
          byte[] payload = new byte[16];
          for (int i = 0; i < each; i++) {
            try {
              o.open("c", s.seal("c", payload));
            } catch (EnvelopeException e) {
              lost.computeIfAbsent(e.reason(), r -> new AtomicInteger()).incrementAndGet();
            }
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join(120_000);
    }
    assertEquals(List.of(), errors);
    assertEquals(Map.of(), Map.copyOf(lost));
  }

  /** The window itself also keeps a descheduled envelope, however far the others ran ahead. */
  @Test
  void envelopeHeldBackFarBehind_stillOpensOnce() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String session = session();
    Sealer s = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    Opener o = Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
    byte[] heldBack = s.seal("c", new byte[] {42});
    for (int i = 0; i < 10_000; i++) {
      o.open("c", s.seal("c", new byte[0]));
    }
    assertArrayEquals(new byte[] {42}, o.open("c", heldBack));
    assertEquals(Reason.OUT_OF_WINDOW,
        org.junit.jupiter.api.Assertions.assertThrows(EnvelopeException.class, () -> o.open("c", heldBack)).reason());
  }

}
