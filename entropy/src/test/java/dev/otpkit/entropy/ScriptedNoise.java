package dev.otpkit.entropy;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * Test noise: random binary samples from a seeded generator, turning stuck (all zero) after a
 * number of bytes; records every byte served, so tests can recompute what should come out.
 */
final class ScriptedNoise implements RawNoiseSource {
  private final SplittableRandom random;
  private final long stuckAfterBytes;
  private final double h;
  private final ByteArrayOutputStream served = new ByteArrayOutputStream();
  private long position;
  boolean closed;

  ScriptedNoise(long seed, long stuckAfterBytes, double h) {
    this.random = new SplittableRandom(seed);
    this.stuckAfterBytes = stuckAfterBytes;
    this.h = h;
  }

  @Override
  public int bitsPerSample() {
    return 1;
  }

  @Override
  public double assessedEntropyPerSample() {
    return h;
  }

  @Override
  public synchronized void read(byte[] out, int off, int len) {
    for (int i = off; i < off + len; i++) {
      out[i] = position++ < stuckAfterBytes ? (byte) random.nextInt(256) : 0;
    }
    served.write(out, off, len);
  }

  synchronized byte[] served() {
    return served.toByteArray();
  }

  synchronized long position() {
    return position;
  }

  @Override
  public String description() {
    return "scripted";
  }

  @Override
  public void close() {
    closed = true;
  }
}
