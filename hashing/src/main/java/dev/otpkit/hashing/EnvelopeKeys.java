package dev.otpkit.hashing;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.SecretKeyAccess;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.internal.LegacyProtoKey;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The long-term envelope keys: a Tink {@link KeysetHandle} of HMAC-SHA256 keys (32-byte keys,
 * no output prefix), each with a key id, one primary, and a status. Rotation is Tink's: add a
 * key and make it primary; older keys still open envelopes until they are disabled.
 *
 * <p>Envelopes are never sealed with these keys directly: per session and direction, HKDF-SHA256
 * derives separate MAC, encryption and context-check keys from them (see SPEC.md).
 *
 * <p>Immutable and thread-safe. {@code toString} names key ids only.
 */
public final class EnvelopeKeys {

  static {
    try {
      MacConfig.register();
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Registers Tink's MAC and AEAD key types, which parsing a keyset needs (Tink otherwise hands
   * back opaque keys). Idempotent; every factory of this class and {@link KeysetFile} does it
   * first, and {@link #from} also takes a keyset parsed before it ran.
   */
  public static void registerKeyTypes() {
    // the static initialiser above has run by the time this body executes
  }

  /** The only key type envelopes take: HMAC-SHA256, 32-byte key, 32-byte tag, no prefix. */
  public static final HmacParameters PARAMETERS = parameters();

  private final Map<Integer, byte[]> enabled;
  private final Map<Integer, Boolean> known;
  private final int primaryId;

  private EnvelopeKeys(Map<Integer, byte[]> enabled, Map<Integer, Boolean> known, int primaryId) {
    this.enabled = enabled;
    this.known = known;
    this.primaryId = primaryId;
  }

  private static HmacParameters parameters() {
    try {
      return HmacParameters.builder()
          .setKeySizeBytes(32)
          .setTagSizeBytes(32)
          .setHashType(HmacParameters.HashType.SHA256)
          .setVariant(HmacParameters.Variant.NO_PREFIX)
          .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Envelope keys from a keyset.
   *
   * @throws GeneralSecurityException if a key is not of {@link #PARAMETERS}, or the primary is
   *     missing or not enabled
   */
  public static EnvelopeKeys from(KeysetHandle keyset) throws GeneralSecurityException {
    Objects.requireNonNull(keyset, "keyset");
    keyset = withKeyTypesKnown(keyset);
    Map<Integer, byte[]> enabled = new LinkedHashMap<>();
    Map<Integer, Boolean> known = new LinkedHashMap<>();
    Integer primary = null;
    for (int i = 0; i < keyset.size(); i++) {
      KeysetHandle.Entry entry = entry(keyset, i);
      if (!(entry.getKey() instanceof HmacKey key) || !PARAMETERS.equals(key.getParameters())) {
        throw new GeneralSecurityException("key " + Integer.toUnsignedString(entry.getId())
            + " is not an envelope key (HMAC-SHA256, 32-byte key and tag, no prefix): "
            + entry.getKey().getParameters());
      }
      boolean isEnabled = entry.getStatus() == KeyStatus.ENABLED;
      known.put(entry.getId(), isEnabled);
      if (isEnabled) {
        enabled.put(entry.getId(), key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get()));
      }
      if (entry.isPrimary()) {
        primary = entry.getId();
      }
    }
    if (primary == null || !enabled.containsKey(primary)) {
      throw new GeneralSecurityException("the keyset has no enabled primary key");
    }
    return new EnvelopeKeys(Collections.unmodifiableMap(enabled), Collections.unmodifiableMap(known), primary);
  }

  private static KeysetHandle.Entry entry(KeysetHandle keyset, int i) throws GeneralSecurityException {
    try {
      return keyset.getAt(i); // Tink parses keys lazily: a damaged key fails here
    } catch (IllegalStateException e) {
      throw new GeneralSecurityException("key " + i + " of the keyset cannot be parsed: " + e.getMessage(), e);
    }
  }

  /**
   * A keyset parsed before Tink knew the HMAC key type holds opaque keys; parsed again now that
   * it does, they are HMAC keys. A keyset whose keys are all of known types is returned as it is.
   */
  private static KeysetHandle withKeyTypesKnown(KeysetHandle keyset) throws GeneralSecurityException {
    for (int i = 0; i < keyset.size(); i++) {
      if (entry(keyset, i).getKey() instanceof LegacyProtoKey) {
        var access = InsecureSecretKeyAccess.get(); // a round trip in memory, nothing leaves
        var config = RegistryConfiguration.get();
        return TinkProtoKeysetFormat.parseKeyset(TinkProtoKeysetFormat.serializeKeyset(keyset, access, config),
            access, config);
      }
    }
    return keyset;
  }

  /**
   * The envelope keys of a cleartext keyset file ({@code otpkit keygen} without {@code --kek}).
   * The file holds key material in the clear: protect it, or encrypt it under a kek.
   *
   * @param access {@code InsecureSecretKeyAccess.get()}: reading cleartext keys is greppable
   * @throws IOException naming the file if it cannot be read
   * @throws GeneralSecurityException naming the file if it is encrypted, not a Tink JSON keyset,
   *     or not envelope keys
   * @see KeysetFile
   */
  public static EnvelopeKeys read(Path file, SecretKeyAccess access) throws IOException, GeneralSecurityException {
    return KeysetFile.read(file, access).envelopeKeys();
  }

  /**
   * The envelope keys of a keyset file encrypted under {@code kek} ({@code otpkit keygen --kek}).
   *
   * @throws IOException naming the file if it cannot be read
   * @throws GeneralSecurityException naming the file if it does not decrypt under {@code kek} or
   *     is not envelope keys
   * @see KeysetFile#readKek
   */
  public static EnvelopeKeys read(Path file, Aead kek) throws IOException, GeneralSecurityException {
    return KeysetFile.read(file, kek).envelopeKeys();
  }

  /**
   * Writes {@code keyset} to a new cleartext keyset file, owner-only, never overwriting.
   *
   * @param access {@code InsecureSecretKeyAccess.get()}: writing cleartext keys is greppable
   * @throws IOException naming the file if it exists or cannot be written
   */
  public static void write(Path file, KeysetHandle keyset, SecretKeyAccess access) throws IOException {
    KeysetFile.create(file, keyset, access);
  }

  /**
   * Writes {@code keyset} encrypted under {@code kek} to a new keyset file, owner-only, never
   * overwriting.
   *
   * @throws IOException naming the file if it exists or cannot be written
   * @throws GeneralSecurityException if encryption fails
   */
  public static void write(Path file, KeysetHandle keyset, Aead kek) throws IOException, GeneralSecurityException {
    KeysetFile.create(file, keyset, kek);
  }

  /** A new keyset with one fresh envelope key, primary. */
  public static KeysetHandle newKeyset() throws GeneralSecurityException {
    return KeysetHandle.generateNew(PARAMETERS, RegistryConfiguration.get());
  }

  /** {@code keyset} with a fresh key added and made primary; the old keys stay enabled. */
  public static KeysetHandle rotate(KeysetHandle keyset) throws GeneralSecurityException {
    KeysetHandle.Builder b = KeysetHandle.newBuilder(keyset);
    b.addEntry(KeysetHandle.generateEntryFromParameters(PARAMETERS).withRandomId().makePrimary());
    return b.build();
  }

  /**
   * {@code keyset} with key {@code keyId} disabled: envelopes under it are rejected.
   *
   * @throws GeneralSecurityException if the key is missing or primary (rotate first)
   */
  public static KeysetHandle disable(KeysetHandle keyset, int keyId) throws GeneralSecurityException {
    KeysetHandle.Builder b = KeysetHandle.newBuilder(keyset);
    for (int i = 0; i < keyset.size(); i++) {
      if (keyset.getAt(i).getId() == keyId) {
        KeysetHandle.Builder.Entry e = b.getAt(i); // the builder keeps the keyset's order
        if (e.isPrimary()) {
          throw new GeneralSecurityException("key " + Integer.toUnsignedString(keyId)
              + " is the primary; rotate to a new primary before disabling it");
        }
        e.setStatus(KeyStatus.DISABLED);
        return b.build();
      }
    }
    throw new GeneralSecurityException("no key " + Integer.toUnsignedString(keyId) + " in the keyset");
  }

  /** The key id new envelopes are sealed under. */
  public int primaryId() {
    return primaryId;
  }

  /** Master key bytes of an enabled key, or null. Package-private: never leaves the package. */
  byte[] masterKey(int keyId) {
    return enabled.get(keyId);
  }

  /** Ids of the enabled keys. */
  java.util.Set<Integer> enabledIds() {
    return enabled.keySet();
  }

  /** True if {@code keyId} is in the keyset (enabled or not). */
  boolean knows(int keyId) {
    return known.containsKey(keyId);
  }

  @Override
  public String toString() {
    StringBuilder ids = new StringBuilder();
    for (int id : known.keySet()) {
      ids.append(ids.length() == 0 ? "" : ", ").append(Integer.toUnsignedString(id));
    }
    return "EnvelopeKeys{primary=" + Integer.toUnsignedString(primaryId) + ", keys=[" + ids + "]}";
  }
}
