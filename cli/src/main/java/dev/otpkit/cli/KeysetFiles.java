package dev.otpkit.cli;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.SecretKeyAccess;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.KeysetFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * The command line's side of keyset files: the {@code --keyset}/{@code --kek} options, and the
 * library's {@link KeysetFile} with its refusals turned into one-line errors. The commands are
 * tools for the operator who owns the keys, so they read and write cleartext keysets.
 */
final class KeysetFiles {

  /** The commands handle the operator's own key files; this is where they say so. */
  static final SecretKeyAccess CLEARTEXT = InsecureSecretKeyAccess.get();

  private KeysetFiles() {}

  /** The {@code --keyset FILE [--kek FILE]} options of the commands that use a keyset. */
  static final class Options {
    @Option(names = "--keyset", paramLabel = "FILE", required = true,
        description = "The envelope keyset (Tink JSON, cleartext or encrypted).")
    Path keyset;

    @Option(names = "--kek", paramLabel = "FILE",
        description = "Cleartext key-encryption keyset that decrypts an encrypted --keyset.")
    Path kek;

    /** Reads the keyset, decrypting it when it is encrypted. */
    Loaded load() throws IOException {
      return new Loaded(refusalAsError(() -> kek == null ? KeysetFile.read(keyset, CLEARTEXT)
          : KeysetFile.read(keyset, kek(kek))));
    }
  }

  /** A keyset file as read. */
  static final class Loaded {
    private KeysetFile file;

    Loaded(KeysetFile file) {
      this.file = file;
    }

    KeysetHandle handle() {
      return file.keyset();
    }

    /** The envelope keys of this keyset, or a one-line error naming the file. */
    EnvelopeKeys envelopeKeys() {
      try {
        return file.envelopeKeys();
      } catch (GeneralSecurityException | IllegalStateException e) {
        // Tink parses entries lazily: a damaged key surfaces as IllegalStateException from getAt
        throw new IllegalArgumentException(Main.oneLine(e.getMessage()), e);
      }
    }

    /** Replaces the file with {@code updated}, encrypted as the file was, keeping its permissions. */
    void replaceWith(KeysetHandle updated) throws IOException {
      file = refusalAsError(() -> file.replace(updated));
    }
  }

  /** The AEAD of a cleartext kek keyset file. */
  static Aead kek(Path kekFile) throws IOException {
    return refusalAsError(() -> KeysetFile.readKek(kekFile, CLEARTEXT));
  }

  /** A library call that reads or writes files and may refuse a keyset or a change. */
  interface KeyedCall<T> {
    T call() throws IOException, GeneralSecurityException;
  }

  /** The result of {@code call}; its refusal becomes a one-line {@link IllegalArgumentException}. */
  static <T> T refusalAsError(KeyedCall<T> call) throws IOException {
    try {
      return call.call();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(Main.oneLine(e.getMessage()), e);
    } catch (IllegalStateException e) {
      // Tink parses entries lazily: a damaged key surfaces as IllegalStateException from getAt
      throw new IllegalArgumentException(Main.oneLine(e.getMessage()), e);
    }
  }

  /**
   * All of {@code in}, refusing more than {@code limit} bytes.
   *
   * @throws IllegalArgumentException naming {@code what} if the input is longer
   */
  static byte[] readAtMost(InputStream in, int limit, String what) throws IOException {
    // Not in.readNBytes(int): JDK 17.0.15's FileInputStream override asks for the position, and a
    // pipe has none ("Illegal seek").
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, limit + 1L - read.size()))) > 0) {
      read.write(chunk, 0, n);
    }
    Arrays.fill(chunk, (byte) 0);
    if (read.size() > limit) {
      throw new IllegalArgumentException(what + " is longer than the limit of " + limit + " bytes");
    }
    return read.toByteArray();
  }
}
