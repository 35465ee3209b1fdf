package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code otpkit whiten} against the independent reference streams of the entropy module. */
class WhitenCommandTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = WhitenCommandTest.class.getResourceAsStream("/infnoise/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource infnoise/" + name);
      }
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 5})
  void whiten_isBitExactWithReference(int multiplier) throws IOException {
    byte[] capture = resource("capture-16.bin");
    CliRun run = CliRun.withInput(capture, "whiten", "--multiplier", Integer.toString(multiplier));
    assertEquals(0, run.exit(), run.stderr());
    String expected = new String(resource("whiten-m" + multiplier + ".hex"), StandardCharsets.US_ASCII).strip();
    assertEquals(expected, HexFormat.of().formatHex(run.stdout()));
  }

  @Test
  void strayBytes_areAClearError_afterWholeBlocks() throws IOException {
    byte[] capture = java.util.Arrays.copyOf(resource("capture-16.bin"), 64 * 2 + 5);
    CliRun run = CliRun.withInput(capture, "whiten");
    assertEquals(Main.FAILED, run.exit());
    assertEquals(54 * 2, run.stdout().length);
    assertTrue(run.stderr().contains("5 stray bytes after 2 whole 64-byte blocks"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
  }

  @Test
  void badMultiplier_isAClearError() {
    CliRun run = CliRun.withInput(new byte[64], "whiten", "--multiplier", "-3");
    assertEquals(Main.USAGE, run.exit());
    assertTrue(run.stderr().contains("multiplier must be in [0, 10000]"), run.stderr());
  }
}
