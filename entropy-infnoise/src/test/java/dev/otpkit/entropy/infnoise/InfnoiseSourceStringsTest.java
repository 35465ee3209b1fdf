package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With this module on the class path, EntropySources opens the Infinite Noise source strings. */
class InfnoiseSourceStringsTest {

  @Test
  void theSimulator_opensThroughEntropySources() {
    try (EntropySource s = EntropySources.open("infnoise-sim:seed=3")) {
      assertEquals(64, s.bytes(64).length);
      assertTrue(s.description().startsWith("infnoise-sim:"), s.description());
    }
  }

  @Test
  void theFormsEntropySourcesLists_areTheDriversOwn() {
    assertTrue(EntropySources.FORMS.contains(InfiniteNoise.FORMS), EntropySources.FORMS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"infnoise-sim", "infnoise-sim:seed=3", "infnoise:/dev/ttyACM0"})
  void openRaw_ofALiveSource_saysToRecordACapture_andListsOnlyRawForms(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntropySources.openRaw(spec));
    assertFalse(e.getMessage().contains("unknown"), e.getMessage());
    assertTrue(e.getMessage().contains("infnoise-file:capture.bin"), e.getMessage());
    assertTrue(e.getMessage().endsWith("accepted forms: " + EntropySources.RAW_FORMS), e.getMessage());
  }
}
