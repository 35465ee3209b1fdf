package dev.otpkit.entropy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Finite captures for tests: write one, and read a source to its end the slow way. */
public final class Captures {
  private Captures() {}

  /** A file of {@code bytes} bytes of seeded test data (not secret) in {@code dir}. */
  public static Path random(Path dir, int bytes, long seed) throws IOException {
    byte[] data = new byte[bytes];
    new SplittableRandom(seed).nextBytes(data);
    return Files.write(dir.resolve("capture-" + bytes + "-" + seed + ".bin"), data);
  }

  /**
   * Everything {@code source} yields, read in requests of {@code piece} bytes until the capture
   * ends; the last request keeps the bytes its end says were filled.
   */
  public static byte[] readInPieces(EntropySource source, int piece) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[piece];
    while (true) {
      try {
        source.fill(buffer);
        all.write(buffer, 0, piece);
      } catch (EntropyException end) {
        if (!end.captureEnded()) {
          throw end;
        }
        all.write(buffer, 0, end.bytesBeforeEnd());
        return all.toByteArray();
      }
    }
  }
}
