package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import dev.otpkit.testsupport.Cases;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trip and mutation properties of the envelope: any payload, context and rotation state
 * round-trips; every single-bit flip, truncation, extension and splice is rejected with the
 * reason the verification order of SPEC.md predicts; wrong contexts are rejected. Each property
 * runs on seeded generated cases ({@link Cases}): the edges first (the smallest and largest
 * payloads), then random ones.
 */
class EnvelopeProperties {

  private static final long T0 = 1_764_000_000_000L;

  /** A keyset after {@code rotations} rotations; the sealer uses the newest primary. */
  private static EnvelopeKeys keysAfter(int rotations) throws GeneralSecurityException {
    KeysetHandle k = EnvelopeKeys.newKeyset();
    for (int i = 0; i < rotations; i++) {
      k = EnvelopeKeys.rotate(k);
    }
    return EnvelopeKeys.from(k);
  }

  private static Opener opener(EnvelopeKeys keys, String session, Direction d, boolean enc)
      throws GeneralSecurityException {
    return Opener.builder(keys).session(session).direction(d).encrypted(enc)
        .clock(new Fixtures.ManualClock(T0)).build();
  }

  private static byte[] seal(EnvelopeKeys keys, String session, Direction d, boolean enc, String channel,
      byte[] payload) throws GeneralSecurityException {
    return Sealer.builder(keys).session(session).direction(d).encrypted(enc)
        .clock(new Fixtures.ManualClock(T0)).build().seal(channel, payload);
  }

  /** 1 to 40 characters from all of Unicode but NUL (surrogate pairs included), at most 256 bytes of UTF-8. */
  static String name(Random r) {
    while (true) {
      int length = 1 + r.nextInt(40);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < length; i++) {
        int kind = r.nextInt(4);
        int cp = kind == 0 ? 1 + r.nextInt(0x7f) : kind == 1 ? 0x80 + r.nextInt(0x780)
            : kind == 2 ? 0x800 + r.nextInt(0xd800 - 0x800) : 0x10000 + r.nextInt(0x100000);
        sb.appendCodePoint(cp);
      }
      String s = sb.toString();
      if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 256) {
        return s;
      }
    }
  }

  static LongStream roundTrip() {
    return Cases.of("roundTrip", 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void roundTrip(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] payload = Cases.bytes(r, seed, 0, 2048);
    String session = name(r);
    String channel = name(r);
    Direction direction = r.nextBoolean() ? Direction.UI_TO_BACKEND : Direction.BACKEND_TO_UI;
    boolean encrypt = r.nextBoolean();
    int rotations = r.nextInt(4);
    EnvelopeKeys keys = keysAfter(rotations);
    byte[] env = seal(keys, session, direction, encrypt, channel, payload);
    assertArrayEquals(payload, opener(keys, session, direction, encrypt).open(channel, env));
  }

  static LongStream wrongContext_rejected() {
    return Cases.of("wrongContext_rejected", 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void wrongContext_rejected(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] payload = Cases.bytes(r, seed, 0, 64);
    String session = name(r);
    String other = name(r);
    while (other.equals(session)) {
      other = name(r);
    }
    Direction direction = r.nextBoolean() ? Direction.UI_TO_BACKEND : Direction.BACKEND_TO_UI;
    boolean encrypt = r.nextBoolean();
    EnvelopeKeys keys = keysAfter(0);
    byte[] env = seal(keys, session, direction, encrypt, "ch", payload);
    Direction flipped = direction == Direction.UI_TO_BACKEND ? Direction.BACKEND_TO_UI : Direction.UI_TO_BACKEND;
    assertEquals(Reason.WRONG_CONTEXT, reason(opener(keys, other, direction, encrypt), "ch", env));
    assertEquals(Reason.WRONG_CONTEXT, reason(opener(keys, session, flipped, encrypt), "ch", env));
    assertEquals(Reason.WRONG_CONTEXT, reason(opener(keys, session, direction, encrypt), other, env));
  }

  /** Every single-bit flip of a sealed envelope, with the reason the verification order predicts. */
  static LongStream everySingleBitFlip_rejectedWithExpectedReason() {
    return Cases.of("everySingleBitFlip_rejectedWithExpectedReason", 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void everySingleBitFlip_rejectedWithExpectedReason(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] payload = Cases.bytes(r, seed, 0, 100);
    boolean encrypt = r.nextBoolean();
    EnvelopeKeys keys = keysAfter(0);
    byte[] env = seal(keys, "s", Direction.UI_TO_BACKEND, encrypt, "ch", payload);
    for (int bit = 0; bit < env.length * 8; bit++) {
      byte[] m = env.clone();
      m[bit / 8] ^= (byte) (1 << (bit % 8));
      Opener o = opener(keys, "s", Direction.UI_TO_BACKEND, encrypt);
      assertEquals(expectedForFlip(env, m, bit / 8, encrypt), reason(o, "ch", m), "bit " + bit);
    }
  }

  private static Reason expectedForFlip(byte[] original, byte[] m, int at, boolean encrypt) {
    if (at == 0) {
      return Reason.UNSUPPORTED_VERSION;
    }
    if (at == 1) {
      return Reason.MALFORMED; // unknown flag, or the other mode's length no longer fits
    }
    if (at < 6) {
      return Reason.UNKNOWN_KEY;
    }
    if (at >= 38 && at < 46) {
      return Reason.WRONG_CONTEXT;
    }
    if (at >= 46 && at < 50) {
      long l = dev.otpkit.hashing.internal.Wire.getInt(m, 46) & 0xffffffffL;
      return l - (encrypt ? 16 : 0) > (1 << 20) ? Reason.TOO_LARGE : Reason.MALFORMED;
    }
    return Reason.BAD_TAG; // salt, time, sequence, body, tag: all under the tag
  }

  static LongStream truncationAndExtension_areMalformed() {
    return Cases.of("truncationAndExtension_areMalformed", 50);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void truncationAndExtension_areMalformed(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] payload = Cases.bytes(r, seed, 0, 200);
    boolean encrypt = r.nextBoolean();
    int cut = Cases.intIn(r, seed, 1, 300);
    byte[] extra = Cases.bytes(r, seed, 1, 40);
    EnvelopeKeys keys = keysAfter(0);
    byte[] env = seal(keys, "s", Direction.UI_TO_BACKEND, encrypt, "ch", payload);
    byte[] shorter = Arrays.copyOf(env, Math.max(0, env.length - cut));
    byte[] longer = Arrays.copyOf(env, env.length + extra.length);
    System.arraycopy(extra, 0, longer, env.length, extra.length);
    Opener o = opener(keys, "s", Direction.UI_TO_BACKEND, encrypt);
    assertEquals(Reason.MALFORMED, reason(o, "ch", shorter));
    assertEquals(Reason.MALFORMED, reason(o, "ch", longer));
  }

  /** The header of one envelope with the body and tag of another of the same length. */
  static LongStream splice_isBadTag() {
    return Cases.of("splice_isBadTag", 50);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void splice_isBadTag(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] a = Cases.bytes(r, seed, 1, 100);
    boolean encrypt = r.nextBoolean();
    EnvelopeKeys keys = keysAfter(1);
    byte[] b = a.clone();
    b[0] ^= 1;
    byte[] ea = seal(keys, "s", Direction.UI_TO_BACKEND, encrypt, "ch", a);
    byte[] eb = seal(keys, "s", Direction.UI_TO_BACKEND, encrypt, "ch", b);
    byte[] spliced = ea.clone();
    System.arraycopy(eb, 50, spliced, 50, eb.length - 50);
    assertEquals(Reason.BAD_TAG, reason(opener(keys, "s", Direction.UI_TO_BACKEND, encrypt), "ch", spliced));
    byte[] headerSwap = eb.clone();
    System.arraycopy(ea, 0, headerSwap, 0, 50);
    assertEquals(Reason.BAD_TAG, reason(opener(keys, "s", Direction.UI_TO_BACKEND, encrypt), "ch", headerSwap));
  }

  static LongStream replay_rejected_andReorderWithinWindowAcceptedOnce() {
    return Cases.of("replay_rejected_andReorderWithinWindowAcceptedOnce", 50);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource
  void replay_rejected_andReorderWithinWindowAcceptedOnce(long seed) throws Exception {
    Random r = new Random(seed);
    int n = Cases.intIn(r, seed, 2, 40);
    long shuffleSeed = r.nextLong();
    EnvelopeKeys keys = keysAfter(0);
    Sealer s = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND)
        .clock(new Fixtures.ManualClock(T0)).build();
    java.util.List<byte[]> envs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      envs.add(s.seal("ch", new byte[] {(byte) i}));
    }
    java.util.Collections.shuffle(envs, new java.util.Random(shuffleSeed));
    Opener o = opener(keys, "s", Direction.UI_TO_BACKEND, false);
    for (byte[] e : envs) {
      o.open("ch", e);
    }
    for (byte[] e : envs) {
      assertEquals(Reason.REPLAYED, reason(o, "ch", e));
    }
  }

  private static Reason reason(Opener o, String channel, byte[] env) {
    return assertThrows(EnvelopeException.class, () -> o.open(channel, env)).reason();
  }
}
