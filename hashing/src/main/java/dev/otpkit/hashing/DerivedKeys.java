package dev.otpkit.hashing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The per-session keys of one session and direction for every enabled key of the current
 * {@link EnvelopeKeys}, re-derived when the supplier hands out other keys (a swap of
 * {@link LiveEnvelopeKeys}), keeping the derived keys of ids whose key bytes did not change.
 * The common case, unchanged keys, costs one supplier call and one reference comparison.
 */
final class DerivedKeys {

  /** Keys as of one {@link EnvelopeKeys} instance. */
  record Snapshot(EnvelopeKeys keys, Map<Integer, SessionKeys> byId) {
    /** The derived keys of an enabled key, or null. */
    SessionKeys enabled(int keyId) {
      return byId.get(keyId);
    }

    SessionKeys primary() {
      return byId.get(keys.primaryId());
    }
  }

  private final Supplier<? extends EnvelopeKeys> source;
  private final String session;
  private final String document;
  private final Direction direction;
  private volatile Snapshot snapshot;

  /**
   * The keys of {@code session}, or with a {@code document} (not null) the keys of that document
   * stream of the session: derived from the session's UI root key (SPEC.md, "Document streams").
   */
  DerivedKeys(Supplier<? extends EnvelopeKeys> source, String session, String document, Direction direction)
      throws GeneralSecurityException {
    this.source = Objects.requireNonNull(source, "keys");
    this.session = session;
    this.document = document;
    this.direction = direction;
    this.snapshot = derive(fetch(), null);
  }

  /** The session string the envelopes are bound to: the session, or the document session. */
  String boundSession() {
    return document == null ? session : SessionKeys.documentSession(session, document);
  }

  /** The keys now in force. */
  Snapshot current() {
    EnvelopeKeys keys = fetch();
    Snapshot s = snapshot;
    if (s.keys == keys) {
      return s;
    }
    synchronized (this) {
      s = snapshot;
      if (s.keys != keys) {
        try {
          s = derive(keys, s);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("deriving the session keys failed: " + e.getMessage(), e);
        }
        snapshot = s;
      }
      return s;
    }
  }

  private EnvelopeKeys fetch() {
    return Objects.requireNonNull(source.get(), "the envelope key supplier returned null");
  }

  private Snapshot derive(EnvelopeKeys keys, Snapshot previous) throws GeneralSecurityException {
    Map<Integer, SessionKeys> byId = new HashMap<>();
    for (int id : keys.enabledIds()) {
      SessionKeys kept = previous == null ? null : previous.enabled(id);
      boolean unchanged = kept != null
          && MessageDigest.isEqual(previous.keys.masterKey(id), keys.masterKey(id));
      byId.put(id, unchanged ? kept : derive(keys.masterKey(id), id));
    }
    return new Snapshot(keys, Map.copyOf(byId));
  }

  private SessionKeys derive(byte[] master, int id) throws GeneralSecurityException {
    if (document == null) {
      return new SessionKeys(master, id, session, direction);
    }
    byte[] root = SessionKeys.uiRoot(master, session);
    try {
      return new SessionKeys(root, id, SessionKeys.documentSession(session, document), direction);
    } finally {
      java.util.Arrays.fill(root, (byte) 0);
    }
  }
}
