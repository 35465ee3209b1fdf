package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Round trip and mutation properties of the envelope: any payload, context and rotation state
 * round-trips; every single-bit flip, truncation, extension and splice is rejected with the
 * reason the verification order of SPEC.md predicts; wrong contexts are rejected.
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

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).excludeChars('\u0000')
        .filter(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 256);
  }

  @Property(tries = 200)
  void roundTrip(@ForAll @Size(max = 2048) byte[] payload, @ForAll("names") String session,
      @ForAll("names") String channel, @ForAll Direction direction, @ForAll boolean encrypt,
      @ForAll @IntRange(max = 3) int rotations) throws Exception {
    EnvelopeKeys keys = keysAfter(rotations);
    byte[] env = seal(keys, session, direction, encrypt, channel, payload);
    assertArrayEquals(payload, opener(keys, session, direction, encrypt).open(channel, env));
  }

  @Property(tries = 100)
  void wrongContext_rejected(@ForAll @Size(max = 64) byte[] payload, @ForAll("names") String session,
      @ForAll("names") String other, @ForAll Direction direction, @ForAll boolean encrypt) throws Exception {
    net.jqwik.api.Assume.that(!session.equals(other));
    EnvelopeKeys keys = keysAfter(0);
    byte[] env = seal(keys, session, direction, encrypt, "ch", payload);
    Direction flipped = direction == Direction.UI_TO_BACKEND ? Direction.BACKEND_TO_UI : Direction.UI_TO_BACKEND;
    assertEquals(Reason.WRONG_CONTEXT, reason(opener(keys, other, direction, encrypt), "ch", env));
    assertEquals(Reason.WRONG_CONTEXT, reason(opener(keys, session, flipped, encrypt), "ch", env));
    assertEquals(Reason.WRONG_CONTEXT, reason(opener(keys, session, direction, encrypt), other, env));
  }

  /** Every single-bit flip of a sealed envelope, with the reason the verification order predicts. */
  @Property(tries = 30)
  void everySingleBitFlip_rejectedWithExpectedReason(@ForAll @Size(max = 100) byte[] payload,
      @ForAll boolean encrypt) throws Exception {
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

  @Property(tries = 50)
  void truncationAndExtension_areMalformed(@ForAll @Size(max = 200) byte[] payload, @ForAll boolean encrypt,
      @ForAll @IntRange(min = 1, max = 300) int cut, @ForAll @Size(min = 1, max = 40) byte[] extra)
      throws Exception {
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
  @Property(tries = 50)
  void splice_isBadTag(@ForAll @Size(min = 1, max = 100) byte[] a, @ForAll boolean encrypt) throws Exception {
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

  @Property(tries = 50)
  void replay_rejected_andReorderWithinWindowAcceptedOnce(@ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll long shuffleSeed) throws Exception {
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
