package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated device: wire format, determinism, faults and the option grammar. */
class InfnoiseSimulatorTest {

  private static final byte[] SWEN = new byte[512];

  private static byte[] samples(String options, int count) {
    byte[] out = new byte[count];
    InfnoiseSimulator.fromOptions(options).respond(new byte[count], 0, out, 0, count);
    return out;
  }

  @Test
  void sameSeed_sameSamples_otherSeed_otherSamples() {
    assertArrayEquals(samples("seed=42", 4096), samples("seed=42", 4096));
    assertArrayEquals(samples("", 4096), samples("seed=1", 4096));
    assertFalse(Arrays.equals(samples("seed=42", 4096), samples("seed=43", 4096)));
    assertFalse(Arrays.equals(samples("seed=1", 4096), samples("seed=1,noise=0.001", 4096)));
  }

  @Test
  void goodDevice_reportsEachComparatorOnItsOwnParity_andNothingElse() {
    byte[] s = samples("seed=3", 512 * 100);
    int[] ones = new int[2];
    for (int i = 0; i < s.length; i++) {
      int allowed = i % 2 == 0 ? InfnoiseSimulator.COMP1 : InfnoiseSimulator.COMP2;
      assertEquals(0, s[i] & ~allowed, "sample " + i);
      ones[i % 2] += s[i] == allowed ? 1 : 0;
    }
    // Both comparators are live: each reads 1 roughly half the time.
    for (int parity = 0; parity < 2; parity++) {
      assertTrue(ones[parity] > 0.4 * s.length / 2 && ones[parity] < 0.6 * s.length / 2,
          "ones on parity " + parity + ": " + ones[parity]);
    }
  }

  @Test
  void respond_inPieces_continuesTheSameSampleStream() {
    InfnoiseSimulator whole = InfnoiseSimulator.fromOptions("seed=8");
    InfnoiseSimulator pieces = InfnoiseSimulator.fromOptions("seed=8");
    byte[] a = new byte[1024];
    byte[] b = new byte[1024];
    whole.respond(new byte[1024], 0, a, 0, 1024);
    pieces.respond(SWEN, 0, b, 0, 3);
    pieces.respond(SWEN, 3, b, 3, 509);
    pieces.respond(new byte[600], 88, b, 512, 512);
    assertArrayEquals(a, b);
    assertEquals(1024, pieces.samplesServed());
  }

  @Test
  void respond_outsideArrays_throws_andServesNothing() {
    InfnoiseSimulator sim = InfnoiseSimulator.fromOptions("");
    assertThrows(IndexOutOfBoundsException.class, () -> sim.respond(SWEN, 0, new byte[10], 0, 11));
    assertThrows(IndexOutOfBoundsException.class, () -> sim.respond(new byte[4], 1, SWEN, 0, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> sim.respond(SWEN, 0, SWEN, 0, -1));
    assertEquals(0, sim.samplesServed());
  }

  @Test
  void stuckFault_evenSamplesReadZero_oddSamplesStillLive() {
    byte[] s = samples("fault=stuck,seed=2", 512 * 20);
    int oddOnes = 0;
    for (int i = 0; i < s.length; i++) {
      if (i % 2 == 0) {
        assertEquals(0, s[i], "even sample " + i);
      } else {
        oddOnes += s[i] == InfnoiseSimulator.COMP2 ? 1 : 0;
      }
    }
    assertTrue(oddOnes > 1000, "odd ones " + oddOnes);
    assertArrayEquals(samples("stuck,seed=2", 512), samples("fault=stuck,seed=2", 512));
  }

  @Test
  void garbageFault_setsBit0x40InAboutOneSampleIn64() {
    byte[] s = samples("fault=garbage,seed=4", 64_000);
    int garbage = 0;
    for (byte b : s) {
      garbage += (b & InfnoiseSimulator.GARBAGE_BIT) != 0 ? 1 : 0;
      assertEquals(0, b & ~(InfnoiseSimulator.COMP1 | InfnoiseSimulator.COMP2
          | InfnoiseSimulator.GARBAGE_BIT));
    }
    assertTrue(garbage > 800 && garbage < 1200, "garbage samples " + garbage);
    assertArrayEquals(samples("garbage,seed=4", 512), samples("fault=garbage,seed=4", 512));
  }

  @Test
  void bias_forcesComparatorBitsToOne() {
    byte[] all = samples("bias=1", 512);
    for (int i = 0; i < all.length; i++) {
      assertEquals(i % 2 == 0 ? InfnoiseSimulator.COMP1 : InfnoiseSimulator.COMP2, all[i]);
    }
    byte[] s = samples("bias=0.9,seed=6", 10_000);
    long ones = 0;
    for (byte b : s) {
      ones += b != 0 ? 1 : 0;
    }
    assertTrue(ones > 9_300, "ones " + ones); // 0.9 + 0.1 * (about 0.5)
    assertArrayEquals(samples("seed=6", 512), samples("bias=0,seed=6", 512));
  }

  @Test
  void defaults_andAccessors() {
    InfnoiseSimulator sim = InfnoiseSimulator.fromOptions("");
    assertEquals(Long.MAX_VALUE, sim.disconnectAfter());
    assertEquals(Long.MAX_VALUE, sim.stallAfter());
    assertEquals(0, sim.samplesServed());
    assertEquals(1.84, sim.k());
    assertEquals("infnoise-sim:k=1.84,noise=0.004,seed=1", sim.description());
    InfnoiseSimulator other =
        InfnoiseSimulator.fromOptions("disconnect-after=4096, stall-after=0,k=1.2");
    assertEquals(4096, other.disconnectAfter());
    assertEquals(0, other.stallAfter());
    assertEquals("infnoise-sim:k=1.2,noise=0.004,seed=1,disconnect-after=4096,stall-after=0",
        other.description());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "seed=7 | k=1.84,noise=0.004,seed=7",
      "seed=-9223372036854775808 | k=1.84,noise=0.004,seed=-9223372036854775808",
      "k=1.2 | k=1.2,noise=0.004,seed=1",
      "k=2 | k=2,noise=0.004,seed=1",
      "noise=0 | k=1.84,noise=0,seed=1",
      "noise=1e-3 | k=1.84,noise=0.001,seed=1",
      "fault=stuck | k=1.84,noise=0.004,seed=1,fault=stuck",
      "stuck | k=1.84,noise=0.004,seed=1,fault=stuck",
      "fault=garbage | k=1.84,noise=0.004,seed=1,fault=garbage",
      "garbage,stuck | k=1.84,noise=0.004,seed=1,fault=stuck,fault=garbage",
      "bias=0.95 | k=1.84,noise=0.004,seed=1,bias=0.95",
      "bias=1 | k=1.84,noise=0.004,seed=1,bias=1",
      "disconnect-after=0 | k=1.84,noise=0.004,seed=1,disconnect-after=0",
      "stall-after=1048576 | k=1.84,noise=0.004,seed=1,stall-after=1048576",
      "' seed = 3 , k = 1.5 ' | k=1.5,noise=0.004,seed=3"})
  void fromOptions_validForms(String options, String description) {
    assertEquals(
        "infnoise-sim:" + description, InfnoiseSimulator.fromOptions(options).description());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "k=1 | 'k=1': must be in (1, 2]",
      "k=2.5 | 'k=2.5': must be in (1, 2]",
      "k=LOW | 'k=LOW': not a decimal number",
      "k=NaN | 'k=NaN': not a decimal number",
      "k=1.5d | 'k=1.5d': not a decimal number",
      "noise=0.5 | 'noise=0.5': must be in [0, 0.5)",
      "noise=-0.1 | 'noise=-0.1': must be in [0, 0.5)",
      "bias=1.01 | 'bias=1.01': must be in [0, 1]",
      "seed=x | 'seed=x': not an integer",
      "seed=+5 | 'seed=+5': not an integer",
      "seed=9223372036854775808 | 'seed=9223372036854775808': not a long",
      "stall-after=-1 | 'stall-after=-1': must be >= 0",
      "disconnect-after=1.5 | 'disconnect-after=1.5': not an integer",
      "fault=bias=0.9 | 'fault=bias=0.9': fault must be stuck or garbage",
      "fault= | 'fault=': fault must be stuck or garbage",
      "speed=9 | 'speed=9': unknown key 'speed'",
      "=3 | '=3': unknown key ''",
      "stuk | 'stuk': unknown word; expected key=value, stuck or garbage",
      "seed=1,,k=1.5 | '': empty item",
      "seed=1, | '': empty item",
      "seed=1,seed=2 | 'seed=2': 'seed' given twice"})
  void fromOptions_invalidForms_throwWithGrammar(String options, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfnoiseSimulator.fromOptions(options));
    assertEquals("invalid infnoise simulator option " + message + "; accepted: "
        + InfnoiseSimulator.OPTIONS_HELP, e.getMessage());
  }

  @Test
  void optionsHelp_namesEveryKey() {
    for (String key : new String[] {"seed=N", "k=X", "noise=X", "fault=stuck", "fault=garbage",
        "bias=P", "disconnect-after=BYTES", "stall-after=BYTES"}) {
      assertTrue(InfnoiseSimulator.OPTIONS_HELP.contains(key), key);
    }
  }
}
