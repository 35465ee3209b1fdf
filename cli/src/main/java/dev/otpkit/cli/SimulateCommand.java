package dev.otpkit.cli;

import dev.otpkit.entropy.infnoise.InfnoiseSimulator;
import dev.otpkit.entropy.infnoise.SimulatorServer;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Serves a simulated Infinite Noise TRNG on a serial port or pseudo-terminal:",
        "each 512-byte SWEN block written to it is answered with 512 samples.",
        "Make a pty pair with: socat -d -d pty,raw,echo=0,link=/tmp/sim pty,raw,echo=0,link=/tmp/dev"})
final class SimulateCommand implements Callable<Integer> {

  private final Main.Io io;

  @Option(names = "--port", paramLabel = "PATH", required = true,
      description = "The serial port or pty to serve on; anything that is not a terminal is refused unopened.")
  String port;

  @Option(names = "--fault", paramLabel = "F",
      description = "A fault to simulate: stuck | garbage | bias=P | k=GAIN | disconnect-after=BYTES"
          + " | stall-after=BYTES (comma-separate several).")
  String fault;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  SimulateCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    String options = "seed=" + seed + (fault == null || fault.isBlank() ? "" : "," + fault.strip());
    InfnoiseSimulator simulator;
    try {
      simulator = InfnoiseSimulator.fromOptions(options);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    SimulatorServer.End end = SimulatorServer.serve(port, simulator,
        () -> io.err().println("otpkit simulate: serving " + simulator.description() + " on " + port));
    io.err().println("otpkit simulate: " + end.name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " after " + simulator.samplesServed() + " samples");
    return 0;
  }
}
