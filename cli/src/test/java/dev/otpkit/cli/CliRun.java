package dev.otpkit.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the otpkit command line in-process and keeps what it wrote. */
record CliRun(int exit, byte[] stdout, String stderr) {

  static CliRun of(String... args) {
    return withInput(new byte[0], args);
  }

  static CliRun withInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new ByteArrayInputStream(stdin), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs with stdout going to {@code out}, which the command takes to be a {@code stdout}. */
  static CliRun writingTo(java.io.OutputStream out, Endpoint stdout, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new Main.Io(new ByteArrayInputStream(new byte[0]), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), stdout, Endpoint.OTHER));
    return new CliRun(exit, new byte[0], err.toString(StandardCharsets.UTF_8));
  }

  String text() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
