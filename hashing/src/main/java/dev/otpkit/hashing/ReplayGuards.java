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
   * per stream, the highest sequence number seen and a bitmap of the {@code windowBits} before it.
   * A higher number slides the window; a number inside it is accepted once; a number below it is
   * {@link Reason#OUT_OF_WINDOW}. At most {@code maxStreams} streams are tracked; one more fails
   * closed.
   *
   * @throws IllegalArgumentException if windowBits is not a multiple of 64 in [64, 65536] or
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
      if (windowBits < 64 || windowBits > 65536 || windowBits % 64 != 0) {
        throw new IllegalArgumentException("window must be a multiple of 64 in [64, 65536] bits, got " + windowBits);
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

  /** One stream's window. Sequence numbers compare unsigned. */
  private static final class Window {
    private final long[] bits;
    private final int size;
    private long top = -1; // highest accepted, unsigned; -1 (all ones) means none yet
    private boolean any;

    Window(int size) {
      this.size = size;
      this.bits = new long[size / 64];
    }

    synchronized void accept(long seq) throws EnvelopeException {
      if (!any || Long.compareUnsigned(seq, top) > 0) {
        long shift = any ? seq - top : size;
        slide(shift);
        top = seq;
        any = true;
        set(0);
        return;
      }
      long behind = top - seq; // unsigned distance, seq <= top
      if (Long.compareUnsigned(behind, size) >= 0) {
        throw new EnvelopeException(Reason.OUT_OF_WINDOW, "sequence " + Long.toUnsignedString(seq)
            + " is more than " + size + " behind " + Long.toUnsignedString(top));
      }
      if (get((int) behind)) {
        throw new EnvelopeException(Reason.REPLAYED, "sequence " + Long.toUnsignedString(seq) + " was already opened");
      }
      set((int) behind);
    }

    /** Bit i stands for sequence top - i. */
    private boolean get(int i) {
      return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(int i) {
      bits[i >>> 6] |= 1L << (i & 63);
    }

    private void slide(long shift) {
      if (Long.compareUnsigned(shift, size) >= 0) {
        java.util.Arrays.fill(bits, 0L);
        return;
      }
      int s = (int) shift;
      int words = s >>> 6;
      int r = s & 63;
      for (int i = bits.length - 1; i >= 0; i--) {
        long hi = i - words >= 0 ? bits[i - words] : 0;
        long lo = i - words - 1 >= 0 ? bits[i - words - 1] : 0;
        bits[i] = r == 0 ? hi : (hi << r) | (lo >>> (64 - r));
      }
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
