package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    assertTrue(e.getMessage().endsWith(missing + ": no such file"), e.getMessage());
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
    Path shortFile = Captures.random(dir, 100, 1);
    try (EntropySource s = EntropySources.open("raw:" + shortFile)) {
      EntropyException e = assertThrows(EntropyException.class, () -> s.bytes(1));
      assertTrue(e.getMessage().contains("ended"), e.getMessage());
      assertTrue(e.captureEnded());
      assertEquals(0, e.bytesBeforeEnd());
    }
  }

  /**
   * A raw capture of 4096 bytes: a 128-byte start-up window, then 31 whole 128-byte windows, each
   * conditioned into one 32-byte block. A request larger than that gets all 992 bytes, and says so.
   */
  @Test
  void rawCapture_end_deliversEveryWholeBlock_andIsNoFailure(@TempDir Path dir) throws Exception {
    Path file = Captures.random(dir, 4096, 2);
    byte[] oneRequest = new byte[2000];
    try (EntropySource s = EntropySources.open("raw:" + file)) {
      EntropyException e = assertThrows(EntropyException.class, () -> s.fill(oneRequest));
      assertTrue(e.captureEnded(), e.getMessage());
      assertEquals(31 * 32, e.bytesBeforeEnd());
      assertEquals(HealthStatus.State.ENDED, s.health().state());
      assertEquals(31 * 32, s.health().bytesDelivered());
      assertFalse(s.failed(), "an ended capture has not failed");
      EntropyException again = assertThrows(EntropyException.class, () -> s.bytes(1));
      assertTrue(again.captureEnded());
      assertEquals(0, again.bytesBeforeEnd());
    }
    // the same bytes as reading it in small requests to the end
    try (EntropySource s = EntropySources.open("raw:" + file)) {
      assertArrayEquals(Arrays.copyOf(oneRequest, 31 * 32), Captures.readInPieces(s, 7));
    }
  }

  @Test
  void strictMix_withAMemberCaptureThatEnds_endsToo(@TempDir Path dir) throws Exception {
    Path file = Captures.random(dir, 1024, 3);
    try (EntropySource mix = EntropySources.open("mix:strict:system+raw:" + file)) {
      EntropyException e = assertThrows(EntropyException.class, () -> mix.bytes(10_000));
      assertTrue(e.captureEnded(), e.getMessage());
      assertEquals(HealthStatus.State.ENDED, mix.health().state());
      assertFalse(mix.failed());
      assertTrue(assertThrows(EntropyException.class, () -> mix.bytes(1)).captureEnded());
    }
  }

  /** A DRBG's request is whole or nothing: the source bytes it drew are seed, never output. */
  @Test
  void drbgOverACaptureThatEnds_reportsNoBytesBeforeTheEnd(@TempDir Path dir) throws Exception {
    // a start-up window and one 32-byte block: less than the 48 bytes instantiation draws
    Path file = Captures.random(dir, 300, 4);
    Drbg drbg = Drbg.builder(EntropySources.open("raw:" + file)).build();
    EntropyException e = assertThrows(EntropyException.class, () -> drbg.bytes(16));
    assertTrue(e.captureEnded(), e.getMessage());
    assertEquals(0, e.bytesBeforeEnd());
  }

  /** Without otpkit-entropy-infnoise (not a dependency of this module), its sources say what to add. */
  @ParameterizedTest
  @ValueSource(strings = {"infnoise-sim", "infnoise-sim:seed=3", "infnoise:/dev/ttyACM0", "infnoise-file:x.bin"})
  void infnoiseSources_withoutTheirModule_nameIt(String spec) {
    for (java.util.function.Consumer<String> open : List.<java.util.function.Consumer<String>>of(
        EntropySources::open, EntropySources::openRaw)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open.accept(spec));
      assertTrue(e.getMessage().contains("need otpkit-entropy-infnoise"), e.getMessage());
      assertTrue(e.getMessage().contains("dev.otpkit:otpkit-entropy-infnoise"), e.getMessage());
    }
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fazecast.jSerialComm.SerialPort"),
        "no serial-port library, no native code on this module's class path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mix:strict:system+system"})
  void openRaw_knownSourceWithoutRawSamples_saysSo_andListsOnlyRawForms(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntropySources.openRaw(spec));
    assertFalse(e.getMessage().contains("unknown"), e.getMessage());
    assertTrue(e.getMessage().endsWith("accepted forms: " + EntropySources.RAW_FORMS), e.getMessage());
  }
}
