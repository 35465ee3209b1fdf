package dev.otpkit.hashing;

import dev.otpkit.hashing.internal.Primitives;
import dev.otpkit.hashing.internal.Wire;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Opens envelopes of one session and direction, in the order of SPEC.md: bounded parse, key
 * lookup, context check, constant-time tag check (or GCM decryption), clock window, replay guard.
 * Returns the payload only when every check passed; otherwise throws {@link EnvelopeException}
 * with the {@link Reason}, and never hands out unauthenticated bytes.
 *
 * <p>Thread-safe and reusable.
 */
public final class Opener {

  private static final Base64Text TEXT = new Base64Text();

  private final EnvelopeKeys keys;
  private final Map<Integer, SessionKeys> byId;
  private final boolean encrypted;
  private final InstantSource clock;
  private final long maxAgeMillis;
  private final long maxSkewMillis;
  private final int maxPayload;
  private final ReplayGuard guard;
  private final String stream;
  /** Highest clock reading seen: expiry never moves backwards when the clock does. */
  private final AtomicLong highWater = new AtomicLong(Long.MIN_VALUE);

  private Opener(Builder b, Map<Integer, SessionKeys> byId) {
    this.keys = b.keys;
    this.byId = byId;
    this.encrypted = b.encrypted;
    this.clock = b.clock;
    this.maxAgeMillis = b.maxAge.toMillis();
    this.maxSkewMillis = b.maxFutureSkew.toMillis();
    this.maxPayload = b.maxPayloadBytes;
    this.guard = b.guard != null ? b.guard : ReplayGuards.sequenceWindow(1024, 1);
    this.stream = b.direction.sender() + ":" + b.session;
  }

  /** A builder opening envelopes under any enabled key of {@code keys}. */
  public static Builder builder(EnvelopeKeys keys) {
    return new Builder(keys);
  }

  /** Opens the text form (base64url, no padding). */
  public byte[] openText(String channel, String envelope) throws EnvelopeException {
    Objects.requireNonNull(envelope, "envelope");
    int maxText = (int) Math.min(Integer.MAX_VALUE, (maxEnvelopeBytes() * 4L + 2) / 3);
    if (envelope.length() > maxText) {
      throw new EnvelopeException(Reason.TOO_LARGE, envelope.length() + " characters, at most " + maxText);
    }
    return open(channel, TEXT.decode(envelope));
  }

  /** Opens a binary envelope sealed for {@code channel}. */
  public byte[] open(String channel, byte[] envelope) throws EnvelopeException {
    Objects.requireNonNull(envelope, "envelope");
    int n = envelope.length;
    if (n > maxEnvelopeBytes()) {
      throw new EnvelopeException(Reason.TOO_LARGE, n + " bytes, at most " + maxEnvelopeBytes());
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
    SessionKeys k = byId.get(keyId);
    if (k == null) {
      throw new EnvelopeException(keys.knows(keyId) ? Reason.DISABLED_KEY : Reason.UNKNOWN_KEY,
          "key " + Integer.toUnsignedString(keyId));
    }
    if (isEncrypted != encrypted) {
      throw new EnvelopeException(Reason.WRONG_CONTEXT, isEncrypted
          ? "sealed encrypted, this opener takes MAC-only envelopes"
          : "sealed MAC-only, this opener requires encryption");
    }
    SessionKeys.Channel ch;
    try {
      ch = k.channel(channel);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeException(Reason.WRONG_CONTEXT, e.getMessage());
    }
    if (!MessageDigest.isEqual(ch.check(), Arrays.copyOfRange(envelope, Wire.OFF_CONTEXT_CHECK,
        Wire.OFF_CONTEXT_CHECK + Wire.CONTEXT_CHECK_BYTES))) {
      throw new EnvelopeException(Reason.WRONG_CONTEXT,
          "sealed for another session, direction or channel");
    }
    int body = (int) bodyLength;
    byte[] payload = isEncrypted ? decrypt(k, ch, envelope, body) : verify(k, ch, envelope, body);
    long issuedAt = Wire.getLong(envelope, Wire.OFF_ISSUED_AT);
    long now = clock.millis();
    long effectiveNow = highWater.accumulateAndGet(now, Math::max);
    if (issuedAt > now && issuedAt - now > maxSkewMillis) {
      Arrays.fill(payload, (byte) 0);
      throw new EnvelopeException(Reason.FROM_THE_FUTURE, "issued " + (issuedAt - now)
          + " ms ahead of this clock, at most " + maxSkewMillis);
    }
    if (effectiveNow - issuedAt > maxAgeMillis) {
      Arrays.fill(payload, (byte) 0);
      throw new EnvelopeException(Reason.EXPIRED, "issued " + (effectiveNow - issuedAt)
          + " ms ago, at most " + maxAgeMillis);
    }
    try {
      guard.accept(stream, Wire.getLong(envelope, Wire.OFF_SEQUENCE),
          Arrays.copyOfRange(envelope, Wire.OFF_SALT, Wire.OFF_SALT + Wire.SALT_BYTES),
          issuedAt + maxAgeMillis, effectiveNow);
    } catch (EnvelopeException e) {
      Arrays.fill(payload, (byte) 0);
      throw e;
    }
    return payload;
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

  private long maxEnvelopeBytes() {
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
    private final EnvelopeKeys keys;
    private String session;
    private Direction direction;
    private boolean encrypted;
    private InstantSource clock = InstantSource.system();
    private Duration maxAge = Duration.ofMinutes(1);
    private Duration maxFutureSkew = Duration.ofSeconds(5);
    private int maxPayloadBytes = 1 << 20;
    private ReplayGuard guard;

    private Builder(EnvelopeKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The session id the envelopes must be sealed for. Required. */
    public Builder session(String session) {
      this.session = session;
      return this;
    }

    /** The direction the envelopes must be sealed for. Required. */
    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    /** Whether envelopes must be encrypted (true) or MAC-only (false, the default). */
    public Builder encrypted(boolean on) {
      this.encrypted = on;
      return this;
    }

    /** The clock for the age checks (default: the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Oldest envelope accepted (default 1 minute). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    /** How far in the future an issue time may be (default 5 seconds). */
    public Builder maxFutureSkew(Duration skew) {
      this.maxFutureSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** Largest payload accepted, checked before anything is allocated (default 1 MiB). */
    public Builder maxPayloadBytes(int max) {
      this.maxPayloadBytes = max;
      return this;
    }

    /** The replay guard (default: a 1024-bit sequence window for this opener's stream). */
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
      Wire.sessionAndDirection(session, direction.code());
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
      }
      if (maxFutureSkew.isNegative()) {
        throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
      }
      if (maxPayloadBytes < 0 || maxPayloadBytes > (1 << 30)) {
        throw new IllegalArgumentException("maxPayloadBytes must be in [0, 2^30], got " + maxPayloadBytes);
      }
      Map<Integer, SessionKeys> byId = new HashMap<>();
      for (int id : keys.enabledIds()) {
        byId.put(id, new SessionKeys(keys.masterKey(id), id, session, direction));
      }
      return new Opener(this, Map.copyOf(byId));
    }
  }
}
