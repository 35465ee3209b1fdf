package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.internal.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replays a capture of raw 64-byte blocks (the reference driver's raw output) from a file. */
final class CaptureBlocks implements BlockSource {

  private final Path path;
  private final InputStream in;
  private long blocks;

  CaptureBlocks(Path path) {
    this.path = path;
    try {
      this.in = Files.newInputStream(path);
    } catch (IOException e) {
      throw new EntropyException("cannot open capture " + path + ": " + IoErrors.describe(e), e);
    }
  }

  /** The next whole block; the end of the file ends the capture (stray bytes after the last whole block are not a block). */
  @Override
  public int nextBlock(byte[] raw) {
    int n;
    try {
      n = in.readNBytes(raw, 0, 64);
    } catch (IOException e) {
      throw new EntropyException("cannot read capture " + path + ": " + IoErrors.describe(e), e);
    }
    if (n < 64) {
      java.util.Arrays.fill(raw, (byte) 0);
      throw EntropyException.captureEnded("capture " + path + " ended after " + blocks + " blocks"
          + (n > 0 ? " and " + n + " stray bytes" : ""), 0);
    }
    blocks++;
    return 0;
  }

  @Override
  public String description() {
    return "infnoise-file:" + path;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // read-only: nothing is lost
    }
  }
}
