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
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().contains("samples must be in [1024"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
  }

  @Test
  void captureShorterThanSamples_saysItEnded(@TempDir Path dir) throws Exception {
    Path capture = dir.resolve("short.bin");
    Files.write(capture, new byte[200]);
    CliRun run = CliRun.of("health", "--source", "raw:" + capture, "--samples", "100000");
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().contains("ended"), run.stderr());
  }
}
