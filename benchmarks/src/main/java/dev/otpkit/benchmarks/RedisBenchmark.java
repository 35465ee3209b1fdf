package dev.otpkit.benchmarks;

import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.hashing.ReplayGuards;
import dev.otpkit.otp.OneTimeTokens;
import dev.otpkit.otp.TokenStore;
import dev.otpkit.stores.redis.RedisState;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The Redis-backed replay check and token issue+redeem against a local redis-server, single and
 * 8 threads, beside the in-memory guard and store in the same run. Starts its own redis-server
 * (Debian's package) on a free loopback port, persistence off, unless OTPKIT_REDIS_URI names one.
 * At the end of each trial it prints the server's commands per operation: the round trips.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisBenchmark {

  private static final dev.otpkit.otp.Scope SCOPE = new dev.otpkit.otp.Scope("confirm", "user-1");

  /** The server, its connection, and the operations counted in this trial. */
  @State(Scope.Benchmark)
  public static class Server {
    Process process;
    String uri;
    RedisState state;
    ReplayGuard redisGuard;
    ReplayGuard memoryGuard;
    TokenStore redisStore;
    OneTimeTokens redisTokens;
    OneTimeTokens memoryTokens;
    final AtomicLong operations = new AtomicLong();
    final AtomicLong streams = new AtomicLong();
    long roundTripsBefore;

    @Setup(Level.Trial)
    public void start() throws Exception {
      uri = System.getenv("OTPKIT_REDIS_URI");
      if (uri == null) {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
          port = s.getLocalPort();
        }
        process = new ProcessBuilder(redisServer(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--loglevel", "warning").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        uri = "redis://127.0.0.1:" + port;
        for (int i = 0; i < 200 && command(port, "PING") == null; i++) {
          Thread.sleep(20);
        }
      }
      state = RedisState.builder(uri).namespace("bench").connect();
      redisGuard = state.replayGuard();
      memoryGuard = ReplayGuards.sequenceWindow(1024, 1024, 64);
      redisStore = state.tokenStore();
      redisTokens = OneTimeTokens.builder().store(redisStore).build();
      memoryTokens = OneTimeTokens.builder().build();
      roundTripsBefore = state.roundTrips();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      long ops = operations.get();
      if (ops > 0) {
        System.out.printf("%n[redis] %d round trips for %d operations: %.2f per operation%n",
            state.roundTrips() - roundTripsBefore, ops, (double) (state.roundTrips() - roundTripsBefore) / ops);
      }
      state.close();
      if (process != null) {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }

    private static String command(int port, String line) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return s.getInputStream().read() == '+' ? "ok" : null;
      } catch (java.io.IOException e) {
        return null;
      }
    }

    private static String redisServer() {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        File f = new File(dir, "redis-server");
        if (f.canExecute()) {
          return f.getPath();
        }
      }
      throw new IllegalStateException("redis-server is not installed (Debian package redis-server)");
    }
  }

  /** One stream per thread, counting up, as one sealer's envelopes arrive. */
  @State(Scope.Thread)
  public static class Stream {
    String name;
    long sequence = 1L << 40;
    final byte[] salt = new byte[16];

    @Setup(Level.Trial)
    public void name(Server server) {
      name = "bench-" + server.streams.incrementAndGet() + "-" + System.nanoTime();
    }
  }

  private static void check(ReplayGuard guard, Stream s) throws Exception {
    long now = System.currentTimeMillis();
    guard.accept(s.name, s.sequence++, s.salt, now + 60_000, now);
  }

  @Benchmark
  @Threads(1)
  public void replayCheckRedis(Server server, Stream s) throws Exception {
    check(server.redisGuard, s);
    server.operations.incrementAndGet();
  }

  @Benchmark
  @Threads(8)
  public void replayCheckRedis8Threads(Server server, Stream s) throws Exception {
    check(server.redisGuard, s);
    server.operations.incrementAndGet();
  }

  @Benchmark
  @Threads(1)
  public void replayCheckMemory(Server server, Stream s) throws Exception {
    check(server.memoryGuard, s);
  }

  @Benchmark
  @Threads(8)
  public void replayCheckMemory8Threads(Server server, Stream s) throws Exception {
    check(server.memoryGuard, s);
  }

  @Benchmark
  @Threads(1)
  public void tokenIssueRedeemRedis(Server server) throws Exception {
    server.redisTokens.redeem(server.redisTokens.issue(SCOPE).value(), SCOPE);
    server.operations.incrementAndGet();
  }

  @Benchmark
  @Threads(8)
  public void tokenIssueRedeemRedis8Threads(Server server) throws Exception {
    server.redisTokens.redeem(server.redisTokens.issue(SCOPE).value(), SCOPE);
    server.operations.incrementAndGet();
  }

  @Benchmark
  @Threads(1)
  public void tokenIssueRedeemMemory(Server server) throws Exception {
    server.memoryTokens.redeem(server.memoryTokens.issue(SCOPE).value(), SCOPE);
  }

  @Benchmark
  @Threads(8)
  public void tokenIssueRedeemMemory8Threads(Server server) throws Exception {
    server.memoryTokens.redeem(server.memoryTokens.issue(SCOPE).value(), SCOPE);
  }
}
