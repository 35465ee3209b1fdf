package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthReportTest {

  private static Path capture(Path dir, int bytes) throws Exception {
    return Captures.random(dir, bytes, bytes);
  }

  @Test
  void captureShorterThanAsked_isReportedWhole(@TempDir Path dir) throws Exception {
    Path file = capture(dir, 10_001); // not a multiple of any chunk size
    try (RawNoiseSource raw = EntropySources.openRaw("raw:" + file)) {
      HealthReport report = HealthReport.run(raw, 1_000_000, HealthTests.DEFAULT_ALPHA, null);
      assertTrue(report.captureEnded());
      assertEquals("80008", report.fields().get("samples"));
      assertEquals("pass", report.fields().get("result"), report.lines());
    }
  }

  @Test
  void captureAsLongAsAsked_isNotEnded(@TempDir Path dir) throws Exception {
    Path file = capture(dir, 10_000);
    try (RawNoiseSource raw = EntropySources.openRaw("raw:" + file)) {
      HealthReport report = HealthReport.run(raw, 80_000, HealthTests.DEFAULT_ALPHA, null);
      assertFalse(report.captureEnded());
      assertEquals("80000", report.fields().get("samples"));
    }
  }

  @Test
  void captureShorterThanTheStartupTest_isAnError(@TempDir Path dir) throws Exception {
    Path file = capture(dir, 100);
    try (RawNoiseSource raw = EntropySources.openRaw("raw:" + file)) {
      EntropyException e = assertThrows(EntropyException.class,
          () -> HealthReport.run(raw, 1_000_000, HealthTests.DEFAULT_ALPHA, null));
      assertTrue(e.captureEnded());
      assertTrue(e.getMessage().contains("800 samples: fewer than the 1024 the start-up test needs"), e.getMessage());
    }
  }
}
