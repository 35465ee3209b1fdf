package dev.otpkit.otp.internal;

import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenException;
import dev.otpkit.otp.TokenStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link TokenStore}: a concurrent map from digest to live entry, bounded by a count
 * that a slot is reserved in before each insert (so concurrent issuers cannot overshoot it), and
 * failing closed when full. A redeemed (or burnt) token leaves the live map at once and its digest
 * moves to a bounded memory of used digests, which only serves the {@code already-used} reason:
 * when that memory forgets its oldest digest, a replay of that token reads {@code unknown}
 * instead, and is rejected all the same, so the memory may evict where the live map may not.
 * Expired entries are swept when the store is full and every 1024 operations, on the caller's
 * thread.
 */
public final class InMemoryTokenStore implements TokenStore {

  /** What the store holds for one token, for inspection: no token, only its digest (a used one keeps nothing else). */
  public record Entry(String digestHex, Scope scope, long expiresAtMillis, boolean used) {}

  /**
   * A digest as a map key. SHA-256 output is uniform, so its first four bytes are the hash;
   * equality compares in constant time like every other secret-derived comparison here.
   */
  private static final class DigestKey {
    final byte[] bytes;
    final int hash;

    DigestKey(byte[] digest) {
      this.bytes = digest.clone();
      this.hash = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DigestKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class Slot {
    final Scope scope;
    final long expiresAt;

    Slot(Scope scope, long expiresAt) {
      this.scope = scope;
      this.expiresAt = expiresAt;
    }
  }

  private final int maxEntries;
  private final ConcurrentHashMap<DigestKey, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong operations = new AtomicLong();
  private final java.util.Map<DigestKey, Boolean> used;

  public InMemoryTokenStore(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.used = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<DigestKey, Boolean> eldest) {
        return size() > maxEntries;
      }
    });
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
    if (slots.putIfAbsent(new DigestKey(digest), new Slot(scope, expiresAtMillis)) != null) {
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
    Outcome[] outcome = {null};
    DigestKey key = new DigestKey(digest);
    // Atomic per digest: of concurrent consumers exactly one finds the live entry; it records the
    // digest as used before the entry leaves, so the others find it there.
    slots.computeIfPresent(key, (k, slot) -> {
      count.decrementAndGet();
      if (slot.expiresAt <= nowMillis) {
        outcome[0] = Outcome.EXPIRED;
        return null;
      }
      used.put(k, Boolean.TRUE);
      // a token shown in the wrong place is treated as leaked: burnt
      outcome[0] = slot.scope.equals(scope) ? Outcome.REDEEMED : Outcome.WRONG_SCOPE;
      return null;
    });
    if (outcome[0] != null) {
      return outcome[0];
    }
    return used.containsKey(key) ? Outcome.ALREADY_USED : Outcome.UNKNOWN;
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
    slots.forEach((k, s) -> out.add(new Entry(HexFormat.of().formatHex(k.bytes), s.scope, s.expiresAt, false)));
    synchronized (used) {
      for (DigestKey k : used.keySet()) {
        out.add(new Entry(HexFormat.of().formatHex(k.bytes), null, 0, true));
      }
    }
    return out;
  }
}
