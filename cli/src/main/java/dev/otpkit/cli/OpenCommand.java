package dev.otpkit.cli;

import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "open", mixinStandardHelpOptions = true,
    description = {"Opens the text envelope on stdin and writes its payload to stdout.",
        "A rejected envelope: exit 1, one stderr line 'rejected: <reason>', no output.",
        "No replay state is kept between runs: within --max-age an envelope opens again",
        "in a new run. A service that must accept each envelope once keeps one Opener."})
final class OpenCommand implements Callable<Integer> {

  /** Above the text of the largest envelope (1 MiB payload, base64url), with room for whitespace. */
  private static final int MAX_ENVELOPE_TEXT_BYTES = 2 << 20;

  private final Main.Io io;

  @Mixin
  KeysetFiles.Options keyset;

  @Mixin
  SealCommand.Context context;

  @Option(names = "--encrypt", description = "Require an encrypted envelope (default: require MAC only).")
  boolean encrypt;

  @Option(names = "--max-age", paramLabel = "SECONDS", defaultValue = "60",
      description = "Oldest envelope accepted, in seconds (default: ${DEFAULT-VALUE}).")
  long maxAgeSeconds;

  OpenCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (maxAgeSeconds <= 0) {
      throw new IllegalArgumentException("--max-age must be at least 1 second, got " + maxAgeSeconds);
    }
    EnvelopeKeys keys = keyset.load().envelopeKeys();
    Opener opener = KeysetFiles.refusalAsError(() -> Opener.builder(keys)
        .session(context.session).direction(context.direction).encrypted(encrypt)
        .maxAge(Duration.ofSeconds(maxAgeSeconds)).maxPayloadBytes(SealCommand.MAX_PAYLOAD_BYTES).build());
    String envelope = new String(KeysetFiles.readAtMost(io.in(), MAX_ENVELOPE_TEXT_BYTES, "the envelope on stdin"),
        StandardCharsets.UTF_8).stripTrailing();
    byte[] payload;
    try {
      payload = opener.openText(context.channel, envelope);
    } catch (EnvelopeException e) {
      io.err().println("rejected: " + e.reason().id());
      return Main.FAILED;
    }
    try {
      io.out().write(payload);
      io.out().flush();
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    return 0;
  }
}
