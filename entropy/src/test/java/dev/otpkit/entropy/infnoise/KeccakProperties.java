package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link Keccak1600} under the FIPS 202 sponges against Bouncy Castle, on generated inputs. */
class KeccakProperties {

  private static final HexFormat HEX = HexFormat.of();

  @Property(tries = 300, seed = "20261125")
  void sha3_256_matchesBouncyCastle(@ForAll @Size(max = 2000) byte[] message) {
    assertEquals(HEX.formatHex(KeccakTest.bcSha3(message)), HEX.formatHex(Fips202Sponge.sha3_256(message)));
  }

  @Property(tries = 300, seed = "20261125")
  void shake128_matchesBouncyCastle(@ForAll @Size(max = 2000) byte[] message,
      @ForAll @IntRange(min = 0, max = 700) int outputBytes) {
    assertEquals(HEX.formatHex(KeccakTest.bcShake(128, message, outputBytes)),
        HEX.formatHex(Fips202Sponge.shake128(message, outputBytes)));
  }

  @Property(tries = 300, seed = "20261125")
  void shake256_matchesBouncyCastle(@ForAll @Size(max = 2000) byte[] message,
      @ForAll @IntRange(min = 0, max = 700) int outputBytes) {
    assertEquals(HEX.formatHex(KeccakTest.bcShake(256, message, outputBytes)),
        HEX.formatHex(Fips202Sponge.shake256(message, outputBytes)));
  }
}
