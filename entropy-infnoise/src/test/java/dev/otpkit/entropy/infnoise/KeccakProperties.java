package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpkit.testsupport.Cases;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Keccak1600} under the FIPS 202 sponges against Bouncy Castle, on seeded generated
 * inputs (the empty and the longest message first).
 */
class KeccakProperties {

  private static final HexFormat HEX = HexFormat.of();

  static LongStream sha3_256_matchesBouncyCastle() {
    return Cases.of("sha3_256_matchesBouncyCastle", 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void sha3_256_matchesBouncyCastle(long seed) {
    byte[] message = Cases.bytes(new Random(seed), seed, 0, 2000);
    assertEquals(HEX.formatHex(KeccakTest.bcSha3(message)), HEX.formatHex(Fips202Sponge.sha3_256(message)));
  }

  static LongStream shake128_matchesBouncyCastle() {
    return Cases.of("shake128_matchesBouncyCastle", 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void shake128_matchesBouncyCastle(long seed) {
    Random r = new Random(seed);
    byte[] message = Cases.bytes(r, seed, 0, 2000);
    int outputBytes = Cases.intIn(r, seed, 0, 700);
    assertEquals(HEX.formatHex(KeccakTest.bcShake(128, message, outputBytes)),
        HEX.formatHex(Fips202Sponge.shake128(message, outputBytes)));
  }

  static LongStream shake256_matchesBouncyCastle() {
    return Cases.of("shake256_matchesBouncyCastle", 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void shake256_matchesBouncyCastle(long seed) {
    Random r = new Random(seed);
    byte[] message = Cases.bytes(r, seed, 0, 2000);
    int outputBytes = Cases.intIn(r, seed, 0, 700);
    assertEquals(HEX.formatHex(KeccakTest.bcShake(256, message, outputBytes)),
        HEX.formatHex(Fips202Sponge.shake256(message, outputBytes)));
  }
}
