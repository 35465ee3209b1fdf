package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many threads race for one token or one handle, round after round: exactly one wins each time. */
class RaceTest {

  private static final int THREADS = 16;
  private static final int ROUNDS = 200;
  /** Started per run of the class: a mutation tester runs it many times in one JVM. */
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  /** Runs {@code attempt} on every thread at once; returns how many returned without throwing. */
  private static int race(Attempt attempt, AtomicInteger losersWithExpectedReason) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger winners = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(() -> {
        gate.await();
        if (attempt.run()) {
          winners.incrementAndGet();
        } else {
          losersWithExpectedReason.incrementAndGet();
        }
        return null;
      }));
    }
    gate.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    return winners.get();
  }

  @FunctionalInterface
  private interface Attempt {
    boolean run() throws Exception;
  }

  @Test
  void token_exactlyOneRedeemerWins() throws Exception {
    OneTimeTokens tokens = OneTimeTokens.builder().build();
    Scope scope = new Scope("confirm", "s");
    for (int round = 0; round < ROUNDS; round++) {
      String token = tokens.issue(scope).value();
      AtomicInteger losers = new AtomicInteger();
      int winners = race(() -> {
        try {
          tokens.redeem(token, scope);
          return true;
        } catch (TokenException e) {
          return e.reason() != TokenException.Reason.ALREADY_USED && fail(e);
        }
      }, losers);
      assertEquals(1, winners, "round " + round);
      assertEquals(THREADS - 1, losers.get());
    }
  }

  @Test
  void handle_callbackRunsExactlyOnce() throws Exception {
    OneShotHandles handles = OneShotHandles.builder().build();
    for (int round = 0; round < ROUNDS; round++) {
      AtomicInteger runs = new AtomicInteger();
      String h = handles.register(v -> runs.incrementAndGet());
      int winners = race(() -> {
        try {
          handles.fire(h, new byte[0]);
          return true;
        } catch (HandleException e) {
          return e.reason() != HandleException.Reason.ALREADY_FIRED && fail(e);
        }
      }, new AtomicInteger());
      assertEquals(1, winners, "round " + round);
      assertEquals(1, runs.get(), "round " + round);
    }
  }

  @Test
  void pair_exactlyOneSideRuns() throws Exception {
    OneShotHandles handles = OneShotHandles.builder().build();
    for (int round = 0; round < ROUNDS; round++) {
      AtomicInteger runs = new AtomicInteger();
      OneShotHandles.Pair p = handles.registerPair(v -> runs.incrementAndGet(), v -> runs.incrementAndGet(),
          Duration.ofMinutes(1));
      AtomicInteger next = new AtomicInteger();
      int winners = race(() -> {
        String h = next.getAndIncrement() % 2 == 0 ? p.resolve() : p.reject();
        try {
          handles.fire(h, new byte[0]);
          return true;
        } catch (HandleException e) {
          return e.reason() != HandleException.Reason.ALREADY_FIRED
              && e.reason() != HandleException.Reason.CANCELLED && fail(e);
        }
      }, new AtomicInteger());
      assertEquals(1, winners, "round " + round);
      assertEquals(1, runs.get(), "round " + round);
    }
  }

  /**
   * Threads issuing and redeeming at once, some tokens left to expire: once they have, every slot
   * comes back (no race leaks one or frees one twice).
   */
  @Test
  void tokens_concurrentIssueRedeemExpire_leakNoSlot() throws Exception {
    ManualClock clock = new ManualClock(1_764_000_000_000L);
    dev.otpkit.otp.internal.InMemoryTokenStore store = new dev.otpkit.otp.internal.InMemoryTokenStore(1_000);
    OneTimeTokens tokens = OneTimeTokens.builder().store(store).clock(clock).build();
    Scope scope = new Scope("confirm", "s");
    int winners = race(() -> {
      for (int i = 0; i < 50; i++) {
        String kept = tokens.issue(scope, Duration.ofSeconds(1)).value();
        tokens.redeem(tokens.issue(scope, Duration.ofSeconds(1)).value(), scope);
        if (i % 2 == 0) {
          tokens.redeem(kept, scope);
        }
      }
      return true;
    }, new AtomicInteger());
    assertEquals(THREADS, winners);
    assertEquals(THREADS * 25, store.size());
    clock.advance(1_000);
    for (int i = 0; i < 1_000; i++) {
      tokens.issue(scope);
    }
    assertEquals(1_000, store.size());
  }

  /** The same for handles, pairs fired from other threads included. */
  @Test
  void handles_concurrentRegisterFireExpire_leakNoSlot() throws Exception {
    ManualClock clock = new ManualClock(1_764_000_000_000L);
    OneShotHandles handles = OneShotHandles.builder().clock(clock).maxLive(1_000).build();
    java.util.concurrent.ConcurrentLinkedQueue<String> toFire = new java.util.concurrent.ConcurrentLinkedQueue<>();
    int winners = race(() -> {
      for (int i = 0; i < 25; i++) {
        OneShotHandles.Pair p = handles.registerPair(v -> { }, v -> { }, Duration.ofSeconds(1));
        toFire.add(i % 2 == 0 ? p.resolve() : p.reject());
        handles.register(v -> { }, Duration.ofSeconds(1));
        String other = toFire.poll();
        if (other != null) {
          handles.fire(other, new byte[0]);
        }
      }
      return true;
    }, new AtomicInteger());
    assertEquals(THREADS, winners);
    assertEquals(THREADS * 25 + 2 * toFire.size(), handles.size());
    clock.advance(1_000);
    for (int i = 0; i < 1_000; i++) {
      handles.register(v -> { });
    }
    assertEquals(1_000, handles.size());
  }

  private static boolean fail(Exception e) {
    throw new AssertionError("unexpected rejection: " + e.getMessage(), e);
  }
}
