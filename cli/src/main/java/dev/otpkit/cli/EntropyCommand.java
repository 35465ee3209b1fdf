package dev.otpkit.cli;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.infnoise.InfiniteNoise;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "entropy", mixinStandardHelpOptions = true,
    description = {"Writes entropy to stdout: N bytes, or until stdout is closed or a capture ends.",
        "A progress line goes to stderr when it is a terminal; a summary at the end.",
        "A capture (raw:PATH, infnoise-file:PATH) delivers every byte it yields; exit 1 only",
        "if --bytes asked for more."})
final class EntropyCommand implements Callable<Integer> {

  private static final int CHUNK = 1 << 16;
  /** One DRBG generate call (2^18 bits), so a DRBG request either completes or delivers nothing. */
  private static final int DRBG_CHUNK = 1 << 15;

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

  @Mixin
  BinaryOutput binary;

  EntropyCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (bytes != null && bytes < 0) {
      throw new UsageException("--bytes must be >= 0, got " + bytes);
    }
    String spec = source.strip();
    boolean infnoise = InfiniteNoise.handles(spec);
    if (raw && (drbg || multiplier != 0)) {
      throw new UsageException("--raw streams raw blocks; it cannot be combined with --drbg or --multiplier");
    }
    if ((raw || multiplier != 0) && !infnoise) {
      throw new UsageException("--raw and --multiplier apply to Infinite Noise sources only ("
          + InfiniteNoise.FORMS + ")");
    }
    binary.refuseTerminal(io, "entropy");
    long started = System.nanoTime();
    Output output = new Output();
    try (EntropySource src = open(spec, infnoise)) {
      Drbg generator = drbg ? Drbg.builder(src).build() : null;
      byte[] chunk = new byte[generator != null ? DRBG_CHUNK : CHUNK];
      String ended = null;
      try {
        while (bytes == null || output.written < bytes) {
          int n = (int) (bytes == null ? chunk.length : Math.min(chunk.length, bytes - output.written));
          try {
            if (generator != null) {
              generator.nextBytes(chunk, 0, n);
            } else {
              src.fill(chunk, 0, n);
            }
          } catch (EntropyException e) {
            if (!e.captureEnded()) {
              throw e;
            }
            ended = e.getMessage();
            n = e.bytesBeforeEnd(); // the good bytes before the end, delivered like any others
          }
          if (!output.write(chunk, n) || ended != null) {
            break;
          }
          output.progress(started, src);
        }
        output.flush();
      } catch (EntropyException e) {
        output.endProgress(true);
        throw new EntropyException("entropy source failed after " + output.written + " bytes: "
            + Main.oneLine(e.getMessage()), e);
      } finally {
        Arrays.fill(chunk, (byte) 0);
      }
      boolean shortOfBytes = ended != null && bytes != null && output.written < bytes;
      output.endProgress(shortOfBytes);
      if (shortOfBytes) {
        throw new EntropyException("capture ended after " + output.written + " of " + bytes + " bytes ("
            + Main.oneLine(ended) + ")");
      }
      io.err().println("otpkit entropy: " + status(output.written, System.nanoTime() - started, src.health())
          + (output.readerGone ? ", stdout closed by its reader" : ""));
    }
    return 0;
  }

  /** A malformed source string is a usage error; a source that exists but fails to open is not. */
  private EntropySource open(String spec, boolean infnoise) {
    try {
      return infnoise
          ? InfiniteNoise.open(spec, InfiniteNoise.Settings.defaults().withRaw(raw).withMultiplier(multiplier))
          : EntropySources.open(spec);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private String status(long written, long nanos, HealthStatus health) {
    double seconds = Math.max(nanos / 1e9, 1e-9);
    return String.format(Locale.ROOT, "%d bytes in %.2f s (%.2f MB/s) from %s%s, health %s", written,
        seconds, written / seconds / 1e6, source, drbg ? " via DRBG" : "",
        health.state().name().toLowerCase(Locale.ROOT));
  }

  /** Stdout for binary output: counts what was written, tells a reader that left from a write error. */
  private final class Output {
    private final boolean progress = io.stderr() == Endpoint.TERMINAL;
    private long lastProgress = System.nanoTime();
    long written;
    boolean readerGone;

    /**
     * Writes {@code chunk[0, n)}; false if the reader closed the pipe, which is how an unbounded
     * run ends.
     *
     * @throws IOException for any other write error (a full disk, /dev/full): a failure
     */
    boolean write(byte[] chunk, int n) throws IOException {
      try {
        io.out().write(chunk, 0, n);
      } catch (IOException e) {
        if (readerWentAway(e)) {
          readerGone = true;
          return false;
        }
        throw new IOException("cannot write to stdout after " + written + (bytes == null ? "" : " of " + bytes)
            + " bytes: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
      }
      written += n;
      return true;
    }

    void flush() throws IOException {
      try {
        io.out().flush();
      } catch (IOException e) {
        if (!readerWentAway(e)) {
          throw new IOException("cannot write to stdout: " + e.getMessage(), e);
        }
        readerGone = true;
      }
    }

    /** A write error on a pipe or socket is the reader leaving (EPIPE); elsewhere, only if it says so. */
    private boolean readerWentAway(IOException e) {
      return io.stdout() == Endpoint.PIPE || String.valueOf(e.getMessage()).contains("Broken pipe");
    }

    void progress(long started, EntropySource src) {
      long now = System.nanoTime();
      if (progress && now - lastProgress > 500_000_000L) {
        io.err().print("\r" + status(written, now - started, src.health()));
        lastProgress = now;
      }
    }

    /** Ends the progress line: a failure's message goes below it, the summary over it. */
    void endProgress(boolean failing) {
      if (progress) {
        io.err().print(failing ? "\n" : "\r");
      }
    }
  }
}
