package dev.otpkit.otp.internal;

import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenException;
import dev.otpkit.otp.TokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link TokenStore}: a concurrent map from digest to live entry, bounded by
 * {@link ExpiringSlots} (a slot is reserved before each insert, so concurrent issuers cannot
 * overshoot the bound) and failing closed when full. A redeemed (or burnt) token leaves the live
 * map and frees its slot at once, and its digest moves to a bounded memory of used digests, which
 * only serves the {@code already-used} reason: when that memory forgets its oldest digest, a
 * replay of that token reads {@code unknown} instead, and is rejected all the same, so the memory
 * may evict where the live map may not. Each issue first takes off expired entries, in expiry
 * order, on the caller's thread (see {@link ExpiringSlots}): a refusal and a redeem cost the same
 * at any fill level.
 */
public final class InMemoryTokenStore implements TokenStore {

  /** What the store holds for one token, for inspection: no token, only its digest (a used one keeps nothing else). */
  public record Entry(String digestHex, Scope scope, long expiresAtMillis, boolean used) {}

  private static final class Slot extends ExpiringSlots.Entry {
    final DigestKey key;
    final Scope scope;

    Slot(DigestKey key, Scope scope, long expiresAt) {
      super(expiresAt);
      this.key = key;
      this.scope = scope;
    }
  }

  private final int maxEntries;
  private final ConcurrentHashMap<DigestKey, Slot> live = new ConcurrentHashMap<>();
  private final ExpiringSlots<Slot> slots;
  private final BoundedMemory<DigestKey, Boolean> used;

  public InMemoryTokenStore(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.slots = new ExpiringSlots<>(maxEntries, slot -> live.remove(slot.key, slot) ? 1 : 0);
    this.used = new BoundedMemory<>(maxEntries);
  }

  @Override
  public void add(byte[] digest, Scope scope, long expiresAtMillis, long nowMillis) throws TokenException {
    if (!slots.tryReserve(1, nowMillis)) {
      throw new TokenException(TokenException.Reason.STORE_FULL,
          "the store holds " + maxEntries + " unexpired tokens");
    }
    DigestKey key = DigestKey.ofDigest(digest);
    Slot slot = new Slot(key, scope, expiresAtMillis);
    if (live.putIfAbsent(key, slot) != null) {
      slots.unreserve(1); // a 256-bit collision: never in practice, but never overwrite
      throw new IllegalStateException("token digest already stored");
    }
    slots.track(slot);
  }

  @Override
  public Outcome consume(byte[] digest, Scope scope, long nowMillis) {
    Outcome[] outcome = {null};
    Slot[] consumed = {null};
    DigestKey key = DigestKey.ofDigest(digest);
    // Atomic per digest: of concurrent consumers exactly one finds the live entry; it records the
    // digest as used before the entry leaves, so the others find it there.
    live.computeIfPresent(key, (k, slot) -> {
      consumed[0] = slot;
      if (slot.expiresAt() <= nowMillis) {
        outcome[0] = Outcome.EXPIRED;
        return null;
      }
      used.put(k, Boolean.TRUE);
      // a token shown in the wrong place is treated as leaked: burnt
      outcome[0] = slot.scope.equals(scope) ? Outcome.REDEEMED : Outcome.WRONG_SCOPE;
      return null;
    });
    if (consumed[0] != null) {
      slots.release(consumed[0], 1);
      return outcome[0];
    }
    return used.get(key) != null ? Outcome.ALREADY_USED : Outcome.UNKNOWN;
  }

  /** Live entries held, for inspection (tests, diagnostics). */
  public int size() {
    return slots.held();
  }

  /** How many entries sweeps have looked at, for tests that show what a refusal costs. */
  public long entriesExamined() {
    return slots.examined();
  }

  /** Everything the store holds: digests, scopes, expiries. There is no token in it. */
  public List<Entry> snapshot() {
    List<Entry> out = new ArrayList<>();
    live.forEach((k, s) -> out.add(new Entry(k.hex(), s.scope, s.expiresAt(), false)));
    used.snapshot().keySet().forEach(k -> out.add(new Entry(k.hex(), null, 0, true)));
    return out;
  }
}
