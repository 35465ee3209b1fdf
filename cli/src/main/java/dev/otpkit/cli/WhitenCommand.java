package dev.otpkit.cli;

import dev.otpkit.entropy.infnoise.Whitener;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "whiten", mixinStandardHelpOptions = true,
    description = {"Reads raw Infinite Noise 64-byte blocks on stdin and writes the whitened stream:",
        "every block absorbed, no health gating (for checking captures against other implementations)."})
final class WhitenCommand implements Callable<Integer> {

  private final Main.Io io;

  @Option(names = "--multiplier", paramLabel = "M", defaultValue = "0",
      description = "32*M output bytes per block instead of 54 (default: ${DEFAULT-VALUE}).")
  int multiplier;

  @Mixin
  BinaryOutput binary;

  WhitenCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Whitener whitener;
    try {
      whitener = new Whitener(multiplier);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    binary.refuseTerminal(io, "whiten");
    byte[] block = new byte[Whitener.BLOCK_BYTES];
    byte[] out = new byte[whitener.outputBytesPerBlock()];
    long blocks = 0;
    try {
      while (true) {
        int n = io.in().readNBytes(block, 0, block.length);
        if (n == 0) {
          break;
        }
        if (n < block.length) {
          io.out().flush();
          throw new IllegalArgumentException("input ended with " + n
              + " stray bytes after " + blocks + " whole 64-byte blocks; the stray bytes were not absorbed");
        }
        int w = whitener.absorb(block, 0, out, 0);
        io.out().write(out, 0, w);
        blocks++;
      }
      io.out().flush();
    } finally {
      Arrays.fill(block, (byte) 0);
      Arrays.fill(out, (byte) 0);
      whitener.reset();
    }
    return 0;
  }
}
