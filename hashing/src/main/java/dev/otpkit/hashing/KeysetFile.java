package dev.otpkit.hashing;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.SecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
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
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A keyset file as {@code otpkit keygen} writes it: Tink's JSON keyset format, in cleartext or
 * encrypted under a key-encryption key (kek) with the associated data {@code "otpkit keyset"}
 * (SPEC.md, section "Keyset files", gives the layout).
 *
 * <p>Reading and writing register the Tink key types they need and use no deprecated Tink call.
 * Cleartext files hold the key material as it is: reading or writing one takes Tink's
 * {@link InsecureSecretKeyAccess} token, so every place that does is greppable; protect such a
 * file like a password, or encrypt it under a kek kept elsewhere (a KMS, a hardware token).
 *
 * <p>New files are created owner-only (where the file system has POSIX permissions) and never
 * overwrite an existing file; {@link #replace} rewrites atomically, so a crash leaves the old
 * keyset or the new one. Files over 1 MiB are refused unread.
 *
 * <pre>{@code
 * KeysetFile file = KeysetFile.read(path, InsecureSecretKeyAccess.get());
 * file = file.replace(EnvelopeKeys.rotate(file.keyset()));
 * EnvelopeKeys keys = file.envelopeKeys();
 * }</pre>
 */
public final class KeysetFile {

  static {
    EnvelopeKeys.registerKeyTypes();
  }

  /** Binds an encrypted keyset to its purpose: a kek-encrypted blob of another kind will not open. */
  private static final byte[] ASSOCIATED_DATA = "otpkit keyset".getBytes(StandardCharsets.US_ASCII);
  /** Far above any real keyset; keeps a wrong path (a disk image, /dev/zero) from filling memory. */
  static final int MAX_FILE_BYTES = 1 << 20;
  private static final Pattern ENCRYPTED_SHAPE = Pattern.compile("\"encryptedKeyset\"\\s*:");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path path;
  private final KeysetHandle keyset;
  private final Aead kek;

  private KeysetFile(Path path, KeysetHandle keyset, Aead kek) {
    this.path = path;
    this.keyset = keyset;
    this.kek = kek;
  }

  /**
   * Reads a cleartext keyset file.
   *
   * @throws IOException naming the file if it is missing, unreadable, a directory or over 1 MiB
   * @throws GeneralSecurityException naming the file if it is encrypted or not a Tink JSON keyset
   */
  public static KeysetFile read(Path file, SecretKeyAccess access) throws IOException, GeneralSecurityException {
    Objects.requireNonNull(access, "access");
    String json = text(file);
    if (ENCRYPTED_SHAPE.matcher(json).find()) {
      throw new GeneralSecurityException("keyset " + file + " is encrypted; read it with its key-encryption key");
    }
    return new KeysetFile(file, parseCleartext(json, "keyset " + file), null);
  }

  /**
   * Reads a keyset file encrypted under {@code kek}.
   *
   * @throws IOException naming the file if it is missing, unreadable, a directory or over 1 MiB
   * @throws GeneralSecurityException naming the file if it is not encrypted, or does not decrypt
   *     under {@code kek} (the wrong kek, or an altered file)
   */
  public static KeysetFile read(Path file, Aead kek) throws IOException, GeneralSecurityException {
    Objects.requireNonNull(kek, "kek");
    String json = text(file);
    if (!ENCRYPTED_SHAPE.matcher(json).find()) {
      throw new GeneralSecurityException("keyset " + file + " is not encrypted; it is read without a"
          + " key-encryption key");
    }
    try {
      return new KeysetFile(file, TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek, ASSOCIATED_DATA,
          RegistryConfiguration.get()), kek);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("keyset " + file + " does not decrypt with this key-encryption"
          + " key: the wrong kek, or the file was altered", e);
    }
  }

  /**
   * The AEAD of a cleartext key-encryption keyset file (one made by {@link #newKek()}).
   *
   * @throws IOException naming the file if it cannot be read
   * @throws GeneralSecurityException naming the file if it is encrypted or not an AEAD keyset
   */
  public static Aead readKek(Path kekFile, SecretKeyAccess access) throws IOException, GeneralSecurityException {
    Objects.requireNonNull(access, "access");
    String json = text(kekFile);
    if (ENCRYPTED_SHAPE.matcher(json).find()) {
      throw new GeneralSecurityException("kek " + kekFile + " is itself encrypted; a kek file is cleartext");
    }
    KeysetHandle handle = parseCleartext(json, "kek " + kekFile);
    try {
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("kek " + kekFile + " is not an AEAD keyset (make one with"
          + " 'otpkit keygen --type kek')", e);
    }
  }

  /** A new key-encryption keyset: one AES-256-GCM key. */
  public static KeysetHandle newKek() throws GeneralSecurityException {
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
  }

  /**
   * Writes {@code keyset} in cleartext to a new file, owner-only.
   *
   * @throws IOException naming the file if it exists (never overwritten) or cannot be written
   */
  public static KeysetFile create(Path file, KeysetHandle keyset, SecretKeyAccess access) throws IOException {
    Objects.requireNonNull(access, "access");
    createFile(file, bytes(cleartextJson(keyset)));
    return new KeysetFile(file, keyset, null);
  }

  /**
   * Writes {@code keyset} encrypted under {@code kek} to a new file, owner-only.
   *
   * @throws IOException naming the file if it exists (never overwritten) or cannot be written
   * @throws GeneralSecurityException if encryption fails
   */
  public static KeysetFile create(Path file, KeysetHandle keyset, Aead kek) throws IOException, GeneralSecurityException {
    Objects.requireNonNull(kek, "kek");
    createFile(file, bytes(encryptedJson(keyset, kek)));
    return new KeysetFile(file, keyset, kek);
  }

  /** The cleartext JSON of {@code keyset}, as the files hold it (for writing to a stream). */
  public static String toJson(KeysetHandle keyset, SecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return cleartextJson(keyset);
  }

  /** The JSON of {@code keyset} encrypted under {@code kek}, as the files hold it. */
  public static String toJson(KeysetHandle keyset, Aead kek) throws GeneralSecurityException {
    return encryptedJson(keyset, Objects.requireNonNull(kek, "kek"));
  }

  private static String cleartextJson(KeysetHandle keyset) {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(Objects.requireNonNull(keyset, "keyset"),
          RegistryConfiguration.get(), InsecureSecretKeyAccess.get()) + "\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("serializing the keyset failed: " + e.getMessage(), e);
    }
  }

  private static String encryptedJson(KeysetHandle keyset, Aead kek) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(Objects.requireNonNull(keyset, "keyset"), kek,
        ASSOCIATED_DATA, RegistryConfiguration.get()) + "\n";
  }

  /** The file this keyset was read from or written to. */
  public Path path() {
    return path;
  }

  /** The keyset, for {@link EnvelopeKeys#rotate} and {@link EnvelopeKeys#disable}. */
  public KeysetHandle keyset() {
    return keyset;
  }

  /** True if the file is encrypted under a kek. */
  public boolean encrypted() {
    return kek != null;
  }

  /**
   * The envelope keys of this keyset.
   *
   * @throws GeneralSecurityException naming the file if a key is not an envelope key or the
   *     primary is not enabled
   */
  public EnvelopeKeys envelopeKeys() throws GeneralSecurityException {
    try {
      return EnvelopeKeys.from(keyset);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("keyset " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the file with {@code updated}, encrypted as the file was and keeping its
   * permissions, atomically (a temporary file in the same directory, forced to disk, then moved
   * over the old one).
   *
   * @return the file as it now is
   * @throws IOException if the file cannot be replaced; the old one is then untouched
   * @throws GeneralSecurityException if encryption fails
   */
  public KeysetFile replace(KeysetHandle updated) throws IOException, GeneralSecurityException {
    byte[] json = bytes(kek == null ? cleartextJson(updated) : encryptedJson(updated, kek));
    Path target = path.toRealPath();
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", ownerOnly(target));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        Channels.newOutputStream(ch).write(json); // writes all of it
        ch.force(true);
      }
      if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Arrays.fill(json, (byte) 0);
      Files.deleteIfExists(temp);
    }
    return new KeysetFile(path, updated, kek);
  }

  @Override
  public String toString() {
    return "KeysetFile{" + path + (kek != null ? ", encrypted" : ", cleartext") + "}";
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void createFile(Path file, byte[] bytes) throws IOException {
    Objects.requireNonNull(file, "file");
    Path parent = file.toAbsolutePath().getParent();
    try (OutputStream out = Channels.newOutputStream(FileChannel.open(file,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(parent)))) {
      out.write(bytes);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists; a keyset file is never overwritten", e);
    } catch (FileSystemException e) {
      throw described(e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The file as text, refusing a directory or more than {@link #MAX_FILE_BYTES}. */
  private static String text(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new IOException(file + ": is a directory, not a keyset file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, MAX_FILE_BYTES + 1L - read.size()))) > 0) {
        read.write(chunk, 0, n);
      }
      if (read.size() > MAX_FILE_BYTES) {
        throw new IOException(file + " is longer than the limit of " + MAX_FILE_BYTES + " bytes for a keyset file");
      }
      return read.toString(StandardCharsets.UTF_8);
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

  private static KeysetHandle parseCleartext(String json, String what) throws GeneralSecurityException {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      // Tink's JSON parser reports some malformed input as unchecked exceptions
      throw new GeneralSecurityException(what + " is not a Tink JSON keyset: "
          + String.valueOf(e.getMessage()).replace('\n', ' '), e);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path existing) throws IOException {
    return Files.getFileStore(existing).supportsFileAttributeView("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }
}
