package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code otpkit entropy --bytes 2600000 | rngtest -c 1000}: the real command piped into the real
 * FIPS 140-2 tests of rng-tools. A good generator fails about 0.8 of 1000 blocks on average; at
 * most 3 are allowed.
 */
class RngtestTest {

  private static final Pattern FAILURES = Pattern.compile("FIPS 140-2 failures: (\\d+)");
  private static final Pattern SUCCESSES = Pattern.compile("FIPS 140-2 successes: (\\d+)");

  @ParameterizedTest
  @ValueSource(strings = {"system", "system --drbg", "mix:strict:system+system"})
  void entropyOutput_passesFips1402(String sourceAndFlags) throws Exception {
    Path rngtest = ExternalTool.require("rngtest", "rng-tools5");
    List<String> args = new ArrayList<>(List.of("entropy", "--bytes", "2600000", "--source"));
    args.addAll(List.of(sourceAndFlags.split(" ")));
    Process otpkit = new ProcessBuilder(ExternalTool.otpkitCommand(args.toArray(String[]::new)))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Process test = new ProcessBuilder(rngtest.toString(), "-c", "1000")
        .redirectErrorStream(true).start();
    try (var in = otpkit.getInputStream(); var out = test.getOutputStream()) {
      in.transferTo(out);
    } catch (java.io.IOException e) {
      // rngtest closes its input after 1000 blocks; the rest of the stream is not needed
    }
    String report = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(test.waitFor(120, TimeUnit.SECONDS));
    assertTrue(otpkit.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, otpkit.exitValue(), "otpkit entropy failed");
    Matcher ok = SUCCESSES.matcher(report);
    Matcher bad = FAILURES.matcher(report);
    assertTrue(ok.find() && bad.find(), report);
    int failures = Integer.parseInt(bad.group(1));
    assertEquals(1000, Integer.parseInt(ok.group(1)) + failures, report);
    assertTrue(failures <= 3, "FIPS 140-2 failures: " + failures + "\n" + report);
  }
}
