package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.Test;

/**
 * Keccak-f[1600] checked the only way a bare permutation can be: SHA3-256 and SHAKE128/256 are
 * built on it here (FIPS 202 padding and rates) and compared with Bouncy Castle's. Every failing
 * case is collected, so one run reports all of them.
 */
class KeccakTest {

  /** A FIPS 202 sponge over our permutation: rate in bytes, domain bits, output length. */
  static byte[] sponge(byte[] message, int rate, int domain, int outLen) {
    long[] state = new long[25];
    int padded = (message.length / rate + 1) * rate;
    byte[] p = java.util.Arrays.copyOf(message, padded);
    p[message.length] ^= (byte) domain;
    p[padded - 1] ^= (byte) 0x80;
    for (int off = 0; off < padded; off += rate) {
      Keccak1600.xorIn(state, p, off, rate);
      Keccak1600.permute(state);
    }
    byte[] out = new byte[outLen];
    for (int off = 0; off < outLen; off += rate) {
      int n = Math.min(rate, outLen - off);
      Keccak1600.extract(state, out, off, n);
      if (off + n < outLen) {
        Keccak1600.permute(state);
      }
    }
    return out;
  }

  static byte[] sha3(byte[] m) {
    return sponge(m, 136, 0x06, 32);
  }

  static byte[] bcSha3(byte[] m) {
    SHA3Digest d = new SHA3Digest(256);
    d.update(m, 0, m.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  static byte[] bcShake(int bits, byte[] m, int outLen) {
    SHAKEDigest d = new SHAKEDigest(bits);
    d.update(m, 0, m.length);
    byte[] out = new byte[outLen];
    d.doFinal(out, 0, outLen);
    return out;
  }

  @Test
  void sha3_256_knownAnswers() {
    HexFormat hex = HexFormat.of();
    assertEquals("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
        hex.formatHex(sha3(new byte[0])));
    assertEquals("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
        hex.formatHex(sha3("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void sha3AndShake_matchBouncyCastle_everyLengthTo600_andRandomInputs() {
    HexFormat hex = HexFormat.of();
    SplittableRandom random = new SplittableRandom(202);
    List<String> failures = new ArrayList<>();
    for (int len = 0; len <= 600 + 200; len++) {
      byte[] m = new byte[len <= 600 ? len : random.nextInt(5000)];
      random.nextBytes(m);
      if (!hex.formatHex(sha3(m)).equals(hex.formatHex(bcSha3(m)))) {
        failures.add("SHA3-256 length " + m.length);
      }
      int outLen = 1 + random.nextInt(500); // beyond both rates, so squeezing permutes too
      if (!hex.formatHex(sponge(m, 168, 0x1F, outLen)).equals(hex.formatHex(bcShake(128, m, outLen)))) {
        failures.add("SHAKE128 length " + m.length + " out " + outLen);
      }
      if (!hex.formatHex(sponge(m, 136, 0x1F, outLen)).equals(hex.formatHex(bcShake(256, m, outLen)))) {
        failures.add("SHAKE256 length " + m.length + " out " + outLen);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void permute_changesEveryLaneOfZeroState_andIsNotAnInvolution() {
    long[] s = new long[25];
    Keccak1600.permute(s);
    for (long lane : s) {
      assertTrue(lane != 0);
    }
    long[] twice = s.clone();
    Keccak1600.permute(twice);
    assertTrue(!java.util.Arrays.equals(new long[25], twice));
  }

  @Test
  void byteAccess_isLittleEndianLanes() {
    long[] s = new long[25];
    byte[] in = new byte[16];
    in[0] = 1;
    in[9] = 2;
    Keccak1600.xorIn(s, in, 0, in.length);
    assertEquals(1L, s[0]);
    assertEquals(2L << 8, s[1]);
    byte[] out = new byte[16];
    Keccak1600.extract(s, out, 0, 16);
    assertEquals(HexFormat.of().formatHex(in), HexFormat.of().formatHex(out));
  }

  @Test
  void badArguments_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> Keccak1600.permute(new long[24]));
    assertThrows(IllegalArgumentException.class, () -> Keccak1600.xorIn(new long[25], new byte[300], 0, 201));
    assertThrows(IndexOutOfBoundsException.class, () -> Keccak1600.extract(new long[25], new byte[8], 0, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> Keccak1600.extract(new long[25], new byte[8], 4, 8));
  }
}
