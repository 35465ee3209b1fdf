package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.mac.MacConfig;
import dev.otpkit.hashing.EnvelopeKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code otpkit keygen}: checked by parsing its output with Tink itself, not with the CLI's reader. */
class KeygenCommandTest {

  static final String CLEARTEXT_WARNING =
      "otpkit keygen: warning: the keyset is written in cleartext; protect the file or use --kek FILE";

  @BeforeAll
  static void registerTink() throws GeneralSecurityException {
    MacConfig.register();
    AeadConfig.register();
  }

  /** Runs {@code otpkit keygen --out dir/name} plus {@code options} and returns the file. */
  static Path keygen(Path dir, String name, String... options) {
    Path file = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("keygen", "--out", file.toString()));
    args.addAll(List.of(options));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exit(), run.stderr());
    return file;
  }

  private static KeysetHandle parseCleartext(String json) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseKeyset(json, RegistryConfiguration.get(),
        InsecureSecretKeyAccess.get());
  }

  @Test
  void cleartext_toStdout_isOneEnabledPrimaryEnvelopeKey_andWarns() throws Exception {
    CliRun run = CliRun.of("keygen");
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(CLEARTEXT_WARNING, run.stderr().strip());
    KeysetHandle handle = parseCleartext(run.text());
    assertEquals(1, handle.size());
    KeysetHandle.Entry key = handle.getAt(0);
    assertTrue(key.isPrimary());
    assertEquals(KeyStatus.ENABLED, key.getStatus());
    assertEquals(EnvelopeKeys.PARAMETERS, key.getKey().getParameters());
    assertEquals(key.getId(), EnvelopeKeys.from(handle).primaryId());
  }

  /** {@code --out -} wrote a file named "-"; it is stdout, as the default is. */
  @Test
  void outDash_isStdout_andMakesNoFileNamedDash(@TempDir Path dir) throws Exception {
    Process p = new ProcessBuilder(ExternalTool.otpkitCommand("keygen", "--out", "-")).directory(dir.toFile()).start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals(CLEARTEXT_WARNING, err.strip());
    assertEquals(1, parseCleartext(json).size());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  /** {@code --out ""} exited 70 (ArrayIndexOutOfBoundsException). */
  @Test
  void outEmpty_isAUsageError() {
    CliRun run = CliRun.of("keygen", "--out", "");
    assertEquals(Main.USAGE, run.exit());
    assertEquals("otpkit: --out needs a file name, or '-' for stdout (see 'otpkit keygen --help')\n", run.stderr());
    assertEquals(0, run.stdout().length);
  }

  @Test
  void out_refusesToOverwrite(@TempDir Path dir) throws Exception {
    Path existing = dir.resolve("keys.json");
    Files.writeString(existing, "precious");
    CliRun run = CliRun.of("keygen", "--out", existing.toString());
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: " + existing + " already exists; a keyset file is never overwritten",
        run.stderr().strip());
    assertEquals("precious", Files.readString(existing));
    assertEquals(0, run.stdout().length);
  }

  @Test
  void out_isOwnerOnly(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
    Path file = keygen(dir, "keys.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(1, parseCleartext(Files.readString(file)).size());
  }

  @Test
  void kek_isOneAes256GcmKey(@TempDir Path dir) throws Exception {
    KeysetHandle kek = parseCleartext(Files.readString(keygen(dir, "kek.json", "--type", "kek")));
    assertEquals(1, kek.size());
    AesGcmParameters p = (AesGcmParameters) kek.getPrimary().getKey().getParameters();
    assertEquals(32, p.getKeySizeBytes());
  }

  @Test
  void withKek_isEncryptedUnderTheKek_withTheDocumentedAssociatedData(@TempDir Path dir) throws Exception {
    Path kekFile = keygen(dir, "kek.json", "--type", "kek");
    CliRun run = CliRun.of("keygen", "--kek", kekFile.toString(), "--out", dir.resolve("keys.json").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr(), "no cleartext warning when encrypted");
    String json = Files.readString(dir.resolve("keys.json"));

    assertThrows(GeneralSecurityException.class, () -> parseCleartext(json));
    Aead kek = parseCleartext(Files.readString(kekFile)).getPrimitive(RegistryConfiguration.get(), Aead.class);
    byte[] ad = "otpkit keyset".getBytes(StandardCharsets.US_ASCII);
    KeysetHandle keys = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek, ad, RegistryConfiguration.get());
    assertEquals(1, keys.size());
    EnvelopeKeys.from(keys);
    assertThrows(GeneralSecurityException.class, () -> TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek,
        "another purpose".getBytes(StandardCharsets.US_ASCII), RegistryConfiguration.get()));
  }

  @Test
  void encryptedKeyset_needsTheRightKek(@TempDir Path dir) {
    Path kek = keygen(dir, "kek.json", "--type", "kek");
    Path otherKek = keygen(dir, "other-kek.json", "--type", "kek");
    Path keys = keygen(dir, "keys.json", "--kek", kek.toString());

    CliRun missing = CliRun.of("keyset", "list", "--keyset", keys.toString());
    assertEquals(Main.FAILED, missing.exit());
    assertEquals("otpkit: keyset " + keys + " is encrypted; read it with its key-encryption key", missing.stderr().strip());

    CliRun wrong = CliRun.of("keyset", "list", "--keyset", keys.toString(), "--kek", otherKek.toString());
    assertEquals(Main.FAILED, wrong.exit());
    assertEquals("otpkit: keyset " + keys + " does not decrypt with this key-encryption key: the wrong kek,"
        + " or the file was altered", wrong.stderr().strip());
    assertEquals(0, wrong.stdout().length);

    CliRun right = CliRun.of("keyset", "list", "--keyset", keys.toString(), "--kek", kek.toString());
    assertEquals(0, right.exit(), right.stderr());
    assertTrue(right.text().matches("key \\d+ enabled primary\n"), right.text());
  }

  @Test
  void kekThatIsNotAnAead_isAClearError(@TempDir Path dir) throws Exception {
    Path envelopeKeys = keygen(dir, "keys.json");
    Path out = dir.resolve("more.json");
    CliRun run = CliRun.of("keygen", "--kek", envelopeKeys.toString(), "--out", out.toString());
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: kek " + envelopeKeys + " is not an AEAD keyset (make one with 'otpkit keygen --type kek')",
        run.stderr().strip());
    assertTrue(Files.notExists(out));
  }

  @Test
  void damagedKeyset_isAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    String json = Files.readString(keygen(dir, "good.json"));
    // a key value too short to be an HMAC key: Tink parses the JSON and fails on the entry
    Files.writeString(file, json.replaceFirst("\"value\":\"[^\"]+\"", "\"value\":\"AAAA\""));
    CliRun run = CliRun.of("keyset", "list", "--keyset", file.toString());
    assertEquals(Main.FAILED, run.exit());
    assertTrue(run.stderr().startsWith("otpkit: keyset " + file + ": "), run.stderr());
    EntropyCommandTest.assertOneLineNoTrace(run.stderr());

    Files.writeString(file, "not json at all");
    CliRun garbage = CliRun.of("keyset", "list", "--keyset", file.toString());
    assertEquals(Main.FAILED, garbage.exit());
    assertTrue(garbage.stderr().startsWith("otpkit: keyset " + file + " is not a Tink JSON keyset"), garbage.stderr());
  }

  @Test
  void missingKeysetFile_namesIt(@TempDir Path dir) {
    Path absent = dir.resolve("absent.json");
    CliRun run = CliRun.of("keyset", "list", "--keyset", absent.toString());
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: " + absent + ": no such file or directory", run.stderr().strip());
  }

  @Test
  void unknownType_isAUsageError() {
    CliRun run = CliRun.of("keygen", "--type", "rsa");
    assertEquals(Main.USAGE, run.exit());
    assertEquals(0, run.stdout().length);
  }

  @Test
  void twoRuns_makeDifferentKeys(@TempDir Path dir) throws Exception {
    KeysetHandle a = parseCleartext(Files.readString(keygen(dir, "a.json")));
    KeysetHandle b = parseCleartext(Files.readString(keygen(dir, "b.json")));
    assertFalse(a.equalsKeyset(b));
  }
}
