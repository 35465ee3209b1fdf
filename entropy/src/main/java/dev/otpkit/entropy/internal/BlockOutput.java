package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import java.util.Arrays;

/**
 * The output side shared by block-producing sources: a buffer of produced bytes handed out in
 * order, each byte zeroed once handed out, refilled a whole block at a time. Not thread-safe:
 * its owner holds the lock.
 */
public final class BlockOutput {

  /** Produces the next block into the buffer and returns its length (at most the buffer's). */
  @FunctionalInterface
  public interface Producer {
    int produce(byte[] buffer);
  }

  private final byte[] buffer;
  private int position;
  private int length;
  private long delivered;

  public BlockOutput(int capacity) {
    this.buffer = new byte[capacity];
  }

  /**
   * Copies {@code len} bytes to {@code out[off..]}, producing blocks as needed. If the producer
   * throws, the bytes already copied stay delivered and nothing of the failed block is; if it
   * throws because a capture ended, the exception says how many bytes of this request were copied.
   */
  public void drainTo(byte[] out, int off, int len, Producer producer) {
    int requested = len;
    while (len > 0) {
      if (position == length) {
        position = 0;
        length = 0;
        try {
          length = producer.produce(buffer);
        } catch (EntropyException e) {
          throw e.captureEnded() ? EntropyException.captureEnded(e.getMessage(), requested - len) : e;
        }
      }
      int n = Math.min(len, length - position);
      System.arraycopy(buffer, position, out, off, n);
      Arrays.fill(buffer, position, position + n, (byte) 0);
      position += n;
      off += n;
      len -= n;
      delivered += n;
    }
  }

  /** Drops and zeroes whatever is buffered. */
  public void wipe() {
    Arrays.fill(buffer, (byte) 0);
    position = 0;
    length = 0;
  }

  /** Bytes handed out so far. */
  public long delivered() {
    return delivered;
  }
}
