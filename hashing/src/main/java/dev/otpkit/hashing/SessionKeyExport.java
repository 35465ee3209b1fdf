package dev.otpkit.hashing;

import com.google.crypto.tink.SecretKeyAccess;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The derived keys of one session (both directions, under the primary key) for handing to that
 * session's UI, which seals UI-to-backend envelopes and opens backend-to-UI ones itself. These are
 * HKDF outputs bound to the session (SPEC.md section "Keys"): they open nothing of any other
 * session, and the long-term keys cannot be computed from them.
 *
 * <p>Key bytes are only returned against a {@link SecretKeyAccess} token (Tink's
 * {@code InsecureSecretKeyAccess.get()}), so every place that lets them out is greppable.
 * {@code toString} names no key.
 */
public final class SessionKeyExport {

  private final int keyId;
  private final String session;
  private final Map<Direction, SessionKeys> keys;
  private final byte[] master;

  private SessionKeyExport(int keyId, String session, Map<Direction, SessionKeys> keys, byte[] master) {
    this.master = master;
    this.keyId = keyId;
    this.session = session;
    this.keys = keys;
  }

  /**
   * The keys of {@code session} under the primary key of {@code keys}.
   *
   * @throws IllegalArgumentException if the session id is empty or longer than 256 UTF-8 bytes
   */
  public static SessionKeyExport of(EnvelopeKeys keys, String session) throws GeneralSecurityException {
    int id = keys.primaryId();
    Map<Direction, SessionKeys> m = new EnumMap<>(Direction.class);
    for (Direction d : Direction.values()) {
      m.put(d, new SessionKeys(keys.masterKey(id), id, session, d));
    }
    return new SessionKeyExport(id, session, m, keys.masterKey(id));
  }

  public int keyId() {
    return keyId;
  }

  /**
   * The session's UI root key {@code R} under the primary (SPEC.md, "Document streams"): the
   * page derives each document's keys from it. It opens and seals every document stream of this
   * session and nothing of any other session.
   */
  public byte[] uiRootKey(SecretKeyAccess access) throws GeneralSecurityException {
    Objects.requireNonNull(access, "access");
    return SessionKeys.uiRoot(master, session);
  }

  public String session() {
    return session;
  }

  /** {@code K_mac} of {@code direction}. */
  public byte[] macKey(Direction direction, SecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return keys.get(direction).macKey.clone();
  }

  /** {@code K_ctx} of {@code direction}. */
  public byte[] contextKey(Direction direction, SecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return keys.get(direction).ctxKey.clone();
  }

  /** {@code K_enc} of {@code direction}. */
  public byte[] encryptionKey(Direction direction, SecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return keys.get(direction).encKey.getEncoded();
  }

  @Override
  public String toString() {
    return "SessionKeyExport{key=" + Integer.toUnsignedString(keyId) + "}";
  }
}
