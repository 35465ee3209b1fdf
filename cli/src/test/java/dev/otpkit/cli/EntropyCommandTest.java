package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
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
    assertEquals(Main.USAGE, run.exit());
    assertTrue(run.stderr().contains("accepted forms: system"), run.stderr());
    assertOneLineNoTrace(run.stderr());
  }

  /** It said "NoSuchFile (/path)". */
  @Test
  void missingRawFile_namesPathAndSaysWhy(@TempDir Path dir) {
    Path absent = dir.resolve("absent");
    CliRun run = CliRun.of("entropy", "--source", "raw:" + absent, "--bytes", "1");
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: cannot open raw capture " + absent + ": no such file\n", run.stderr());
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

  /** 1,000 raw blocks of the simulator, recorded with the command itself, as the README suggests. */
  private static Path capture64k(Path dir) throws Exception {
    CliRun record = CliRun.of("entropy", "--source", "infnoise-sim", "--raw", "--bytes", "64000");
    assertEquals(0, record.exit(), record.stderr());
    return Files.write(dir.resolve("64k.bin"), record.stdout());
  }

  /** What the library yields from the capture, to the last byte. */
  private static byte[] yieldOf(String spec) {
    byte[] all = new byte[1 << 20];
    try (EntropySource source = EntropySources.open(spec)) {
      EntropyException end = assertThrows(EntropyException.class, () -> source.fill(all));
      assertTrue(end.captureEnded(), end.getMessage());
      return Arrays.copyOf(all, end.bytesBeforeEnd());
    }
  }

  /** It wrote 0 bytes and exited 1: "capture ... ended after 1000 blocks". */
  @Test
  void capture_withoutBytes_deliversEverythingItYields_exits0(@TempDir Path dir) throws Exception {
    String spec = "infnoise-file:" + capture64k(dir);
    byte[] expected = yieldOf(spec);
    assertTrue(expected.length > 30_000 && expected.length % 108 == 0, "yield " + expected.length);
    CliRun run = CliRun.of("entropy", "--source", spec);
    assertEquals(0, run.exit(), run.stderr());
    assertArrayEquals(expected, run.stdout());
    assertTrue(run.stderr().startsWith("otpkit entropy: " + expected.length + " bytes in "), run.stderr());
    assertTrue(run.stderr().endsWith("health ended\n"), run.stderr());
  }

  /** It wrote nothing when --bytes asked for more than the capture yields. */
  @Test
  void capture_shortOfBytes_deliversEverything_exits1_sayingHowShort(@TempDir Path dir) throws Exception {
    String spec = "infnoise-file:" + capture64k(dir);
    byte[] expected = yieldOf(spec);
    long asked = expected.length + 1000L;
    CliRun run = CliRun.of("entropy", "--source", spec, "--bytes", Long.toString(asked));
    assertEquals(Main.FAILED, run.exit());
    assertArrayEquals(expected, run.stdout());
    assertTrue(run.stderr().startsWith("otpkit: capture ended after " + expected.length + " of " + asked + " bytes ("),
        run.stderr());
    assertOneLineNoTrace(run.stderr());

    CliRun exact = CliRun.of("entropy", "--source", spec, "--bytes", Integer.toString(expected.length));
    assertEquals(0, exact.exit(), exact.stderr());
    assertArrayEquals(expected, exact.stdout());
  }

  /** {@code --raw --bytes 64000} of a 64,000-byte capture: warm-up keeps the first blocks back. */
  @Test
  void capture_raw_deliversTheBlocksAfterWarmUp(@TempDir Path dir) throws Exception {
    Path file = capture64k(dir);
    CliRun run = CliRun.of("entropy", "--source", "infnoise-file:" + file, "--raw", "--bytes", "64000");
    assertEquals(Main.FAILED, run.exit());
    int n = run.stdout().length;
    assertTrue(n > 40_000 && n % 128 == 0, "raw bytes " + n);
    assertTrue(run.stderr().startsWith("otpkit: capture ended after " + n + " of 64000 bytes"), run.stderr());
    // raw output is the capture's own two-block steps, in order (a step under 437 bits is dropped)
    byte[] capture = Files.readAllBytes(file);
    int step = 0;
    for (int off = 0; off < n; off += 128) {
      byte[] out = Arrays.copyOfRange(run.stdout(), off, off + 128);
      while (step * 128 < capture.length
          && !Arrays.equals(out, Arrays.copyOfRange(capture, step * 128, step * 128 + 128))) {
        step++;
      }
      assertTrue(step * 128 < capture.length, "output step at " + off + " is not a later step of the capture");
      step++;
    }
  }

  @Test
  void rawCapture_deliversEveryConditionedBlock(@TempDir Path dir) throws Exception {
    byte[] data = new byte[4096];
    new java.util.SplittableRandom(9).nextBytes(data);
    Path file = Files.write(dir.resolve("raw.bin"), data);
    CliRun run = CliRun.of("entropy", "--source", "raw:" + file);
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(31 * 32, run.stdout().length);
  }

  /**
   * It exited 0 claiming success. Here stdout really is /dev/full, in a process of its own: binary
   * output sees the error, text output goes through a PrintStream, which hides it, and fails too.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "entropy --bytes 100 | otpkit: cannot write to stdout after 0 of 100 bytes: No space left on device",
      "health --samples 2048 | otpkit: cannot write to stdout"})
  void writeError_onDevFull_isAFailure(String command, String expected) throws Exception {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
    ProcessRun run = ProcessRun.otpkitWithStdoutOn(full, command.split(" "));
    assertEquals(Main.FAILED, run.exit(), run.err());
    assertEquals(expected + "\n", run.err());
  }

  @ParameterizedTest(name = "stdout to a {0}")
  @EnumSource(value = Endpoint.class, names = {"OTHER", "TERMINAL"})
  void writeError_inProcess_isAFailure(Endpoint endpoint) {
    CliRun run = CliRun.writingTo(failingStream("Disk quota exceeded"), endpoint, "entropy", "--bytes", "100000",
        "--allow-terminal");
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: cannot write to stdout after 65536 of 100000 bytes: Disk quota exceeded\n", run.stderr());
  }

  /** On a pipe a write error is the reader leaving: the normal end of an unbounded run. */
  @Test
  void readerLeavingAPipe_endsAnUnboundedRun_exits0() {
    CliRun run = CliRun.writingTo(failingStream("Broken pipe"), Endpoint.PIPE, "entropy");
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stderr().startsWith("otpkit entropy: 65536 bytes in "), run.stderr());
    assertTrue(run.stderr().endsWith(", stdout closed by its reader\n"), run.stderr());
  }

  /** Writes the first 64 KiB, then fails every write with {@code message}. */
  private static java.io.OutputStream failingStream(String message) {
    return new java.io.OutputStream() {
      private long written;

      @Override
      public void write(int b) throws java.io.IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        if (written + len > 1 << 16) {
          throw new java.io.IOException(message);
        }
        written += len;
      }
    };
  }

  static void assertOneLineNoTrace(String stderr) {
    assertEquals(1, stderr.strip().lines().count(), stderr);
    assertFalse(stderr.contains("Exception"), stderr);
  }
}
