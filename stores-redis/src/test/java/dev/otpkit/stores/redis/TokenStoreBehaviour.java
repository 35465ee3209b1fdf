package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenStore;
import dev.otpkit.otp.TokenStore.Outcome;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** What every token store does, run against the in-memory store and the Redis one. */
abstract class TokenStoreBehaviour {

  static final SecureRandom RANDOM = new SecureRandom();
  static final Scope LOGIN = new Scope("login", "alice");

  abstract TokenStore store();

  static byte[] digest() {
    byte[] d = new byte[32];
    RANDOM.nextBytes(d);
    return d;
  }

  static long now() {
    return System.currentTimeMillis();
  }

  @Test
  void redeemedOnce_thenAlreadyUsed() throws Exception {
    TokenStore s = store();
    byte[] d = digest();
    s.add(d, LOGIN, now() + 60_000, now());
    assertEquals(Outcome.REDEEMED, s.consume(d, LOGIN, now()));
    assertEquals(Outcome.ALREADY_USED, s.consume(d, LOGIN, now()));
    assertEquals(Outcome.UNKNOWN, s.consume(digest(), LOGIN, now()));
  }

  @Test
  void aWrongScope_burnsTheToken() throws Exception {
    TokenStore s = store();
    byte[] d = digest();
    s.add(d, LOGIN, now() + 60_000, now());
    assertEquals(Outcome.WRONG_SCOPE, s.consume(d, new Scope("login", "mallory"), now()));
    assertEquals(Outcome.ALREADY_USED, s.consume(d, LOGIN, now()));
    // scopes that would read the same if simply concatenated differ
    byte[] e = digest();
    s.add(e, new Scope("ab", "c"), now() + 60_000, now());
    assertEquals(Outcome.WRONG_SCOPE, s.consume(e, new Scope("a", "bc"), now()));
  }

  @Test
  void pastItsExpiry_isExpired_andNotRedeemedLater() throws Exception {
    TokenStore s = store();
    byte[] d = digest();
    long t = now();
    s.add(d, LOGIN, t + 1_000, t);
    assertEquals(Outcome.EXPIRED, s.consume(d, LOGIN, t + 1_000));
    Outcome after = s.consume(d, LOGIN, t);
    assertEquals(Outcome.UNKNOWN, after);
  }

  @Test
  void theSameDigestTwice_isRefused() throws Exception {
    TokenStore s = store();
    byte[] d = digest();
    s.add(d, LOGIN, now() + 60_000, now());
    assertThrows(IllegalStateException.class, () -> s.add(d, LOGIN, now() + 60_000, now()));
    assertEquals(Outcome.REDEEMED, s.consume(d, LOGIN, now()));
  }

  @Test
  void concurrentConsumers_exactlyOneRedeems() throws Exception {
    TokenStore s = store();
    int threads = 4;
    int rounds = 300;
    byte[][] digests = new byte[rounds][];
    for (int r = 0; r < rounds; r++) {
      digests[r] = digest();
      s.add(digests[r], LOGIN, now() + 60_000, now());
    }
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    CyclicBarrier start = new CyclicBarrier(threads);
    Thread[] all = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      all[t] = new Thread(() -> {
        try {
          start.await();
          for (byte[] d : digests) {
            outcomes.add(s.consume(d, LOGIN, now()));
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
    assertEquals(rounds, outcomes.stream().filter(o -> o == Outcome.REDEEMED).count());
    assertEquals(rounds * (threads - 1L), outcomes.stream().filter(o -> o == Outcome.ALREADY_USED).count());
  }
}
