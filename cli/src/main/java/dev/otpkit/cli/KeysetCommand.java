package dev.otpkit.cli;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import dev.otpkit.hashing.EnvelopeKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "keyset", mixinStandardHelpOptions = true,
    description = "Lists, rotates and disables the keys of an envelope keyset file.",
    subcommands = {KeysetCommand.ListKeys.class, KeysetCommand.Rotate.class, KeysetCommand.Disable.class})
final class KeysetCommand {

  /** A subcommand on one keyset file, which it reads and checks before anything else. */
  private abstract static class OnKeyset implements Callable<Integer> {
    private final Main.Io io;

    @Mixin
    KeysetFiles.Options keyset;

    OnKeyset(Main.Io io) {
      this.io = io;
    }

    @Override
    public final Integer call() throws IOException {
      KeysetFiles.Loaded loaded = keyset.load();
      loaded.envelopeKeys(); // refuses a keyset that seal and open could not use
      run(loaded, io.text());
      io.text().flush();
      return 0;
    }

    abstract void run(KeysetFiles.Loaded loaded, PrintStream out) throws IOException;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "One line per key: key <id> <enabled|disabled> [primary].")
  static final class ListKeys extends OnKeyset {
    ListKeys(Main.Io io) {
      super(io);
    }

    @Override
    void run(KeysetFiles.Loaded loaded, PrintStream out) {
      KeysetHandle handle = loaded.handle();
      for (int i = 0; i < handle.size(); i++) {
        KeysetHandle.Entry e = handle.getAt(i);
        out.println("key " + Integer.toUnsignedString(e.getId()) + " "
            + (e.getStatus() == KeyStatus.ENABLED ? "enabled" : "disabled") + (e.isPrimary() ? " primary" : ""));
      }
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Adds a fresh key and makes it primary; older keys still open envelopes.",
          "Rewrites the file atomically, encrypted if it was. Prints the new primary id."})
  static final class Rotate extends OnKeyset {
    Rotate(Main.Io io) {
      super(io);
    }

    @Override
    void run(KeysetFiles.Loaded loaded, PrintStream out) throws IOException {
      KeysetHandle rotated = KeysetFiles.refusalAsError(() -> EnvelopeKeys.rotate(loaded.handle()));
      loaded.replaceWith(rotated);
      out.println(Integer.toUnsignedString(rotated.getPrimary().getId()));
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = {"Disables a key: envelopes under it are rejected (disabled-key).",
          "The primary cannot be disabled; rotate first. Rewrites the file atomically."})
  static final class Disable extends OnKeyset {
    @Option(names = "--key-id", paramLabel = "ID", required = true, converter = UnsignedId.class,
        description = "The key to disable, as 'keyset list' prints it.")
    int keyId;

    Disable(Main.Io io) {
      super(io);
    }

    @Override
    void run(KeysetFiles.Loaded loaded, PrintStream out) throws IOException {
      loaded.replaceWith(KeysetFiles.refusalAsError(() -> EnvelopeKeys.disable(loaded.handle(), keyId)));
    }
  }

  /** Key ids are unsigned 32-bit numbers. */
  static final class UnsignedId implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.parseUnsignedInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a key id (0 to 4294967295)");
      }
    }
  }
}
