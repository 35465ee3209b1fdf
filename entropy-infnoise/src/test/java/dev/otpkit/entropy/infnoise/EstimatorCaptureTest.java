package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the checked-in captures under {@code infnoise/} (see README-estimator.md there)
 * and what the estimator makes of them. Every mismatch is collected, so one run reports all.
 */
class EstimatorCaptureTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = EstimatorCaptureTest.class.getResourceAsStream("/infnoise/" + name)) {
      assertNotNull(in, "missing test resource infnoise/" + name);
      return in.readAllBytes();
    }
  }

  private static Properties expected() throws IOException {
    Properties p = new Properties();
    try (InputStream in = EstimatorCaptureTest.class.getResourceAsStream(
        "/infnoise/" + CaptureGenerator.EXPECTED)) {
      assertNotNull(in, "missing " + CaptureGenerator.EXPECTED);
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void estimatorOnCaptures_matchesExpectedResults() throws IOException {
    Properties expected = expected();
    List<String> mismatches = new ArrayList<>();
    for (CaptureGenerator.Capture c : CaptureGenerator.CAPTURES) {
      byte[] capture = resource(c.fileName());
      Map<String, String> actual = CaptureSummary.of(capture);
      for (Map.Entry<String, String> e : actual.entrySet()) {
        String key = c.name() + "." + e.getKey();
        if (!e.getValue().equals(expected.getProperty(key))) {
          mismatches.add(key + ": expected " + expected.getProperty(key) + ", got " + e.getValue());
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void expectedFile_coversEveryCapture() throws IOException {
    Properties expected = expected();
    for (CaptureGenerator.Capture c : CaptureGenerator.CAPTURES) {
      assertEquals(c.options(), expected.getProperty(c.name() + ".options"), c.name());
      assertEquals(Integer.toString(c.blocks()), expected.getProperty(c.name() + ".blocks"));
    }
  }

  /** The simulator still produces each capture byte for byte: its output is pinned by seed. */
  @Test
  void simulator_regeneratesEveryCapture() throws IOException {
    for (CaptureGenerator.Capture c : CaptureGenerator.CAPTURES) {
      assertArrayEquals(resource(c.fileName()), c.generate(), c.name());
    }
  }
}
