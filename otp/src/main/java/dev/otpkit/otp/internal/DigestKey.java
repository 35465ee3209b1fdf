package dev.otpkit.otp.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a secret value (a token, a handle), as a map key: stores keep these, never
 * the values. The values are 128 or 256 random bits, so the digest needs no salt or stretching:
 * nothing short of the value leads to its entry, and a dump of a store reveals none. SHA-256 output
 * is uniform, so its first four bytes are the hash; equality compares in constant time like every
 * other secret-derived comparison here.
 */
public final class DigestKey {

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  });

  private final byte[] bytes;
  private final int hash;

  private DigestKey(byte[] digest) {
    this.bytes = digest;
    this.hash = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  /** SHA-256 of {@code value}. */
  public static byte[] sha256(byte[] value) {
    return SHA256.get().digest(value);
  }

  /** The key of a secret value: its SHA-256 digest. */
  public static DigestKey of(byte[] value) {
    return new DigestKey(sha256(value));
  }

  /** The key of an already computed SHA-256 digest (copied). */
  public static DigestKey ofDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, got " + digest.length);
    }
    return new DigestKey(digest.clone());
  }

  /** A copy of the digest, for a store that keeps digests elsewhere. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The digest in hex, for inspection. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DigestKey k && MessageDigest.isEqual(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Never the digest: a key in a log line would help no one and tie entries together. */
  @Override
  public String toString() {
    return "DigestKey";
  }
}
