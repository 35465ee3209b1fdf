package dev.otpkit.hashing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Every Wycheproof case for HMAC-SHA256, HKDF-SHA256 and AES-GCM, valid and invalid, through the
 * primitives exactly as the envelope calls them ({@link Primitives}). Failing case ids are
 * collected, so one run reports all of them; the count of cases run must equal the file's.
 */
class PrimitivesWycheproofTest {

  private static final HexFormat HEX = HexFormat.of();

  private static JsonObject load(String name) throws IOException {
    try (InputStream in = PrimitivesWycheproofTest.class.getResourceAsStream("/wycheproof/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource wycheproof/" + name);
      }
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  private static byte[] hex(JsonObject t, String field) {
    return HEX.parseHex(t.get(field).getAsString());
  }

  private static String id(JsonObject t) {
    return t.get("tcId").getAsInt() + " (" + t.get("comment").getAsString() + ")";
  }

  @Test
  void hmacSha256_everyCase() throws Exception {
    JsonObject file = load("hmac_sha256_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonElement g : file.getAsJsonArray("testGroups")) {
      int tagBytes = g.getAsJsonObject().get("tagSize").getAsInt() / 8;
      for (JsonElement e : g.getAsJsonObject().getAsJsonArray("tests")) {
        JsonObject t = e.getAsJsonObject();
        run++;
        boolean valid = t.get("result").getAsString().equals("valid");
        Mac mac = Primitives.hmacSha256(hex(t, "key"));
        byte[] full = mac.doFinal(hex(t, "msg"));
        byte[] expected = hex(t, "tag");
        boolean matches = MessageDigest.isEqual(Arrays.copyOf(full, tagBytes), expected);
        if (matches != valid) {
          failures.add(id(t) + ": " + (valid ? "tag differs" : "modified tag accepted"));
        }
        // the envelope verifies full-length tags only: no invalid case may pass that
        if (!valid && MessageDigest.isEqual(full, expected)) {
          failures.add(id(t) + ": invalid tag equals the full-length tag");
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(file.get("numberOfTests").getAsInt(), run);
  }

  @Test
  void hkdfSha256_everyCase() throws Exception {
    JsonObject file = load("hkdf_sha256_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonElement g : file.getAsJsonArray("testGroups")) {
      for (JsonElement e : g.getAsJsonObject().getAsJsonArray("tests")) {
        JsonObject t = e.getAsJsonObject();
        run++;
        boolean valid = t.get("result").getAsString().equals("valid");
        try {
          byte[] okm = Primitives.hkdfSha256(hex(t, "ikm"), hex(t, "salt"), hex(t, "info"), t.get("size").getAsInt());
          if (!valid) {
            failures.add(id(t) + ": accepted an invalid size");
          } else if (!MessageDigest.isEqual(okm, hex(t, "okm"))) {
            failures.add(id(t) + ": okm differs");
          }
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
          if (valid) {
            failures.add(id(t) + ": rejected (" + ex.getMessage() + ")");
          }
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(file.get("numberOfTests").getAsInt(), run);
  }

  /**
   * AES-256 with 96-bit nonces and 128-bit tags goes through {@link Primitives}, both ways. Other
   * key sizes must be refused by {@link Primitives#aes256Key}; other nonce sizes cannot be said
   * through the envelope, so they are checked against the JDK's GCM directly.
   */
  @Test
  void aesGcm_everyCase() throws Exception {
    JsonObject file = load("aes_gcm_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    int throughEnvelopePrimitives = 0;
    for (JsonElement g : file.getAsJsonArray("testGroups")) {
      JsonObject group = g.getAsJsonObject();
      int keyBits = group.get("keySize").getAsInt();
      int ivBits = group.get("ivSize").getAsInt();
      for (JsonElement e : group.getAsJsonArray("tests")) {
        JsonObject t = e.getAsJsonObject();
        run++;
        boolean valid = t.get("result").getAsString().equals("valid");
        byte[] key = hex(t, "key");
        byte[] iv = hex(t, "iv");
        byte[] aad = hex(t, "aad");
        byte[] msg = hex(t, "msg");
        byte[] ctTag = concat(hex(t, "ct"), hex(t, "tag"));
        if (keyBits != 256) {
          try {
            Primitives.aes256Key(key);
            failures.add(id(t) + ": a " + keyBits + "-bit key was accepted");
          } catch (java.security.InvalidKeyException expected) {
            // the envelope only speaks AES-256
          }
          continue;
        }
        if (ivBits == 96) {
          throughEnvelopePrimitives++;
          check(failures, t, valid, msg, ctTag, (mode) -> {
            Cipher c = Primitives.gcm();
            Primitives.initGcm(c, mode, Primitives.aes256Key(key), iv, 0);
            c.updateAAD(aad);
            return c;
          });
        } else {
          check(failures, t, valid, msg, ctTag, (mode) -> {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            return c;
          });
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(file.get("numberOfTests").getAsInt(), run);
    assertEquals(true, throughEnvelopePrimitives > 0);
  }

  /** Sets up a fresh cipher for a mode (JCA refuses to reuse a key and nonce for encryption). */
  private interface CipherFactory {
    Cipher create(int mode) throws GeneralSecurityException;
  }

  private static void check(List<String> failures, JsonObject t, boolean valid, byte[] msg, byte[] ctTag,
      CipherFactory factory) {
    try {
      byte[] plain = factory.create(Cipher.DECRYPT_MODE).doFinal(ctTag);
      if (!valid) {
        failures.add(id(t) + ": invalid ciphertext decrypted");
      } else if (!MessageDigest.isEqual(plain, msg)) {
        failures.add(id(t) + ": plaintext differs");
      }
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      if (valid) {
        failures.add(id(t) + ": valid ciphertext rejected (" + ex.getClass().getSimpleName() + ")");
      }
    }
    if (valid) {
      try {
        if (!MessageDigest.isEqual(factory.create(Cipher.ENCRYPT_MODE).doFinal(msg), ctTag)) {
          failures.add(id(t) + ": encryption differs");
        }
      } catch (GeneralSecurityException | IllegalArgumentException ex) {
        failures.add(id(t) + ": encryption failed (" + ex.getClass().getSimpleName() + ")");
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
