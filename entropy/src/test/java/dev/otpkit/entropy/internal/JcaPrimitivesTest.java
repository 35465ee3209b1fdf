package dev.otpkit.entropy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.EntropySourceProvider;
import org.bouncycastle.crypto.prng.SP800SecureRandom;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;
import org.junit.jupiter.api.Test;

/**
 * The JDK-backed primitives give Bouncy Castle's DRBGs exactly the output of Bouncy Castle's own
 * AES and HMAC-SHA256, over instantiation, generate and reseed, for fixed entropy.
 */
class JcaPrimitivesTest {

  /** Entropy from a seeded generator: the same stream for both DRBGs under comparison. */
  private static EntropySourceProvider fixedEntropy(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return bits -> new EntropySource() {
      @Override
      public boolean isPredictionResistant() {
        return false;
      }

      @Override
      public byte[] getEntropy() {
        byte[] b = new byte[(bits + 7) / 8];
        random.nextBytes(b);
        return b;
      }

      @Override
      public int entropySize() {
        return bits;
      }
    };
  }

  private static byte[] run(SP800SecureRandom drbg) {
    byte[] out = new byte[3 * 4096 + 5];
    drbg.nextBytes(out);
    drbg.reseed((byte[]) null);
    byte[] more = new byte[777];
    drbg.nextBytes(more);
    byte[] all = java.util.Arrays.copyOf(out, out.length + more.length);
    System.arraycopy(more, 0, all, out.length, more.length);
    return all;
  }

  @Test
  void ctrDrbg_withJdkAes_matchesBouncyCastleAes() {
    for (long seed = 1; seed <= 5; seed++) {
      byte[] nonce = new byte[16];
      new SplittableRandom(seed * 31).nextBytes(nonce);
      SP800SecureRandom ours = new SP800SecureRandomBuilder(fixedEntropy(seed))
          .setPersonalizationString(new byte[] {1, 2, 3}).setSecurityStrength(256).setEntropyBitsRequired(256)
          .buildCTR(new JcaAes(), 256, nonce, false);
      SP800SecureRandom theirs = new SP800SecureRandomBuilder(fixedEntropy(seed))
          .setPersonalizationString(new byte[] {1, 2, 3}).setSecurityStrength(256).setEntropyBitsRequired(256)
          .buildCTR(AESEngine.newInstance(), 256, nonce, false);
      assertArrayEquals(run(theirs), run(ours), "seed " + seed);
    }
  }

  @Test
  void hmacDrbg_withJdkHmac_matchesBouncyCastleHmac() {
    for (long seed = 1; seed <= 5; seed++) {
      byte[] nonce = new byte[16];
      new SplittableRandom(seed * 37).nextBytes(nonce);
      SP800SecureRandom ours = new SP800SecureRandomBuilder(fixedEntropy(seed))
          .setSecurityStrength(256).setEntropyBitsRequired(256)
          .buildHMAC(new JcaHmacSha256(), nonce, false);
      SP800SecureRandom theirs = new SP800SecureRandomBuilder(fixedEntropy(seed))
          .setSecurityStrength(256).setEntropyBitsRequired(256)
          .buildHMAC(new HMac(new SHA256Digest()), nonce, false);
      assertArrayEquals(run(theirs), run(ours), "seed " + seed);
    }
  }

  @Test
  void blockAndMac_matchBouncyCastleDirectly() {
    byte[] key = new byte[32];
    new SplittableRandom(9).nextBytes(key);
    byte[] block = new byte[16];
    new SplittableRandom(10).nextBytes(block);
    JcaAes jca = new JcaAes();
    jca.init(true, new KeyParameter(key));
    org.bouncycastle.crypto.BlockCipher bc = AESEngine.newInstance();
    bc.init(true, new KeyParameter(key));
    byte[] a = new byte[16];
    byte[] b = new byte[16];
    jca.processBlock(block, 0, a, 0);
    bc.processBlock(block, 0, b, 0);
    assertArrayEquals(b, a);
    JcaHmacSha256 mac = new JcaHmacSha256();
    HMac bcMac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    bcMac.init(new KeyParameter(key));
    mac.update(block, 0, 16);
    mac.update((byte) 7);
    bcMac.update(block, 0, 16);
    bcMac.update((byte) 7);
    byte[] m1 = new byte[32];
    byte[] m2 = new byte[32];
    mac.doFinal(m1, 0);
    bcMac.doFinal(m2, 0);
    assertArrayEquals(m2, m1);
    assertThrows(IllegalArgumentException.class, () -> jca.init(true, null));
    assertThrows(IllegalArgumentException.class, () -> mac.init(null));
  }
}
