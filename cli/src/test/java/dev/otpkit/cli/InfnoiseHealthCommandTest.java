package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code otpkit health --source infnoise-file:PATH} on the checked-in simulator captures. */
class InfnoiseHealthCommandTest {

  private static Path capture(String name) throws URISyntaxException {
    return Path.of(InfnoiseHealthCommandTest.class.getResource("/infnoise/" + name).toURI());
  }

  @Test
  void goodCapture_passes_withReferenceEstimate() throws Exception {
    CliRun run = CliRun.of("health", "--source", "infnoise-file:" + capture("sim-good-seed1.bin"),
        "--samples", Long.toString(640 * 512));
    assertEquals(0, run.exit(), run.text() + run.stderr());
    Map<String, String> r = HealthCommandTest.parse(run.text());
    assertEquals("pass", r.get("result"));
    assertTrue(r.get("estimator").startsWith("infnoise-predictive"), r.get("estimator"));
    double estimate = Double.parseDouble(r.get("estimated-entropy-per-bit"));
    assertTrue(estimate > 0.854 && estimate < 0.907, "estimate " + estimate);
  }

  @Test
  void lowGainCapture_failsTheEstimator() throws Exception {
    CliRun run = CliRun.of("health", "--source", "infnoise-file:" + capture("sim-k1.2-seed1.bin"),
        "--samples", Long.toString(400 * 512));
    assertEquals(Main.FAILED, run.exit());
    Map<String, String> r = HealthCommandTest.parse(run.text());
    assertEquals("fail", r.get("result"));
    assertTrue(r.get("estimator-result").startsWith("fail"), r.get("estimator-result"));
    assertTrue(Double.parseDouble(r.get("estimated-entropy-per-bit")) < 0.6, run.text());
  }

  /** It said "unknown entropy source" while listing infnoise-sim as accepted. */
  @Test
  void liveDevice_isRefusedWithAHint() {
    CliRun run = CliRun.of("health", "--source", "infnoise-sim");
    assertEquals(Main.USAGE, run.exit());
    assertFalse(run.stderr().contains("unknown"), run.stderr());
    assertTrue(run.stderr().contains("otpkit entropy --source infnoise-sim --raw --bytes 128000 > capture.bin"),
        run.stderr());
    assertTrue(run.stderr().contains("accepted forms: system | raw:PATH | infnoise-file:PATH (see"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
  }

  /** A capture shorter than the default million samples is reported on whole. */
  @Test
  void captureShorterThanDefaultSamples_isReportedWhole() throws Exception {
    CliRun run = CliRun.of("health", "--source", "infnoise-file:" + capture("sim-good-seed1.bin"));
    assertEquals(0, run.exit(), run.text() + run.stderr());
    assertEquals(Long.toString(640 * 512), HealthCommandTest.parse(run.text()).get("samples"));
    assertTrue(run.stderr().contains("ended after 327680 of 1000000 samples"), run.stderr());
  }
}
