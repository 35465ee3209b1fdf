package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandTest {

  static Map<String, String> parse(String report) {
    Map<String, String> m = new LinkedHashMap<>();
    report.lines().forEach(l -> {
      int i = l.indexOf(": ");
      assertTrue(i > 0, "not a key: value line: " + l);
      m.put(l.substring(0, i), l.substring(i + 2));
    });
    return m;
  }

  @Test
  void system_passes_withCutoffsAndEstimate() {
    CliRun run = CliRun.of("health", "--samples", "200000");
    assertEquals(0, run.exit(), run.stderr());
    Map<String, String> r = parse(run.text());
    assertEquals("pass", r.get("result"));
    assertEquals("pass", r.get("startup"));
    assertEquals("200000", r.get("samples"));
    assertEquals("41", r.get("repetition-count-cutoff"));
    assertEquals("793", r.get("adaptive-proportion-cutoff"));
    assertEquals("2^-20", r.get("alpha"));
    double estimate = Double.parseDouble(r.get("estimated-entropy-per-bit"));
    assertTrue(estimate > 0.98 && estimate <= 1.0, "estimate " + estimate);
  }

  @Test
  void biasedCapture_fails(@TempDir Path dir) throws Exception {
    // bits that are 1 with probability ~0.94 (an AND of four fair bits, inverted)
    byte[] data = new byte[64 * 1024];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ~(random.nextInt(256) & random.nextInt(256) & random.nextInt(256) & random.nextInt(256));
    }
    Path capture = dir.resolve("biased.bin");
    Files.write(capture, data);
    CliRun run = CliRun.of("health", "--source", "raw:" + capture, "--samples", "400000");
    assertEquals(Main.FAILED, run.exit());
    Map<String, String> r = parse(run.text());
    assertEquals("fail", r.get("result"));
    assertTrue(Long.parseLong(r.get("adaptive-proportion-failures")) > 0, run.text());
    assertTrue(Double.parseDouble(r.get("estimated-entropy-per-bit")) < 0.2, run.text());
  }

  @Test
  void tooFewSamples_isAClearError() {
    CliRun run = CliRun.of("health", "--samples", "10");
    assertEquals(Main.USAGE, run.exit());
    assertTrue(run.stderr().contains("samples must be in [1024"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
  }

  /** A capture shorter than the samples asked for is reported on whole (it failed with "ended"). */
  @Test
  void captureShorterThanSamples_isReportedWhole(@TempDir Path dir) throws Exception {
    byte[] data = new byte[10_001];
    new SplittableRandom(11).nextBytes(data);
    Path capture = Files.write(dir.resolve("short.bin"), data);
    CliRun run = CliRun.of("health", "--source", "raw:" + capture, "--samples", "1000000");
    assertEquals(0, run.exit(), run.stderr());
    Map<String, String> r = parse(run.text());
    assertEquals("80008", r.get("samples"));
    assertEquals("pass", r.get("result"));
    assertEquals("otpkit health: the capture ended after 80008 of 1000000 samples; the report covers all of it\n",
        run.stderr());
  }

  @Test
  void captureShorterThanTheStartupTest_isAFailure(@TempDir Path dir) throws Exception {
    Path capture = dir.resolve("short.bin");
    Files.write(capture, new byte[100]);
    CliRun run = CliRun.of("health", "--source", "raw:" + capture, "--samples", "100000");
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().contains("ended after 100 bytes, 800 samples: fewer than the 1024"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
    assertEquals(0, run.stdout().length);
  }
}
