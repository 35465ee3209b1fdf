package dev.otpkit.hashing;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** In-memory {@link ReplayGuard}s. */
public final class ReplayGuards {

  private ReplayGuards() {}

  /**
   * The anti-replay window of IPsec and DTLS (RFC 4303 section 3.4.3, RFC 6347 section 4.1.2.6):
   * per stream, the highest sequence number seen and a bitmap of the {@code windowBits} up to it.
   * A higher number slides the window; a number inside it is accepted once; a number below it is
   * {@link Reason#OUT_OF_WINDOW}. At most {@code maxStreams} streams are tracked; one more fails
   * closed.
   *
   * @throws IllegalArgumentException if windowBits is not a power of two in [64, 65536] or
   *     maxStreams is not positive
   */
  public static ReplayGuard sequenceWindow(int windowBits, int maxStreams) {
    return new SequenceWindow(windowBits, maxStreams);
  }

  /**
   * Remembers salts until their envelopes would have expired, for stateless use where sequence
   * numbers do not form one stream. At most {@code maxSalts} live entries; expired ones are swept
   * when the cache is full, and if it is still full it fails closed.
   */
  public static ReplayGuard saltCache(int maxSalts) {
    return new SaltCache(maxSalts);
  }

  /** Both guards: an envelope must pass the sequence window and the salt cache. */
  public static ReplayGuard both(ReplayGuard first, ReplayGuard second) {
    return (stream, seq, salt, expires, now) -> {
      first.accept(stream, seq, salt, expires, now);
      second.accept(stream, seq, salt, expires, now);
    };
  }

  private static final class SequenceWindow implements ReplayGuard {
    private final int windowBits;
    private final int maxStreams;
    private final Map<String, Window> streams = new HashMap<>();

    SequenceWindow(int windowBits, int maxStreams) {
      if (windowBits < 64 || windowBits > 65536 || Integer.bitCount(windowBits) != 1) {
        throw new IllegalArgumentException("window must be a power of two in [64, 65536] bits, got " + windowBits);
      }
      if (maxStreams < 1) {
        throw new IllegalArgumentException("maxStreams must be positive, got " + maxStreams);
      }
      this.windowBits = windowBits;
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
          w = new Window(windowBits);
          streams.put(stream, w);
        }
      }
      w.accept(sequence);
    }
  }

  /**
   * One stream's window, kept as a ring of bits indexed by sequence number modulo the window
   * (RFC 6479): moving the top forward clears only the bits it passes over, so an in-order
   * message costs O(1) instead of shifting the whole bitmap. Sequence numbers compare unsigned.
   */
  private static final class Window {
    private final long[] bits;
    private final int size;
    private long top; // highest accepted, unsigned; meaningful once any is true
    private boolean any;

    Window(int size) {
      this.size = size;
      this.bits = new long[size / 64];
    }

    synchronized void accept(long seq) throws EnvelopeException {
      if (!any || Long.compareUnsigned(seq, top) > 0) {
        advanceTo(seq);
        set(seq);
        return;
      }
      long behind = top - seq; // unsigned distance, seq <= top
      if (Long.compareUnsigned(behind, size) >= 0) {
        throw new EnvelopeException(Reason.OUT_OF_WINDOW, "sequence " + Long.toUnsignedString(seq)
            + " is more than " + size + " behind " + Long.toUnsignedString(top));
      }
      if (get(seq)) {
        throw new EnvelopeException(Reason.REPLAYED, "sequence " + Long.toUnsignedString(seq) + " was already opened");
      }
      set(seq);
    }

    /** Makes {@code seq} the top, forgetting the numbers that fall out of the window. */
    private void advanceTo(long seq) {
      long distance = any ? seq - top : size;
      if (Long.compareUnsigned(distance, size) >= 0) {
        java.util.Arrays.fill(bits, 0L);
      } else {
        for (long s = top + 1; s != seq + 1; s++) {
          clear(s);
        }
      }
      top = seq;
      any = true;
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

  private static final class SaltCache implements ReplayGuard {
    private final int maxSalts;
    private final Map<ByteBuffer, Long> expiries = new HashMap<>();

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
      if (known == null && expiries.size() >= maxSalts) {
        for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
          if (it.next() < nowMillis) {
            it.remove();
          }
        }
        if (expiries.size() >= maxSalts) {
          throw new EnvelopeException(Reason.REPLAY_STATE_FULL,
              "the salt cache holds " + maxSalts + " unexpired salts");
        }
      }
      expiries.put(key, expiresAtMillis);
    }
  }
}
