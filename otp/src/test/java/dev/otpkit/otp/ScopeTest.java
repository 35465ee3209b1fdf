package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void purposeIs1To128Characters_subject1To256() {
    assertEquals(128, new Scope("p".repeat(128), "s").purpose().length());
    assertEquals(256, new Scope("p", "s".repeat(256)).subject().length());
    assertEquals("purpose must be 1 to 128 characters, got 129",
        assertThrows(IllegalArgumentException.class, () -> new Scope("p".repeat(129), "s")).getMessage());
    assertEquals("subject must be 1 to 256 characters, got 257",
        assertThrows(IllegalArgumentException.class, () -> new Scope("p", "s".repeat(257))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Scope("", "s"));
    assertThrows(IllegalArgumentException.class, () -> new Scope("p", ""));
    assertThrows(NullPointerException.class, () -> new Scope(null, "s"));
    assertThrows(NullPointerException.class, () -> new Scope("p", null));
  }
}
