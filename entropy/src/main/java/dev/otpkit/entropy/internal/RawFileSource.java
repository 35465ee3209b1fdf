package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.RawNoiseSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays a capture of raw binary samples (packed eight to a byte, MSB first) from a file, for
 * offline health checks of captures from any noise source. The end of the file is the end of the
 * capture ({@link EntropyException#captureEnded()}), never a silent short read.
 */
public final class RawFileSource implements RawNoiseSource {

  private final Path path;
  private final double entropyPerSample;
  private final InputStream in;
  private long bytesRead;

  public RawFileSource(Path path, double entropyPerSample) {
    this.path = path;
    this.entropyPerSample = entropyPerSample;
    try {
      this.in = Files.newInputStream(path);
    } catch (IOException e) {
      throw new EntropyException("cannot open raw capture " + path + ": " + IoErrors.describe(e), e);
    }
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
    int n;
    try {
      n = in.readNBytes(out, off, len);
    } catch (IOException e) {
      throw new EntropyException("cannot read raw capture " + path + ": " + IoErrors.describe(e), e);
    }
    bytesRead += n;
    if (n < len) {
      throw EntropyException.captureEnded("raw capture " + path + " ended after " + bytesRead + " bytes", n);
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
