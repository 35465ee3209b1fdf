package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.otp.internal.BoundedMemory;
import dev.otpkit.otp.internal.CanonicalBase64Url;
import dev.otpkit.otp.internal.DigestKey;
import dev.otpkit.otp.internal.ExpiringSlots;
import dev.otpkit.otp.internal.HighWaterClock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>Only the SHA-256 digest of a handle is kept: nothing reachable from the registry (a heap
 *       dump) spells a handle, and lookups compare digests in constant time.
 *   <li>Handles expire. Expiry is checked against the highest clock reading seen, so a clock that
 *       steps back does not revive an expired handle; times to live are at least 1 ms.
 *   <li>A fired handle (and the other half of its pair) leaves the registry at once. Its fate is
 *       remembered in a bounded memory of the last {@code maxLive} dead handles, so a late second
 *       firing reports {@code already-fired} or {@code cancelled}; once forgotten it reports
 *       {@code unknown}, rejected all the same.
 *   <li>The registry is bounded and refuses new handles when full. Expired entries are taken off
 *       in expiry order on the registering thread, with no background thread and no scan, so a
 *       refusal or a firing costs the same at any fill level.
 * </ul>
 *
 * <p>Callbacks run on the firing thread, outside any lock of the registry. Thread-safe.
 */
public final class OneShotHandles {

  /** The type prefix of every handle. */
  public static final String PREFIX = "osh_";
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  /** The two halves of an async reply. */
  public record Pair(String resolve, String reject) {
    @Override
    public String toString() {
      return "OneShotHandles.Pair";
    }
  }

  /** One registration's fate, shared by the halves of a pair; it holds one slot per half. */
  private static final class Fate extends ExpiringSlots.Entry {
    static final int LIVE = -1;
    static final int EXPIRED = -2;

    /** The digest of each half's handle. */
    final DigestKey[] keys;
    /** LIVE, EXPIRED, or the index of the half that fired: whoever moves it from LIVE retires the fate. */
    final AtomicInteger state = new AtomicInteger(LIVE);

    Fate(long expiresAt, int halves) {
      super(expiresAt);
      this.keys = new DigestKey[halves];
    }

    /** What firing {@code half} reports once the fate is {@code state} (not LIVE). */
    static HandleException.Reason reason(int state, int half) {
      return state == EXPIRED ? HandleException.Reason.EXPIRED
          : state == half ? HandleException.Reason.ALREADY_FIRED : HandleException.Reason.CANCELLED;
    }
  }

  private record Entry(Fate fate, int half, Consumer<byte[]> callback) {}

  private final ConcurrentHashMap<DigestKey, Entry> entries = new ConcurrentHashMap<>();
  private final ExpiringSlots<Fate> slots;
  private final BoundedMemory<DigestKey, HandleException.Reason> dead;
  private final HighWaterClock clock;
  private final Drbg random;
  private final Duration defaultTtl;
  private final HandleStore store; // null: decided here only

  private OneShotHandles(Builder b) {
    this.store = b.store;
    this.clock = new HighWaterClock(b.clock);
    this.random = b.random != null ? b.random : Drbg.system();
    this.slots = new ExpiringSlots<>(b.maxLive, this::expire);
    this.dead = new BoundedMemory<>(b.maxLive);
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
   * @throws IllegalArgumentException if the ttl is under 1 ms (after truncation to whole
   *     milliseconds) or over 30 days
   * @throws HandleException FULL if the registry holds its maximum of live handles
   */
  public String register(Consumer<byte[]> callback, Duration ttl) throws HandleException {
    Objects.requireNonNull(callback, "callback");
    Fate fate = reserve(ttl, 1);
    String handle = insert(fate, 0, callback);
    share(fate);
    slots.track(fate);
    return handle;
  }

  /**
   * Registers a resolve/reject pair: firing either half cancels the other.
   *
   * @throws IllegalArgumentException if the ttl is under 1 ms or over 30 days
   * @throws HandleException FULL if the registry has no room for two more live handles
   */
  public Pair registerPair(Consumer<byte[]> onResolve, Consumer<byte[]> onReject, Duration ttl)
      throws HandleException {
    Objects.requireNonNull(onResolve, "onResolve");
    Objects.requireNonNull(onReject, "onReject");
    Fate fate = reserve(ttl, 2);
    Pair pair = new Pair(insert(fate, 0, onResolve), insert(fate, 1, onReject));
    share(fate);
    slots.track(fate);
    return pair;
  }

  /**
   * Fires {@code handle}: runs its callback with {@code value}, once. An exception thrown by the
   * callback reaches the caller; the handle counts as fired all the same.
   *
   * @throws HandleException MALFORMED, UNKNOWN, EXPIRED, ALREADY_FIRED or CANCELLED
   */
  public void fire(String handle, byte[] value) throws HandleException {
    DigestKey key = DigestKey.of(parse(handle));
    long now = clock.millis();
    Entry entry = entries.get(key);
    if (entry == null) {
      HandleException.Reason remembered = dead.get(key);
      throw new HandleException(remembered != null ? remembered : HandleException.Reason.UNKNOWN, null);
    }
    Fate fate = entry.fate;
    if (fate.expiresAt() <= now) {
      throw new HandleException(HandleException.Reason.EXPIRED, null);
    }
    if (store != null) {
      // the shared store decides first. Any other answer than FIRED leaves the fate here to the
      // claimer the store chose (it is about to fire it), or to the sweep once it expires.
      HandleStore.Outcome decided = store.claim(key.bytes(), now);
      if (decided != HandleStore.Outcome.FIRED) {
        HandleException.Reason reason = switch (decided) {
          case EXPIRED -> HandleException.Reason.EXPIRED;
          case ALREADY_FIRED -> HandleException.Reason.ALREADY_FIRED;
          case CANCELLED -> HandleException.Reason.CANCELLED;
          default -> HandleException.Reason.UNKNOWN;
        };
        throw new HandleException(reason, "decided in the shared store");
      }
    }
    if (!fate.state.compareAndSet(Fate.LIVE, entry.half)) {
      // another thread decided this fate a moment ago and has not yet taken the entries off
      throw new HandleException(Fate.reason(fate.state.get(), entry.half), null);
    }
    // Remembered before the entries leave, so a concurrent second firing finds one or the other.
    for (int i = 0; i < fate.keys.length; i++) {
      dead.put(fate.keys[i], Fate.reason(entry.half, i));
    }
    remove(fate);
    slots.release(fate, fate.keys.length);
    entry.callback.accept(value); // outside any lock: the callback may register new handles
  }

  /** Live handles held: registered, neither fired nor cancelled, and not yet taken off after expiry. */
  public int size() {
    return slots.held();
  }

  /** How many entries sweeps have looked at, for tests that show what a refusal costs. */
  long entriesExamined() {
    return slots.examined();
  }

  /** The handle's 16 bytes, checked for form before anything is allocated from it. */
  private static byte[] parse(String handle) throws HandleException {
    try {
      return CanonicalBase64Url.decode(handle, PREFIX, 16);
    } catch (IllegalArgumentException e) {
      throw new HandleException(HandleException.Reason.MALFORMED, e.getMessage());
    }
  }

  private Fate reserve(Duration ttl, int halves) throws HandleException {
    long ttlMillis = OneTimeTokens.ttlMillis(ttl, "a handle's");
    long now = clock.millis();
    if (!slots.tryReserve(halves, now)) {
      throw new HandleException(HandleException.Reason.FULL, "the registry holds its maximum of live handles");
    }
    return new Fate(now + ttlMillis, halves);
  }

  private String insert(Fate fate, int half, Consumer<byte[]> callback) {
    Entry entry = new Entry(fate, half, callback);
    while (true) {
      byte[] value = random.bytes(16);
      DigestKey key = DigestKey.of(value);
      fate.keys[half] = key;
      if (entries.putIfAbsent(key, entry) == null) {
        String handle = PREFIX + TEXT.encodeToString(value);
        Arrays.fill(value, (byte) 0);
        return handle;
      }
    }
  }

  /** Records a new fate in the shared store, if there is one; on failure nothing is registered. */
  private void share(Fate fate) throws HandleException {
    if (store == null) {
      return;
    }
    byte[][] halves = new byte[fate.keys.length][];
    for (int i = 0; i < halves.length; i++) {
      halves[i] = fate.keys[i].bytes();
    }
    try {
      store.add(halves, fate.expiresAt(), clock.millis());
    } catch (HandleException | RuntimeException e) {
      remove(fate);
      slots.unreserve(fate.keys.length);
      throw e;
    }
  }

  /** A sweep found {@code fate} expired: retires it unless it fired first; the slots that freed. */
  private int expire(Fate fate) {
    if (!fate.state.compareAndSet(Fate.LIVE, Fate.EXPIRED)) {
      return 0;
    }
    remove(fate);
    return fate.keys.length;
  }

  private void remove(Fate fate) {
    for (DigestKey key : fate.keys) {
      entries.remove(key);
    }
  }

  /** Builds {@link OneShotHandles}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private Drbg random;
    private int maxLive = 100_000;
    private Duration defaultTtl = Duration.ofMinutes(5);
    private HandleStore store;

    /**
     * Decides every fate in {@code store} as well (for example Redis, shared by several instances
     * and kept across restarts): a handle fires only if the store says it is this firing.
     * Callbacks stay in this registry.
     */
    public Builder store(HandleStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

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

    /**
     * Bound on live handles (default 100,000); a fired handle frees its place at once. Also the
     * number of dead handles remembered for the {@code already-fired} and {@code cancelled} reasons.
     */
    public Builder maxLive(int max) {
      this.maxLive = max;
      return this;
    }

    /** Time to live when {@link #register(Consumer)} does not say (default 5 minutes). */
    public Builder defaultTtl(Duration ttl) {
      this.defaultTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /**
     * @throws IllegalArgumentException if maxLive is below 2, or the default time to live is under
     *     1 ms or over 30 days
     */
    public OneShotHandles build() {
      if (maxLive < 2) {
        throw new IllegalArgumentException("maxLive must be at least 2, got " + maxLive);
      }
      OneTimeTokens.ttlMillis(defaultTtl, "a handle's default");
      return new OneShotHandles(this);
    }
  }

}
