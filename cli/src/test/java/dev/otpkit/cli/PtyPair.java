package dev.otpkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair made by socat: {@link #device()} is the end the driver opens,
 * {@link #simulator()} the end the simulated TRNG serves. Closing kills socat.
 */
final class PtyPair implements AutoCloseable {
  private final Process socat;
  private final Path simulator;
  private final Path device;

  private PtyPair(Process socat, Path simulator, Path device) {
    this.socat = socat;
    this.simulator = simulator;
    this.device = device;
  }

  static PtyPair open(Path dir) throws IOException, InterruptedException {
    Path socatBin = ExternalTool.require("socat", "socat");
    Path sim = dir.resolve("sim");
    Path dev = dir.resolve("dev");
    Process p = new ProcessBuilder(socatBin.toString(), "-d", "-d",
        "pty,raw,echo=0,link=" + sim, "pty,raw,echo=0,link=" + dev)
        .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(sim) && Files.exists(dev))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("socat did not create the pty pair: " + Files.readString(dir.resolve("socat.log")));
      }
      Thread.sleep(20);
    }
    return new PtyPair(p, sim, dev);
  }

  Path simulator() {
    return simulator;
  }

  Path device() {
    return device;
  }

  void closeQuietly() {
    try {
      close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    socat.destroy();
    if (!socat.waitFor(5, TimeUnit.SECONDS)) {
      socat.destroyForcibly();
    }
  }
}
