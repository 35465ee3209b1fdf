package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.SecretKeyAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyset files through the library: what {@code otpkit keygen} writes, any program reads. */
class KeysetFileTest {

  private static final SecretKeyAccess CLEARTEXT = InsecureSecretKeyAccess.get();

  @TempDir
  Path dir;

  private static void assertSameKeys(EnvelopeKeys a, EnvelopeKeys b) {
    assertEquals(a.primaryId(), b.primaryId());
    assertEquals(a.toString(), b.toString());
    assertArrayEquals(a.masterKey(a.primaryId()), b.masterKey(b.primaryId()));
  }

  @Test
  void cleartext_writeThenRead_givesTheSameKeys() throws Exception {
    KeysetHandle keyset = EnvelopeKeys.rotate(EnvelopeKeys.newKeyset());
    Path file = dir.resolve("keys.json");
    EnvelopeKeys.write(file, keyset, CLEARTEXT);
    assertSameKeys(EnvelopeKeys.from(keyset), EnvelopeKeys.read(file, CLEARTEXT));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void encrypted_writeThenRead_needsTheKek() throws Exception {
    Path kekFile = dir.resolve("kek.json");
    KeysetFile.create(kekFile, KeysetFile.newKek(), CLEARTEXT);
    Aead kek = KeysetFile.readKek(kekFile, CLEARTEXT);
    KeysetHandle keyset = EnvelopeKeys.newKeyset();
    Path file = dir.resolve("keys.json");
    EnvelopeKeys.write(file, keyset, kek);
    String json = Files.readString(file);
    assertTrue(json.contains("encryptedKeyset"));
    assertFalse(json.contains("\"value\""), "no key material in the clear");
    assertSameKeys(EnvelopeKeys.from(keyset), EnvelopeKeys.read(file, kek));
    GeneralSecurityException cleartextRead = assertThrows(GeneralSecurityException.class,
        () -> EnvelopeKeys.read(file, CLEARTEXT));
    assertTrue(cleartextRead.getMessage().contains(file.toString()), cleartextRead.getMessage());
    Aead otherKek = KeysetHandle.generateNew(com.google.crypto.tink.aead.PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get())
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
    GeneralSecurityException wrong = assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.read(file, otherKek));
    assertTrue(wrong.getMessage().contains("does not decrypt"), wrong.getMessage());
  }

  /** The associated data binds the blob to its purpose: the same kek's other ciphertexts do not open. */
  @Test
  void encrypted_alteredFile_doesNotDecrypt() throws Exception {
    Aead kek = KeysetFile.newKek().getPrimitive(RegistryConfiguration.get(), Aead.class);
    Path file = dir.resolve("keys.json");
    EnvelopeKeys.write(file, EnvelopeKeys.newKeyset(), kek);
    String json = Files.readString(file);
    int at = json.indexOf("\"encryptedKeyset\":\"") + 30;
    char c = json.charAt(at);
    Files.writeString(file, json.substring(0, at) + (c == 'A' ? 'B' : 'A') + json.substring(at + 1));
    assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.read(file, kek));
  }

  @Test
  void create_neverOverwrites() throws Exception {
    Path file = dir.resolve("keys.json");
    Files.writeString(file, "precious");
    IOException e = assertThrows(IOException.class, () -> EnvelopeKeys.write(file, EnvelopeKeys.newKeyset(), CLEARTEXT));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals("precious", Files.readString(file));
  }

  @Test
  void replace_isAtomic_keepsEncryptionAndPermissions() throws Exception {
    Aead kek = KeysetFile.newKek().getPrimitive(RegistryConfiguration.get(), Aead.class);
    Path file = dir.resolve("keys.json");
    KeysetFile original = KeysetFile.create(file, EnvelopeKeys.newKeyset(), kek);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    KeysetFile rotated = original.replace(EnvelopeKeys.rotate(original.keyset()));
    KeysetFile reread = KeysetFile.read(file, kek);
    assertTrue(reread.encrypted());
    assertEquals(2, reread.keyset().size());
    assertEquals(rotated.envelopeKeys().primaryId(), reread.envelopeKeys().primaryId());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void badFiles_areNamedInTheError() throws Exception {
    Path missing = dir.resolve("missing.json");
    IOException e1 = assertThrows(IOException.class, () -> EnvelopeKeys.read(missing, CLEARTEXT));
    assertEquals(missing + ": no such file or directory", e1.getMessage());
    IOException e2 = assertThrows(IOException.class, () -> EnvelopeKeys.read(dir, CLEARTEXT));
    assertTrue(e2.getMessage().startsWith(dir + ": is a directory"), e2.getMessage());
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[KeysetFile.MAX_FILE_BYTES + 1]);
    IOException e3 = assertThrows(IOException.class, () -> EnvelopeKeys.read(big, CLEARTEXT));
    assertTrue(e3.getMessage().contains("longer than the limit"), e3.getMessage());
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"primaryKeyId\": [", StandardCharsets.UTF_8);
    GeneralSecurityException e4 = assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.read(garbage, CLEARTEXT));
    assertTrue(e4.getMessage().contains(garbage + " is not a Tink JSON keyset"), e4.getMessage());
    Path kek = dir.resolve("kek.json");
    KeysetFile.create(kek, KeysetFile.newKek(), CLEARTEXT);
    GeneralSecurityException e5 = assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.read(kek, CLEARTEXT));
    assertTrue(e5.getMessage().contains("not an envelope key"), e5.getMessage());
  }

  /** Envelope keys only: an HMAC key with a 16-byte tag, or a prefix, is refused by parameter. */
  @Test
  void hmacKeysWithOtherParameters_areRefused() throws Exception {
    for (var p : new com.google.crypto.tink.mac.HmacParameters[] {
        com.google.crypto.tink.mac.HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(16)
            .setHashType(com.google.crypto.tink.mac.HmacParameters.HashType.SHA256)
            .setVariant(com.google.crypto.tink.mac.HmacParameters.Variant.NO_PREFIX).build(),
        com.google.crypto.tink.mac.HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
            .setHashType(com.google.crypto.tink.mac.HmacParameters.HashType.SHA256)
            .setVariant(com.google.crypto.tink.mac.HmacParameters.Variant.TINK).build(),
        com.google.crypto.tink.mac.HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
            .setHashType(com.google.crypto.tink.mac.HmacParameters.HashType.SHA512)
            .setVariant(com.google.crypto.tink.mac.HmacParameters.Variant.NO_PREFIX).build()}) {
      KeysetHandle h = KeysetHandle.generateNew(p, RegistryConfiguration.get());
      GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> EnvelopeKeys.from(h));
      assertTrue(e.getMessage().contains("not an envelope key"), e.getMessage());
    }
  }

  /** A key marked DESTROYED that Tink still parses is known but never used: disabled-key. */
  @Test
  void destroyedKey_isKnownButNeverUsed() throws Exception {
    KeysetHandle two = EnvelopeKeys.rotate(EnvelopeKeys.newKeyset());
    EnvelopeKeys before = EnvelopeKeys.from(two);
    int oldId = two.getAt(0).isPrimary() ? two.getAt(1).getId() : two.getAt(0).getId();
    String json = KeysetFile.toJson(two, CLEARTEXT);
    String marker = "\"status\":\"ENABLED\",\"keyId\":" + Integer.toUnsignedString(oldId);
    assertTrue(json.contains(marker), json);
    KeysetHandle destroyed = com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeyset(
        json.replace(marker, "\"status\":\"DESTROYED\",\"keyId\":" + Integer.toUnsignedString(oldId)),
        RegistryConfiguration.get(), CLEARTEXT);
    EnvelopeKeys after = EnvelopeKeys.from(destroyed);
    assertTrue(before.enabledIds().contains(oldId));
    assertFalse(after.enabledIds().contains(oldId));
    assertTrue(after.knows(oldId));
  }
}
