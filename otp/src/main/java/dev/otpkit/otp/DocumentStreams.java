package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The document streams of one bridge session (hashing/SPEC.md, "Document streams"): per document
 * id, an opener for what the page sends and a sealer for the replies, each with its own sequence
 * space and replay window.
 *
 * <p>A stream is created for a new document id and kept only if its first envelope authenticates,
 * so ids the page never had keys for fill nothing. At most {@code max} streams are held. A stream
 * may be forgotten once nothing it accepted could still be replayed: when its last accepted
 * envelope is older than the maximum age plus the future skew, every envelope of it is expired,
 * so a fresh window for its id accepts nothing that was accepted before. A closed document is
 * kept, refusing, until then. With every place taken by a stream that may not be forgotten yet,
 * a new document is refused ({@code too-many-documents}): the session fails closed rather than
 * forget replay state.
 */
final class DocumentStreams {

  /** One document's opener and sealer, and when it last accepted an envelope. */
  static final class Stream {
    final Opener fromUi;
    final Sealer toUi;
    private long lastAccepted = Long.MIN_VALUE;
    private boolean closed;
    private boolean confirmed;
    private int opening; // opens in progress; a new stream is dropped only when none is

    Stream(Opener fromUi, Sealer toUi) {
      this.fromUi = fromUi;
      this.toUi = toUi;
    }
  }

  /** Builds a document's opener and sealer. */
  interface Factory {
    Stream create(String document) throws GeneralSecurityException;
  }

  private final Map<String, Stream> streams = new HashMap<>();
  private final int max;
  private final long forgetAfterMillis;
  private final InstantSource clock;
  private final Factory factory;

  DocumentStreams(int max, Duration maxAge, Duration maxFutureSkew, InstantSource clock, Factory factory) {
    this.max = max;
    this.forgetAfterMillis = maxAge.toMillis() + maxFutureSkew.toMillis();
    this.clock = clock;
    this.factory = factory;
  }

  /** The standard factory: the session's keys, the document's opener and its pinned sealer. */
  static Factory factory(Supplier<? extends EnvelopeKeys> keys, String session, int keyId, boolean encrypted,
      InstantSource clock, Duration maxAge, Duration maxFutureSkew, int maxPayloadBytes, Drbg random,
      dev.otpkit.hashing.ReplayGuard shared) {
    return document -> {
      Opener.Builder opener = Opener.builder(keys).session(session).document(document)
          .direction(Direction.UI_TO_BACKEND).encrypted(encrypted).clock(clock).maxAge(maxAge)
          .maxFutureSkew(maxFutureSkew).maxPayloadBytes(maxPayloadBytes);
      if (shared != null) {
        opener.replayGuard(shared); // one guard for all documents: each is its own stream in it
      }
      return new Stream(opener.build(),
        Sealer.builder(keys).session(session).document(document).direction(Direction.BACKEND_TO_UI)
            .keyId(keyId).encrypted(encrypted).clock(clock).salts(random).build());
    };
  }

  /** What one document sent, opened: the payload and the stream to reply on. */
  record Opened(byte[] payload, Stream stream) {}

  /**
   * Opens {@code envelope} in {@code document}'s stream, creating the stream for a new document.
   *
   * @throws BridgeException BAD_DOCUMENT, DOCUMENT_CLOSED, TOO_MANY_DOCUMENTS, or ENVELOPE
   */
  Opened open(String document, String channel, String envelope) throws BridgeException {
    Stream s = streamFor(document);
    byte[] payload = null;
    try {
      payload = s.fromUi.openText(channel, envelope);
    } catch (EnvelopeException e) {
      throw new BridgeException(e);
    } finally {
      settle(document, s, payload != null);
    }
    return new Opened(payload, s);
  }

  /** The stream of a document that has sent an envelope that opened. */
  synchronized Stream confirmed(String document) throws BridgeException {
    Stream s = streams.get(checked(document));
    if (s == null || !s.confirmed) {
      throw new BridgeException(BridgeException.Reason.UNKNOWN_DOCUMENT, null);
    }
    if (s.closed) {
      throw new BridgeException(BridgeException.Reason.DOCUMENT_CLOSED, null);
    }
    return s;
  }

  /**
   * Marks a document closed: it is refused from now on, and forgotten when that is safe.
   *
   * @throws IllegalArgumentException if {@code document} is not a document id
   */
  synchronized void close(String document) {
    dev.otpkit.hashing.internal.Wire.checkDocumentId(document);
    Stream s = streams.get(document);
    if (s != null) {
      s.closed = true;
    }
  }

  /** Documents held, closed ones included. */
  synchronized int size() {
    return streams.size();
  }

  private synchronized Stream streamFor(String document) throws BridgeException {
    Stream s = streams.get(checked(document));
    if (s != null) {
      if (s.closed) {
        throw new BridgeException(BridgeException.Reason.DOCUMENT_CLOSED, null);
      }
      s.opening++;
      return s;
    }
    if (streams.size() >= max && !forgetOne()) {
      throw new BridgeException(BridgeException.Reason.TOO_MANY_DOCUMENTS, null);
    }
    try {
      s = factory.create(document);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("deriving a document's keys failed: " + e.getMessage(), e);
    }
    streams.put(document, s);
    s.opening++;
    return s;
  }

  /**
   * Records an open's outcome. A new document none of whose envelopes opened leaves no trace;
   * one that opened while another open of it failed stays.
   */
  private synchronized void settle(String document, Stream s, boolean opened) {
    s.opening--;
    if (opened) {
      s.confirmed = true;
      s.lastAccepted = Math.max(s.lastAccepted, clock.millis());
    } else if (!s.confirmed && s.opening == 0 && streams.get(document) == s) {
      streams.remove(document);
    }
  }

  /** Forgets the stream idle longest, if it may be forgotten; true if one was. */
  private boolean forgetOne() {
    long now = clock.millis();
    String oldest = null;
    long oldestSeen = Long.MAX_VALUE;
    for (Iterator<Map.Entry<String, Stream>> it = streams.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Stream> e = it.next();
      Stream s = e.getValue();
      if (!s.confirmed || s.opening > 0) {
        continue; // an envelope of it is being opened right now
      }
      if (s.lastAccepted < oldestSeen) {
        oldestSeen = s.lastAccepted;
        oldest = e.getKey();
      }
    }
    if (oldest != null && now - oldestSeen > forgetAfterMillis) {
      streams.remove(oldest);
      return true;
    }
    return false;
  }

  private static String checked(String document) throws BridgeException {
    try {
      dev.otpkit.hashing.internal.Wire.checkDocumentId(document);
      return document;
    } catch (IllegalArgumentException e) {
      throw new BridgeException(BridgeException.Reason.BAD_DOCUMENT, null);
    }
  }
}
