package dev.otpkit.otp.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} keys put in it, forgetting the oldest: the memory of used
 * tokens and fired handles, which only serves a more precise rejection reason ({@code
 * already-used}, {@code already-fired}). Forgetting turns that reason into {@code unknown}, still a
 * rejection, so this memory may evict where the live entries may not. A {@link LinkedHashMap} in
 * insertion order does it in O(1); synchronized, because its order is shared state.
 */
public final class BoundedMemory<K, V> {
  private final Map<K, V> entries;

  public BoundedMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    });
  }

  public void put(K key, V value) {
    entries.put(key, value);
  }

  /** What is remembered of {@code key}, or null if nothing (never put, or forgotten). */
  public V get(K key) {
    return entries.get(key);
  }

  /** A copy of what is remembered, oldest first. */
  public Map<K, V> snapshot() {
    synchronized (entries) {
      return new LinkedHashMap<>(entries);
    }
  }
}
