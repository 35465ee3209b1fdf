package dev.otpkit.otp.internal;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * A bounded number of slots, each held by an entry until its owner releases it or its expiry
 * passes; the capacity of the token store and of the handle registry.
 *
 * <p>Entries are kept in expiry order (a {@link ConcurrentSkipListMap}, lock-free, O(log n) to add
 * or remove), so a sweep takes off only what has expired and stops at the first live entry: a
 * refusal when nothing has expired looks at one entry, and each entry is taken off once, so sweeps
 * cost O(log n) amortised per entry at any fill level. A scan of all entries would make every
 * refusal of a full store cost its capacity, which is what a flood makes it pay.
 *
 * <p>Exactly one party frees an entry's slots: its owner (a redeemer, a firer) or the sweeper,
 * whichever wins the owner's own atomic step (a map removal, a compare-and-set); the sweeper asks
 * the owner through {@code onExpiry}, which answers with the number of slots it gave up.
 */
public final class ExpiringSlots<E extends ExpiringSlots.Entry> {

  /** Something that holds slots until {@link #expiresAt}. */
  public abstract static class Entry {
    private static final AtomicLong ORDER = new AtomicLong();

    private final long expiresAt;
    /** Ties between equal expiries, so that no two entries compare equal. */
    private final long order = ORDER.getAndIncrement();

    protected Entry(long expiresAt) {
      this.expiresAt = expiresAt;
    }

    public final long expiresAt() {
      return expiresAt;
    }
  }

  private static final Comparator<Entry> BY_EXPIRY =
      Comparator.comparingLong(Entry::expiresAt).thenComparingLong(e -> e.order);

  private final int capacity;
  private final ToIntFunction<E> onExpiry;
  private final AtomicInteger held = new AtomicInteger();
  private final ConcurrentSkipListMap<E, Boolean> byExpiry = new ConcurrentSkipListMap<>(BY_EXPIRY);
  private final LongAdder examined = new LongAdder();

  /**
   * @param onExpiry called once for each entry a sweep takes off; it retires the entry unless its
   *     owner already did, and returns the number of slots that freed (0 if the owner had)
   */
  public ExpiringSlots(int capacity, ToIntFunction<E> onExpiry) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.onExpiry = onExpiry;
  }

  /** Sweeps what has expired at {@code now}, then reserves {@code n} slots; false if they are not free. */
  public boolean tryReserve(int n, long now) {
    sweep(now);
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
    byExpiry.put(entry, Boolean.TRUE);
  }

  /** The owner retired {@code entry} before it expired: frees its {@code n} slots at once. */
  public void release(E entry, int n) {
    held.addAndGet(-n);
    byExpiry.remove(entry);
  }

  /** Takes off every entry expired at {@code now}, in expiry order, and no other. */
  private void sweep(long now) {
    for (Map.Entry<E, Boolean> first; (first = byExpiry.firstEntry()) != null; ) {
      examined.increment();
      E e = first.getKey();
      if (e.expiresAt() > now) {
        return;
      }
      if (byExpiry.remove(e) != null) { // one sweeper per entry
        held.addAndGet(-onExpiry.applyAsInt(e));
      }
    }
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
