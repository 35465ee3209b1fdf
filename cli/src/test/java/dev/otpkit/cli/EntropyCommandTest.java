package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntropyCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "--drbg"})
  void bytes_writesExactlyN(String flag) {
    CliRun run = flag.isEmpty() ? CliRun.of("entropy", "--bytes", "100003")
        : CliRun.of("entropy", "--bytes", "100003", flag);
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(100003, run.stdout().length);
    assertTrue(run.stderr().contains("100003 bytes"), run.stderr());
    assertTrue(run.stderr().contains("health healthy"), run.stderr());
  }

  @Test
  void stuckCapture_exitsNonZero_namesTest_writesNothing(@TempDir Path dir) throws Exception {
    Path zeros = dir.resolve("zeros.bin");
    Files.write(zeros, new byte[8192]);
    CliRun run = CliRun.of("entropy", "--source", "raw:" + zeros, "--bytes", "1000");
    assertEquals(Main.FAILED, run.exit());
    assertEquals(0, run.stdout().length);
    assertTrue(run.stderr().contains("repetition-count"), run.stderr());
    assertOneLineNoTrace(run.stderr());
  }

  @Test
  void unknownSource_listsForms() {
    CliRun run = CliRun.of("entropy", "--source", "usb", "--bytes", "1");
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().contains("accepted forms: system"), run.stderr());
    assertOneLineNoTrace(run.stderr());
  }

  @Test
  void missingRawFile_namesPath(@TempDir Path dir) {
    CliRun run = CliRun.of("entropy", "--source", "raw:" + dir.resolve("absent"), "--bytes", "1");
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().contains("absent"), run.stderr());
    assertOneLineNoTrace(run.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bytes=-5", "--bytes=lots", "--frobnicate"})
  void badOptions_areUsageErrors(String option) {
    CliRun run = CliRun.of("entropy", option);
    assertTrue(run.exit() == Main.USAGE || run.exit() == Main.FAILED, "exit " + run.exit());
    assertFalse(run.stderr().contains("\tat "), run.stderr());
    assertEquals(0, run.stdout().length);
  }

  /** Without --bytes the command runs until its reader closes the pipe, then exits 0. */
  @Test
  void unbounded_endsCleanlyWhenReaderCloses() throws Exception {
    Process p = new ProcessBuilder(ExternalTool.otpkitCommand("entropy")).start();
    byte[] got = p.getInputStream().readNBytes(1 << 20);
    p.getInputStream().close();
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "did not stop after the pipe closed");
    assertEquals(1 << 20, got.length);
    assertEquals(0, p.exitValue());
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(err.startsWith("otpkit entropy: "), err);
  }

  static void assertOneLineNoTrace(String stderr) {
    assertEquals(1, stderr.strip().lines().count(), stderr);
    assertFalse(stderr.contains("Exception"), stderr);
  }
}
