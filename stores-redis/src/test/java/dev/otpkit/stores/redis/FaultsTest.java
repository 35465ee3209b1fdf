package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenException;
import dev.otpkit.otp.TokenStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real redis-server that is missing, killed, restarted, slow, full or configured to evict: every
 * check fails closed within its timeout, nothing hangs, no thread leaks, and the client comes back
 * by itself.
 */
class FaultsTest {

  static final Duration TIMEOUT = Duration.ofMillis(500);
  /** What a check may take beyond the timeout: scheduling on a loaded 2-core machine. */
  static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  static long seq = 1000;

  /** The outcome of one replay check, and how long it took. */
  record Check(Reason reason, long nanos) {}

  static Check check(ReplayGuard g, String stream) {
    long t0 = System.nanoTime();
    long now = System.currentTimeMillis();
    try {
      g.accept(stream, seq++, ReplayGuardBehaviour.salt(seq), now + 60_000, now);
      return new Check(null, System.nanoTime() - t0);
    } catch (EnvelopeException e) {
      return new Check(e.reason(), System.nanoTime() - t0);
    }
  }

  @Test
  void killedMidRun_failsClosedInBoundedTime_thenWorksAgainAfterARestart_withNoThreadLeak() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      int threadsBefore = Thread.activeCount();
      try (RedisState state = RedisState.builder(server.uri()).namespace("faults").timeout(TIMEOUT).connect()) {
        ReplayGuard guard = state.replayGuard();
        TokenStore tokens = state.tokenStore();
        String stream = "kill-" + System.nanoTime();
        assertEquals(null, check(guard, stream).reason());
        int threadsConnected = Thread.activeCount();

        int[] threadsAfter = new int[4];
        for (int cycle = 0; cycle < threadsAfter.length; cycle++) {
          server.kill();
          for (int i = 0; i < 20; i++) {
            Check c = check(guard, stream);
            assertEquals(Reason.STATE_UNAVAILABLE, c.reason(), "fails closed, check " + i + " of cycle " + cycle);
            assertTrue(c.nanos() < TIMEOUT.toNanos() + SLACK_NANOS, "returned in " + c.nanos() / 1_000_000 + " ms");
          }
          TokenException down = assertThrows(TokenException.class,
              () -> tokens.consume(new byte[32], new Scope("p", "s"), System.currentTimeMillis()));
          assertEquals(TokenException.Reason.STATE_UNAVAILABLE, down.reason());
          assertThrows(TokenException.class, () -> tokens.add(new byte[32], new Scope("p", "s"),
              System.currentTimeMillis() + 1000, System.currentTimeMillis()));

          server.startProcess(); // same port, empty (persistence off)
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          Check back;
          do {
            Thread.sleep(50);
            back = check(guard, stream);
          } while (back.reason() != null && System.nanoTime() < deadline);
          assertEquals(null, back.reason(), "works again without a new client, cycle " + cycle);
          threadsAfter[cycle] = Thread.activeCount();
        }
        // the client's pools fill up to their fixed sizes (2 I/O, 2 computation, a timer) in the
        // first crash, then stay: a leak would grow with every crash
        String counts = threadsBefore + " before, " + threadsConnected + " connected, after each crash "
            + java.util.Arrays.toString(threadsAfter);
        assertTrue(threadsAfter[threadsAfter.length - 1] <= threadsAfter[1], counts);
        assertTrue(threadsAfter[threadsAfter.length - 1] <= threadsBefore + 8, counts);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (Thread.activeCount() > threadsBefore && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Thread.activeCount() <= threadsBefore, "closed: " + Thread.activeCount() + " threads, "
          + threadsBefore + " before");
    }
  }

  @Test
  void aSlowServer_DEBUG_SLEEP_failsClosedWithinTheTimeout() throws Exception {
    try (RedisServer server = RedisServer.start();
        RedisState state = RedisState.builder(server.uri()).namespace("slow").timeout(Duration.ofMillis(300)).connect()) {
      ReplayGuard guard = state.replayGuard();
      String stream = "slow-" + System.nanoTime();
      assertEquals(null, check(guard, stream).reason());
      Thread sleeper = new Thread(() -> server.command("DEBUG SLEEP 2"));
      sleeper.start();
      Thread.sleep(200); // the server is asleep now
      Check c = check(guard, stream);
      assertEquals(Reason.STATE_UNAVAILABLE, c.reason());
      assertTrue(c.nanos() < TimeUnit.MILLISECONDS.toNanos(300) + SLACK_NANOS, c.nanos() / 1_000_000 + " ms");
      sleeper.join();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      Check back;
      do {
        back = check(guard, stream);
      } while (back.reason() != null && System.nanoTime() < deadline);
      assertEquals(null, back.reason(), "the server is awake: checks work again");
    }
  }

  @Test
  void nothingListening_connectFailsClearly_withinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RedisState.builder("redis://127.0.0.1:" + port).timeout(TIMEOUT).connect());
    assertTrue(e.getMessage().startsWith("cannot reach Redis at 127.0.0.1:" + port), e.getMessage());
    assertTrue(System.nanoTime() - t0 < TIMEOUT.toNanos() + SLACK_NANOS * 2, "in " + (System.nanoTime() - t0) / 1e6);
  }

  @Test
  void aServerThatHangsOnConnect_failsClearly_withinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // accepts the connection and never answers
      Thread acceptor = new Thread(() -> {
        try (Socket s = silent.accept()) {
          s.getInputStream().readAllBytes(); // until the client gives up and closes
        } catch (Exception ignored) {
          // closed by the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long t0 = System.nanoTime();
      assertThrows(IllegalStateException.class,
          () -> RedisState.builder("redis://127.0.0.1:" + silent.getLocalPort()).timeout(TIMEOUT).connect());
      assertTrue(System.nanoTime() - t0 < TIMEOUT.toNanos() * 2 + SLACK_NANOS * 2, (System.nanoTime() - t0) / 1e6 + " ms");
    }
  }

  @Test
  void anEvictingPolicy_isRefusedAtConnect() throws Exception {
    for (String policy : new String[] {"allkeys-lru", "volatile-ttl", "allkeys-random"}) {
      try (RedisServer server = RedisServer.start("--maxmemory-policy", policy)) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> RedisState.builder(server.uri()).connect());
        assertTrue(e.getMessage().contains("maxmemory-policy is " + policy), e.getMessage());
        // a caller who vouches for the server may skip the check
        RedisState.builder(server.uri()).assumeNoEviction().connect().close();
      }
    }
  }

  @Test
  void aFullServer_refusesWrites_andChecksFailClosedAsFull() throws Exception {
    try (RedisServer server = RedisServer.start();
        RedisState state = RedisState.builder(server.uri()).namespace("full").connect()) {
      // about 2 MB of data, then a limit below it: every write is refused until memory frees up
      String value = "x".repeat(10 << 10);
      for (int i = 0; i < 200; i++) {
        state.commands().set("fill" + i, value);
      }
      state.commands().configSet("maxmemory", "1mb");
      io.lettuce.core.RedisException refused = assertThrows(io.lettuce.core.RedisException.class,
          () -> state.commands().set("one-more", "x"));
      assertTrue(refused.getMessage().startsWith("OOM"), refused.getMessage());
      long now = System.currentTimeMillis();
      TokenException full = assertThrows(TokenException.class,
          () -> state.tokenStore().add(new byte[32], new Scope("p", "s"), now + 1000, now));
      assertEquals(TokenException.Reason.STORE_FULL, full.reason());
      dev.otpkit.otp.HandleException noRoom = assertThrows(dev.otpkit.otp.HandleException.class,
          () -> state.handleStore().add(new byte[][] {new byte[32]}, now + 1000, now));
      assertEquals(dev.otpkit.otp.HandleException.Reason.FULL, noRoom.reason());
      Check c = check(state.replayGuard(), "full-" + System.nanoTime());
      assertEquals(Reason.REPLAY_STATE_FULL, c.reason());
    }
  }
}
