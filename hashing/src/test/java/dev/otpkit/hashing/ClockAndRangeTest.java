package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Time arithmetic at its extremes, the clock-window edges, and the opener's input checks. */
class ClockAndRangeTest {

  private static final long T0 = 1_764_000_000_000L;
  private static final long MAX_AGE = 30_000;
  private static final long SKEW = 2_000;
  private Fixtures.ManualClock clock;
  private EnvelopeKeys keys;
  private Sealer sealer;
  private long nextSeq = 1;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    clock = new Fixtures.ManualClock(T0);
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    sealer = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).clock(clock).build();
  }

  private Opener opener(ReplayGuard guard) throws GeneralSecurityException {
    Opener.Builder b = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).clock(clock)
        .maxAge(Duration.ofMillis(MAX_AGE)).maxFutureSkew(Duration.ofMillis(SKEW));
    return (guard == null ? b : b.replayGuard(guard)).build();
  }

  private byte[] sealedAt(long issuedAt) {
    return sealer.seal("c", new byte[] {1}, null, issuedAt, nextSeq++);
  }

  private static Reason reasonOf(Opener o, byte[] env) {
    return assertThrows(EnvelopeException.class, () -> o.open("c", env)).reason();
  }

  /**
   * An issue time near -2^63 used to wrap the age into a negative number: such an envelope never
   * expired and, with only a salt cache, replayed without limit.
   */
  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1})
  void issueTimeBefore1970_isExpired(long issuedAt) throws Exception {
    Opener o = opener(ReplayGuards.saltCache(10));
    byte[] env = sealedAt(issuedAt);
    assertEquals(Reason.EXPIRED, reasonOf(o, env));
    assertEquals(Reason.EXPIRED, reasonOf(o, env));
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, 8_640_000_000_000_001L})
  void issueTimePastTheLatestValid_isFromTheFuture(long issuedAt) throws Exception {
    clock.set(8_640_000_000_000_000L); // even an opener whose clock is at the very end
    assertEquals(Reason.FROM_THE_FUTURE, reasonOf(opener(null), sealedAt(issuedAt)));
  }

  @Test
  void issueTimesAtTheEndsOfTheRange_areValid() throws Exception {
    clock.set(0);
    assertArrayEquals(new byte[] {1}, opener(null).open("c", sealedAt(0)));
    clock.set(8_640_000_000_000_000L);
    assertArrayEquals(new byte[] {1}, opener(null).open("c", sealedAt(8_640_000_000_000_000L)));
  }

  /** An opener whose own clock reads absurd values still compares without wrapping. */
  @Test
  void absurdOpenerClock_doesNotWrap() throws Exception {
    clock.set(Long.MIN_VALUE);
    byte[] env = sealedAt(T0);
    assertEquals(Reason.FROM_THE_FUTURE, reasonOf(opener(null), env));
    clock.set(Long.MAX_VALUE);
    assertEquals(Reason.EXPIRED, reasonOf(opener(null), env));
  }

  @Test
  void sealer_refusesAClockOutsideTheValidRange() throws Exception {
    clock.set(-1);
    assertThrows(IllegalStateException.class, () -> sealer.seal("c", new byte[0]));
    clock.set(8_640_000_000_000_001L);
    assertThrows(IllegalStateException.class, () -> sealer.seal("c", new byte[0]));
    assertThrows(IllegalStateException.class,
        () -> Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).clock(clock).build());
  }

  /** Age exactly maxAge is accepted, one millisecond more is expired. */
  @Test
  void ageEdge_isInclusive() throws Exception {
    Opener o = opener(null);
    byte[] atEdge = sealedAt(T0 - MAX_AGE);
    byte[] past = sealedAt(T0 - MAX_AGE - 1);
    assertEquals(Reason.EXPIRED, reasonOf(o, past));
    assertArrayEquals(new byte[] {1}, o.open("c", atEdge));
  }

  /** Exactly maxFutureSkew ahead is accepted, one millisecond more is from the future. */
  @Test
  void futureSkewEdge_isInclusive() throws Exception {
    Opener o = opener(null);
    assertEquals(Reason.FROM_THE_FUTURE, reasonOf(o, sealedAt(T0 + SKEW + 1)));
    assertArrayEquals(new byte[] {1}, o.open("c", sealedAt(T0 + SKEW)));
  }

  /**
   * The future check uses the current clock reading; the age check uses the highest reading seen.
   * After the clock steps back, an envelope issued at the old time is not "from the future" by
   * more than the skew only if the skew covers the step.
   */
  @Test
  void futureCheckUsesTheCurrentClock_ageUsesTheHighest() throws Exception {
    Opener o = opener(null);
    o.open("c", sealedAt(T0)); // the opener has now seen T0
    clock.set(T0 - 10_000);
    assertEquals(Reason.FROM_THE_FUTURE, reasonOf(o, sealedAt(T0)));
    assertArrayEquals(new byte[] {1}, o.open("c", sealedAt(T0 - 9_000)));
    // age from T0, not from the stepped-back reading: T0 - MAX_AGE - 1 is expired although it is
    // only MAX_AGE - 10 s - 1 ms older than the clock now reads
    assertEquals(Reason.EXPIRED, reasonOf(o, sealedAt(T0 - MAX_AGE - 1)));
  }

  /**
   * With only a salt cache, an envelope opened at its issue time is still a replay at the
   * millisecond it expires, and expired the millisecond after: no 1 ms window between the two.
   */
  @Test
  void saltCacheAndAge_meetAtTheExpiryMillisecond() throws Exception {
    Opener o = opener(ReplayGuards.saltCache(10));
    byte[] env = sealedAt(T0);
    o.open("c", env);
    clock.set(T0 + MAX_AGE);
    assertEquals(Reason.REPLAYED, reasonOf(o, env));
    clock.set(T0 + MAX_AGE + 1);
    assertEquals(Reason.EXPIRED, reasonOf(o, env));
  }

  @Test
  void nullAndBadArguments_areClearErrors() throws Exception {
    Opener o = opener(null);
    byte[] env = sealedAt(T0);
    IllegalArgumentException nullChannel = assertThrows(IllegalArgumentException.class, () -> o.open(null, env));
    assertTrue(nullChannel.getMessage().contains("channel"), nullChannel.getMessage());
    assertThrows(IllegalArgumentException.class, () -> o.openText(null, "AA"));
    assertThrows(IllegalArgumentException.class, () -> o.open("", env));
    assertThrows(IllegalArgumentException.class, () -> o.open("x".repeat(257), env));
    assertThrows(IllegalArgumentException.class, () -> o.open("\u00e9".repeat(129), env)); // 258 bytes
    assertEquals(Reason.MALFORMED, assertThrows(EnvelopeException.class, () -> o.open("c", null)).reason());
    assertEquals(Reason.MALFORMED, assertThrows(EnvelopeException.class, () -> o.openText("c", null)).reason());
  }

  /** Names of exactly 256 UTF-8 bytes (length prefix 0x0100) seal and open; the prefix is checked. */
  @Test
  void namesOfExactly256Bytes_roundTrip() throws Exception {
    String session = "s".repeat(256);
    String channel = "\u00e9".repeat(128); // 256 bytes in 128 chars
    Sealer s = Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(clock).build();
    Opener o = Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(clock).build();
    byte[] env = s.seal(channel, new byte[] {7});
    assertArrayEquals(new byte[] {7}, o.open(channel, env));
    byte[] ctx = dev.otpkit.hashing.internal.Wire.context(session, 1, channel);
    assertEquals(1, ctx[0]);
    assertEquals(0, ctx[1]);
    assertEquals(1, ctx[2 + 256 + 1]);
    assertEquals(0, ctx[2 + 256 + 2]);
    // a 255-byte prefix of the channel is another context
    Opener other = Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).clock(clock).build();
    assertEquals(Reason.WRONG_CONTEXT, assertThrows(EnvelopeException.class,
        () -> other.open("\u00e9".repeat(127) + "e", env)).reason());
  }

  /** Two texts for one envelope would be two envelopes to a text-keyed cache: only one opens. */
  @Test
  void nonCanonicalText_isMalformed() throws Exception {
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(sealedAt(T0));
    // the envelope is 83 bytes: 111 characters, the last carrying 2 unused low bits
    assertEquals(3, text.length() % 4);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(text.charAt(text.length() - 1));
    String alias = text.substring(0, text.length() - 1) + alphabet.charAt(last ^ 1);
    assertEquals(Reason.MALFORMED, assertThrows(EnvelopeException.class,
        () -> opener(null).openText("c", alias)).reason());
    assertEquals(Reason.MALFORMED, assertThrows(EnvelopeException.class,
        () -> opener(null).openText("c", "QR")).reason());
    assertArrayEquals(new byte[] {1}, opener(null).openText("c", text));
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\r", "\n", "\n\n", "\r\n", "=", "=="})
  void whiteSpaceOrPaddingAfterTheText_isMalformed(String tail) throws Exception {
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(sealedAt(T0));
    assertEquals(Reason.MALFORMED, assertThrows(EnvelopeException.class,
        () -> opener(null).openText("c", text + tail)).reason());
    assertEquals(Reason.MALFORMED, assertThrows(EnvelopeException.class,
        () -> opener(null).openText("c", tail + text)).reason());
  }

  /** The text limit is ceil(4 (82 + maxPayload) / 3) characters, in both modes. */
  @Test
  void textLimit_isDerivedFromTheMaximumPayload() throws Exception {
    assertEquals(115, Opener.maxTextChars(4)); // 86 bytes
    assertEquals(1_398_211, Opener.maxTextChars(1 << 20));
    Opener o = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).clock(clock)
        .maxPayloadBytes(4).build();
    String atLimit = Base64.getUrlEncoder().withoutPadding().encodeToString(
        sealer.seal("c", "abcd".getBytes(StandardCharsets.US_ASCII), null, T0, nextSeq++));
    assertEquals(115, atLimit.length());
    assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), o.openText("c", atLimit));
    assertEquals(Reason.TOO_LARGE, assertThrows(EnvelopeException.class,
        () -> o.openText("c", atLimit + "A")).reason());
  }
}
