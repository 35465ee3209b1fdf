package dev.otpkit.cli;

import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthReport;
import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.RawNoiseSource;
import dev.otpkit.entropy.infnoise.InfiniteNoise;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true,
    description = {"Runs the SP 800-90B start-up and continuous health tests on raw samples",
        "and prints a key: value report. Exit 0 on pass, 1 on fail.",
        "A capture shorter than --samples is reported on whole (a note on stderr says so)."})
final class HealthCommand implements Callable<Integer> {

  private final Main.Io io;

  @Option(names = "--source", paramLabel = "S", defaultValue = "system",
      description = "Source with raw samples: " + EntropySources.RAW_FORMS + " (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "1000000",
      description = "Raw samples to test, at least 1024 (default: ${DEFAULT-VALUE}).")
  long samples;

  HealthCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    RawNoiseSource raw;
    try {
      raw = EntropySources.openRaw(source);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    HealthReport report;
    try (raw) {
      report = HealthReport.run(raw, samples, HealthTests.DEFAULT_ALPHA,
          source.strip().startsWith("infnoise-file:") ? InfiniteNoise.estimator() : null);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e); // HealthReport refuses only a sample count out of range
    }
    io.text().print(report.lines());
    io.text().flush();
    if (report.captureEnded()) {
      io.err().println("otpkit health: the capture ended after " + report.fields().get("samples") + " of "
          + samples + " samples; the report covers all of it");
    }
    return report.pass() ? 0 : Main.FAILED;
  }
}
