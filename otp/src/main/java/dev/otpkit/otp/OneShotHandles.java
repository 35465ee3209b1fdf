package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One-shot ("kamikaze") callback handles: register a callback, get a handle of 128 random bits
 * ({@code osh_} and 22 base64url characters) to give to the UI; firing it runs the callback at
 * most once, after which the handle is dead. A resolve/reject pair shares one fate: firing either
 * half cancels the other, the shape of an async reply.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>A callback runs at most once, even when many threads fire its handle (or both halves of
 *       its pair) at the same moment.
 *   <li>Handles expire; dead handles are remembered until then, so a late second firing reports
 *       {@code already-fired} or {@code cancelled} rather than {@code unknown}.
 *   <li>The registry is bounded and refuses new handles when full; expired entries are swept on
 *       the caller's thread, with no background thread.
 * </ul>
 *
 * <p>Callbacks run on the firing thread, outside any lock of the registry. Thread-safe.
 */
public final class OneShotHandles {

  /** The type prefix of every handle. */
  public static final String PREFIX = "osh_";
  private static final int TEXT_LENGTH = PREFIX.length() + 22;
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  /** The two halves of an async reply. */
  public record Pair(String resolve, String reject) {
    @Override
    public String toString() {
      return "OneShotHandles.Pair";
    }
  }

  /** One registration's fate, shared by the halves of a pair. */
  private static final class Fate {
    final long expiresAt;
    final AtomicReference<String> firedBy = new AtomicReference<>();

    Fate(long expiresAt) {
      this.expiresAt = expiresAt;
    }
  }

  private record Entry(Fate fate, Consumer<byte[]> callback) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final InstantSource clock;
  private final Drbg random;
  private final int maxLive;
  private final Duration defaultTtl;

  private OneShotHandles(Builder b) {
    this.clock = b.clock;
    this.random = b.random != null ? b.random : Drbg.system();
    this.maxLive = b.maxLive;
    this.defaultTtl = b.defaultTtl;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Registers {@code callback} for the default time to live (5 minutes). */
  public String register(Consumer<byte[]> callback) throws HandleException {
    return register(callback, defaultTtl);
  }

  /**
   * Registers {@code callback}, good for one firing within {@code ttl}.
   *
   * @throws HandleException FULL if the registry holds its maximum of live handles
   */
  public String register(Consumer<byte[]> callback, Duration ttl) throws HandleException {
    Objects.requireNonNull(callback, "callback");
    Fate fate = new Fate(expiry(ttl));
    reserve(1);
    return insert(new Entry(fate, callback));
  }

  /** Registers a resolve/reject pair: firing either half cancels the other. */
  public Pair registerPair(Consumer<byte[]> onResolve, Consumer<byte[]> onReject, Duration ttl)
      throws HandleException {
    Objects.requireNonNull(onResolve, "onResolve");
    Objects.requireNonNull(onReject, "onReject");
    Fate fate = new Fate(expiry(ttl));
    reserve(2);
    return new Pair(insert(new Entry(fate, onResolve)), insert(new Entry(fate, onReject)));
  }

  /**
   * Fires {@code handle}: runs its callback with {@code value}, once. An exception thrown by the
   * callback reaches the caller; the handle counts as fired all the same.
   *
   * @throws HandleException MALFORMED, UNKNOWN, EXPIRED, ALREADY_FIRED or CANCELLED
   */
  public void fire(String handle, byte[] value) throws HandleException {
    if (handle == null || handle.length() != TEXT_LENGTH || !handle.startsWith(PREFIX)) {
      throw new HandleException(HandleException.Reason.MALFORMED, "not an osh_ handle");
    }
    long now = clock.millis();
    sweepIfFull(now);
    Entry entry = entries.get(handle);
    if (entry == null) {
      throw new HandleException(HandleException.Reason.UNKNOWN, null);
    }
    if (entry.fate.expiresAt <= now) {
      throw new HandleException(HandleException.Reason.EXPIRED, null);
    }
    if (!entry.fate.firedBy.compareAndSet(null, handle)) {
      throw new HandleException(handle.equals(entry.fate.firedBy.get())
          ? HandleException.Reason.ALREADY_FIRED : HandleException.Reason.CANCELLED, null);
    }
    entry.callback.accept(value); // outside any lock: the callback may register new handles
  }

  /** Handles held, dead ones until expiry included. */
  public int size() {
    return count.get();
  }

  private long expiry(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(OneTimeTokens.MAX_TTL) > 0) {
      throw new IllegalArgumentException("a handle's time to live must be in (0, 30 days], got " + ttl);
    }
    return clock.millis() + ttl.toMillis();
  }

  private void reserve(int n) throws HandleException {
    if (tryReserve(n)) {
      return;
    }
    sweep(clock.millis());
    if (!tryReserve(n)) {
      throw new HandleException(HandleException.Reason.FULL, "the registry holds " + maxLive + " handles");
    }
  }

  private boolean tryReserve(int n) {
    while (true) {
      int c = count.get();
      if (c + n > maxLive) {
        return false;
      }
      if (count.compareAndSet(c, c + n)) {
        return true;
      }
    }
  }

  private String insert(Entry entry) {
    while (true) {
      String handle = PREFIX + TEXT.encodeToString(random.bytes(16));
      if (entries.putIfAbsent(handle, entry) == null) {
        return handle;
      }
    }
  }

  private void sweepIfFull(long now) {
    if (count.get() >= maxLive) {
      sweep(now);
    }
  }

  private void sweep(long now) {
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (e.getValue().fate.expiresAt <= now && entries.remove(e.getKey(), e.getValue())) {
        count.decrementAndGet(); // only the sweeper that removed it counts it
      }
    }
  }

  /** Builds {@link OneShotHandles}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private Drbg random;
    private int maxLive = 100_000;
    private Duration defaultTtl = Duration.ofMinutes(5);

    private Builder() {}

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where handles come from (default: a DRBG over the {@code system} source). */
    public Builder random(Drbg drbg) {
      this.random = Objects.requireNonNull(drbg, "drbg");
      return this;
    }

    /** Bound on handles held, dead-until-expiry included (default 100,000). */
    public Builder maxLive(int max) {
      this.maxLive = max;
      return this;
    }

    /** Time to live when {@link #register(Consumer)} does not say (default 5 minutes). */
    public Builder defaultTtl(Duration ttl) {
      this.defaultTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** @throws IllegalArgumentException if maxLive is below 2 */
    public OneShotHandles build() {
      if (maxLive < 2) {
        throw new IllegalArgumentException("maxLive must be at least 2, got " + maxLive);
      }
      return new OneShotHandles(this);
    }
  }

}
