package dev.otpkit.cli;

import picocli.CommandLine.Option;

/** The option of commands that write binary to stdout: not to a terminal unless asked. */
final class BinaryOutput {

  @Option(names = "--allow-terminal",
      description = "Write binary output even when stdout is a terminal (refused by default).")
  boolean allowTerminal;

  /**
   * Refuses to start when stdout is a terminal and --allow-terminal is not given: binary output
   * garbles a terminal and an unbounded run never ends by itself.
   *
   * @throws IllegalArgumentException (exit 1) before anything was read or written
   */
  void refuseTerminal(Main.Io io, String command) {
    if (io.stdout() == Endpoint.TERMINAL && !allowTerminal) {
      throw new IllegalArgumentException("refusing to write binary " + command + " output to a terminal;"
          + " redirect stdout to a file or a pipe, or add --allow-terminal");
    }
  }
}
