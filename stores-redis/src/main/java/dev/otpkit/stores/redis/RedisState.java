package dev.otpkit.stores.redis;

import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.otp.HandleStore;
import dev.otpkit.otp.SharedState;
import dev.otpkit.otp.TokenStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * otpkit's single-use state on one Redis server, shared by every instance and every restart that
 * connects to it: {@link #replayGuard()} for openers, {@link #tokenStore()} for one-time tokens,
 * {@link #handleStore()} for one-shot handles.
 * Every check is one Lua script, decided atomically on the server: of concurrent checks of one
 * envelope or token, on any number of instances, exactly one succeeds.
 *
 * <pre>{@code
 * RedisState state = RedisState.builder("redis://127.0.0.1:6379").namespace("notes").connect();
 * Opener opener = Opener.builder(keys).session(id).direction(Direction.UI_TO_BACKEND)
 *     .replayGuard(state.replayGuard()).build();
 * }</pre>
 *
 * <p>Fails closed: when Redis cannot be asked within {@link Builder#timeout} (down, slow,
 * restarting, refusing a write) a check throws {@code state-unavailable}, never accepts. The
 * client reconnects by itself. Keys expire with the envelopes and tokens they protect, so memory
 * stays bounded without a sweeper, and {@link Builder#connect()} refuses a server whose
 * {@code maxmemory-policy} could evict them. One connection per {@code RedisState}, shared by all
 * its guards and stores (Lettuce multiplexes concurrent commands on it). Thread-safe; close it
 * when done.
 */
public final class RedisState implements SharedState, AutoCloseable {

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  final String namespace;
  final Duration timeout;
  final Duration grace;
  final Duration usedTokenMemory;
  private final RedisClient client;
  private final ClientResources resources;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  final Script replayScript;
  final Script consumeScript;
  final Script handleAddScript;
  final Script handleClaimScript;
  private final java.util.concurrent.atomic.LongAdder roundTrips = new java.util.concurrent.atomic.LongAdder();

  private RedisState(Builder b, ClientResources resources, RedisClient client,
      StatefulRedisConnection<String, String> connection) {
    this.resources = resources;
    this.namespace = b.namespace;
    this.timeout = b.timeout;
    this.grace = b.grace;
    this.usedTokenMemory = b.usedTokenMemory;
    this.client = client;
    this.connection = connection;
    this.commands = connection.sync();
    this.replayScript = new Script(resource("replay-guard.lua"));
    this.consumeScript = new Script(resource("token-consume.lua"));
    this.handleAddScript = new Script(resource("handle-add.lua"));
    this.handleClaimScript = new Script(resource("handle-claim.lua"));
  }

  /**
   * A builder for the server at {@code uri}.
   *
   * @param uri {@code redis://host:port} (or any form Lettuce's RedisURI reads)
   * @return the builder
   */
  public static Builder builder(String uri) {
    return new Builder(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * The sequence window of {@code ReplayGuards.sequenceWindow(1024, 1024, ...)} on Redis: the
   * {@link dev.otpkit.hashing.Opener}'s default guard, shared.
   *
   * @return the guard
   */
  @Override
  public ReplayGuard replayGuard() {
    return sequenceWindow(1024, 1024);
  }

  /**
   * The anti-replay window with late numbers, exactly as {@code ReplayGuards.sequenceWindow}
   * (hashing/SPEC.md, "Replay window"), per stream on the server.
   *
   * @param windowBits the window's size, a power of two in [64, 65536]
   * @param maxLate at most this many late numbers per stream, in [0, 65536]
   * @return the guard
   * @throws IllegalArgumentException as ReplayGuards.sequenceWindow
   */
  public ReplayGuard sequenceWindow(int windowBits, int maxLate) {
    return new RedisReplayGuard(this, windowBits, maxLate, true, false);
  }

  /**
   * The salt cache of {@code ReplayGuards.saltCache}, on the server (bounded by expiry, not count).
   *
   * @return the guard
   */
  public ReplayGuard saltCache() {
    return new RedisReplayGuard(this, 1024, 0, false, true);
  }

  /**
   * The window, then the salt cache, in one round trip: {@code ReplayGuards.both(window, salts)}.
   *
   * @param windowBits the window's size, a power of two in [64, 65536]
   * @param maxLate at most this many late numbers per stream, in [0, 65536]
   * @return the guard
   */
  public ReplayGuard sequenceWindowAndSaltCache(int windowBits, int maxLate) {
    return new RedisReplayGuard(this, windowBits, maxLate, true, true);
  }

  /**
   * One-time tokens' digests on the server.
   *
   * @return the store
   */
  @Override
  public TokenStore tokenStore() {
    return new RedisTokenStore(this);
  }

  /**
   * Commands this state has sent to the server (each one round trip; a script counts once,
   * whatever it calls inside): for measurements.
   *
   * @return the count since connect
   */
  public long roundTrips() {
    return roundTrips.sum();
  }

  /**
   * One-shot handles' fates on the server (single server or replicas: a pair's claim reads its
   * other half through the fate, which a cluster would refuse).
   *
   * @return the store
   */
  @Override
  public HandleStore handleStore() {
    return new RedisHandleStore(this);
  }

  /** Runs {@code script} (by its SHA-1, loading it again after a server restart). */
  String run(Script script, String[] keys, String... args) {
    roundTrips.increment();
    try {
      return commands.evalsha(script.sha, ScriptOutputType.VALUE, keys, args);
    } catch (RedisNoScriptException e) {
      return commands.eval(script.text, ScriptOutputType.VALUE, keys, args);
    }
  }

  /** A plain command on the shared connection; the caller sends one. */
  RedisCommands<String, String> commands() {
    roundTrips.increment();
    return commands;
  }

  /** A call to the server. */
  @FunctionalInterface
  interface Call<T> {
    T run();
  }

  /** Makes the checked exception a guard or store throws, from a reason and a detail. */
  @FunctionalInterface
  interface Failure<X extends Exception> {
    X of(boolean full, String detail);
  }

  /**
   * Runs {@code call}; any failure to get an answer becomes {@code failure.of(full, detail)}:
   * {@code full} when the server refused a write for lack of memory (maxmemory, noeviction), and
   * otherwise the check could not be decided (unreachable, timed out, restarting): fail closed.
   */
  static <T, X extends Exception> T ask(Call<T> call, Failure<X> failure) throws X {
    try {
      return call.run();
    } catch (RedisException e) {
      String m = e.getMessage();
      throw failure.of(m != null && m.startsWith("OOM"), "Redis: " + m);
    } catch (RuntimeException e) {
      throw failure.of(false, "Redis: " + e);
    }
  }

  @Override
  public void close() {
    connection.close();
    shutdown(client, resources);
  }

  private static void shutdown(RedisClient client, ClientResources resources) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisState{namespace=" + namespace + ", timeout=" + timeout + "}";
  }

  private static String resource(String name) {
    try (InputStream in = RedisState.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Lua script and its SHA-1, as EVALSHA names it. */
  static final class Script {
    final String text;
    final String sha;

    Script(String text) {
      this.text = text;
      try {
        byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        this.sha = java.util.HexFormat.of().formatHex(d);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Builds a {@link RedisState}; {@link #connect()} connects and checks the server. */
  public static final class Builder {
    private final String uri;
    private String namespace = "otpkit";
    private Duration timeout = Duration.ofSeconds(1);
    private Duration grace = Duration.ofMinutes(2);
    private Duration usedTokenMemory = Duration.ofDays(1);
    private boolean checkEvictionPolicy = true;

    private Builder(String uri) {
      this.uri = uri;
    }

    /**
     * The prefix of every key, per application (default {@code otpkit}): letters, digits, '.',
     * '_', '-', at most 64.
     *
     * @param namespace the prefix
     * @return this builder
     */
    public Builder namespace(String namespace) {
      if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException("a namespace is 1 to 64 of A-Z a-z 0-9 . _ -: " + namespace);
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * The longest a check may wait for Redis, connecting included (default 1 s); a check that
     * cannot finish in time fails closed with {@code state-unavailable}.
     *
     * @param timeout in (0, 1 min]
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("timeout must be in (0, 1 min]: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * How much longer than the envelope or token it protects a key lives (default 2 min). It must
     * exceed the clock difference between the instances: an instance whose clock runs behind
     * still accepts an envelope that long after the others call it expired.
     *
     * @param grace in [0, 1 day]
     * @return this builder
     */
    public Builder stateGrace(Duration grace) {
      if (grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("stateGrace must be in [0, 1 day]: " + grace);
      }
      this.grace = grace;
      return this;
    }

    /**
     * How long a redeemed token's digest is remembered past its expiry, so that showing it again
     * reads {@code already-used} rather than {@code unknown} (default 1 day; either way it is
     * refused).
     *
     * @param memory in [0, 365 days]
     * @return this builder
     */
    public Builder usedTokenMemory(Duration memory) {
      if (memory.isNegative() || memory.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException("usedTokenMemory must be in [0, 365 days]: " + memory);
      }
      this.usedTokenMemory = memory;
      return this;
    }

    /**
     * Skips the check of {@code maxmemory-policy} (for servers that refuse CONFIG, such as managed
     * ones). Only for a server known to run {@code noeviction}: an evicted guard key would let a
     * replay through.
     *
     * @return this builder
     */
    public Builder assumeNoEviction() {
      this.checkEvictionPolicy = false;
      return this;
    }

    /**
     * Connects and checks the server.
     *
     * @return the connected state; close it when done
     *
     * @throws IllegalStateException if Redis cannot be reached within the timeout, or its
     *     {@code maxmemory-policy} may evict keys (anything but {@code noeviction})
     */
    public RedisState connect() {
      RedisURI redisUri = RedisURI.create(uri);
      redisUri.setTimeout(timeout);
      // its own event loops (two threads), shut down with it; reconnect attempts back off from
      // 10 ms to at most 1 s, so a restarted server is in use again within a second
      ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
          .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
          .build();
      RedisClient client = RedisClient.create(resources, redisUri);
      client.setOptions(ClientOptions.builder()
          .autoReconnect(true)
          // while disconnected, commands fail at once instead of queueing: a check fails closed
          // now rather than waiting out the timeout, and nothing piles up
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
          .timeoutOptions(TimeoutOptions.enabled(timeout))
          .build());
      StatefulRedisConnection<String, String> connection;
      try {
        connection = client.connect();
      } catch (RedisException e) {
        shutdown(client, resources);
        throw new IllegalStateException("cannot reach Redis at " + redisUri.getHost() + ":" + redisUri.getPort()
            + " within " + timeout + ": " + e.getMessage(), e);
      }
      try {
        if (checkEvictionPolicy) {
          checkEvictionPolicy(connection.sync());
        }
      } catch (RuntimeException e) {
        connection.close();
        shutdown(client, resources);
        throw e;
      }
      return new RedisState(this, resources, client, connection);
    }

    private static void checkEvictionPolicy(RedisCommands<String, String> commands) {
      Map<String, String> config;
      try {
        config = commands.configGet("maxmemory-policy");
      } catch (RedisException e) {
        throw new IllegalStateException("cannot read the server's maxmemory-policy (" + e.getMessage()
            + "); if it is noeviction, say so with assumeNoEviction()", e);
      }
      String policy = config.get("maxmemory-policy");
      if (!"noeviction".equals(policy)) {
        throw new IllegalStateException("the server's maxmemory-policy is " + policy + ": it may evict replay-guard"
            + " and token keys, which would let a replay through; set maxmemory-policy noeviction (a full"
            + " server then refuses writes, and checks fail closed)");
      }
    }
  }
}
