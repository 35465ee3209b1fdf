package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CommandAliasesTest {

  private static final Allowlist SAVE = Allowlist.builder().allow("files.save").build();

  private static byte[] secret() {
    byte[] s = new byte[32];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (i * 7 + 1);
    }
    return s;
  }

  /** The documented derivation: c_ and 16 base64url characters of HMAC-SHA256(secret, command 0x00 counter). */
  private static String derived(String command, long counter) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
    byte[] tag = mac.doFinal((command + "\u0000" + counter).getBytes(StandardCharsets.UTF_8));
    return "c_" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 16);
  }

  @Test
  void aliases_followTheDerivation_andOneShotCountsUpByOne() throws Exception {
    CommandAliases aliases = new CommandAliases(SAVE, secret(), true);
    assertEquals(derived("files.save", 0), aliases.alias("files.save"));
    String next = aliases.consume(derived("files.save", 0));
    assertEquals(derived("files.save", 1), next);
    assertEquals(derived("files.save", 2), aliases.consume(next));
    assertEquals(derived("files.save", 2), aliases.alias("files.save"));
  }

  @Test
  void reusableAliases_consumeLeavesThemInPlace() throws Exception {
    CommandAliases aliases = new CommandAliases(SAVE, secret(), false);
    assertEquals(derived("files.save", 0), aliases.consume(derived("files.save", 0)));
    assertEquals("files.save", aliases.resolve(derived("files.save", 0)));
  }

  @Test
  void theSecretIsWiped_onceTheMacKeyHoldsIt() {
    byte[] secret = secret();
    new CommandAliases(SAVE, secret, false);
    assertArrayEquals(new byte[32], secret);
    byte[] shortSecret = new byte[] {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> new CommandAliases(SAVE, shortSecret, false));
    assertArrayEquals(new byte[3], shortSecret);
  }

  @Test
  void resolve_unknownAndNull_areUnknownAlias() {
    CommandAliases aliases = new CommandAliases(SAVE, secret(), false);
    for (String bad : new String[] {null, "", "files.save", "c_AAAAAAAAAAAAAAAA"}) {
      assertEquals(BridgeException.Reason.UNKNOWN_ALIAS,
          assertThrows(BridgeException.class, () -> aliases.resolve(bad)).reason());
      assertEquals(BridgeException.Reason.UNKNOWN_ALIAS,
          assertThrows(BridgeException.class, () -> aliases.consume(bad)).reason());
    }
  }
}
