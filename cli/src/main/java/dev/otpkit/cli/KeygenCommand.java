package dev.otpkit.cli;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.KeysetFile;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Makes a new keyset (Tink JSON): envelope keys, or a key-encryption key.",
        "Cleartext unless --kek FILE is given. Never overwrites an --out file."})
final class KeygenCommand implements Callable<Integer> {

  /** What the keyset is for; the constants are the option values. */
  enum Type {
    envelope, kek
  }

  private final Main.Io io;

  @Option(names = "--type", paramLabel = "T", defaultValue = "envelope",
      description = "envelope (keys for seal/open) or kek (a key-encryption key) (default: ${DEFAULT-VALUE}).")
  Type type;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write to a new file, owner-only (rw-------); default, or '-': stdout.")
  Path out;

  @Option(names = "--kek", paramLabel = "FILE",
      description = "Encrypt the keyset under this cleartext key-encryption keyset.")
  Path kek;

  KeygenCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    // '-' is stdout, as for most Unix tools: a keyset file named '-' is a trap, not a wish ('./-' still makes one)
    Path file = out == null || out.toString().equals("-") ? null : out;
    if (file != null && file.toString().isEmpty()) {
      throw new UsageException("--out needs a file name, or '-' for stdout");
    }
    Aead encryptUnder = kek == null ? null : KeysetFiles.kek(kek);
    KeysetHandle keyset = generate();
    if (file == null) {
      String json = encryptUnder == null ? KeysetFile.toJson(keyset, KeysetFiles.CLEARTEXT)
          : KeysetFiles.refusalAsError(() -> KeysetFile.toJson(keyset, encryptUnder));
      io.out().write(json.getBytes(StandardCharsets.UTF_8));
      io.out().flush();
    } else if (encryptUnder == null) {
      KeysetFile.create(file, keyset, KeysetFiles.CLEARTEXT);
    } else {
      KeysetFiles.refusalAsError(() -> KeysetFile.create(file, keyset, encryptUnder));
    }
    if (encryptUnder == null) {
      io.err().println("otpkit keygen: warning: the keyset is written in cleartext; protect the file or use --kek FILE");
    }
    return 0;
  }

  private KeysetHandle generate() {
    try {
      return type == Type.kek ? KeysetFile.newKek()
          : EnvelopeKeys.newKeyset();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("generating a " + type + " keyset failed: " + e.getMessage(), e);
    }
  }
}
