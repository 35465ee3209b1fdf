package dev.otpkit.entropy.infnoise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The Keccak-f[1600] permutation of FIPS 202 (section 3), 24 rounds of theta, rho, pi, chi and
 * iota, on a state of 25 lanes of 64 bits: lane (x, y) is {@code state[x + 5 * y]}, and state byte
 * i is byte {@code i % 8} of lane {@code i / 8}, little-endian, as the standard maps bit strings.
 *
 * <p>We carry our own because the Infinite Noise whitening is a bare sponge without padding, and
 * Bouncy Castle exposes no raw permutation: its {@code KeccakDigest} keeps the permutation private
 * and pads every output.
 *
 * <p>The round is written out over local variables, with theta folded into rho and pi, so that a
 * permutation allocates nothing and touches the array only on entry and exit. The rotation offsets
 * are those of FIPS 202 Table 2; the round constants are computed once from the standard's LFSR
 * (Algorithms 5 and 6) rather than copied from a table.
 */
public final class Keccak1600 {

  /** Lanes in the state. */
  static final int LANES = 25;

  /** Bytes in the state (the sponge width b = 1600 bits). */
  static final int STATE_BYTES = 200;

  private static final int ROUNDS = 24;

  private static final long[] ROUND_CONSTANTS = roundConstants();

  private static final VarHandle LANE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Keccak1600() {}

  /**
   * Applies the 24-round permutation to {@code state} in place.
   *
   * @throws IllegalArgumentException if the state is not 25 lanes
   */
  public static void permute(long[] state) {
    checkState(state);
    long a00 = state[0], a10 = state[1], a20 = state[2], a30 = state[3], a40 = state[4];
    long a01 = state[5], a11 = state[6], a21 = state[7], a31 = state[8], a41 = state[9];
    long a02 = state[10], a12 = state[11], a22 = state[12], a32 = state[13], a42 = state[14];
    long a03 = state[15], a13 = state[16], a23 = state[17], a33 = state[18], a43 = state[19];
    long a04 = state[20], a14 = state[21], a24 = state[22], a34 = state[23], a44 = state[24];
    for (int round = 0; round < ROUNDS; round++) {
      // theta: each lane takes the parities of the two neighbouring columns.
      long c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
      long c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
      long c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
      long c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
      long c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
      long d0 = c4 ^ Long.rotateLeft(c1, 1);
      long d1 = c0 ^ Long.rotateLeft(c2, 1);
      long d2 = c1 ^ Long.rotateLeft(c3, 1);
      long d3 = c2 ^ Long.rotateLeft(c4, 1);
      long d4 = c3 ^ Long.rotateLeft(c0, 1);
      // rho and pi: bXY = rot(A[(X + 3Y) mod 5, X], r[(X + 3Y) mod 5, X]).
      long b00 = a00 ^ d0;
      long b10 = Long.rotateLeft(a11 ^ d1, 44);
      long b20 = Long.rotateLeft(a22 ^ d2, 43);
      long b30 = Long.rotateLeft(a33 ^ d3, 21);
      long b40 = Long.rotateLeft(a44 ^ d4, 14);
      long b01 = Long.rotateLeft(a30 ^ d3, 28);
      long b11 = Long.rotateLeft(a41 ^ d4, 20);
      long b21 = Long.rotateLeft(a02 ^ d0, 3);
      long b31 = Long.rotateLeft(a13 ^ d1, 45);
      long b41 = Long.rotateLeft(a24 ^ d2, 61);
      long b02 = Long.rotateLeft(a10 ^ d1, 1);
      long b12 = Long.rotateLeft(a21 ^ d2, 6);
      long b22 = Long.rotateLeft(a32 ^ d3, 25);
      long b32 = Long.rotateLeft(a43 ^ d4, 8);
      long b42 = Long.rotateLeft(a04 ^ d0, 18);
      long b03 = Long.rotateLeft(a40 ^ d4, 27);
      long b13 = Long.rotateLeft(a01 ^ d0, 36);
      long b23 = Long.rotateLeft(a12 ^ d1, 10);
      long b33 = Long.rotateLeft(a23 ^ d2, 15);
      long b43 = Long.rotateLeft(a34 ^ d3, 56);
      long b04 = Long.rotateLeft(a20 ^ d2, 62);
      long b14 = Long.rotateLeft(a31 ^ d3, 55);
      long b24 = Long.rotateLeft(a42 ^ d4, 39);
      long b34 = Long.rotateLeft(a03 ^ d0, 41);
      long b44 = Long.rotateLeft(a14 ^ d1, 2);
      // chi along each row, then iota on lane (0, 0).
      a00 = b00 ^ (~b10 & b20) ^ ROUND_CONSTANTS[round];
      a10 = b10 ^ (~b20 & b30);
      a20 = b20 ^ (~b30 & b40);
      a30 = b30 ^ (~b40 & b00);
      a40 = b40 ^ (~b00 & b10);
      a01 = b01 ^ (~b11 & b21);
      a11 = b11 ^ (~b21 & b31);
      a21 = b21 ^ (~b31 & b41);
      a31 = b31 ^ (~b41 & b01);
      a41 = b41 ^ (~b01 & b11);
      a02 = b02 ^ (~b12 & b22);
      a12 = b12 ^ (~b22 & b32);
      a22 = b22 ^ (~b32 & b42);
      a32 = b32 ^ (~b42 & b02);
      a42 = b42 ^ (~b02 & b12);
      a03 = b03 ^ (~b13 & b23);
      a13 = b13 ^ (~b23 & b33);
      a23 = b23 ^ (~b33 & b43);
      a33 = b33 ^ (~b43 & b03);
      a43 = b43 ^ (~b03 & b13);
      a04 = b04 ^ (~b14 & b24);
      a14 = b14 ^ (~b24 & b34);
      a24 = b24 ^ (~b34 & b44);
      a34 = b34 ^ (~b44 & b04);
      a44 = b44 ^ (~b04 & b14);
    }
    state[0] = a00; state[1] = a10; state[2] = a20; state[3] = a30; state[4] = a40;
    state[5] = a01; state[6] = a11; state[7] = a21; state[8] = a31; state[9] = a41;
    state[10] = a02; state[11] = a12; state[12] = a22; state[13] = a32; state[14] = a42;
    state[15] = a03; state[16] = a13; state[17] = a23; state[18] = a33; state[19] = a43;
    state[20] = a04; state[21] = a14; state[22] = a24; state[23] = a34; state[24] = a44;
  }

  /**
   * XORs {@code in[off, off+len)} into state bytes {@code 0..len-1}.
   *
   * @throws IllegalArgumentException if the state is not 25 lanes or len exceeds 200
   * @throws IndexOutOfBoundsException if the range is not within {@code in}
   */
  public static void xorIn(long[] state, byte[] in, int off, int len) {
    checkState(state);
    checkRange(in.length, off, len);
    int lanes = len >>> 3;
    for (int i = 0; i < lanes; i++) {
      state[i] ^= (long) LANE.get(in, off + 8 * i);
    }
    for (int i = 8 * lanes; i < len; i++) {
      state[i >>> 3] ^= (in[off + i] & 0xffL) << (8 * (i & 7));
    }
  }

  /**
   * Copies state bytes {@code 0..len-1} to {@code out[off, off+len)}.
   *
   * @throws IllegalArgumentException if the state is not 25 lanes or len exceeds 200
   * @throws IndexOutOfBoundsException if the range is not within {@code out}
   */
  public static void extract(long[] state, byte[] out, int off, int len) {
    checkState(state);
    checkRange(out.length, off, len);
    int lanes = len >>> 3;
    for (int i = 0; i < lanes; i++) {
      LANE.set(out, off + 8 * i, state[i]);
    }
    for (int i = 8 * lanes; i < len; i++) {
      out[off + i] = (byte) (state[i >>> 3] >>> (8 * (i & 7)));
    }
  }

  private static void checkState(long[] state) {
    if (state.length != LANES) {
      throw new IllegalArgumentException(
          "Keccak-f[1600] state must be 25 lanes, got " + state.length);
    }
  }

  private static void checkRange(int arrayLength, int off, int len) {
    Objects.checkFromIndexSize(off, len, arrayLength);
    if (len > STATE_BYTES) {
      throw new IllegalArgumentException("at most 200 state bytes, got " + len);
    }
  }

  /**
   * Round constants of FIPS 202 Algorithm 6: bit {@code 2^j - 1} of RC for round ir is
   * {@code rc(j + 7 * ir)}, where rc is the LFSR of Algorithm 5 (x^8 + x^6 + x^5 + x^4 + 1).
   */
  private static long[] roundConstants() {
    long[] constants = new long[ROUNDS];
    int lfsr = 1; // R = 10000000, bit i of the int is R[i]
    for (int t = 0; t < 7 * ROUNDS; t++) {
      if ((lfsr & 1) != 0) {
        int j = t % 7;
        constants[t / 7] |= 1L << ((1 << j) - 1);
      }
      // One step: R = 0 || R moves every bit up one index; the bit pushed past R[7] is XORed
      // into R[0], R[4], R[5] and R[6], and truncation to 8 bits drops it.
      int out = (lfsr >>> 7) & 1;
      lfsr = (lfsr << 1) & 0xff;
      lfsr ^= out * 0x71; // bits 0, 4, 5, 6
    }
    return constants;
  }
}
