package dev.otpkit.entropy.infnoise;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link PredictiveEstimator} makes of a capture of raw 64-byte blocks, as the flat key/value
 * pairs of {@code infnoise/estimator-expected.properties}. Shared by {@link CaptureGenerator},
 * which writes the expected values, and {@link EstimatorCaptureTest}, which compares with them.
 */
final class CaptureSummary {

  private CaptureSummary() {}

  /**
   * Runs a fresh estimator at the design gain over {@code capture}. Keys: {@code blocks},
   * {@code samples}, {@code verdicts} (run-length summary such as {@code W*358 O*282}, W = warming
   * up, O = OK, F:test = failed), {@code firstJudgedBlock} (the first block after warm-up) and
   * {@code firstFailedBlock} (1-based, 0 for none), {@code firstFailure} (the reason, or none),
   * {@code estimate} (6 decimals) and {@code entropyBits} (the sum of every block's
   * {@code lastBlockEntropyBits()}).
   */
  static Map<String, String> of(byte[] capture) {
    if (capture.length % PredictiveEstimator.BLOCK_BYTES != 0) {
      throw new IllegalArgumentException(
          "a capture is whole 64-byte blocks, got " + capture.length + " bytes");
    }
    PredictiveEstimator estimator = new PredictiveEstimator();
    StringBuilder verdicts = new StringBuilder();
    String current = null;
    int run = 0;
    long firstJudged = 0;
    long firstFailed = 0;
    String firstFailure = "none";
    long entropyBits = 0;
    int blocks = capture.length / PredictiveEstimator.BLOCK_BYTES;
    for (int b = 0; b < blocks; b++) {
      boolean judged = estimator.warmedUp();
      PredictiveEstimator.Verdict v =
          estimator.addBlock(capture, b * PredictiveEstimator.BLOCK_BYTES);
      entropyBits += estimator.lastBlockEntropyBits();
      String code = switch (v.state()) {
        case WARMING_UP -> "W";
        case OK -> "O";
        case FAILED -> "F:" + v.test();
      };
      if (judged && firstJudged == 0) {
        firstJudged = b + 1;
      }
      if (v.state() == PredictiveEstimator.Verdict.State.FAILED && firstFailed == 0) {
        firstFailed = b + 1;
        firstFailure = v.reason();
      }
      if (code.equals(current)) {
        run++;
      } else {
        appendRun(verdicts, current, run);
        current = code;
        run = 1;
      }
    }
    appendRun(verdicts, current, run);
    Map<String, String> out = new LinkedHashMap<>();
    out.put("blocks", Integer.toString(blocks));
    out.put("samples", Long.toString(estimator.samples()));
    out.put("verdicts", verdicts.toString());
    out.put("firstJudgedBlock", Long.toString(firstJudged));
    out.put("firstFailedBlock", Long.toString(firstFailed));
    out.put("firstFailure", firstFailure);
    out.put("estimate", String.format(Locale.ROOT, "%.6f", estimator.estimatedEntropyPerBit()));
    out.put("entropyBits", Long.toString(entropyBits));
    return out;
  }

  private static void appendRun(StringBuilder sb, String code, int run) {
    if (code == null) {
      return;
    }
    if (sb.length() > 0) {
      sb.append(' ');
    }
    sb.append(code).append('*').append(run);
  }
}
