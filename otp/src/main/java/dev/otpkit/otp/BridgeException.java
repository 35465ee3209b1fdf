package dev.otpkit.otp;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A bridge message was rejected. The message reads {@code rejected: <reason>} and never contains
 * keys, tags, tokens or payloads.
 */
public final class BridgeException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why a bridge message was rejected. */
  public enum Reason {
    /** The alias names no command of this session (or was already used, in one-shot mode). */
    UNKNOWN_ALIAS("unknown-alias"),
    /**
     * The command is not on the allowlist. Not produced by {@link BridgeSession}: a command off
     * the allowlist has no alias there, so a call to it reads {@link #UNKNOWN_ALIAS}.
     */
    NOT_ALLOWED("not-allowed"),
    /** The envelope was rejected; {@link #envelopeReason()} says why. */
    ENVELOPE("envelope"),
    /** The command's handler threw or returned null. */
    HANDLER_FAILED("handler-failed"),
    /** The document id is not 22 canonical base64url characters. */
    BAD_DOCUMENT("bad-document"),
    /** The document was closed ({@link BridgeSession#closeDocument}). */
    DOCUMENT_CLOSED("document-closed"),
    /** No envelope of this document has opened yet, so there is no stream to push to. */
    UNKNOWN_DOCUMENT("unknown-document"),
    /** The session holds its maximum of documents, none of which may be forgotten yet. */
    TOO_MANY_DOCUMENTS("too-many-documents");

    private final String id;

    Reason(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private final Reason reason;
  private final dev.otpkit.hashing.Reason envelopeReason;

  BridgeException(Reason reason, String detail) {
    this(reason, null, detail, null);
  }

  BridgeException(dev.otpkit.hashing.EnvelopeException cause) {
    this(Reason.ENVELOPE, cause.reason(), null, cause);
  }

  private BridgeException(Reason reason, dev.otpkit.hashing.Reason envelopeReason, String detail,
      Throwable cause) {
    super("rejected: " + (envelopeReason != null ? envelopeReason.id() : Objects.requireNonNull(reason).id())
        + (detail == null ? "" : " (" + detail + ")"), cause);
    this.reason = reason;
    this.envelopeReason = envelopeReason;
  }

  public Reason reason() {
    return reason;
  }

  /** The envelope's rejection reason when {@link #reason()} is {@link Reason#ENVELOPE}, else null. */
  public dev.otpkit.hashing.Reason envelopeReason() {
    return envelopeReason;
  }
}
