package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WhitenerTest {

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @CsvSource({"0, 54", "1, 32", "4, 128", "5, 160", "10000, 320000"})
  void outputSizes(int multiplier, int bytes) {
    Whitener w = new Whitener(multiplier);
    assertEquals(bytes, w.outputBytesPerBlock());
    assertEquals(bytes, w.absorb(new byte[64], 0, new byte[bytes], 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 10_001})
  void badMultiplier_isRejected(int m) {
    assertEquals("output multiplier must be in [0, 10000], got " + m,
        assertThrows(IllegalArgumentException.class, () -> new Whitener(m)).getMessage());
  }

  @Test
  void defaultMode_isXorPermuteExtract54_acrossBlocks() {
    byte[] raw = random(64 * 3, 1);
    Whitener w = new Whitener(0);
    long[] state = new long[25];
    for (int b = 0; b < 3; b++) {
      byte[] got = new byte[54];
      w.absorb(raw, 64 * b, got, 0);
      Keccak1600.xorIn(state, raw, 64 * b, 64);
      Keccak1600.permute(state);
      byte[] expected = new byte[54];
      Keccak1600.extract(state, expected, 0, 54);
      assertEquals(HEX.formatHex(expected), HEX.formatHex(got), "block " + b);
    }
  }

  @Test
  void multiplierMode_chunksOf128_eachFollowedByPermutation() {
    byte[] raw = random(64, 2);
    byte[] got = new byte[160];
    new Whitener(5).absorb(raw, 0, got, 0);
    long[] state = new long[25];
    Keccak1600.xorIn(state, raw, 0, 64);
    Keccak1600.permute(state);
    byte[] expected = new byte[160];
    Keccak1600.extract(state, expected, 0, 128);
    Keccak1600.permute(state);
    Keccak1600.extract(state, expected, 128, 32);
    assertEquals(HEX.formatHex(expected), HEX.formatHex(got));
  }

  @Test
  void stateCarriesAcrossBlocks_andResetForgetsIt() {
    byte[] block = random(64, 3);
    Whitener w = new Whitener(0);
    byte[] first = new byte[54];
    byte[] second = new byte[54];
    w.absorb(block, 0, first, 0);
    w.absorb(block, 0, second, 0);
    assertNotEquals(HEX.formatHex(first), HEX.formatHex(second));
    w.reset();
    byte[] afterReset = new byte[54];
    w.absorb(block, 0, afterReset, 0);
    assertEquals(HEX.formatHex(first), HEX.formatHex(afterReset));
  }

  @Test
  void ranges_areChecked() {
    Whitener w = new Whitener(0);
    assertThrows(IndexOutOfBoundsException.class, () -> w.absorb(new byte[63], 0, new byte[54], 0));
    assertThrows(IndexOutOfBoundsException.class, () -> w.absorb(new byte[64], 0, new byte[60], 10));
  }

  /** Known answers from an independent implementation (whiten_reference.py, see the README). */
  @ParameterizedTest
  @ValueSource(ints = {0, 2, 5})
  void capture_matchesIndependentReference(int multiplier) throws IOException {
    byte[] capture = resource("capture-16.bin");
    String expected = new String(resource("whiten-m" + multiplier + ".hex"), StandardCharsets.US_ASCII).strip();
    Whitener w = new Whitener(multiplier);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[w.outputBytesPerBlock()];
    for (int off = 0; off < capture.length; off += 64) {
      out.write(chunk, 0, w.absorb(capture, off, chunk, 0));
    }
    assertEquals(expected, HEX.formatHex(out.toByteArray()));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = WhitenerTest.class.getResourceAsStream("/infnoise/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource infnoise/" + name);
      }
      return in.readAllBytes();
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }
}
