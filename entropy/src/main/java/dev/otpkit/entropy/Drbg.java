package dev.otpkit.entropy;

import dev.otpkit.entropy.internal.JcaAes;
import dev.otpkit.entropy.internal.JcaHmacSha256;
import dev.otpkit.entropy.internal.SourceEntropyProvider;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.prng.SP800SecureRandom;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;

/**
 * An SP 800-90A DRBG (Bouncy Castle's {@code CTR_DRBG} with AES-256 and a derivation function,
 * or its {@code HMAC_DRBG} with SHA-256; security strength 256) whose entropy input, nonce and
 * reseeds come from one of our {@link EntropySource}s. Bouncy Castle runs the DRBG algorithm;
 * the block cipher and the HMAC underneath are the JDK's, which use the CPU's AES and SHA
 * instructions.
 *
 * <p>The fast path: each thread gets its own DRBG instance (its own seed from the source, so no
 * lock is shared between threads) and, unless prediction resistance is on, a small buffer of
 * output, so a 16-byte salt costs a copy instead of a DRBG generate call. Every generate call of a
 * thread's instance counts toward the reseed interval; at the interval the instance reseeds from
 * the source before it generates again. With prediction resistance on there is no buffer: every
 * request reseeds from the source, as SP 800-90A requires.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Once the source fails ({@link EntropySource#failed()}, whoever saw it fail: this DRBG,
 *       another DRBG over the same source, or a direct reader), or a draw from it throws, every
 *       later request on every thread throws {@link EntropyException}; buffered output is not
 *       served after that. The check costs one volatile read per request for otpkit's sources.
 *   <li>Output is never shared between threads: a buffer belongs to one thread.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Drbg {

  /** The DRBG mechanism. */
  public enum Mechanism {
    /** HMAC_DRBG with HMAC-SHA256. */
    HMAC_SHA256,
    /** CTR_DRBG with AES-256 (with derivation function). */
    CTR_AES256
  }

  /** The largest single generate request of both mechanisms, 2^18 bits (SP 800-90A table 2/3). */
  static final int MAX_REQUEST_BYTES = 1 << 15;

  private static final int SECURITY_STRENGTH = 256;
  private static final AtomicLong LANES = new AtomicLong();

  private final EntropySource source;
  private final Mechanism mechanism;
  private final long reseedInterval;
  private final boolean predictionResistance;
  private final int bufferSize;
  private final byte[] personalization;
  private final SourceEntropyProvider entropy;
  private final ThreadLocal<Lane> lanes = ThreadLocal.withInitial(this::newLane);
  private volatile boolean failed;

  private Drbg(Builder b) {
    this.source = b.source;
    this.mechanism = b.mechanism;
    this.reseedInterval = b.reseedInterval;
    this.predictionResistance = b.predictionResistance;
    this.bufferSize = predictionResistance ? 0 : b.bufferSize;
    this.personalization = b.personalization.clone();
    this.entropy = new SourceEntropyProvider(source, () -> failed = true);
  }

  /**
   * The process-wide default: a DRBG over the {@code system} source with default settings, built
   * on first use. What otpkit's salts, tokens and handles come from unless told otherwise.
   */
  public static Drbg system() {
    return SystemDefault.DRBG;
  }

  private static final class SystemDefault {
    static final Drbg DRBG = builder(EntropySources.system()).build();
  }

  /** A builder for a DRBG over {@code source}. */
  public static Builder builder(EntropySource source) {
    return new Builder(source);
  }

  /**
   * Fills {@code out} with DRBG output.
   *
   * @throws EntropyException if the source has failed
   */
  public void nextBytes(byte[] out) {
    nextBytes(out, 0, out.length);
  }

  /** Fills {@code out[off, off+len)} with DRBG output; see {@link #nextBytes(byte[])}. */
  public void nextBytes(byte[] out, int off, int len) {
    Objects.checkFromIndexSize(off, len, out.length);
    // Every request asks the source, not just refills: another reader may have seen it fail
    // while this thread's buffer still holds output drawn before the failure.
    if (failed || source.failed()) {
      throw stopped();
    }
    lanes.get().nextBytes(out, off, len);
  }

  private EntropyException stopped() {
    failed = true;
    return new EntropyException("DRBG stopped: its entropy source " + source.description()
        + " failed (" + source.health().detail() + ")");
  }

  /** Returns {@code n} bytes of DRBG output. */
  public byte[] bytes(int n) {
    byte[] out = new byte[n];
    nextBytes(out);
    return out;
  }

  /**
   * Reseeds the calling thread's instance from the source now, mixing in {@code additionalInput}
   * (may be empty), and drops its buffered output.
   */
  public void reseed(byte[] additionalInput) {
    lanes.get().reseed(additionalInput);
  }

  /**
   * A {@link SecureRandom} backed by this DRBG, registered under {@link OtpkitProvider} so that
   * {@code getProvider()} and {@code getAlgorithm()} name it.
   */
  public SecureRandom asSecureRandom() {
    return new OtpkitProvider(this).secureRandom();
  }

  /** The entropy source the DRBG draws from. */
  public EntropySource source() {
    return source;
  }

  public Mechanism mechanism() {
    return mechanism;
  }

  public long reseedInterval() {
    return reseedInterval;
  }

  public boolean predictionResistance() {
    return predictionResistance;
  }

  /** True once the source failed; every request then throws. */
  public boolean failed() {
    return failed || source.failed();
  }

  /** Bytes straight from the entropy source, not from the DRBG ({@code SecureRandom.generateSeed}). */
  byte[] seedBytes(int n) {
    return entropy.draw(n);
  }

  private Lane newLane() {
    // Distinct personalization per instance (SP 800-90A 8.7.1): two lanes never share a state
    // even if the source repeated itself.
    byte[] ps = ByteBuffer.allocate(personalization.length + 24)
        .put(personalization)
        .putLong(LANES.incrementAndGet())
        .putLong(Thread.currentThread().getId())
        .putLong(System.nanoTime())
        .array();
    SP800SecureRandomBuilder builder = new SP800SecureRandomBuilder(entropy)
        .setSecurityStrength(SECURITY_STRENGTH)
        .setEntropyBitsRequired(SECURITY_STRENGTH)
        .setPersonalizationString(ps);
    byte[] nonce = entropy.draw(SECURITY_STRENGTH / 16);
    SP800SecureRandom random = mechanism == Mechanism.HMAC_SHA256
        ? builder.buildHMAC(new JcaHmacSha256(), nonce, predictionResistance)
        : builder.buildCTR(new JcaAes(), 256, nonce, predictionResistance);
    Arrays.fill(nonce, (byte) 0);
    return new Lane(random);
  }

  /** One thread's DRBG instance and output buffer. */
  private final class Lane {
    private final SP800SecureRandom drbg;
    private final byte[] buffer;
    private int position;
    private long requests;

    Lane(SP800SecureRandom drbg) {
      this.drbg = drbg;
      this.buffer = new byte[bufferSize];
      this.position = bufferSize;
    }

    void nextBytes(byte[] out, int off, int len) {
      if (len <= buffer.length - position) {
        System.arraycopy(buffer, position, out, off, len);
        Arrays.fill(buffer, position, position + len, (byte) 0);
        position += len;
        return;
      }
      if (len < buffer.length / 2) {
        refill();
        System.arraycopy(buffer, 0, out, off, len);
        Arrays.fill(buffer, 0, len, (byte) 0);
        position = len;
        return;
      }
      // Large requests bypass the buffer, in chunks no larger than one generate call allows.
      byte[] chunk = new byte[Math.min(len, MAX_REQUEST_BYTES)];
      while (len > 0) {
        int n = Math.min(len, chunk.length);
        if (n != chunk.length) {
          chunk = new byte[n];
        }
        generate(chunk);
        System.arraycopy(chunk, 0, out, off, n);
        off += n;
        len -= n;
      }
      Arrays.fill(chunk, (byte) 0);
    }

    private void refill() {
      generate(buffer);
      position = 0;
    }

    private void generate(byte[] out) {
      if (source.failed()) {
        throw stopped();
      }
      if (requests >= reseedInterval) {
        drbg.reseed((byte[]) null);
        requests = 0;
      }
      drbg.nextBytes(out);
      requests++;
    }

    void reseed(byte[] additionalInput) {
      drbg.reseed(additionalInput == null || additionalInput.length == 0 ? null : additionalInput);
      requests = 0;
      Arrays.fill(buffer, (byte) 0);
      position = buffer.length;
    }
  }

  /** Builds a {@link Drbg}; every check happens in {@link #build()}. */
  public static final class Builder {
    private final EntropySource source;
    private Mechanism mechanism = Mechanism.CTR_AES256;
    private long reseedInterval = 1024;
    private boolean predictionResistance;
    private int bufferSize = 4096;
    private byte[] personalization = "otpkit drbg".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Builder(EntropySource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * CTR_AES256 (the default: with the JDK's AES it is about three times as fast as the JDK's
     * own SecureRandom for salt-sized requests) or HMAC_SHA256.
     */
    public Builder mechanism(Mechanism mechanism) {
      this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
      return this;
    }

    /**
     * Generate calls of one thread's instance between reseeds from the source (default 1024; a
     * buffer refill is one call). {@link #build()} throws IllegalArgumentException unless it is in
     * [1, 2^48].
     */
    public Builder reseedInterval(long requests) {
      this.reseedInterval = requests;
      return this;
    }

    /** Reseed from the source on every request (default off); disables the buffer. */
    public Builder predictionResistance(boolean on) {
      this.predictionResistance = on;
      return this;
    }

    /**
     * Per-thread output buffer in bytes (default 4096, 0 for none). {@link #build()} throws
     * IllegalArgumentException unless it is in [0, 32768].
     */
    public Builder bufferSize(int bytes) {
      this.bufferSize = bytes;
      return this;
    }

    /** A personalization string mixed into every instance (SP 800-90A 8.7.1); not secret. */
    public Builder personalization(byte[] value) {
      this.personalization = Objects.requireNonNull(value, "personalization").clone();
      return this;
    }

    /**
     * Builds the DRBG. No entropy is drawn until a thread first asks for output.
     *
     * @throws IllegalArgumentException if the reseed interval or buffer size is out of range
     */
    public Drbg build() {
      if (reseedInterval < 1 || reseedInterval > 1L << 48) {
        throw new IllegalArgumentException(
            "reseed interval must be in [1, 2^48] requests, got " + reseedInterval);
      }
      if (bufferSize < 0 || bufferSize > MAX_REQUEST_BYTES) {
        throw new IllegalArgumentException(
            "buffer size must be in [0, " + MAX_REQUEST_BYTES + "] bytes, got " + bufferSize);
      }
      return new Drbg(this);
    }
  }
}
