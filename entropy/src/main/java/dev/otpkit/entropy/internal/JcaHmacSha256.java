package dev.otpkit.entropy.internal;

import java.security.GeneralSecurityException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC-SHA256 for Bouncy Castle's HMAC_DRBG, computed by the JDK's {@code HmacSHA256}. Bouncy
 * Castle keeps the DRBG logic (SP 800-90A section 10.1.2: update, reseed, generate, counters);
 * the JDK supplies the hash, which the JVM compiles to the CPU's SHA instructions where it has
 * them, while Bouncy Castle's own SHA-256 runs as plain Java. Measured in the benchmarks module.
 */
public final class JcaHmacSha256 implements Mac {

  private final javax.crypto.Mac mac;

  public JcaHmacSha256() {
    try {
      this.mac = javax.crypto.Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  @Override
  public void init(CipherParameters params) {
    if (!(params instanceof KeyParameter key)) {
      throw new IllegalArgumentException("HMAC-SHA256 takes a KeyParameter");
    }
    try {
      mac.init(new SecretKeySpec(key.getKey(), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("HMAC-SHA256 key rejected: " + e.getMessage(), e);
    }
  }

  @Override
  public String getAlgorithmName() {
    return "SHA-256/HMAC";
  }

  @Override
  public int getMacSize() {
    return 32;
  }

  @Override
  public void update(byte in) {
    mac.update(in);
  }

  @Override
  public void update(byte[] in, int off, int len) {
    mac.update(in, off, len);
  }

  @Override
  public int doFinal(byte[] out, int off) {
    try {
      mac.doFinal(out, off);
    } catch (ShortBufferException e) {
      throw new org.bouncycastle.crypto.OutputLengthException("output buffer too short for HMAC-SHA256");
    }
    return 32;
  }

  @Override
  public void reset() {
    mac.reset();
  }
}
