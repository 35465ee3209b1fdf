package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowlistTest {

  @Test
  void denyByDefault() {
    Allowlist empty = Allowlist.builder().build();
    assertFalse(empty.permits("files.save"));
    assertTrue(empty.commands().isEmpty());
    assertFalse(Allowlist.builder().allow("a").build().permits("b"));
    assertFalse(Allowlist.builder().allow("a").build().permits(null));
  }

  @Test
  void denyWins_inEitherOrder() {
    Allowlist a = Allowlist.builder().allow("x", "y").deny("y").build();
    Allowlist b = Allowlist.builder().deny("y").allow("x", "y").build();
    for (Allowlist l : new Allowlist[] {a, b}) {
      assertTrue(l.permits("x"));
      assertFalse(l.permits("y"));
      assertEquals(Set.of("x"), l.commands());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "files save", "a/b", "é", "<script>",
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void invalidNames_areRejected(String name) {
    assertThrows(IllegalArgumentException.class, () -> Allowlist.builder().allow(name));
    assertThrows(IllegalArgumentException.class, () -> Allowlist.builder().deny(name));
  }

  @Test
  void aliasesExistOnlyForPermittedCommands() {
    CommandAliases aliases = new CommandAliases(
        Allowlist.builder().allow("a", "b").deny("b").build(), new byte[32], false);
    assertEquals(Set.of("a"), aliases.table().keySet());
    assertThrows(IllegalArgumentException.class, () -> aliases.alias("b"));
    assertThrows(IllegalArgumentException.class,
        () -> new CommandAliases(Allowlist.builder().build(), new byte[16], false));
  }

  /** Same secret, same names; another secret, other names: aliases are a keyed function. */
  @Test
  void aliases_areKeyedByTheSessionSecret() {
    Allowlist l = Allowlist.builder().allow("files.save").build();
    byte[] s1 = new byte[32];
    byte[] s2 = new byte[32];
    s2[0] = 1;
    assertEquals(new CommandAliases(l, s1, false).alias("files.save"),
        new CommandAliases(l, s1.clone(), false).alias("files.save"));
    assertFalse(new CommandAliases(l, s1, false).alias("files.save")
        .equals(new CommandAliases(l, s2, false).alias("files.save")));
  }
}
