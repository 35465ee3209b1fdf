package dev.otpkit.hashing.internal;

import com.google.crypto.tink.subtle.Hkdf;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three primitives an envelope uses, exactly as it uses them, so the Wycheproof tests check
 * these entry points rather than the JCA in general: HMAC-SHA256 (JCA), HKDF-SHA256 (Tink's
 * RFC 5869 implementation) and AES-256-GCM with a 96-bit nonce and a 128-bit tag (JCA).
 */
public final class Primitives {

  /** GCM nonce length in bytes (SP 800-38D's recommended 96 bits). */
  public static final int GCM_NONCE_BYTES = 12;
  /** GCM tag length in bytes (full 128 bits). */
  public static final int GCM_TAG_BYTES = 16;
  /** HMAC-SHA256 tag length in bytes (full length, never truncated). */
  public static final int MAC_BYTES = 32;

  private Primitives() {}

  /** An HMAC-SHA256 instance keyed with {@code key} (any length, as RFC 2104 allows). */
  public static Mac hmacSha256(byte[] key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac;
  }

  /** HKDF-SHA256 (RFC 5869): extract with {@code salt}, expand with {@code info} to {@code size} bytes. */
  public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int size)
      throws GeneralSecurityException {
    return Hkdf.computeHkdf("HMACSHA256", ikm, salt, info, size);
  }

  /** A fresh AES/GCM/NoPadding cipher (not yet initialised). */
  public static Cipher gcm() throws NoSuchAlgorithmException {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (javax.crypto.NoSuchPaddingException e) {
      throw new NoSuchAlgorithmException("AES/GCM/NoPadding is required of every Java platform", e);
    }
  }

  /**
   * An AES-256 key for {@link #initGcm}.
   *
   * @throws java.security.InvalidKeyException unless {@code key} is 32 bytes
   */
  public static SecretKeySpec aes256Key(byte[] key) throws java.security.InvalidKeyException {
    if (key.length != 32) {
      throw new java.security.InvalidKeyException("AES-256-GCM needs a 32-byte key, got " + key.length);
    }
    return new SecretKeySpec(key, "AES");
  }

  /**
   * Initialises {@code cipher} for AES-256-GCM with the 96-bit nonce at {@code nonce[nonceOff]}
   * and a 128-bit tag. Ciphertexts are the encrypted bytes followed by the tag.
   */
  public static void initGcm(Cipher cipher, int mode, SecretKeySpec key, byte[] nonce, int nonceOff)
      throws GeneralSecurityException {
    cipher.init(mode, key, new GCMParameterSpec(8 * GCM_TAG_BYTES, nonce, nonceOff, GCM_NONCE_BYTES));
  }
}
