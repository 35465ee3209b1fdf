package dev.otpkit.otp.internal;

import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * A bounded number of slots, each held by an entry until its owner releases it or its expiry
 * passes; the capacity of the token store and of the handle registry.
 *
 * <p>Entries are kept in expiry order ({@link ConcurrentSkipListMap}s, lock-free, O(log n) to add
 * or remove), so a sweep takes off only what has expired and stops at the first live entry: a
 * refusal when nothing has expired looks at one entry per stripe, and each entry is taken off
 * once, so sweeps cost O(log n) amortised per entry at any fill level. A scan of all entries
 * would make every refusal of a full store cost its capacity, which is what a flood makes it pay.
 *
 * <p>The order is kept in a few stripes, one chosen by the thread that adds an entry: threads
 * that issue at the same moment would otherwise all append at the same end of one list. Each add
 * sweeps its own stripe; a reservation that finds no room sweeps them all before it refuses.
 *
 * <p>Exactly one party frees an entry's slots: its owner (a redeemer, a firer) or the sweeper,
 * whichever wins the owner's own atomic step (a map removal, a compare-and-set); the sweeper asks
 * the owner through {@code onExpiry}, which answers with the number of slots it gave up.
 */
public final class ExpiringSlots<E extends ExpiringSlots.Entry> {

  /** A power of two; a refusal looks at this many list heads. */
  static final int STRIPES = 4;

  /** Something that holds slots until {@link #expiresAt}. */
  public abstract static class Entry {
    private final long expiresAt;
    /** The stripe of the thread that made it, and a tie-break between equal expiries there. */
    final int stripe = ownStripe();
    final long order = ORDERS.getAndIncrement(stripe * PAD);

    protected Entry(long expiresAt) {
      this.expiresAt = expiresAt;
    }

    public final long expiresAt() {
      return expiresAt;
    }
  }

  /** One counter per stripe, 128 bytes apart so that threads on different stripes share no cache line. */
  private static final int PAD = 16;
  private static final AtomicLongArray ORDERS = new AtomicLongArray(STRIPES * PAD);

  private static final Comparator<Entry> BY_EXPIRY =
      Comparator.comparingLong(Entry::expiresAt).thenComparingLong(e -> e.order);

  private final int capacity;
  private final ToIntFunction<E> onExpiry;
  private final AtomicInteger held = new AtomicInteger();
  private final ConcurrentSkipListMap<E, Boolean>[] stripes;
  private final LongAdder examined = new LongAdder();

  /**
   * @param onExpiry called once for each entry a sweep takes off; it retires the entry unless its
   *     owner already did, and returns the number of slots that freed (0 if the owner had)
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array of the stripes
  public ExpiringSlots(int capacity, ToIntFunction<E> onExpiry) {
    this.capacity = capacity;
    this.onExpiry = onExpiry;
    this.stripes = new ConcurrentSkipListMap[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ConcurrentSkipListMap<>(BY_EXPIRY);
    }
  }

  /** Sweeps what has expired at {@code now}, then reserves {@code n} slots; false if they are not free. */
  public boolean tryReserve(int n, long now) {
    sweep(stripes[ownStripe()], now);
    if (reserve(n)) {
      return true;
    }
    for (ConcurrentSkipListMap<E, Boolean> s : stripes) {
      sweep(s, now);
    }
    return reserve(n);
  }

  private boolean reserve(int n) {
    while (true) {
      int c = held.get();
      if (c + n > capacity) {
        return false;
      }
      if (held.compareAndSet(c, c + n)) {
        return true;
      }
    }
  }

  /** Gives back slots reserved for an entry that was never tracked. */
  public void unreserve(int n) {
    held.addAndGet(-n);
  }

  /** Starts tracking {@code entry}'s expiry; its slots must have been reserved. */
  public void track(E entry) {
    stripes[entry.stripe].put(entry, Boolean.TRUE);
  }

  /** The owner retired {@code entry} before it expired: frees its {@code n} slots at once. */
  public void release(E entry, int n) {
    held.addAndGet(-n);
    stripes[entry.stripe].remove(entry);
  }

  /** Takes off every entry of {@code s} expired at {@code now}, in expiry order, and no other. */
  private void sweep(ConcurrentSkipListMap<E, Boolean> s, long now) {
    while (!s.isEmpty()) {
      E e;
      try {
        e = s.firstKey();
      } catch (NoSuchElementException emptiedMeanwhile) {
        return;
      }
      examined.increment();
      if (e.expiresAt() > now) {
        return;
      }
      if (s.remove(e) != null) { // one sweeper per entry
        held.addAndGet(-onExpiry.applyAsInt(e));
      }
    }
  }

  private static int ownStripe() {
    return (int) Thread.currentThread().getId() & (STRIPES - 1);
  }

  /** Slots held. */
  public int held() {
    return held.get();
  }

  /** How many entries sweeps have looked at, for tests that show what a refusal costs. */
  public long examined() {
    return examined.sum();
  }
}
