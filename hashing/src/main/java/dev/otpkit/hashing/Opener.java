package dev.otpkit.hashing;

import dev.otpkit.hashing.internal.Primitives;
import dev.otpkit.hashing.internal.Wire;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Opens envelopes of one session and direction, in the order of SPEC.md: bounded parse, key
 * lookup, mode, context check, constant-time tag check (or GCM decryption), issue-time range,
 * clock window, replay guard.
 * Returns the payload only when every check passed; otherwise throws {@link EnvelopeException}
 * with the {@link Reason}, and never hands out unauthenticated bytes.
 *
 * <p>Thread-safe and reusable.
 */
public final class Opener {

  private static final Base64Text TEXT = new Base64Text();

  /** The default replay window, in sequence numbers (and late numbers remembered). */
  public static final int DEFAULT_WINDOW = 1024;
  /** The default maximum age of an envelope. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(1);
  /** The default maximum future skew of an issue time. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofSeconds(5);
  /** The default largest payload. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
  /** The largest maxAge and maxFutureSkew: every valid issue time apart. */
  private static final Duration MAX_DURATION = Duration.ofMillis(Wire.MAX_ISSUED_AT);

  private final DerivedKeys keys;
  private final boolean encrypted;
  private final InstantSource clock;
  private final long maxAgeMillis;
  private final long maxSkewMillis;
  private final int maxPayload;
  private final int maxText;
  private final ReplayGuard guard;
  private final String stream;
  /** Highest clock reading seen: expiry never moves backwards when the clock does. */
  private final AtomicLong highWater = new AtomicLong(Long.MIN_VALUE);

  private Opener(Builder b, DerivedKeys keys, String boundSession) {
    this.keys = keys;
    this.encrypted = b.encrypted;
    this.clock = b.clock;
    this.maxAgeMillis = b.maxAge.toMillis();
    this.maxSkewMillis = b.maxFutureSkew.toMillis();
    this.maxPayload = b.maxPayloadBytes;
    this.maxText = maxTextChars(b.maxPayloadBytes);
    this.guard = b.guard != null ? b.guard : ReplayGuards.sequenceWindow(DEFAULT_WINDOW, 1);
    this.stream = streamOf(boundSession, b.direction);
  }

  /** The replay guard's name of the stream of one session and direction. */
  static String streamOf(String session, Direction direction) {
    return direction.sender() + ":" + session;
  }

  /**
   * The longest text form an opener with {@code maxPayloadBytes} accepts: base64url without
   * padding of {@code 50 + maxPayloadBytes + 32} bytes, {@code ceil(4 * n / 3)} characters.
   */
  public static int maxTextChars(int maxPayloadBytes) {
    return (int) ((maxEnvelopeBytes(maxPayloadBytes) * 4 + 2) / 3);
  }

  /** A builder opening envelopes under any enabled key of {@code keys}. */
  public static Builder builder(EnvelopeKeys keys) {
    Objects.requireNonNull(keys, "keys");
    return new Builder(() -> keys);
  }

  /**
   * A builder opening envelopes under any key enabled in the keys {@code keys} hands out at the
   * time of each open (for example {@link LiveEnvelopeKeys}): a key disabled there is rejected
   * from the next open on. The supplier is called on every open and must be cheap.
   */
  public static Builder builder(Supplier<? extends EnvelopeKeys> keys) {
    return new Builder(Objects.requireNonNull(keys, "keys"));
  }

  /**
   * Opens the text form: base64url without padding, nothing else (no white space, no padding, no
   * non-zero trailing bits).
   *
   * @throws IllegalArgumentException if the channel name is null, empty or longer than 256
   *     UTF-8 bytes: a caller error, not a property of the envelope
   * @throws EnvelopeException with the reason, in the order of SPEC.md
   */
  public byte[] openText(String channel, String envelope) throws EnvelopeException {
    Wire.checkName("channel", channel);
    if (envelope == null) {
      throw new EnvelopeException(Reason.MALFORMED, "no envelope");
    }
    if (envelope.length() > maxText) {
      throw new EnvelopeException(Reason.TOO_LARGE, envelope.length() + " characters, at most " + maxText);
    }
    return open(channel, TEXT.decode(envelope));
  }

  /**
   * Opens a binary envelope sealed for {@code channel}.
   *
   * @throws IllegalArgumentException if the channel name is null, empty or longer than 256
   *     UTF-8 bytes: a caller error, not a property of the envelope
   * @throws EnvelopeException with the reason, in the order of SPEC.md
   */
  public byte[] open(String channel, byte[] envelope) throws EnvelopeException {
    Wire.checkName("channel", channel);
    if (envelope == null) {
      throw new EnvelopeException(Reason.MALFORMED, "no envelope");
    }
    int n = envelope.length;
    long maxBytes = maxEnvelopeBytes(maxPayload);
    if (n > maxBytes) {
      throw new EnvelopeException(Reason.TOO_LARGE, n + " bytes, at most " + maxBytes);
    }
    if (n == 0) {
      throw new EnvelopeException(Reason.MALFORMED, "empty");
    }
    if (envelope[0] != Wire.VERSION) {
      throw new EnvelopeException(Reason.UNSUPPORTED_VERSION, "version " + (envelope[0] & 0xff));
    }
    if (n < Wire.HEADER_BYTES) {
      throw new EnvelopeException(Reason.MALFORMED, n + " bytes, shorter than the header");
    }
    int flags = envelope[Wire.OFF_FLAGS] & 0xff;
    if ((flags & ~Wire.FLAG_ENCRYPTED) != 0) {
      throw new EnvelopeException(Reason.MALFORMED, "unknown flags 0x" + Integer.toHexString(flags));
    }
    boolean isEncrypted = flags == Wire.FLAG_ENCRYPTED;
    long bodyLength = Wire.getInt(envelope, Wire.OFF_BODY_LENGTH) & 0xffffffffL;
    long overhead = isEncrypted ? Primitives.GCM_TAG_BYTES : 0;
    if (bodyLength - overhead > maxPayload) {
      throw new EnvelopeException(Reason.TOO_LARGE, "payload of " + (bodyLength - overhead)
          + " bytes, at most " + maxPayload);
    }
    long expected = Wire.HEADER_BYTES + bodyLength + (isEncrypted ? 0 : Primitives.MAC_BYTES);
    if (expected != n || bodyLength < overhead) {
      throw new EnvelopeException(Reason.MALFORMED, "length field says " + bodyLength
          + " body bytes, but " + n + " bytes are present");
    }
    int keyId = Wire.getInt(envelope, Wire.OFF_KEY_ID);
    DerivedKeys.Snapshot current = keys.current();
    SessionKeys k = current.enabled(keyId);
    if (k == null) {
      throw new EnvelopeException(current.keys().knows(keyId) ? Reason.DISABLED_KEY : Reason.UNKNOWN_KEY,
          "key " + Integer.toUnsignedString(keyId));
    }
    if (isEncrypted != encrypted) {
      throw new EnvelopeException(Reason.WRONG_MODE, isEncrypted
          ? "sealed encrypted, this opener takes MAC-only envelopes"
          : "sealed MAC-only, this opener requires encryption");
    }
    SessionKeys.Channel ch = k.channel(channel);
    if (!MessageDigest.isEqual(ch.check(), Arrays.copyOfRange(envelope, Wire.OFF_CONTEXT_CHECK,
        Wire.OFF_CONTEXT_CHECK + Wire.CONTEXT_CHECK_BYTES))) {
      throw new EnvelopeException(Reason.WRONG_CONTEXT,
          "sealed for another session, direction or channel");
    }
    int body = (int) bodyLength;
    byte[] payload = isEncrypted ? decrypt(k, ch, envelope, body) : verify(k, ch, envelope, body);
    try {
      checkTimeAndReplay(envelope);
    } catch (EnvelopeException e) {
      Arrays.fill(payload, (byte) 0);
      throw e;
    }
    return payload;
  }

  /** Steps 10 to 13 of SPEC.md: issue-time range, future skew, age, replay guard. */
  private void checkTimeAndReplay(byte[] envelope) throws EnvelopeException {
    long issuedAt = Wire.getLong(envelope, Wire.OFF_ISSUED_AT);
    if (issuedAt < 0) {
      throw new EnvelopeException(Reason.EXPIRED, "issue time " + issuedAt + " is before 1970");
    }
    if (issuedAt > Wire.MAX_ISSUED_AT) {
      throw new EnvelopeException(Reason.FROM_THE_FUTURE, "issue time " + issuedAt
          + " is past the latest valid one, " + Wire.MAX_ISSUED_AT);
    }
    long now = clock.millis();
    long effectiveNow = highWater.accumulateAndGet(now, Math::max);
    // issuedAt is in [0, 2^53), so these differences are exact unless the clock itself reads
    // beyond +-2^62; they saturate rather than wrap even then
    long ahead = saturatedDifference(issuedAt, now);
    if (ahead > maxSkewMillis) {
      throw new EnvelopeException(Reason.FROM_THE_FUTURE, "issued " + ahead
          + " ms ahead of this clock, at most " + maxSkewMillis);
    }
    long age = saturatedDifference(effectiveNow, issuedAt);
    if (age > maxAgeMillis) {
      throw new EnvelopeException(Reason.EXPIRED, "issued " + age + " ms ago, at most " + maxAgeMillis);
    }
    guard.accept(stream, Wire.getLong(envelope, Wire.OFF_SEQUENCE),
        Arrays.copyOfRange(envelope, Wire.OFF_SALT, Wire.OFF_SALT + Wire.SALT_BYTES),
        issuedAt + maxAgeMillis, effectiveNow);
  }

  /** {@code a - b}, or the nearest long when that overflows. */
  static long saturatedDifference(long a, long b) {
    long d = a - b;
    // overflow iff a and b have different signs and d's sign differs from a's (Hacker's Delight 2-13)
    if (((a ^ b) & (a ^ d)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return d;
  }

  private static byte[] verify(SessionKeys k, SessionKeys.Channel ch, byte[] env, int body)
      throws EnvelopeException {
    Mac mac = k.mac();
    mac.update(env, 0, Wire.HEADER_BYTES);
    mac.update(ch.context());
    mac.update(env, Wire.HEADER_BYTES, body);
    byte[] expected = mac.doFinal();
    int tagAt = Wire.HEADER_BYTES + body;
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(env, tagAt, tagAt + Primitives.MAC_BYTES))) {
      throw new EnvelopeException(Reason.BAD_TAG, "the HMAC-SHA256 tag does not verify");
    }
    return Arrays.copyOfRange(env, Wire.HEADER_BYTES, tagAt);
  }

  private static byte[] decrypt(SessionKeys k, SessionKeys.Channel ch, byte[] env, int body)
      throws EnvelopeException {
    Cipher gcm = k.gcm();
    try {
      Primitives.initGcm(gcm, Cipher.DECRYPT_MODE, k.encKey, env, Wire.OFF_SALT);
      gcm.updateAAD(SessionKeys.aad(env, ch));
      return gcm.doFinal(env, Wire.HEADER_BYTES, body);
    } catch (AEADBadTagException e) {
      throw new EnvelopeException(Reason.BAD_TAG, "the AES-GCM tag does not verify");
    } catch (GeneralSecurityException e) {
      throw new EnvelopeException(Reason.BAD_TAG, "AES-GCM decryption failed");
    }
  }

  /** The longest binary envelope: the MAC mode's, which is longer than the encrypted one's. */
  private static long maxEnvelopeBytes(int maxPayload) {
    return Wire.HEADER_BYTES + (long) maxPayload + Math.max(Primitives.MAC_BYTES, Primitives.GCM_TAG_BYTES);
  }

  /** Strict base64url without padding; anything else is {@link Reason#MALFORMED}. */
  private static final class Base64Text {
    private final java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();

    byte[] decode(String text) throws EnvelopeException {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
        if (!ok) {
          throw new EnvelopeException(Reason.MALFORMED, "character " + i + " is not base64url");
        }
      }
      if (text.length() % 4 == 1) {
        throw new EnvelopeException(Reason.MALFORMED, "base64url length " + text.length() + " is impossible");
      }
      try {
        byte[] out = decoder.decode(text);
        // non-canonical trailing bits would give two texts for one envelope
        if (!java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(out).equals(text)) {
          throw new EnvelopeException(Reason.MALFORMED, "non-canonical base64url");
        }
        return out;
      } catch (IllegalArgumentException e) {
        throw new EnvelopeException(Reason.MALFORMED, "invalid base64url");
      }
    }
  }

  /** Builds an {@link Opener}; every check happens in {@link #build()}. */
  public static final class Builder {
    private final Supplier<? extends EnvelopeKeys> keys;
    private String session;
    private Direction direction;
    private boolean encrypted;
    private InstantSource clock = InstantSource.system();
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private ReplayGuard guard;
    private String document;

    private Builder(Supplier<? extends EnvelopeKeys> keys) {
      this.keys = keys;
    }

    /** The session id the envelopes must be sealed for (1 to 256 UTF-8 bytes). Required. */
    public Builder session(String session) {
      this.session = session;
      return this;
    }

    /** The direction the envelopes must be sealed for. Required. */
    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    /**
     * Opens the envelopes of one document stream of the session (SPEC.md, "Document streams"):
     * keys derived from the session's UI root key for {@code document}, a 22-character base64url
     * id the page chose. {@link #build()} throws IllegalArgumentException unless it is one.
     */
    public Builder document(String document) {
      this.document = document;
      return this;
    }

    /**
     * Whether envelopes must be encrypted (true) or MAC-only (false, the default); the other mode
     * is rejected with {@link Reason#WRONG_MODE}.
     */
    public Builder encrypted(boolean on) {
      this.encrypted = on;
      return this;
    }

    /** The clock for the age checks (default: the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Oldest envelope accepted (default 1 minute): an envelope whose age equals it is still
     * accepted. {@link #build()} throws IllegalArgumentException unless it is in [1 ms, 8.64e15 ms].
     */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    /**
     * How far ahead of this opener's clock an issue time may be (default 5 seconds).
     * {@link #build()} throws IllegalArgumentException unless it is in [0, 8.64e15 ms].
     */
    public Builder maxFutureSkew(Duration skew) {
      this.maxFutureSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /**
     * Largest payload accepted, checked before anything is allocated (default 1 MiB).
     * {@link #build()} throws IllegalArgumentException unless it is in [0, 2^30].
     */
    public Builder maxPayloadBytes(int max) {
      this.maxPayloadBytes = max;
      return this;
    }

    /**
     * The replay guard (default: {@code ReplayGuards.sequenceWindow(1024, 1)}, a window of 1024
     * sequence numbers and up to 1024 late numbers for this opener's one stream).
     */
    public Builder replayGuard(ReplayGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * @throws IllegalArgumentException if session or direction is missing or invalid, or a
     *     duration or size is out of range
     * @throws GeneralSecurityException if key derivation fails
     */
    public Opener build() throws GeneralSecurityException {
      if (direction == null) {
        throw new IllegalArgumentException("an opener needs a direction");
      }
      Wire.checkName("session id", session);
      if (maxAge.compareTo(Duration.ofMillis(1)) < 0 || maxAge.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("maxAge must be in [1 ms, " + Wire.MAX_ISSUED_AT + " ms], got " + maxAge);
      }
      if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("maxFutureSkew must be in [0, " + Wire.MAX_ISSUED_AT
            + " ms], got " + maxFutureSkew);
      }
      if (maxPayloadBytes < 0 || maxPayloadBytes > (1 << 30)) {
        throw new IllegalArgumentException("maxPayloadBytes must be in [0, 2^30], got " + maxPayloadBytes);
      }
      DerivedKeys derived = new DerivedKeys(keys, session, document, direction);
      return new Opener(this, derived, derived.boundSession());
    }
  }
}
