package dev.otpkit.otp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestKeyTest {

  private static final byte[] ABC = {'a', 'b', 'c'};
  /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
  private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void keysAreSha256_equalByValue_hashedByTheirFirstBytes() {
    DigestKey k = DigestKey.of(ABC);
    assertEquals(ABC_SHA256, k.hex());
    assertEquals(k, DigestKey.ofDigest(HexFormat.of().parseHex(ABC_SHA256)));
    assertEquals(0xba7816bf, k.hashCode());
    assertNotEquals(k, DigestKey.of(new byte[] {'a', 'b', 'd'}));
    assertNotEquals(k, ABC_SHA256);
    assertThrows(IllegalArgumentException.class, () -> DigestKey.ofDigest(new byte[31]));
  }

  /** Object.toString would print the hash code, the digest's first four bytes. */
  @Test
  void toString_showsNoDigest() {
    assertEquals("DigestKey", DigestKey.of(ABC).toString());
  }
}
