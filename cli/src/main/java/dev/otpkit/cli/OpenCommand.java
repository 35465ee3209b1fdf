package dev.otpkit.cli;

import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "open", mixinStandardHelpOptions = true,
    description = {"Opens the text envelope on stdin and writes its payload to stdout.",
        "Stdin is the envelope as seal prints it: the text and at most one newline, no",
        "other white space. A rejected envelope: exit 1, one stderr line",
        "'rejected: <reason>', no output.",
        "No replay state is kept between runs: within --max-age an envelope opens again",
        "in a new run. A service that must accept each envelope once keeps one Opener."})
final class OpenCommand implements Callable<Integer> {

  /**
   * The text of the largest envelope this command opens (SPEC.md, "Limits") and its newline;
   * stdin is never read further. Longer input is too-large, as the opener would say.
   */
  static final int MAX_ENVELOPE_TEXT_BYTES = Opener.maxTextChars(SealCommand.MAX_PAYLOAD_BYTES) + 1;

  private final Main.Io io;

  @Mixin
  KeysetFiles.Options keyset;

  @Mixin
  SealCommand.Context context;

  @Option(names = "--encrypt", description = "Require an encrypted envelope (default: require MAC only).")
  boolean encrypt;

  @Option(names = "--max-age", paramLabel = "SECONDS", defaultValue = "60", converter = MaxAge.class,
      description = "Oldest envelope accepted, in seconds: 1 to " + MaxAge.MAX + " (about 68 years;"
          + " default: ${DEFAULT-VALUE}).")
  int maxAgeSeconds;

  OpenCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    EnvelopeKeys keys = keyset.load().envelopeKeys();
    Opener opener = KeysetFiles.refusalAsError(() -> Opener.builder(keys)
        .session(context.session).direction(context.direction).encrypted(encrypt)
        .maxAge(Duration.ofSeconds(maxAgeSeconds)).maxPayloadBytes(SealCommand.MAX_PAYLOAD_BYTES).build());
    byte[] text;
    try {
      text = KeysetFiles.readAtMost(io.in(), MAX_ENVELOPE_TEXT_BYTES, "the envelope on stdin");
    } catch (IllegalArgumentException overLimit) {
      return rejected(Reason.TOO_LARGE);
    }
    // One trailing newline is what seal prints (and echo, and an editor); the opener, like
    // Opener.openText, takes no other white space: a stray space or CR is malformed.
    int length = text.length > 0 && text[text.length - 1] == '\n' ? text.length - 1 : text.length;
    byte[] payload;
    try {
      payload = opener.openText(context.channel, new String(text, 0, length, StandardCharsets.UTF_8));
    } catch (EnvelopeException e) {
      return rejected(e.reason());
    }
    try {
      io.out().write(payload);
      io.out().flush();
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    return 0;
  }

  /**
   * 1 second to 2^31 - 1 seconds: in milliseconds that is far from overflowing when added to any
   * issue time, and no envelope between a UI and its backend lives longer.
   */
  static final class MaxAge implements ITypeConverter<Integer> {
    static final int MAX = Integer.MAX_VALUE;

    @Override
    public Integer convert(String value) {
      long seconds;
      try {
        seconds = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        seconds = 0;
      }
      if (seconds < 1 || seconds > MAX) {
        throw new TypeConversionException("must be a whole number of seconds from 1 to " + MAX + ", got '" + value + "'");
      }
      return (int) seconds;
    }
  }

  private int rejected(Reason reason) {
    io.err().println("rejected: " + reason.id());
    return Main.FAILED;
  }
}
