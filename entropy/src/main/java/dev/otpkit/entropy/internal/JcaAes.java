package dev.otpkit.entropy.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AES block function for Bouncy Castle's CTR_DRBG, computed by the JDK's AES, which the JVM
 * compiles to the CPU's AES instructions where it has them (Bouncy Castle's own AES is table-based
 * Java). Bouncy Castle keeps the DRBG logic (SP 800-90A section 10.2); only single-block ECB
 * encryption passes through here. Measured in the benchmarks module.
 */
public final class JcaAes implements BlockCipher {

  private final Cipher cipher;

  public JcaAes() {
    try {
      this.cipher = Cipher.getInstance("AES/ECB/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB/NoPadding is required of every Java platform", e);
    }
  }

  @Override
  public void init(boolean forEncryption, CipherParameters params) {
    if (!(params instanceof KeyParameter key)) {
      throw new IllegalArgumentException("AES takes a KeyParameter");
    }
    try {
      cipher.init(forEncryption ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
          new SecretKeySpec(key.getKey(), "AES"));

    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("AES key rejected: " + e.getMessage(), e);
    }
  }

  @Override
  public String getAlgorithmName() {
    return "AES";
  }

  @Override
  public int getBlockSize() {
    return 16;
  }

  @Override
  public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
    try {
      int n = cipher.update(in, inOff, 16, out, outOff);
      if (n != 16) {
        throw new DataLengthException("AES returned " + n + " bytes for one block");
      }
      return 16;
    } catch (javax.crypto.ShortBufferException e) {
      throw new org.bouncycastle.crypto.OutputLengthException("output buffer too short for an AES block");
    }
  }

  @Override
  public void reset() {
    // ECB keeps no state between blocks
  }

}
