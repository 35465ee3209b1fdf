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

  String text() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
