package dev.otpkit.cli;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.infnoise.InfiniteNoise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "entropy", mixinStandardHelpOptions = true,
    description = {"Writes entropy to stdout: N bytes, or until stdout is closed.",
        "A progress line goes to stderr when it is a terminal; a summary at the end."})
final class EntropyCommand implements Callable<Integer> {

  private static final int CHUNK = 1 << 16;

  private final Main.Io io;

  @Option(names = "--source", paramLabel = "S", defaultValue = "system",
      description = "Entropy source: " + EntropySources.FORMS + " (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--bytes", paramLabel = "N", description = "Bytes to write (default: until stdout closes).")
  Long bytes;

  @Option(names = "--drbg", description = "Serve the output through the SP 800-90A DRBG seeded from the source.")
  boolean drbg;

  @Option(names = "--raw", description = "Infinite Noise: the raw 64-byte blocks, health-checked but not whitened.")
  boolean raw;

  @Option(names = "--multiplier", paramLabel = "M", defaultValue = "0",
      description = "Infinite Noise: 32*M whitened bytes per block instead of 54 (default: ${DEFAULT-VALUE}).")
  int multiplier;

  EntropyCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (bytes != null && bytes < 0) {
      throw new IllegalArgumentException("--bytes must be >= 0, got " + bytes);
    }
    long started = System.nanoTime();
    long written = 0;
    boolean progress = stderrIsTerminal();
    long lastProgress = started;
    try (EntropySource src = open()) {
      Drbg generator = drbg ? Drbg.builder(src).build() : null;
      byte[] chunk = new byte[CHUNK];
      try {
        while (bytes == null || written < bytes) {
          int n = (int) (bytes == null ? CHUNK : Math.min(CHUNK, bytes - written));
          if (generator != null) {
            generator.nextBytes(chunk, 0, n);
          } else {
            src.fill(chunk, 0, n);
          }
          try {
            io.out().write(chunk, 0, n);
          } catch (IOException closed) {
            break; // the reader went away: that is how an unbounded run ends
          }
          written += n;
          long now = System.nanoTime();
          if (progress && now - lastProgress > 500_000_000L) {
            io.err().print("\r" + status(written, now - started, src.health()));
            lastProgress = now;
          }
        }
        try {
          io.out().flush();
        } catch (IOException closed) {
          // nothing more to deliver to a closed reader
        }
      } catch (EntropyException e) {
        if (progress) {
          io.err().println();
        }
        throw new EntropyException("entropy source failed after " + written + " bytes: "
            + Main.oneLine(e.getMessage()), e);
      } finally {
        Arrays.fill(chunk, (byte) 0);
      }
      if (progress) {
        io.err().print("\r");
      }
      io.err().println("otpkit entropy: " + status(written, System.nanoTime() - started, src.health()));
    }
    return 0;
  }

  private EntropySource open() {
    String spec = source.strip();
    if (InfiniteNoise.handles(spec)) {
      if (raw && (drbg || multiplier != 0)) {
        throw new IllegalArgumentException("--raw streams raw blocks; it cannot be combined with --drbg or --multiplier");
      }
      return InfiniteNoise.open(spec,
          InfiniteNoise.Settings.defaults().withRaw(raw).withMultiplier(multiplier));
    }
    if (raw || multiplier != 0) {
      throw new IllegalArgumentException("--raw and --multiplier apply to Infinite Noise sources only ("
          + InfiniteNoise.FORMS + ")");
    }
    return EntropySources.open(spec);
  }

  private String status(long written, long nanos, HealthStatus health) {
    double seconds = Math.max(nanos / 1e9, 1e-9);
    return String.format(Locale.ROOT, "%d bytes in %.2f s (%.2f MB/s) from %s%s, health %s", written,
        seconds, written / seconds / 1e6, source, drbg ? " via DRBG" : "",
        health.state().name().toLowerCase(Locale.ROOT));
  }

  /** Java 17 has no isatty; on Linux the target of fd 2 tells. */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
