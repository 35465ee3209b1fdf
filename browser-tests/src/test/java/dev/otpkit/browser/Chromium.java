package dev.otpkit.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's chromium, started once for a test class with a fresh profile and a DevTools endpoint
 * the node drivers connect to. The flags keep it from reaching out: the machine's network refuses
 * background connections, and nothing may download anything.
 */
final class Chromium implements AutoCloseable {

  /** app.test resolves to loopback, so a page can be served from an origin that is not secure. */
  static final String INSECURE_HOST = "app.test";

  private final Process process;
  private final Path profile;
  private final String endpoint;

  private Chromium(Process process, Path profile, String endpoint) {
    this.process = process;
    this.profile = profile;
    this.endpoint = endpoint;
  }

  static Chromium start(Path executable) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("otpkit-chromium-");
    Path log = profile.resolve("chromium.log");
    List<String> command = List.of(executable.toString(),
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.resolve("profile"),
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--host-resolver-rules=MAP " + INSECURE_HOST + " 127.0.0.1",
        "about:blank");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // chromium writes the port it chose and the browser's path into the profile
    Path active = profile.resolve("profile/DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(log));
      }
      if (Files.isRegularFile(active)) {
        List<String> lines = Files.readAllLines(active, StandardCharsets.UTF_8);
        if (lines.size() >= 2) {
          return new Chromium(p, profile, "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        }
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IOException("chromium gave no DevTools endpoint within 30 s: " + Files.readString(log));
  }

  /** The browser's DevTools websocket, for playwright-core's connectOverCDP. */
  String endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
