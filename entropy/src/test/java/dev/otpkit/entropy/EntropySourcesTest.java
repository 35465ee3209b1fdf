package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntropySourcesTest {

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "sytem", "mix:", "mix:loose:system", "mix:strict:", "mix:strict:system+",
      "mix:strict:mix:strict:system", "raw:", "SYSTEM2", "infnoise"})
  void open_malformed_listsAcceptedForms(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntropySources.open(spec));
    assertTrue(e.getMessage().contains(EntropySources.FORMS), e.getMessage());
  }

  @Test
  void open_null_listsAcceptedForms() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntropySources.open(null));
    assertTrue(e.getMessage().contains(EntropySources.FORMS), e.getMessage());
  }

  @Test
  void open_system_delivers() {
    try (EntropySource s = EntropySources.open("system")) {
      assertEquals(64, s.bytes(64).length);
      assertEquals(64, s.health().bytesDelivered());
      assertEquals("system", s.description());
    }
  }

  @Test
  void open_mix_parsesMembersAndPolicy() {
    try (EntropySource s = EntropySources.open("mix:degrade:system+system")) {
      assertEquals("mix:degrade:system+system", s.description());
      s.bytes(10);
      assertEquals(HealthStatus.State.HEALTHY, s.health().state());
    }
  }

  @Test
  void open_rawMissingFile_namesPathAndReason(@TempDir Path dir) {
    Path missing = dir.resolve("nope.bin");
    EntropyException e = assertThrows(EntropyException.class, () -> EntropySources.open("raw:" + missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("NoSuchFile"), e.getMessage());
  }

  @Test
  void open_rawCaptureOfZeros_failsHealthTest(@TempDir Path dir) throws Exception {
    Path zeros = dir.resolve("zeros.bin");
    Files.write(zeros, new byte[4096]);
    try (EntropySource s = EntropySources.open("raw:" + zeros)) {
      assertEquals(HealthTests.REPETITION_COUNT,
          assertThrows(EntropyException.class, () -> s.bytes(1)).test());
    }
  }

  @Test
  void open_rawCaptureTooShort_saysItEnded(@TempDir Path dir) throws Exception {
    Path shortFile = dir.resolve("short.bin");
    byte[] data = new byte[100];
    new java.util.SplittableRandom(1).nextBytes(data);
    Files.write(shortFile, data);
    try (EntropySource s = EntropySources.open("raw:" + shortFile)) {
      EntropyException e = assertThrows(EntropyException.class, () -> s.bytes(1));
      assertTrue(e.getMessage().contains("ended"), e.getMessage());
    }
  }
}
