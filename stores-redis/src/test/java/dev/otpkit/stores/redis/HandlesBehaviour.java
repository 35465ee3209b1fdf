package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpkit.otp.HandleException;
import dev.otpkit.otp.OneShotHandles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a one-shot handle registry does, deciding in memory or in a shared store (Redis). */
abstract class HandlesBehaviour {

  abstract OneShotHandles registry();

  static HandleException.Reason fire(OneShotHandles r, String handle, String value) {
    try {
      r.fire(handle, value.getBytes(StandardCharsets.UTF_8));
      return null;
    } catch (HandleException e) {
      if (e.reason() == HandleException.Reason.STATE_UNAVAILABLE) {
        throw new AssertionError("the store could not decide: " + e.getMessage(), e);
      }
      return e.reason();
    }
  }

  @Test
  void aHandle_firesOnce() throws Exception {
    OneShotHandles r = registry();
    List<String> got = new CopyOnWriteArrayList<>();
    String h = r.register(v -> got.add(new String(v, StandardCharsets.UTF_8)));
    assertEquals(null, fire(r, h, "yes"));
    assertEquals(HandleException.Reason.ALREADY_FIRED, fire(r, h, "again"));
    assertEquals(List.of("yes"), got);
    assertEquals(HandleException.Reason.UNKNOWN, fire(r, "osh_AAAAAAAAAAAAAAAAAAAAAA", "x"));
    assertEquals(HandleException.Reason.MALFORMED, fire(r, "osh_nope", "x"));
  }

  @Test
  void aPair_firingOneHalfCancelsTheOther() throws Exception {
    OneShotHandles r = registry();
    List<String> got = new CopyOnWriteArrayList<>();
    OneShotHandles.Pair p = r.registerPair(v -> got.add("resolved"), v -> got.add("rejected"), Duration.ofMinutes(1));
    assertEquals(null, fire(r, p.reject(), "no"));
    assertEquals(HandleException.Reason.CANCELLED, fire(r, p.resolve(), "yes"));
    assertEquals(HandleException.Reason.ALREADY_FIRED, fire(r, p.reject(), "no"));
    assertEquals(List.of("rejected"), got);
  }

  @Test
  void anExpiredHandle_doesNotFire() throws Exception {
    OneShotHandles r = registry();
    AtomicInteger runs = new AtomicInteger();
    String h = r.register(v -> runs.incrementAndGet(), Duration.ofMillis(30));
    Thread.sleep(80);
    HandleException.Reason reason = fire(r, h, "late");
    assertEquals(HandleException.Reason.EXPIRED, reason);
    assertEquals(0, runs.get());
  }

  @Test
  void concurrentFirings_ofBothHalves_runExactlyOneCallback() throws Exception {
    OneShotHandles r = registry();
    int rounds = 200;
    int threads = 4;
    AtomicInteger runs = new AtomicInteger();
    OneShotHandles.Pair[] pairs = new OneShotHandles.Pair[rounds];
    for (int i = 0; i < rounds; i++) {
      pairs[i] = r.registerPair(v -> runs.incrementAndGet(), v -> runs.incrementAndGet(), Duration.ofMinutes(1));
    }
    CyclicBarrier go = new CyclicBarrier(threads);
    Thread[] all = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int mine = t;
      all[t] = new Thread(() -> {
        try {
          go.await();
          for (OneShotHandles.Pair p : pairs) {
            fire(r, mine % 2 == 0 ? p.resolve() : p.reject(), "v");
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      all[t].start();
    }
    for (Thread t : all) {
      t.join();
    }
    assertEquals(rounds, runs.get());
    assertThrows(IllegalArgumentException.class, () -> r.register(v -> { }, Duration.ZERO));
  }
}
