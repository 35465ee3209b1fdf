package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.RawNoiseSource;
import dev.otpkit.entropy.spi.SourceProvider;

/**
 * The Infinite Noise source strings for {@link EntropySources}: {@code infnoise:PATH},
 * {@code infnoise-sim[:OPTIONS]} and {@code infnoise-file:PATH} (see {@link InfiniteNoise}).
 * Registered as a service, so they work wherever this module is on the class or module path.
 */
public final class InfnoiseSourceProvider implements SourceProvider {

  /** For the service loader. */
  public InfnoiseSourceProvider() {}

  @Override
  public boolean handles(String spec) {
    return InfiniteNoise.handles(spec);
  }

  @Override
  public EntropySource open(String spec) {
    return InfiniteNoise.open(spec, InfiniteNoise.Settings.defaults());
  }

  @Override
  public RawNoiseSource openRaw(String spec) {
    if (spec.startsWith("infnoise-file:")) {
      return InfiniteNoise.openRaw(spec);
    }
    throw new IllegalArgumentException("'" + spec + "' gives no raw samples to test (a live Infinite Noise source"
        + " is read through a capture: record one with otpkit entropy --source " + spec + " --raw --bytes 128000"
        + " > capture.bin, then use infnoise-file:capture.bin); accepted forms: " + EntropySources.RAW_FORMS);
  }
}
