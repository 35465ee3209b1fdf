package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exit codes README promises: 2 for every usage error (the command line itself is wrong,
 * whatever the files and devices it names), 1 only for a failed or rejected operation, never 70
 * for bad input. Usage errors are found before any file is read: the keyset named here does not
 * exist, and a usage error must win over that.
 */
class ExitCodesTest {

  @TempDir
  static Path dir;

  private static final String LONG_NAME = "n".repeat(257);

  static Stream<Arguments> usageErrors() {
    String keys = dir.resolve("absent-keys.json").toString();
    String[] seal = {"seal", "--keyset", keys, "--session", "s", "--channel", "c"};
    String[] open = {"open", "--keyset", keys, "--session", "s", "--channel", "c"};
    return Stream.of(
        Arguments.of((Object) new String[] {"nosuchcommand"}),
        Arguments.of((Object) new String[] {"entropy", "--frobnicate"}),
        Arguments.of((Object) new String[] {"entropy", "--bytes", "-1"}),
        Arguments.of((Object) new String[] {"entropy", "--bytes", "lots"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "nonsense"}),
        Arguments.of((Object) new String[] {"entropy", "--source", ""}),
        Arguments.of((Object) new String[] {"entropy", "--source", "mix:loose:system"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "infnoise-sim:fault=melted"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "infnoise:/dev/x?timeout=abc"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "infnoise-sim", "--multiplier", "-3"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "infnoise-sim", "--multiplier", "10001"}),
        Arguments.of((Object) new String[] {"entropy", "--raw"}),
        Arguments.of((Object) new String[] {"entropy", "--multiplier", "2"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "infnoise-sim", "--raw", "--drbg"}),
        Arguments.of((Object) new String[] {"health", "--samples", "10"}),
        Arguments.of((Object) new String[] {"health", "--samples", "17179869185"}),
        Arguments.of((Object) new String[] {"health", "--source", "infnoise-sim"}),
        Arguments.of((Object) new String[] {"health", "--source", "mix:strict:system+system"}),
        Arguments.of((Object) new String[] {"health", "--source", "nonsense"}),
        Arguments.of((Object) new String[] {"simulate"}),
        Arguments.of((Object) new String[] {"simulate", "--port", "/dev/null", "--fault", "melted"}),
        Arguments.of((Object) new String[] {"whiten", "--multiplier", "-3"}),
        Arguments.of((Object) new String[] {"keygen", "--out", ""}),
        Arguments.of((Object) new String[] {"keygen", "--type", "rsa"}),
        Arguments.of((Object) new String[] {"keyset", "disable", "--keyset", keys, "--key-id", "-1"}),
        Arguments.of((Object) with(open, "--max-age", "0")),
        Arguments.of((Object) with(open, "--max-age", "-5")),
        Arguments.of((Object) with(open, "--max-age", "9223372036854775807")),
        Arguments.of((Object) with(open, "--max-age", "2147483648")),
        Arguments.of((Object) with(open, "--channel", LONG_NAME)),
        Arguments.of((Object) with(open, "--direction", "server")),
        Arguments.of((Object) with(seal, "--session", "")),
        Arguments.of((Object) with(seal, "--session", LONG_NAME)),
        Arguments.of((Object) with(seal, "--channel", "")),
        Arguments.of((Object) with(seal, "--sign")));
  }

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageError_exits2_withOneLine(String[] args) {
    CliRun run = CliRun.of(args);
    assertEquals(Main.USAGE, run.exit(), run.stderr());
    assertEquals(0, run.stdout().length);
    String err = run.stderr();
    assertTrue(err.startsWith("otpkit: ") && err.endsWith("--help')\n"), err);
    EntropyCommandTest.assertOneLineNoTrace(err);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of((Object) new String[] {"entropy", "--source", "raw:" + dir.resolve("absent.bin"), "--bytes", "1"}),
        Arguments.of((Object) new String[] {"entropy", "--source", "infnoise:" + dir.resolve("ttyNOPE"), "--bytes", "1"}),
        Arguments.of((Object) new String[] {"simulate", "--port", "/etc/passwd"}),
        Arguments.of((Object) new String[] {"keyset", "list", "--keyset", dir.resolve("absent.json").toString()}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failedOperation_exits1_withOneLine(String[] args) {
    CliRun run = CliRun.of(args);
    assertEquals(Main.FAILED, run.exit(), run.stderr());
    assertFalse(run.stderr().contains("--help"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
  }
}
