package dev.otpkit.hashing;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** Keysets from fixed key bytes, and a clock the tests move by hand. */
final class Fixtures {
  private Fixtures() {}

  /** One key of a fixed keyset. */
  record FixedKey(int id, byte[] key, boolean enabled, boolean primary) {}

  static KeysetHandle keyset(FixedKey... keys) throws GeneralSecurityException {
    EnvelopeKeys.PARAMETERS.getClass(); // registers Tink's MAC and AEAD key managers
    KeysetHandle.Builder b = KeysetHandle.newBuilder();
    for (FixedKey k : keys) {
      HmacKey key = HmacKey.builder()
          .setParameters(EnvelopeKeys.PARAMETERS)
          .setKeyBytes(SecretBytes.copyFrom(k.key(), InsecureSecretKeyAccess.get()))
          .build();
      KeysetHandle.Builder.Entry e = KeysetHandle.importKey(key).withFixedId(k.id());
      if (k.primary()) {
        e.makePrimary();
      }
      e.setStatus(k.enabled() ? KeyStatus.ENABLED : KeyStatus.DISABLED);
      b.addEntry(e);
    }
    return b.build();
  }

  static byte[] bytes(int from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  /** A clock that stands still until told to move. */
  static final class ManualClock implements InstantSource {
    private final AtomicLong millis;

    ManualClock(long millis) {
      this.millis = new AtomicLong(millis);
    }

    void set(long m) {
      millis.set(m);
    }

    void advance(long delta) {
      millis.addAndGet(delta);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
      return millis.get();
    }
  }
}
