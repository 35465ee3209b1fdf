package dev.otpkit.entropy.infnoise;

import java.util.Arrays;
import java.util.Objects;

/**
 * The Infinite Noise whitening sponge: Keccak-f[1600] with no padding. Each raw 64-byte block is
 * XORed into state bytes 0..63 and the state permuted. In the default mode the first 54 bytes of
 * the state are the output (437 credited entropy bits per block, rounded down to bytes). With an
 * output multiplier m the block pays out 32*m bytes in chunks of at most 128 bytes, each chunk the
 * first bytes of the state and each followed by a permutation.
 *
 * <p>Not thread-safe: one per stream, guarded by its owner.
 */
public final class Whitener {

  /** Raw bytes per block. */
  public static final int BLOCK_BYTES = 64;

  /** Output bytes per block in the default mode: 437 credited bits, in whole bytes. */
  public static final int DEFAULT_OUTPUT_BYTES = 54;

  private static final int MAX_CHUNK = 128;

  private final int multiplier;
  private final long[] state = new long[25];

  /**
   * A sponge with output multiplier {@code multiplier}: 0 for 54 bytes per block, m for 32*m.
   *
   * @throws IllegalArgumentException if multiplier is not in [0, 10000]
   */
  public Whitener(int multiplier) {
    if (multiplier < 0 || multiplier > 10_000) {
      throw new IllegalArgumentException("output multiplier must be in [0, 10000], got " + multiplier);
    }
    this.multiplier = multiplier;
  }

  /** Bytes {@link #absorb} writes per block. */
  public int outputBytesPerBlock() {
    return multiplier == 0 ? DEFAULT_OUTPUT_BYTES : 32 * multiplier;
  }

  /**
   * Absorbs the raw block {@code raw[rawOff, rawOff+64)} and writes {@link #outputBytesPerBlock()}
   * bytes to {@code out} at {@code outOff}; returns that count.
   */
  public int absorb(byte[] raw, int rawOff, byte[] out, int outOff) {
    Objects.checkFromIndexSize(rawOff, BLOCK_BYTES, raw.length);
    int total = outputBytesPerBlock();
    Objects.checkFromIndexSize(outOff, total, out.length);
    Keccak1600.xorIn(state, raw, rawOff, BLOCK_BYTES);
    Keccak1600.permute(state);
    if (multiplier == 0) {
      Keccak1600.extract(state, out, outOff, DEFAULT_OUTPUT_BYTES);
      return DEFAULT_OUTPUT_BYTES;
    }
    for (int done = 0; done < total; ) {
      int chunk = Math.min(MAX_CHUNK, total - done);
      Keccak1600.extract(state, out, outOff + done, chunk);
      Keccak1600.permute(state);
      done += chunk;
    }
    return total;
  }

  /** Zeroes the state, as for a device that is re-initialised. */
  public void reset() {
    Arrays.fill(state, 0L);
  }
}
