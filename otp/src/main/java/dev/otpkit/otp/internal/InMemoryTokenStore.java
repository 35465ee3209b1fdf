package dev.otpkit.otp.internal;

import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenException;
import dev.otpkit.otp.TokenStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link TokenStore}: a concurrent map from digest to entry, bounded by a count that
 * a slot is reserved in before each insert (so concurrent issuers cannot overshoot it). Expired
 * entries are swept when the store is full and every 1024 operations, on the caller's thread.
 */
public final class InMemoryTokenStore implements TokenStore {

  /** What the store holds for one token, for inspection: no token, only its digest. */
  public record Entry(String digestHex, Scope scope, long expiresAtMillis, boolean used) {}

  private static final class Slot {
    final Scope scope;
    final long expiresAt;
    boolean used;

    Slot(Scope scope, long expiresAt) {
      this.scope = scope;
      this.expiresAt = expiresAt;
    }
  }

  private final int maxEntries;
  private final ConcurrentHashMap<ByteBuffer, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong operations = new AtomicLong();

  public InMemoryTokenStore(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  @Override
  public void add(byte[] digest, Scope scope, long expiresAtMillis, long nowMillis) throws TokenException {
    maybeSweep(nowMillis);
    if (!reserve()) {
      sweep(nowMillis);
      if (!reserve()) {
        throw new TokenException(TokenException.Reason.STORE_FULL,
            "the store holds " + maxEntries + " unexpired tokens");
      }
    }
    if (slots.putIfAbsent(ByteBuffer.wrap(digest.clone()), new Slot(scope, expiresAtMillis)) != null) {
      count.decrementAndGet(); // a 256-bit collision: never in practice, but never overwrite
      throw new IllegalStateException("token digest already stored");
    }
  }

  private boolean reserve() {
    while (true) {
      int c = count.get();
      if (c >= maxEntries) {
        return false;
      }
      if (count.compareAndSet(c, c + 1)) {
        return true;
      }
    }
  }

  @Override
  public Outcome consume(byte[] digest, Scope scope, long nowMillis) {
    maybeSweep(nowMillis);
    Outcome[] outcome = {Outcome.UNKNOWN};
    slots.computeIfPresent(ByteBuffer.wrap(digest), (k, slot) -> {
      if (slot.expiresAt <= nowMillis) {
        outcome[0] = Outcome.EXPIRED;
        count.decrementAndGet();
        return null;
      }
      if (slot.used) {
        outcome[0] = Outcome.ALREADY_USED;
      } else if (!slot.scope.equals(scope)) {
        slot.used = true; // burnt: a token shown in the wrong place is treated as leaked
        outcome[0] = Outcome.WRONG_SCOPE;
      } else {
        slot.used = true;
        outcome[0] = Outcome.REDEEMED;
      }
      return slot;
    });
    return outcome[0];
  }

  private void maybeSweep(long nowMillis) {
    if ((operations.incrementAndGet() & 1023) == 0) {
      sweep(nowMillis);
    }
  }

  /** Removes every expired entry. */
  public void sweep(long nowMillis) {
    slots.forEach((k, slot) -> slots.computeIfPresent(k, (key, s) -> {
      if (s.expiresAt <= nowMillis) {
        count.decrementAndGet();
        return null;
      }
      return s;
    }));
  }

  /** Entries held, for inspection (tests, diagnostics). */
  public int size() {
    return count.get();
  }

  /** Everything the store holds: digests, scopes, expiries. There is no token in it. */
  public List<Entry> snapshot() {
    List<Entry> out = new ArrayList<>();
    slots.forEach((k, s) -> {
      byte[] d = new byte[k.remaining()];
      k.duplicate().get(d);
      out.add(new Entry(HexFormat.of().formatHex(d), s.scope, s.expiresAt, s.used));
    });
    return out;
  }
}
