package dev.otpkit.hashing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Fuzzes the envelope parser, binary and text. Any input must either open (only a genuine
 * envelope can) or be rejected with {@link EnvelopeException}; any other exception, a hang or an
 * out-of-memory error is a finding.
 *
 * <p>In the normal test run Jazzer replays the seed corpus under
 * {@code src/test/resources/dev/otpkit/hashing/EnvelopeFuzzTestInputs/} (regression mode). To
 * fuzz for real, set {@code JAZZER_FUZZ=1}:
 *
 * <pre>JAZZER_FUZZ=1 mvn -B -pl hashing -am test -Dtest=EnvelopeFuzzTest -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Findings are written beside the seeds and replayed in every later run.
 */
class EnvelopeFuzzTest {

  private static final Opener OPENER = opener();

  private static Opener opener() {
    try {
      return VectorCases.opener(com.google.gson.JsonParser.parseString("{\"session\":\"session-1\","
          + "\"direction\":\"ui\",\"encrypted\":false,\"now\":" + (VectorCases.ISSUED_AT + 1000)
          + ",\"maxAgeMillis\":60000,\"maxFutureSkewMillis\":5000,\"maxPayloadBytes\":65536,\"windowBits\":1024}")
          .getAsJsonObject(), new Fixtures.ManualClock(0));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void openBinary(byte[] data) {
    try {
      OPENER.open("files.save", data);
    } catch (EnvelopeException expected) {
      // rejected with a reason: the only acceptable failure
    }
  }

  @FuzzTest(maxDuration = "10s")
  void openText(byte[] data) {
    try {
      OPENER.openText("files.save", new String(data, StandardCharsets.ISO_8859_1));
    } catch (EnvelopeException expected) {
      // rejected with a reason: the only acceptable failure
    }
  }

}
