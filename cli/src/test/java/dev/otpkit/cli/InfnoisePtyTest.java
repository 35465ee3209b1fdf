package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end through a real pseudo-terminal: socat makes the pair, {@code otpkit simulate} serves
 * the simulated device on one end, and {@code otpkit entropy --source infnoise:PTY} drives it with
 * jSerialComm from the other. Both are the real command in its own process.
 */
class InfnoisePtyTest {

  /** Output of a finished process: exit code, stdout bytes, stderr text. */
  record Result(int exit, byte[] out, String err) {}

  private static Process simulate(PtyPair pty, String fault) throws Exception {
    List<String> args = new ArrayList<>(List.of("simulate", "--port", pty.simulator().toString(), "--seed", "7"));
    if (fault != null) {
      args.addAll(List.of("--fault", fault));
    }
    Process sim = new ProcessBuilder(ExternalTool.otpkitCommand(args.toArray(String[]::new)))
        .redirectErrorStream(true).start();
    // wait until the simulator has opened its end: a block written before then may be purged
    var lines = new java.io.BufferedReader(new java.io.InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
    var ready = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("otpkit simulate: serving")) {
            return true;
          }
        }
      } catch (java.io.IOException e) {
        // the simulator ended
      }
      return false;
    });
    assertTrue(ready.get(30, TimeUnit.SECONDS), "the simulator did not start");
    Thread drain = new Thread(() -> {
      try {
        lines.transferTo(java.io.Writer.nullWriter());
      } catch (java.io.IOException e) {
        // ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    return sim;
  }

  private static Result entropy(PtyPair pty, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("entropy", "--source", "infnoise:" + pty.device()));
    args.addAll(List.of(extra));
    Process p = new ProcessBuilder(ExternalTool.otpkitCommand(args.toArray(String[]::new))).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump = new Thread(() -> {
      try {
        p.getInputStream().transferTo(out);
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    pump.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "otpkit entropy hung");
    pump.join(10_000);
    return new Result(p.exitValue(), out.toByteArray(), err);
  }

  @Test
  void goodDevice_streamsWhitenedBytes_thatPassRngtest(@TempDir Path dir) throws Exception {
    Path rngtest = ExternalTool.require("rngtest", "rng-tools5");
    try (PtyPair pty = PtyPair.open(dir)) {
      Process sim = simulate(pty, null);
      try {
        Result r = entropy(pty, "--bytes", "1000000");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1_000_000, r.out().length);
        Process test = new ProcessBuilder(rngtest.toString()).redirectErrorStream(true).start();
        try (var in = test.getOutputStream()) {
          in.write(r.out());
        }
        String report = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(test.waitFor(60, TimeUnit.SECONDS));
        Matcher ok = Pattern.compile("FIPS 140-2 successes: (\\d+)").matcher(report);
        Matcher bad = Pattern.compile("FIPS 140-2 failures: (\\d+)").matcher(report);
        assertTrue(ok.find() && bad.find(), report);
        assertTrue(Integer.parseInt(ok.group(1)) >= 390, report);
        assertTrue(Integer.parseInt(bad.group(1)) <= 3, report);
      } finally {
        sim.destroy();
      }
    }
  }

  /**
   * Each fault ends the run non-zero, naming what failed, and delivers no byte after the fault:
   * faults present from the start deliver nothing at all; for disconnect/stall after B sample
   * bytes, raw mode can have delivered at most the blocks read before B, minus warm-up.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "stuck                   | max-run          | 0",
      "garbage                 | garbage          | 0",
      "bias=0.95               | repetition-count | 0",
      "k=1.2                   | entropy-estimate | 0",
      "disconnect-after=150000 | unplugged        | 150000",
      "stall-after=150000      | stalled          | 150000"})
  void fault_failsWithReason_andNoBytesAfterIt(String fault, String expected, long faultAfter,
      @TempDir Path dir) throws Exception {
    try (PtyPair pty = PtyPair.open(dir)) {
      Process sim = simulate(pty, fault);
      if (fault.startsWith("disconnect-after")) {
        // Closing a pty end is not an unplug (the other end just sees silence); removing the
        // line is. When the simulated device disconnects, pull the pty pair away like a cable.
        sim.onExit().thenRun(pty::closeQuietly);
      }
      try {
        Result r = entropy(pty, "--raw");
        assertEquals(Main.FAILED, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        boolean named = false;
        for (String word : expected.split(",")) {
          named |= r.err().contains(word);
        }
        assertTrue(named, "expected one of " + expected + " in: " + r.err());
        // raw mode emits 64 bytes per block of 512 samples, only after the 80,000-sample warm-up
        long maxBytes = faultAfter == 0 ? 0 : Math.max(0, (faultAfter - 80_000) / 512) * 64;
        assertTrue(r.out().length <= maxBytes, r.out().length + " bytes > " + maxBytes);
      } finally {
        sim.destroy();
      }
    }
  }

  @Test
  void missingPort_namesPathAndReason(@TempDir Path dir) {
    CliRun run = CliRun.of("entropy", "--source", "infnoise:" + dir.resolve("ttyNOPE"), "--bytes", "10");
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().contains("ttyNOPE") && run.stderr().contains("no such device"), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());
  }
}
