package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    } catch (NoSuchFileException e) {
      throw new EntropyException("cannot open capture " + path + ": no such file");
    } catch (IOException e) {
      throw new EntropyException("cannot open capture " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int nextBlock(byte[] raw) {
    try {
      int n = in.readNBytes(raw, 0, 64);
      if (n < 64) {
        throw new EntropyException("capture " + path + " ended after " + blocks + " blocks"
            + (n > 0 ? " and " + n + " stray bytes" : ""));
      }
    } catch (IOException e) {
      throw new EntropyException("cannot read capture " + path + ": " + e.getMessage(), e);
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
