package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code otpkit seal} and {@code otpkit open}, piped into each other in-process. */
class SealOpenCommandTest {

  private static final String[] CONTEXT = {"--session", "s-42", "--channel", "orders"};

  @TempDir
  static Path dir;
  private static Path keys;

  @BeforeAll
  static void keyset() {
    keys = KeygenCommandTest.keygen(dir, "keys.json");
  }

  /** {@code otpkit <command> --keyset keyset}, the {@code CONTEXT} options {@code extra} does not replace, and {@code extra}. */
  static String[] args(String command, Path keyset, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, "--keyset", keyset.toString()));
    List<String> overrides = List.of(extra);
    for (int i = 0; i < CONTEXT.length; i += 2) {
      if (!overrides.contains(CONTEXT[i])) {
        args.addAll(List.of(CONTEXT[i], CONTEXT[i + 1]));
      }
    }
    args.addAll(overrides);
    return args.toArray(String[]::new);
  }

  /** Seals {@code payload} and returns the envelope line as printed. */
  static String seal(Path keyset, byte[] payload, String... extra) {
    CliRun run = CliRun.withInput(payload, args("seal", keyset, extra));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    String text = run.text();
    assertTrue(text.matches("[A-Za-z0-9_-]+\n"), text);
    return text;
  }

  static CliRun open(Path keyset, String envelope, String... extra) {
    return CliRun.withInput(envelope.getBytes(StandardCharsets.UTF_8), args("open", keyset, extra));
  }

  static void assertRejected(CliRun run, String reason) {
    assertEquals(Main.FAILED, run.exit(), run.stderr());
    assertEquals("rejected: " + reason + "\n", run.stderr());
    assertEquals(0, run.stdout().length);
  }

  static Stream<Arguments> payloads() {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] largest = new byte[SealCommand.MAX_PAYLOAD_BYTES];
    new java.util.SplittableRandom(7).nextBytes(largest); // test data, not a secret
    List<Arguments> cases = new ArrayList<>();
    for (String mode : List.of("mac", "--encrypt")) {
      cases.add(Arguments.of(mode, "empty", new byte[0]));
      cases.add(Arguments.of(mode, "every byte value", everyByte));
      cases.add(Arguments.of(mode, "CR LF and trailing blanks", "line\r\n \t\n".getBytes(StandardCharsets.US_ASCII)));
      cases.add(Arguments.of(mode, "1 MiB, the limit", largest));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("payloads")
  void roundTrip_givesBackTheExactBytes(String mode, String what, byte[] payload) {
    String[] flags = mode.equals("mac") ? new String[0] : new String[] {mode};
    CliRun opened = open(keys, seal(keys, payload, flags), flags);
    assertEquals(0, opened.exit(), opened.stderr());
    assertEquals("", opened.stderr());
    assertArrayEquals(payload, opened.stdout());
  }

  @Test
  void encrypt_hidesThePayload_macOnlyDoesNot() {
    byte[] payload = "the launch code is 0000 0000 0000".getBytes(StandardCharsets.US_ASCII);
    String marker = HexFormat.of().formatHex(Arrays.copyOf(payload, 10));
    assertTrue(hex(seal(keys, payload)).contains(marker));
    assertFalse(hex(seal(keys, payload, "--encrypt")).contains(marker));
  }

  private static String hex(String envelope) {
    return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(envelope.strip()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mac", "--encrypt"})
  void oneFlippedCharacter_isABadTag(String mode) {
    String[] flags = mode.equals("mac") ? new String[0] : new String[] {mode};
    String envelope = seal(keys, new byte[64], flags).strip();
    int middle = envelope.length() / 2; // inside the payload: past the 50-byte header
    char flipped = envelope.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = envelope.substring(0, middle) + flipped + envelope.substring(middle + 1);
    assertNotEquals(envelope, tampered);
    assertRejected(open(keys, tampered, flags), "bad-tag");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("otherContexts")
  void otherSessionChannelOrDirection_isTheWrongContext(String option, String value) {
    assertRejected(open(keys, seal(keys, new byte[] {1, 2, 3}), option, value), "wrong-context");
  }

  static Stream<Arguments> otherContexts() {
    return Stream.of(Arguments.of("--session", "s-43"), Arguments.of("--channel", "payments"),
        Arguments.of("--direction", "ui"));
  }

  @Test
  void direction_namesTheSender_onBothSides() {
    String fromUi = seal(keys, new byte[] {9}, "--direction", "ui");
    CliRun opened = open(keys, fromUi, "--direction", "ui");
    assertEquals(0, opened.exit(), opened.stderr());
    assertRejected(open(keys, fromUi), "wrong-context"); // open defaults to backend, like seal
  }

  @Test
  void macOnlyEnvelope_whenEncryptionIsRequired_isTheWrongMode() {
    assertRejected(open(keys, seal(keys, new byte[] {1}), "--encrypt"), "wrong-mode");
  }

  @Test
  void encryptedEnvelope_whenMacOnlyIsExpected_isTheWrongMode() {
    assertRejected(open(keys, seal(keys, new byte[] {1}, "--encrypt")), "wrong-mode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "hello, world", "AQAA", "%%%%", "  leading blanks are not stripped"})
  void garbage_isMalformed(String text) {
    assertRejected(open(keys, text), "malformed");
  }

  @Test
  void envelopeUnderAnotherKeyset_isAnUnknownKey(@TempDir Path other) {
    Path otherKeys = KeygenCommandTest.keygen(other, "other.json");
    assertRejected(open(keys, seal(otherKeys, new byte[] {1})), "unknown-key");
  }

  @Test
  void oversizedPayload_isAClearError_andPrintsNothing() {
    CliRun run = CliRun.withInput(new byte[SealCommand.MAX_PAYLOAD_BYTES + 1], args("seal", keys));
    assertEquals(Main.FAILED, run.exit());
    assertEquals(0, run.stdout().length);
    assertEquals("otpkit: the payload on stdin is longer than the limit of 1048576 bytes", run.stderr().strip());
  }

  /**
   * Stdin is the envelope as seal prints it: the text and one newline. The trailing " ", "\t",
   * "\r", "\n\n" and "\r\n" were stripped and opened although Opener.openText rejects them.
   */
  @ParameterizedTest(name = "envelope + {0}")
  @ValueSource(strings = {" ", "\t", "\r", "\n\n", "\r\n", "\n ", " \n", "\u00a0"})
  void whiteSpaceOtherThanOneTrailingNewline_isMalformed(String tail) {
    String line = seal(keys, new byte[] {7});
    String envelope = line.substring(0, line.length() - 1);
    assertEquals(0, open(keys, envelope).exit(), "without a newline");
    assertEquals(0, open(keys, envelope + "\n").exit(), "with seal's newline");
    assertRejected(open(keys, envelope + tail), "malformed");
    assertRejected(open(keys, "\n" + envelope + "\n"), "malformed");
  }

  /** It printed "otpkit: the envelope on stdin is longer than ..." for input over the limit. */
  @Test
  void oversizedEnvelope_isRejectedTooLarge() {
    assertRejected(CliRun.withInput(new byte[3 << 20], args("open", keys)), "too-large");
    // one character over the opener's text limit (1,398,211 for a 1 MiB payload), no newline
    byte[] text = new byte[dev.otpkit.hashing.Opener.maxTextChars(SealCommand.MAX_PAYLOAD_BYTES) + 1];
    Arrays.fill(text, (byte) 'A');
    assertRejected(CliRun.withInput(text, args("open", keys)), "too-large");
  }

  /** Endless input: rejected after reading at most the limit and one byte, never buffered whole. */
  @Test
  void endlessStdin_isRejectedTooLarge_afterLimitPlusOneBytes() {
    long[] served = {0};
    java.io.InputStream endless = new java.io.InputStream() {
      @Override
      public int read() {
        served[0]++;
        return 'A';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Arrays.fill(b, off, off + len, (byte) 'A');
        served[0] += len;
        return len;
      }
    };
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int exit = Main.run(args("open", keys), endless, out, new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertRejected(new CliRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8)), "too-large");
    assertTrue(served[0] <= OpenCommand.MAX_ENVELOPE_TEXT_BYTES + 1L, served[0] + " bytes read");
  }

  /** --max-age 9223372036854775807 exited 70 (long overflow); the largest accepted value opens. */
  @Test
  void largestMaxAge_opens() {
    CliRun run = open(keys, seal(keys, new byte[] {3}), "--max-age", Integer.toString(Integer.MAX_VALUE));
    assertEquals(0, run.exit(), run.stderr());
    assertArrayEquals(new byte[] {3}, run.stdout());
  }

  /** The help said every run starts at sequence 0. */
  @Test
  void sealHelp_saysSequenceNumbersContinue() {
    CliRun run = CliRun.of("seal", "--help");
    assertEquals(0, run.exit());
    String help = run.text().replaceAll("\\s+", " ");
    assertFalse(help.contains("sequence number 0"), help);
    assertTrue(help.contains("Sequence numbers continue above those of earlier runs for the same keyset,"
        + " session and direction."), help);
  }

  @Test
  void noReplayStateBetweenRuns_asDocumented() {
    String envelope = seal(keys, new byte[] {5});
    assertEquals(0, open(keys, envelope).exit());
    assertEquals(0, open(keys, envelope).exit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "9223372036854775807", "2147483648", "1.5"})
  void maxAgeOutOfRange_isAUsageError(String seconds) {
    CliRun run = open(keys, seal(keys, new byte[] {1}), "--max-age", seconds);
    assertEquals(Main.USAGE, run.exit());
    assertEquals("otpkit: Invalid value for option '--max-age': must be a whole number of seconds from 1 to"
        + " 2147483647, got '" + seconds + "' (see 'otpkit open --help')", run.stderr().strip());
  }

  @Test
  void badSessionAndUnknownOptions_areOneLineErrors() {
    CliRun empty = CliRun.withInput(new byte[1], args("seal", keys, "--session", ""));
    assertEquals(Main.USAGE, empty.exit());
    assertEquals("otpkit: Invalid value for option '--session': must be 1 to 256 UTF-8 bytes, got 0"
        + " (see 'otpkit seal --help')", empty.stderr().strip());
    CliRun unknown = CliRun.withInput(new byte[1], args("seal", keys, "--sign"));
    assertEquals(Main.USAGE, unknown.exit());
    CliRun badDirection = CliRun.withInput(new byte[1], args("open", keys, "--direction", "server"));
    assertEquals(Main.USAGE, badDirection.exit());
    assertTrue(badDirection.stderr().contains("direction is 'ui' (UI to backend) or 'backend'"), badDirection.stderr());
  }

  /** A real process reading a real pipe: FileInputStream, not the in-memory stream of CliRun. */
  @Test
  void seal_readsStdinFromAPipe() throws Exception {
    Process p = new ProcessBuilder(ExternalTool.otpkitCommand(args("seal", keys))).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write("from a pipe".getBytes(StandardCharsets.US_ASCII));
    }
    String envelope = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "otpkit seal hung");
    assertEquals(0, p.exitValue(), err);
    CliRun opened = open(keys, envelope);
    assertEquals("from a pipe", opened.text(), opened.stderr());
  }
}
