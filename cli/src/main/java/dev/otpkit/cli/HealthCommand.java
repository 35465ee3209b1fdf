package dev.otpkit.cli;

import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthReport;
import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.RawNoiseSource;
import dev.otpkit.entropy.infnoise.InfiniteNoise;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true,
    description = {"Runs the SP 800-90B start-up and continuous health tests on raw samples",
        "and prints a key: value report. Exit 0 on pass, 1 on fail."})
final class HealthCommand implements Callable<Integer> {

  private final Main.Io io;

  @Option(names = "--source", paramLabel = "S", defaultValue = "system",
      description = "Entropy source with raw samples: system | raw:PATH | infnoise-file:PATH"
          + " (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "1000000",
      description = "Raw samples to test, at least 1024 (default: ${DEFAULT-VALUE}).")
  long samples;

  HealthCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    HealthReport report;
    try (RawNoiseSource raw = EntropySources.openRaw(source)) {
      report = HealthReport.run(raw, samples, HealthTests.DEFAULT_ALPHA,
          source.strip().startsWith("infnoise-file:") ? InfiniteNoise.estimator() : null);
    }
    PrintStream out = new PrintStream(io.out(), true, StandardCharsets.UTF_8);
    out.print(report.lines());
    out.flush();
    return report.pass() ? 0 : Main.FAILED;
  }
}
