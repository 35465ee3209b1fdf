package dev.otpkit.entropy.infnoise;

/**
 * The Keccak-f[1600] permutation of FIPS 202 (24 rounds of theta, rho, pi, chi, iota), with byte
 * access to the state. Bouncy Castle implements Keccak only behind its digests' padding and
 * exposes no raw permutation, and the Infinite Noise whitening is an unpadded sponge, so this one
 * is our own; its tests build SHA3-256 and SHAKE on it and compare them with Bouncy Castle.
 *
 * <p>The state is 25 lanes of 64 bits, lane (x, y) at index x + 5y; byte i of the state is byte
 * i % 8 of lane i / 8, little-endian.
 */
public final class Keccak1600 {

  private static final long[] ROUND_CONSTANTS = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
    0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
    0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
  };

  /** Rotation offsets of rho, indexed by lane x + 5y. */
  private static final int[] RHO = {
    0, 1, 62, 28, 27,
    36, 44, 6, 55, 20,
    3, 10, 43, 25, 39,
    41, 45, 15, 21, 8,
    18, 2, 61, 56, 14
  };

  /** Where pi moves each lane: lane (x, y) goes to (y, 2x + 3y). */
  private static final int[] PI = new int[25];

  static {
    for (int x = 0; x < 5; x++) {
      for (int y = 0; y < 5; y++) {
        PI[x + 5 * y] = y + 5 * ((2 * x + 3 * y) % 5);
      }
    }
  }

  private Keccak1600() {}

  /** Applies Keccak-f[1600] to {@code state} in place. */
  public static void permute(long[] state) {
    if (state.length != 25) {
      throw new IllegalArgumentException("Keccak-f[1600] state is 25 lanes, got " + state.length);
    }
    long[] b = new long[25];
    long[] c = new long[5];
    for (int round = 0; round < 24; round++) {
      // theta: XOR each lane with the parities of two neighbouring columns
      for (int x = 0; x < 5; x++) {
        c[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          state[x + y] ^= d;
        }
      }
      // rho and pi: rotate each lane and move it
      for (int i = 0; i < 25; i++) {
        b[PI[i]] = Long.rotateLeft(state[i], RHO[i]);
      }
      // chi: the only non-linear step, along rows
      for (int y = 0; y < 25; y += 5) {
        for (int x = 0; x < 5; x++) {
          state[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
        }
      }
      // iota
      state[0] ^= ROUND_CONSTANTS[round];
    }
  }

  /** XORs {@code in[off, off+len)} into state bytes 0..len-1. */
  public static void xorIn(long[] state, byte[] in, int off, int len) {
    checkBytes(state, len);
    java.util.Objects.checkFromIndexSize(off, len, in.length);
    for (int i = 0; i < len; i++) {
      state[i >>> 3] ^= (in[off + i] & 0xffL) << (8 * (i & 7));
    }
  }

  /** Copies state bytes 0..len-1 to {@code out[off, off+len)}. */
  public static void extract(long[] state, byte[] out, int off, int len) {
    checkBytes(state, len);
    java.util.Objects.checkFromIndexSize(off, len, out.length);
    for (int i = 0; i < len; i++) {
      out[off + i] = (byte) (state[i >>> 3] >>> (8 * (i & 7)));
    }
  }

  private static void checkBytes(long[] state, int len) {
    if (state.length != 25) {
      throw new IllegalArgumentException("Keccak-f[1600] state is 25 lanes, got " + state.length);
    }
    if (len < 0 || len > 200) {
      throw new IllegalArgumentException("the state has 200 bytes; asked for " + len);
    }
  }
}
