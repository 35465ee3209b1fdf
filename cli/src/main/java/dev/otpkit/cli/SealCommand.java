package dev.otpkit.cli;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Sealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "seal", mixinStandardHelpOptions = true,
    description = {"Seals the payload on stdin and prints the text envelope and a newline.",
        "The payload is at most 1 MiB. Sequence numbers continue above those of earlier",
        "runs for the same keyset, session and direction."})
final class SealCommand implements Callable<Integer> {

  /** The largest payload read from stdin: the default payload limit of an opener. */
  static final int MAX_PAYLOAD_BYTES = 1 << 20;

  private final Main.Io io;

  @Mixin
  KeysetFiles.Options keyset;

  @Mixin
  Context context;

  @Option(names = "--encrypt", description = "Encrypt the payload with AES-256-GCM (default: MAC only).")
  boolean encrypt;

  SealCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    EnvelopeKeys keys = keyset.load().envelopeKeys();
    Sealer sealer = KeysetFiles.refusalAsError(() -> Sealer.builder(keys)
        .session(context.session).direction(context.direction).encrypted(encrypt).build());
    byte[] payload = KeysetFiles.readAtMost(io.in(), MAX_PAYLOAD_BYTES, "the payload on stdin");
    String envelope = sealer.sealText(context.channel, payload);
    io.out().write((envelope + "\n").getBytes(StandardCharsets.US_ASCII));
    io.out().flush();
    return 0;
  }

  /** Where an envelope belongs: the options seal and open share. */
  static final class Context {
    @Option(names = "--session", paramLabel = "ID", required = true, converter = Name.class,
        description = "The session id (1 to 256 UTF-8 bytes).")
    String session;

    @Option(names = "--channel", paramLabel = "NAME", required = true, converter = Name.class,
        description = "The channel the message travels on (1 to 256 UTF-8 bytes).")
    String channel;

    @Option(names = "--direction", paramLabel = "SENDER", defaultValue = "backend", converter = Sender.class,
        description = "Who sends the message: ui or backend (default: ${DEFAULT-VALUE}).")
    Direction direction;
  }

  /** A session id or channel name: 1 to 256 UTF-8 bytes, as the envelope format takes them. */
  static final class Name implements ITypeConverter<String> {
    static final int MAX_BYTES = 256;

    @Override
    public String convert(String value) {
      int n = value.getBytes(StandardCharsets.UTF_8).length;
      if (n < 1 || n > MAX_BYTES) {
        throw new TypeConversionException("must be 1 to " + MAX_BYTES + " UTF-8 bytes, got " + n);
      }
      return value;
    }
  }

  /** {@code ui} or {@code backend}: the sending side names the direction. */
  static final class Sender implements ITypeConverter<Direction> {
    @Override
    public Direction convert(String value) {
      try {
        return Direction.sentBy(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
