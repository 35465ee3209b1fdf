package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code otpkit keyset list|rotate|disable} and what they do to sealed envelopes. */
class KeysetCommandTest {

  private static final Pattern LINE = Pattern.compile("key (\\d+) (enabled|disabled)( primary)?");

  /** One listed key. */
  record Key(String id, boolean enabled, boolean primary) {}

  /** {@code otpkit keyset <subcommand> --keyset keyset} and {@code more}. */
  private static CliRun keyset(String subcommand, Path keyset, String... more) {
    List<String> args = new ArrayList<>(List.of("keyset", subcommand, "--keyset", keyset.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  static List<Key> list(Path keyset, String... more) {
    CliRun run = keyset("list", keyset, more);
    assertEquals(0, run.exit(), run.stderr());
    return run.text().lines().map(line -> {
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), line);
      return new Key(m.group(1), m.group(2).equals("enabled"), m.group(3) != null);
    }).toList();
  }

  private static String rotate(Path keyset, String... more) {
    CliRun run = keyset("rotate", keyset, more);
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.text().matches("\\d+\n"), run.text());
    return run.text().strip();
  }

  private static CliRun disable(Path keyset, String keyId) {
    return keyset("disable", keyset, "--key-id", keyId);
  }

  @Test
  void list_showsOneEnabledPrimary(@TempDir Path dir) {
    List<Key> keys = list(KeygenCommandTest.keygen(dir, "keys.json"));
    assertEquals(1, keys.size());
    assertTrue(keys.get(0).enabled() && keys.get(0).primary(), keys.toString());
  }

  @Test
  void rotate_addsANewPrimary_andKeepsTheOldKeyEnabled(@TempDir Path dir) {
    Path file = KeygenCommandTest.keygen(dir, "keys.json");
    String old = list(file).get(0).id();
    String fresh = rotate(file);
    assertNotEquals(old, fresh);
    assertEquals(List.of(new Key(old, true, false), new Key(fresh, true, true)), list(file));
  }

  @Test
  void rotate_keepsEncryptionAndPermissions_andLeavesNoTempFile(@TempDir Path dir) throws Exception {
    Path kek = KeygenCommandTest.keygen(dir, "kek.json", "--type", "kek");
    Path file = KeygenCommandTest.keygen(dir, "keys.json", "--kek", kek.toString());
    String fresh = rotate(file, "--kek", kek.toString());
    assertEquals(fresh, list(file, "--kek", kek.toString()).get(1).id());
    CliRun withoutKek = keyset("list", file);
    assertEquals("otpkit: keyset " + file + " is encrypted; read it with its key-encryption key", withoutKek.stderr().strip());
    try (var entries = Files.list(dir)) {
      assertEquals(List.of("kek.json", "keys.json"), entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void envelopeSealedBeforeRotation_opensAfterIt_untilItsKeyIsDisabled(@TempDir Path dir) throws Exception {
    Path file = KeygenCommandTest.keygen(dir, "keys.json");
    String old = list(file).get(0).id();
    byte[] payload = {1, 2, 3, 4};
    String before = SealOpenCommandTest.seal(file, payload);

    rotate(file);
    CliRun opened = SealOpenCommandTest.open(file, before);
    assertEquals(0, opened.exit(), opened.stderr());
    assertArrayEquals(payload, opened.stdout());
    String after = SealOpenCommandTest.seal(file, payload);

    CliRun disabled = disable(file, old);
    assertEquals(0, disabled.exit(), disabled.stderr());
    assertEquals(new Key(old, false, false), list(file).get(0));
    SealOpenCommandTest.assertRejected(SealOpenCommandTest.open(file, before), "disabled-key");
    assertArrayEquals(payload, SealOpenCommandTest.open(file, after).stdout());
  }

  @Test
  void disablingThePrimary_isRefused_andTheFileIsUntouched(@TempDir Path dir) throws Exception {
    Path file = KeygenCommandTest.keygen(dir, "keys.json");
    String primary = list(file).get(0).id();
    byte[] before = Files.readAllBytes(file);
    CliRun run = disable(file, primary);
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: key " + primary + " is the primary; rotate to a new primary before disabling it",
        run.stderr().strip());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void disablingAnAbsentKey_isRefused(@TempDir Path dir) {
    Path file = KeygenCommandTest.keygen(dir, "keys.json");
    String absent = list(file).get(0).id().equals("7") ? "8" : "7";
    CliRun run = disable(file, absent);
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: no key " + absent + " in the keyset", run.stderr().strip());
  }

  @Test
  void keyIds_areUnsigned(@TempDir Path dir) {
    Path file = KeygenCommandTest.keygen(dir, "keys.json");
    assertEquals(Main.FAILED, disable(file, "4294967295").exit()); // parses; just not in the keyset
    assertEquals(Main.USAGE, disable(file, "4294967296").exit());
    assertEquals(Main.USAGE, disable(file, "-1").exit());
  }

  @Test
  void keysetWithoutSubcommand_isAUsageError() {
    CliRun run = CliRun.of("keyset");
    assertEquals(Main.USAGE, run.exit());
    assertTrue(run.stderr().contains("Missing required subcommand"), run.stderr());
  }

  @Test
  void aKekGivenForACleartextKeyset_isRefused(@TempDir Path dir) {
    Path kek = KeygenCommandTest.keygen(dir, "kek.json", "--type", "kek");
    Path file = KeygenCommandTest.keygen(dir, "keys.json");
    CliRun run = keyset("rotate", file, "--kek", kek.toString());
    assertEquals(Main.FAILED, run.exit());
    assertEquals("otpkit: keyset " + file + " is not encrypted; it is read without a key-encryption key",
        run.stderr().strip());
    assertEquals(1, list(file).size());
  }
}
