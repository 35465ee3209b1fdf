package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.RawNoiseSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays a capture of raw binary samples (packed eight to a byte, MSB first) from a file, for
 * offline health checks of captures from any noise source. The end of the file is an error, never
 * a silent short read.
 */
public final class RawFileSource implements RawNoiseSource {

  private final Path path;
  private final double entropyPerSample;
  private final InputStream in;

  public RawFileSource(Path path, double entropyPerSample) {
    this.path = path;
    this.entropyPerSample = entropyPerSample;
    try {
      this.in = Files.newInputStream(path);
    } catch (IOException e) {
      throw new EntropyException("cannot open raw capture " + path + ": " + reason(e), e);
    }
  }

  static String reason(IOException e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
  }

  @Override
  public int bitsPerSample() {
    return 1;
  }

  @Override
  public double assessedEntropyPerSample() {
    return entropyPerSample;
  }

  @Override
  public synchronized void read(byte[] out, int off, int len) {
    try {
      int n = in.readNBytes(out, off, len);
      if (n < len) {
        throw new EntropyException("raw capture " + path + " ended");
      }
    } catch (IOException e) {
      throw new EntropyException("cannot read raw capture " + path + ": " + reason(e), e);
    }
  }

  @Override
  public String description() {
    return "raw:" + path;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // nothing was lost: the capture is only read
    }
  }
}
