package dev.otpkit.hashing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Envelope keys a running application can replace: rotate to a new primary, disable a key, reload
 * a keyset file. {@link Sealer}s and {@link Opener}s built over it read the current keys on every
 * call, so the first open after {@link #set} that meets a disabled key rejects it with
 * {@link Reason#DISABLED_KEY}, and the first seal after a rotation uses the new primary.
 *
 * <pre>{@code
 * LiveEnvelopeKeys keys = LiveEnvelopeKeys.of(EnvelopeKeys.read(keysetFile));
 * Opener opener = Opener.builder(keys).session(id).direction(Direction.UI_TO_BACKEND).build();
 * // later, after 'otpkit keyset disable' rewrote the file:
 * keys.set(EnvelopeKeys.read(keysetFile));
 * }</pre>
 *
 * <p>Thread-safe: a swap is one atomic reference write, and every call sees either the old keys
 * or the new ones, never a mix. Keys derived per session stay cached across swaps for key ids
 * whose key bytes did not change.
 */
public final class LiveEnvelopeKeys implements Supplier<EnvelopeKeys> {

  private final AtomicReference<EnvelopeKeys> current;

  private LiveEnvelopeKeys(EnvelopeKeys initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  /** Live keys starting at {@code initial}. */
  public static LiveEnvelopeKeys of(EnvelopeKeys initial) {
    return new LiveEnvelopeKeys(initial);
  }

  /** The keys now in force. */
  @Override
  public EnvelopeKeys get() {
    return current.get();
  }

  /** Puts {@code keys} in force for every later seal and open; returns the keys it replaced. */
  public EnvelopeKeys set(EnvelopeKeys keys) {
    return current.getAndSet(Objects.requireNonNull(keys, "keys"));
  }

  @Override
  public String toString() {
    return "LiveEnvelopeKeys{" + current.get() + "}";
  }
}
