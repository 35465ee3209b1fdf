package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demo_showsEachStep() {
    CliRun run = CliRun.of("demo");
    assertEquals(0, run.exit(), run.stderr());
    String text = run.text();
    assertTrue(text.contains("rejected: repetition-count"), text);
    assertTrue(text.contains("bytes delivered: 0"), text);
    assertTrue(text.contains("degraded"), text);
    assertTrue(text.contains("OTPKIT-DRBG"), text);
    assertTrue(text.contains("54 whitened bytes"), text);
    assertTrue(text.contains("rejected: max-run"), text);
    assertTrue(text.contains("accepted: the reply opens in the UI as \"saved notes.txt\""), text);
    assertTrue(text.contains("replays the same envelope\n   -> rejected: replayed"), text);
    assertTrue(text.contains("flips one bit of a fresh envelope\n   -> rejected: bad-tag"), text);
    assertTrue(text.contains("not on the allowlist\n   -> rejected: unknown-alias"), text);
    assertTrue(text.contains("redeemed once"), text);
    assertTrue(text.contains("the same token is redeemed again\n   -> rejected: already-used"), text);
    assertTrue(text.contains("the callback ran 1 time"), text);
    assertTrue(text.contains("fired a second time\n   -> rejected: already-fired"), text);
    // run from classes, it names the README's jar path (PackagedJarIT runs what the jar names)
    assertTrue(text.endsWith("\n  java -jar cli/target/otpkit.jar health --source system\n"), text);
  }

  @Test
  void noArguments_printsUsage() {
    CliRun run = CliRun.of();
    assertEquals(Main.USAGE, run.exit());
    assertTrue(run.stderr().contains("Usage: otpkit"), run.stderr());
    assertTrue(run.stderr().contains("entropy"), run.stderr());
  }
}
