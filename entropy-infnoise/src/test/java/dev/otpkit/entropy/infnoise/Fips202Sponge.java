package dev.otpkit.entropy.infnoise;

/**
 * The padded sponge of FIPS 202 (SHA3-256, SHAKE128, SHAKE256) built on {@link Keccak1600}, so
 * the permutation and the byte mapping can be checked against Bouncy Castle's digests.
 */
final class Fips202Sponge {

  /** Domain bits 01 followed by the first pad10*1 bit, as one byte (FIPS 202 section 6.1). */
  static final byte SHA3_DOMAIN = 0x06;
  /** Domain bits 1111 followed by the first pad10*1 bit (FIPS 202 section 6.2). */
  static final byte SHAKE_DOMAIN = 0x1f;

  static final int SHA3_256_RATE = 136;
  static final int SHAKE128_RATE = 168;
  static final int SHAKE256_RATE = 136;

  private Fips202Sponge() {}

  static byte[] sha3_256(byte[] message) {
    return sponge(SHA3_256_RATE, SHA3_DOMAIN, message, 32);
  }

  static byte[] shake128(byte[] message, int outputBytes) {
    return sponge(SHAKE128_RATE, SHAKE_DOMAIN, message, outputBytes);
  }

  static byte[] shake256(byte[] message, int outputBytes) {
    return sponge(SHAKE256_RATE, SHAKE_DOMAIN, message, outputBytes);
  }

  private static byte[] sponge(int rate, byte domain, byte[] message, int outputBytes) {
    long[] state = new long[25];
    int off = 0;
    for (; message.length - off >= rate; off += rate) {
      Keccak1600.xorIn(state, message, off, rate);
      Keccak1600.permute(state);
    }
    // The last block is always padded, even when empty: domain bits, zeros, a final 1 bit.
    byte[] last = new byte[rate];
    System.arraycopy(message, off, last, 0, message.length - off);
    last[message.length - off] ^= domain;
    last[rate - 1] ^= (byte) 0x80;
    Keccak1600.xorIn(state, last, 0, rate);
    Keccak1600.permute(state);
    byte[] out = new byte[outputBytes];
    for (int done = 0; ; ) {
      int n = Math.min(rate, outputBytes - done);
      Keccak1600.extract(state, out, done, n);
      done += n;
      if (done == outputBytes) {
        return out;
      }
      Keccak1600.permute(state);
    }
  }
}
