package dev.otpkit.cli;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.otpkit.hashing.EnvelopeKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Keyset files: Tink JSON, in cleartext or encrypted under a key-encryption key (kek) with the
 * associated data {@code "otpkit keyset"}. New files are created owner-only and never overwrite;
 * rewritten files are replaced atomically, so a crash leaves the old keyset or the new one.
 */
final class KeysetFiles {

  static {
    EnvelopeKeys.registerKeyTypes(); // parsing must know the key types
  }

  /** Binds an encrypted keyset to its purpose: a kek-encrypted blob of another kind will not open. */
  private static final byte[] ASSOCIATED_DATA = "otpkit keyset".getBytes(StandardCharsets.US_ASCII);

  /** Far above any real keyset; keeps a wrong path (a disk image, /dev/zero) from filling memory. */
  private static final int MAX_FILE_BYTES = 1 << 20;

  private static final Pattern ENCRYPTED_SHAPE = Pattern.compile("\"encryptedKeyset\"\\s*:");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
      return read(keyset, kek);
    }
  }

  /** A keyset as read, with the kek it was encrypted under (null: it was cleartext). */
  record Loaded(Path file, KeysetHandle handle, Aead kek) {

    /** The envelope keys of this keyset. */
    EnvelopeKeys envelopeKeys() {
      try {
        return EnvelopeKeys.from(handle);
      } catch (GeneralSecurityException | IllegalStateException e) {
        // Tink parses entries lazily: a damaged key surfaces as IllegalStateException from getAt
        throw new IllegalArgumentException("keyset " + file + ": " + e.getMessage(), e);
      }
    }

    /** Replaces the file with {@code updated}, encrypted as the file was, keeping its permissions. */
    void replaceWith(KeysetHandle updated) throws IOException {
      Path target = file.toRealPath();
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
          ownerOnly(target));
      try {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          Channels.newOutputStream(ch).write(serialize(updated, kek)); // writes all of it
          ch.force(true);
        }
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Reads {@code file}; an encrypted one needs {@code kekFile}, a cleartext one refuses it. */
  static Loaded read(Path file, Path kekFile) throws IOException {
    String json = text(file);
    if (!ENCRYPTED_SHAPE.matcher(json).find()) {
      if (kekFile != null) {
        throw new IllegalArgumentException("keyset " + file + " is not encrypted; --kek applies to"
            + " encrypted keysets only");
      }
      return new Loaded(file, parseCleartext(json, "keyset " + file), null);
    }
    if (kekFile == null) {
      throw new IllegalArgumentException("keyset " + file + " is encrypted; give --kek FILE");
    }
    Aead kek = kek(kekFile);
    try {
      return new Loaded(file, TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek, ASSOCIATED_DATA), kek);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("keyset " + file + " does not decrypt with kek " + kekFile
          + ": wrong kek, or the file was altered", e);
    }
  }

  /** A new key-encryption keyset: one AES-256-GCM key. */
  static KeysetHandle newKek() throws GeneralSecurityException {
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
  }

  /** The AEAD of a cleartext kek keyset file. */
  static Aead kek(Path kekFile) throws IOException {
    String json = text(kekFile);
    if (ENCRYPTED_SHAPE.matcher(json).find()) {
      throw new IllegalArgumentException("kek " + kekFile + " is itself encrypted; a kek file is cleartext");
    }
    KeysetHandle handle = parseCleartext(json, "kek " + kekFile);
    try {
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("kek " + kekFile + " is not an AEAD keyset; make one with"
          + " 'otpkit keygen --type kek'", e);
    }
  }

  /** Tink JSON of {@code handle}: encrypted under {@code kek}, or cleartext when it is null. */
  static byte[] serialize(KeysetHandle handle, Aead kek) {
    try {
      String json = kek == null
          ? TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get())
          : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, ASSOCIATED_DATA);
      return (json + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("serializing the keyset failed: " + e.getMessage(), e);
    }
  }

  /** Writes {@code bytes} to a new file, owner-only where the file system has POSIX permissions. */
  static void create(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileChannel.open(file,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        ownerOnly(file.toAbsolutePath().getParent())))) {
      out.write(bytes);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(file + " already exists; otpkit never overwrites a keyset file", e);
    } catch (FileSystemException e) {
      throw described(e);
    }
  }

  /** A library call whose {@link GeneralSecurityException} is a bad keyset or a refused change. */
  interface KeyedCall<T> {
    T call() throws GeneralSecurityException;
  }

  /** The result of {@code call}; its refusal becomes a one-line {@link IllegalArgumentException}. */
  static <T> T refusalAsError(KeyedCall<T> call) {
    try {
      return call.call();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
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

  private static String text(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(readAtMost(in, MAX_FILE_BYTES, file.toString()), StandardCharsets.UTF_8);
    } catch (FileSystemException e) {
      throw described(e);
    }
  }

  /** The JDK's message of a missing file is its bare path; say what went wrong. */
  private static IOException described(FileSystemException e) {
    String why = e instanceof NoSuchFileException ? "no such file or directory"
        : e instanceof AccessDeniedException ? "permission denied"
        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    return new IOException(e.getFile() + ": " + why, e);
  }

  private static KeysetHandle parseCleartext(String json, String what) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(what + " is not a Tink JSON keyset: " + Main.oneLine(e.getMessage()), e);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path existing) throws IOException {
    return Files.getFileStore(existing).supportsFileAttributeView("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }
}
