package dev.otpkit.hashing;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.hashing.internal.Primitives;
import dev.otpkit.hashing.internal.Wire;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Seals messages for one session and direction: a one-time 128-bit salt from the entropy module,
 * the issue time, a sequence number, and an HMAC-SHA256 tag (or AES-256-GCM) over the header, the
 * implicit context (session, direction, channel) and the payload. See SPEC.md.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Only a holder of the keyset can produce an envelope that an {@link Opener} for the same
 *       session, direction and channel accepts; it is rejected in any other context.
 *   <li>In encrypted mode the payload is confidential; GCM nonces are the first 96 bits of the
 *       random salt, and one sealer encrypts at most {@link Builder#maxMessagesPerKey} messages
 *       under one derived key (2^32 by default, SP 800-38D section 8.3), then refuses.
 *   <li>MAC mode does not hide the payload.
 *   <li>No sequence number of a stream (session and direction) is issued twice in one JVM, however
 *       often its sealer is rebuilt and whatever the clock does; across a restart, the new
 *       numbers start above the old ones unless the clock stepped back or the predecessor
 *       averaged more than 2048 envelopes per millisecond.
 * </ul>
 *
 * <p>Thread-safe and reusable.
 */
public final class Sealer {

  private static final long GCM_RANDOM_NONCE_LIMIT = 1L << 32;
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final DerivedKeys keys;
  private final boolean encrypted;
  private final InstantSource clock;
  private final Drbg salts;
  private final long maxMessagesPerKey;
  private final SequenceCounters.Lease sequence;
  private final Integer pinnedKey;

  private Sealer(Builder b, DerivedKeys keys, SequenceCounters.Lease sequence) {
    this.keys = keys;
    this.pinnedKey = b.keyId;
    this.encrypted = b.encrypted;
    this.clock = b.clock;
    this.salts = b.salts != null ? b.salts : Drbg.system();
    this.maxMessagesPerKey = b.maxMessagesPerKey;
    this.sequence = sequence;
  }

  /** A builder sealing under the primary key of {@code keys}. */
  public static Builder builder(EnvelopeKeys keys) {
    Objects.requireNonNull(keys, "keys");
    return new Builder(() -> keys);
  }

  /**
   * A builder sealing under the primary of the keys {@code keys} hands out at the time of each
   * seal (for example {@link LiveEnvelopeKeys}): after a rotation the next seal uses the new
   * primary. The supplier is called on every seal and must be cheap.
   */
  public static Builder builder(Supplier<? extends EnvelopeKeys> keys) {
    return new Builder(Objects.requireNonNull(keys, "keys"));
  }

  /**
   * Seals {@code payload} for {@code channel} and returns the binary envelope.
   *
   * @throws IllegalArgumentException if the channel name is empty or longer than 256 UTF-8 bytes
   * @throws IllegalStateException if the encrypted-message limit of the key is reached (rotate),
   *     or the clock reads outside the valid issue times [0, 8.64e15 ms]
   */
  public byte[] seal(String channel, byte[] payload) {
    long now = validIssueTime(clock.millis());
    return seal(channel, payload, null, now, sequence.next());
  }

  /** {@link #seal} in the text form: base64url without padding. */
  public String sealText(String channel, byte[] payload) {
    return TEXT.encodeToString(seal(channel, payload));
  }

  private static long validIssueTime(long millis) {
    if (millis < 0 || millis > Wire.MAX_ISSUED_AT) {
      throw new IllegalStateException("the clock reads " + millis + " ms since the epoch, outside the"
          + " valid issue times [0, " + Wire.MAX_ISSUED_AT + "]");
    }
    return millis;
  }

  /** Seals with every input fixed (a null salt is drawn from the DRBG straight into place). */
  byte[] seal(String channel, byte[] payload, byte[] salt, long issuedAtMillis, long seq) {
    Objects.requireNonNull(payload, "payload");
    SessionKeys keys = sessionKeys();
    SessionKeys.Channel ch = keys.channel(channel);
    int bodyLength = encrypted ? payload.length + Primitives.GCM_TAG_BYTES : payload.length;
    if (bodyLength < 0 || payload.length > Integer.MAX_VALUE - 128) {
      throw new IllegalArgumentException("payload too large: " + payload.length + " bytes");
    }
    byte[] out = new byte[Wire.HEADER_BYTES + bodyLength + (encrypted ? 0 : Primitives.MAC_BYTES)];
    out[0] = Wire.VERSION;
    out[Wire.OFF_FLAGS] = (byte) (encrypted ? Wire.FLAG_ENCRYPTED : 0);
    Wire.putInt(out, Wire.OFF_KEY_ID, keys.keyId);
    if (salt == null) {
      salts.nextBytes(out, Wire.OFF_SALT, Wire.SALT_BYTES);
    } else {
      System.arraycopy(salt, 0, out, Wire.OFF_SALT, Wire.SALT_BYTES);
    }
    Wire.putLong(out, Wire.OFF_ISSUED_AT, issuedAtMillis);
    Wire.putLong(out, Wire.OFF_SEQUENCE, seq);
    System.arraycopy(ch.check(), 0, out, Wire.OFF_CONTEXT_CHECK, Wire.CONTEXT_CHECK_BYTES);
    Wire.putInt(out, Wire.OFF_BODY_LENGTH, bodyLength);
    try {
      if (encrypted) {
        if (keys.encryptions.incrementAndGet() > maxMessagesPerKey) {
          throw new IllegalStateException("this sealer has encrypted " + maxMessagesPerKey
              + " messages under key " + Integer.toUnsignedString(keys.keyId)
              + ", the limit for random GCM nonces; rotate the keyset and build a new sealer");
        }
        Cipher gcm = keys.gcm();
        Primitives.initGcm(gcm, Cipher.ENCRYPT_MODE, keys.encKey, out, Wire.OFF_SALT);
        gcm.updateAAD(SessionKeys.aad(out, ch)); // one call: the JDK's GCM copies each AAD part
        gcm.doFinal(payload, 0, payload.length, out, Wire.HEADER_BYTES);
      } else {
        System.arraycopy(payload, 0, out, Wire.HEADER_BYTES, payload.length);
        Mac mac = keys.mac();
        mac.update(out, 0, Wire.HEADER_BYTES);
        mac.update(ch.context());
        mac.update(out, Wire.HEADER_BYTES, bodyLength);
        mac.doFinal(out, Wire.HEADER_BYTES + bodyLength);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** The derived keys of the key to seal under now: the pinned key, or the current primary. */
  private SessionKeys sessionKeys() {
    DerivedKeys.Snapshot current = keys.current();
    if (pinnedKey == null) {
      return current.primary();
    }
    SessionKeys k = current.enabled(pinnedKey);
    if (k == null) {
      throw new IllegalStateException("key " + Integer.toUnsignedString(pinnedKey)
          + ", which this sealer is pinned to, is no longer enabled");
    }
    return k;
  }

  /**
   * The key id the next envelope will be sealed under: the pinned key, or the current primary.
   *
   * @throws IllegalStateException if the pinned key is no longer enabled
   */
  public int keyId() {
    return sessionKeys().keyId;
  }

  /** Builds a {@link Sealer}; every check happens in {@link #build()}. */
  public static final class Builder {
    private final Supplier<? extends EnvelopeKeys> keys;
    private String session;
    private Direction direction;
    private boolean encrypted;
    private InstantSource clock = InstantSource.system();
    private Drbg salts;
    private long maxMessagesPerKey = GCM_RANDOM_NONCE_LIMIT;
    private Integer keyId;
    private String document;

    private Builder(Supplier<? extends EnvelopeKeys> keys) {
      this.keys = keys;
    }

    /** The session id (1 to 256 UTF-8 bytes), bound into every tag. Required. */
    public Builder session(String session) {
      this.session = session;
      return this;
    }

    /** The direction of the messages this sealer seals. Required. */
    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    /**
     * Seals for one document stream of the session (SPEC.md, "Document streams").
     * {@link #build()} throws IllegalArgumentException unless it is a 22-character base64url id.
     */
    public Builder document(String document) {
      this.document = document;
      return this;
    }

    /** AES-256-GCM encryption of the payload (default off: MAC only). */
    public Builder encrypted(boolean on) {
      this.encrypted = on;
      return this;
    }

    /** The clock for issue times (default: the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where salts come from (default: an otpkit DRBG over the {@code system} source). */
    public Builder salts(Drbg drbg) {
      this.salts = Objects.requireNonNull(drbg, "drbg");
      return this;
    }

    /**
     * Encrypted messages per derived key before the sealer refuses (default 2^32, SP 800-38D
     * section 8.3). {@link #build()} throws IllegalArgumentException unless it is in [1, 2^32].
     */
    public Builder maxMessagesPerKey(long limit) {
      this.maxMessagesPerKey = limit;
      return this;
    }

    /**
     * Seals under key {@code keyId} instead of the primary, for a peer that knows only that key
     * (a UI handed one key's session keys). Seals while the key is enabled in the keys in force;
     * once it is disabled or gone, every seal throws IllegalStateException. {@link #build()}
     * throws IllegalArgumentException unless it is enabled then.
     */
    public Builder keyId(int keyId) {
      this.keyId = keyId;
      return this;
    }

    /**
     * Builds the sealer. Its sequence numbers continue those of every earlier sealer of the same
     * session and direction in this JVM, and start above a predecessor in another process (see
     * SPEC.md, "Sequence numbers").
     *
     * @throws IllegalArgumentException if session or direction is missing or invalid, or a limit
     *     is out of range
     * @throws IllegalStateException if the clock reads outside the valid issue times
     * @throws GeneralSecurityException if key derivation fails
     */
    public Sealer build() throws GeneralSecurityException {
      if (direction == null) {
        throw new IllegalArgumentException("a sealer needs a direction");
      }
      if (maxMessagesPerKey < 1 || maxMessagesPerKey > GCM_RANDOM_NONCE_LIMIT) {
        throw new IllegalArgumentException("maxMessagesPerKey must be in [1, 2^32], got " + maxMessagesPerKey);
      }
      Wire.checkName("session id", session);
      DerivedKeys derived = new DerivedKeys(keys, session, document, direction);
      if (keyId != null && derived.current().enabled(keyId) == null) {
        throw new IllegalArgumentException("key " + Integer.toUnsignedString(keyId) + " is not an enabled key");
      }
      long now = validIssueTime(clock.millis());
      return new Sealer(this, derived, SequenceCounters.lease(Opener.streamOf(derived.boundSession(), direction), now));
    }
  }
}
