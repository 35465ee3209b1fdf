package dev.otpkit.hashing;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/** In-memory {@link ReplayGuard}s. */
public final class ReplayGuards {

  private ReplayGuards() {}

  /**
   * {@link #sequenceWindow(int, int, int)} remembering up to {@code windowBits} late numbers per
   * stream.
   *
   * @throws IllegalArgumentException if windowBits is not a power of two in [64, 65536] or
   *     maxStreams is not positive
   */
  public static ReplayGuard sequenceWindow(int windowBits, int maxStreams) {
    return new SequenceWindow(windowBits, windowBits, maxStreams);
  }

  /**
   * The anti-replay window of IPsec and DTLS (RFC 4303 section 3.4.3, RFC 6347 section 4.1.2.6),
   * kept as a ring of bits (RFC 6479), with a list of late numbers: per stream, the highest
   * sequence number accepted ({@code top}) and which of the {@code windowBits} numbers
   * {@code top - windowBits + 1 .. top} were accepted. A higher number slides the window; a number
   * inside it is accepted once. A number that leaves the window without having been accepted is
   * recorded as late (at most {@code maxLate} of them, the lowest forgotten first), and a late
   * number is accepted once below the window. Anything else below the window is
   * {@link Reason#OUT_OF_WINDOW}.
   *
   * <p>The late list is what lets many threads share one sealer: an envelope sealed early but
   * opened after more than {@code windowBits} later ones is still accepted, however long its
   * thread was descheduled, as long as fewer than {@code maxLate} such envelopes are outstanding
   * at once. SPEC.md, section "Replay window", states the rules exactly.
   *
   * <p>At most {@code maxStreams} streams are tracked; one more fails closed with
   * {@link Reason#REPLAY_STATE_FULL}. Memory per stream: {@code windowBits / 8} bytes, and 16
   * bytes per run of consecutive late numbers.
   *
   * @throws IllegalArgumentException if windowBits is not a power of two in [64, 65536], maxLate
   *     is not in [0, 65536] or maxStreams is not positive
   */
  public static ReplayGuard sequenceWindow(int windowBits, int maxLate, int maxStreams) {
    return new SequenceWindow(windowBits, maxLate, maxStreams);
  }

  /**
   * Remembers salts until their envelopes expire, for stateless use where sequence numbers do not
   * form one stream. A salt is remembered while the opener's clock is at or before its envelope's
   * expiry ({@code expiresAtMillis}, the last millisecond the opener accepts it), so the two edges
   * meet. At most {@code maxSalts} entries; when full, entries past their expiry are dropped
   * (lowest expiry first, each visited once), and if it is still full it fails closed with
   * {@link Reason#REPLAY_STATE_FULL}.
   *
   * @throws IllegalArgumentException if maxSalts is not positive
   */
  public static ReplayGuard saltCache(int maxSalts) {
    return new SaltCache(maxSalts);
  }

  /**
   * Both guards: an envelope must pass {@code first}, then {@code second}. An envelope the first
   * rejects never reaches the second.
   */
  public static ReplayGuard both(ReplayGuard first, ReplayGuard second) {
    java.util.Objects.requireNonNull(first, "first");
    java.util.Objects.requireNonNull(second, "second");
    return (stream, seq, salt, expires, now) -> {
      first.accept(stream, seq, salt, expires, now);
      second.accept(stream, seq, salt, expires, now);
    };
  }

  private static final class SequenceWindow implements ReplayGuard {
    private final int windowBits;
    private final int maxLate;
    private final int maxStreams;
    private final Map<String, Window> streams = new HashMap<>();

    SequenceWindow(int windowBits, int maxLate, int maxStreams) {
      if (windowBits < 64 || windowBits > 65536 || Integer.bitCount(windowBits) != 1) {
        throw new IllegalArgumentException("window must be a power of two in [64, 65536] bits, got " + windowBits);
      }
      if (maxLate < 0 || maxLate > 65536) {
        throw new IllegalArgumentException("maxLate must be in [0, 65536], got " + maxLate);
      }
      if (maxStreams < 1) {
        throw new IllegalArgumentException("maxStreams must be positive, got " + maxStreams);
      }
      this.windowBits = windowBits;
      this.maxLate = maxLate;
      this.maxStreams = maxStreams;
    }

    @Override
    public void accept(String stream, long sequence, byte[] salt, long expiresAtMillis, long nowMillis)
        throws EnvelopeException {
      Window w;
      synchronized (streams) {
        w = streams.get(stream);
        if (w == null) {
          if (streams.size() >= maxStreams) {
            throw new EnvelopeException(Reason.REPLAY_STATE_FULL,
                "the sequence window tracks " + maxStreams + " streams already");
          }
          w = new Window(windowBits, maxLate);
          streams.put(stream, w);
        }
      }
      w.accept(sequence);
    }
  }

  /**
   * One stream's window, kept as a ring of bits indexed by sequence number modulo the window
   * (RFC 6479): moving the top forward visits only the slots it passes over, so an in-order
   * message costs O(1) instead of shifting the whole bitmap. Sequence numbers compare unsigned.
   *
   * <p>The first accepted number {@code f} puts {@code f - size + 1} (or 0) at the bottom of the
   * window (SPEC.md calls it the floor): from then on every number at or above it is in the
   * window, accepted, late, or forgotten as late, and nothing below it is ever accepted again.
   */
  static final class Window {
    private final long[] bits;
    private final int size;
    private final LateNumbers late;
    private long top; // highest accepted, unsigned; meaningful once any is true
    private boolean any;

    Window(int size, int maxLate) {
      this.size = size;
      this.bits = new long[size / 64];
      this.late = new LateNumbers(maxLate);
    }

    synchronized void accept(long seq) throws EnvelopeException {
      if (!any) {
        any = true;
        top = seq;
        set(seq);
        return;
      }
      if (Long.compareUnsigned(seq, top) > 0) {
        advanceTo(seq);
        set(seq);
        return;
      }
      long behind = top - seq; // unsigned distance, seq <= top
      if (Long.compareUnsigned(behind, size) >= 0) {
        if (late.take(seq)) {
          return;
        }
        throw new EnvelopeException(Reason.OUT_OF_WINDOW, "sequence " + Long.toUnsignedString(seq)
            + " is " + Long.toUnsignedString(behind) + " behind " + Long.toUnsignedString(top)
            + ", outside the window of " + size + " and not a late number");
      }
      if (get(seq)) {
        throw new EnvelopeException(Reason.REPLAYED, "sequence " + Long.toUnsignedString(seq) + " was already opened");
      }
      set(seq);
    }

    /**
     * Makes {@code seq} (above the top) the top. Every number leaving the window, from
     * {@code top - size + 1} up to {@code min(top, seq - size)}, is recorded as late unless it was
     * accepted; its slot is cleared for the number that now takes it. The window only ever
     * covered numbers at or above the floor, except below 0 near the start of the number space,
     * where the arithmetic wraps and there is nothing to record.
     */
    private void advanceTo(long seq) {
      long distance = seq - top; // unsigned, > 0
      long steps = Long.compareUnsigned(distance, size) >= 0 ? size : distance;
      // the numbers that leave, lowest first: top - size + 1 .. top - size + steps
      for (long i = 1; i <= steps; i++) {
        long leaving = top - size + i; // wraps when top < size - i: no such number
        if (!get(leaving) && Long.compareUnsigned(top, size - i) >= 0) {
          late.add(leaving);
        }
        clear(leaving);
      }
      top = seq;
    }

    private int slot(long seq) {
      return (int) (seq & (size - 1)); // size is a power of two
    }

    private boolean get(long seq) {
      int i = slot(seq);
      return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long seq) {
      int i = slot(seq);
      bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long seq) {
      int i = slot(seq);
      bits[i >>> 6] &= ~(1L << (i & 63));
    }
  }

  /**
   * The late numbers of one stream: ascending, kept as runs of consecutive numbers (a stream's
   * first window is one run, however many numbers it holds), at most {@code max} numbers in all,
   * the lowest dropped first. Numbers are added in ascending order, because they leave the window
   * in that order, so an add touches only the last run.
   */
  static final class LateNumbers {
    private final int max;
    private long[] lo = new long[0];
    private long[] hi = new long[0];
    private int runs;
    private int count;

    LateNumbers(int max) {
      this.max = max;
    }

    /** Adds {@code n}, above every number held. */
    void add(long n) {
      if (max == 0) {
        return;
      }
      if (runs > 0 && hi[runs - 1] + 1 == n) {
        hi[runs - 1] = n;
      } else {
        if (runs == lo.length) {
          int grown = Math.max(4, runs * 2);
          lo = java.util.Arrays.copyOf(lo, grown);
          hi = java.util.Arrays.copyOf(hi, grown);
        }
        lo[runs] = n;
        hi[runs] = n;
        runs++;
      }
      if (++count > max) {
        dropLowest();
      }
    }

    private void dropLowest() {
      count--;
      if (lo[0] == hi[0]) {
        removeRun(0);
      } else {
        lo[0]++;
      }
    }

    /** Removes {@code n} if held; true if it was. */
    boolean take(long n) {
      int low = 0;
      int high = runs - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (Long.compareUnsigned(hi[mid], n) < 0) {
          low = mid + 1;
        } else if (Long.compareUnsigned(lo[mid], n) > 0) {
          high = mid - 1;
        } else {
          remove(mid, n);
          count--;
          return true;
        }
      }
      return false;
    }

    private void remove(int run, long n) {
      if (lo[run] == n && hi[run] == n) {
        removeRun(run);
      } else if (lo[run] == n) {
        lo[run]++;
      } else if (hi[run] == n) {
        hi[run]--;
      } else { // split the run around n
        if (runs == lo.length) {
          lo = java.util.Arrays.copyOf(lo, runs * 2);
          hi = java.util.Arrays.copyOf(hi, runs * 2);
        }
        System.arraycopy(lo, run + 1, lo, run + 2, runs - run - 1);
        System.arraycopy(hi, run + 1, hi, run + 2, runs - run - 1);
        hi[run + 1] = hi[run];
        lo[run + 1] = n + 1;
        hi[run] = n - 1;
        runs++;
      }
    }

    private void removeRun(int run) {
      System.arraycopy(lo, run + 1, lo, run, runs - run - 1);
      System.arraycopy(hi, run + 1, hi, run, runs - run - 1);
      runs--;
    }

    /** Numbers held. */
    int size() {
      return count;
    }

    /** Runs held (each costs 16 bytes). */
    int runs() {
      return runs;
    }
  }

  /**
   * Salts with their expiry in a hash map, and the same entries in a min-heap by expiry, so that
   * making room visits only entries that have expired, and a refusal when none has costs O(1).
   */
  static final class SaltCache implements ReplayGuard {
    private record Expiry(ByteBuffer salt, long at) {}

    private final int maxSalts;
    private final Map<ByteBuffer, Long> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry =
        new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    /** Heap entries looked at while making room; for tests of the O(1) refusal. */
    long visited;

    SaltCache(int maxSalts) {
      if (maxSalts < 1) {
        throw new IllegalArgumentException("maxSalts must be positive, got " + maxSalts);
      }
      this.maxSalts = maxSalts;
    }

    @Override
    public synchronized void accept(String stream, long sequence, byte[] salt, long expiresAtMillis,
        long nowMillis) throws EnvelopeException {
      ByteBuffer key = ByteBuffer.wrap(salt.clone());
      Long known = expiries.get(key);
      if (known != null && known >= nowMillis) {
        throw new EnvelopeException(Reason.REPLAYED, "this salt was already opened");
      }
      if (known != null || expiries.size() >= maxSalts) {
        dropExpired(nowMillis); // also drops the expired entry of a salt seen again, so heap = map
        if (expiries.size() >= maxSalts) {
          throw new EnvelopeException(Reason.REPLAY_STATE_FULL,
              "the salt cache holds " + maxSalts + " unexpired salts");
        }
      }
      expiries.put(key, expiresAtMillis);
      byExpiry.add(new Expiry(key, expiresAtMillis));
    }

    /** Drops entries whose expiry is before {@code now}; stale heap entries go on the way. */
    private void dropExpired(long now) {
      Expiry head;
      while ((head = byExpiry.peek()) != null && head.at < now) {
        visited++;
        byExpiry.poll();
        Long current = expiries.get(head.salt);
        if (current != null && current == head.at) {
          expiries.remove(head.salt);
        }
      }
    }
  }
}
