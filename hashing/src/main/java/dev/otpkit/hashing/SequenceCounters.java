package dev.otpkit.hashing;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where sealers get their sequence numbers, so that no number of a stream (session and direction)
 * is ever issued twice.
 *
 * <p>Within one JVM every sealer of a stream draws from one counter: a sealer rebuilt for the same
 * stream, in the same millisecond or after the clock stepped back, continues where its
 * predecessor stopped, and two live sealers of one stream share the numbers. The counter of a
 * stream whose sealers are all gone may be forgotten; every new counter then starts above the
 * highest number any forgotten counter reached, so forgetting never lets a number repeat, and the
 * memory held stays within twice the streams with live sealers.
 *
 * <p>Across processes (a restart) a new counter starts at {@code (t + 1) * 2^11}, where {@code t}
 * is the highest clock reading in milliseconds any sealer of this JVM was built at: above every
 * number a predecessor issued, as long as it sealed fewer than 2048 envelopes per millisecond on
 * average since it was built and the clock did not step back across the restart. 2^11 keeps every
 * valid issue time (up to {@link Clocks#MAX_TIME_MILLIS}) within the unsigned 64-bit sequence.
 */
final class SequenceCounters {

  /** Sequence numbers per clock millisecond at the start of a counter. */
  static final int SHIFT = 11;
  /** A counter refuses numbers from here on (2^64 - 2^40), far above any clock-derived start. */
  static final long LAST_USABLE = -(1L << 40);

  /** What a sealer holds: while any sealer of a stream holds its lease, the counter is shared. */
  static final class Lease {
    private final AtomicLong next;

    private Lease(AtomicLong next) {
      this.next = next;
    }

    /** A lease of its own whose next number is {@code next}, for tests of the end of the space. */
    static Lease startingAt(long next) {
      return new Lease(new AtomicLong(next));
    }

    /**
     * The next number of the stream.
     *
     * @throws IllegalStateException once the sequence space is used up (never in practice)
     */
    long next() {
      long n = next.getAndIncrement();
      if (Long.compareUnsigned(n, LAST_USABLE) >= 0) {
        throw new IllegalStateException("the sequence numbers of this stream are used up");
      }
      return n;
    }
  }

  private static final class Entry {
    final AtomicLong next;
    WeakReference<Lease> lease;

    Entry(AtomicLong next) {
      this.next = next;
    }
  }

  private static final Map<String, Entry> STREAMS = new HashMap<>();
  private static long clockHighWater;
  /** Above every number a forgotten counter issued (unsigned). */
  private static long forgottenCeiling;
  private static int pruneAt = 64;

  private SequenceCounters() {}

  /**
   * The counter of {@code stream} for a sealer built at {@code nowMillis} (a valid issue time).
   */
  static synchronized Lease lease(String stream, long nowMillis) {
    clockHighWater = Math.max(clockHighWater, nowMillis);
    Entry e = STREAMS.get(stream);
    if (e == null && STREAMS.size() >= pruneAt) {
      prune();
    }
    long start = unsignedMax((clockHighWater + 1) << SHIFT, forgottenCeiling);
    if (e == null) {
      e = new Entry(new AtomicLong(start));
      STREAMS.put(stream, e);
    } else {
      Lease live = e.lease.get();
      if (live != null) {
        return live;
      }
      e.next.accumulateAndGet(start, SequenceCounters::unsignedMax);
    }
    Lease lease = new Lease(e.next);
    e.lease = new WeakReference<>(lease);
    return lease;
  }

  /** Forgets the counters no sealer holds, remembering only the highest number they reached. */
  private static void prune() {
    for (Iterator<Entry> it = STREAMS.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.lease.get() == null) {
        forgottenCeiling = unsignedMax(forgottenCeiling, e.next.get());
        it.remove();
      }
    }
    pruneAt = Math.max(64, STREAMS.size() * 2);
  }

  private static long unsignedMax(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** Streams remembered, for tests of the memory bound. */
  static synchronized int size() {
    return STREAMS.size();
  }
}
