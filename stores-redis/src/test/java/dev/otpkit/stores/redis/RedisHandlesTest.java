package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.otp.HandleStore;
import dev.otpkit.otp.OneShotHandles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The behaviour suite against a registry deciding in Redis, and two stores (two instances) racing
 * the halves of the same fates on one real server.
 */
class RedisHandlesTest extends HandlesBehaviour {

  @RegisterExtension
  static final RedisFixture redis = new RedisFixture("handles");
  static RedisState one;
  static RedisState two;

  @BeforeAll
  static void instances() throws Exception {
    one = redis.state;
    two = redis.connect(); // a second instance on the same server
  }

  @AfterAll
  static void closeSecond() {
    if (two != null) {
      two.close();
    }
  }

  @Override
  OneShotHandles registry() {
    return OneShotHandles.builder().store(one.handleStore()).build();
  }

  @Test
  void fates_racedByThreadsOfTwoInstances_oneWinnerInEachOf10000Rounds() throws Exception {
    HandleStore a = one.handleStore();
    HandleStore b = two.handleStore();
    int rounds = 10_000;
    Random random = new Random(5);
    byte[][][] fates = new byte[rounds][][];
    long now = System.currentTimeMillis();
    for (int r = 0; r < rounds; r++) {
      fates[r] = new byte[2][32];
      random.nextBytes(fates[r][0]);
      random.nextBytes(fates[r][1]);
      (r % 2 == 0 ? a : b).add(fates[r], now + 600_000, now);
    }
    AtomicInteger[] winners = new AtomicInteger[rounds];
    for (int r = 0; r < rounds; r++) {
      winners[r] = new AtomicInteger();
    }
    // two threads per instance: one claims the resolve half, one the reject half
    CyclicBarrier everyRound = new CyclicBarrier(4);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (HandleStore store : new HandleStore[] {a, b}) {
      for (int half = 0; half < 2; half++) {
        int mine = half;
        Thread t = new Thread(() -> {
          try {
            for (int r = 0; r < rounds; r++) {
              everyRound.await();
              if (store.claim(fates[r][mine], System.currentTimeMillis()) == HandleStore.Outcome.FIRED) {
                winners[r].incrementAndGet();
              }
            }
          } catch (Throwable e) {
            failures.add(e);
            everyRound.reset();
          }
        });
        threads.add(t);
        t.start();
      }
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
    for (int r = 0; r < rounds; r++) {
      assertEquals(1, winners[r].get(), "round " + r);
    }
    // and afterwards every half reads as decided, from either instance
    assertTrue(List.of(HandleStore.Outcome.ALREADY_FIRED, HandleStore.Outcome.CANCELLED)
        .contains(b.claim(fates[0][0], System.currentTimeMillis())));
  }
}
