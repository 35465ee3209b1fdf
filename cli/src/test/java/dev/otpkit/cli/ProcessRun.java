package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A finished process: its exit code and what it wrote (stdout as text, when not redirected). */
record ProcessRun(int exit, String out, String err) {

  /** Closes the process's stdin, reads both outputs, and waits (at most two minutes) for it to end. */
  static ProcessRun finish(Process p) throws IOException, InterruptedException {
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readQuietly(p.getErrorStream()));
    String out = readQuietly(p.getInputStream());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process hung");
    return new ProcessRun(p.exitValue(), out, err.join());
  }

  /** The real otpkit in its own process, its stdout opened on {@code file} (a device, a terminal). */
  static ProcessRun otpkitWithStdoutOn(Path file, String... args) throws IOException, InterruptedException {
    return finish(new ProcessBuilder(ExternalTool.otpkitCommand(args)).redirectOutput(file.toFile()).start());
  }

  private static String readQuietly(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
