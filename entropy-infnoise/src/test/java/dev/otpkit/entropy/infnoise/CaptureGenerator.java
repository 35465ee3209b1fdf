package dev.otpkit.entropy.infnoise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the checked-in simulator captures under {@code src/test/resources/infnoise/} and the
 * estimator's results on them ({@code estimator-expected.properties}); see
 * {@code README-estimator.md} there. Run from the repository root after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp entropy/target/classes:entropy-infnoise/target/classes:entropy-infnoise/target/test-classes \
 *     dev.otpkit.entropy.infnoise.CaptureGenerator entropy-infnoise/src/test/resources/infnoise
 * </pre>
 */
public final class CaptureGenerator {

  /** One capture: its file name without {@code .bin}, simulator options and length in blocks. */
  record Capture(String name, String options, int blocks) {
    String fileName() {
      return name + ".bin";
    }

    /** The capture's bytes as the simulator produces them now. */
    byte[] generate() {
      return new SimulatedBlocks(options).raw(blocks);
    }
  }

  /**
   * The captures. A good device needs about 360 blocks before its data is usable, so the good
   * capture is 640 blocks (40 KB) to contain judged blocks; the k=1.2 device never becomes usable
   * (it would fail only on block 5,001, 320 KB in), so its 400 blocks pin the warm-up figures; the
   * stuck comparator fails the run check in block 7, and again later.
   */
  static final List<Capture> CAPTURES = List.of(
      new Capture("sim-good-seed1", "seed=1", 640),
      new Capture("sim-k1.2-seed1", "k=1.2,seed=1", 400),
      new Capture("sim-stuck-seed3", "fault=stuck,seed=3", 16));

  static final String EXPECTED = "estimator-expected.properties";

  private CaptureGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "entropy-infnoise/src/test/resources/infnoise");
    Files.createDirectories(dir);
    StringBuilder expected = new StringBuilder()
        .append("# PredictiveEstimator (K = 1.84) on each capture; written by CaptureGenerator.\n")
        .append("# Blocks are numbered from 1. See README-estimator.md.\n");
    for (Capture c : CAPTURES) {
      byte[] capture = c.generate();
      Files.write(dir.resolve(c.fileName()), capture);
      expected.append('\n').append(c.name()).append(".options=").append(c.options()).append('\n');
      for (Map.Entry<String, String> e : CaptureSummary.of(capture).entrySet()) {
        expected.append(c.name()).append('.').append(e.getKey()).append('=').append(e.getValue())
            .append('\n');
      }
    }
    Files.writeString(dir.resolve(EXPECTED), expected, StandardCharsets.UTF_8);
    System.out.println("wrote " + CAPTURES.size() + " captures and " + EXPECTED + " to " + dir);
  }
}
