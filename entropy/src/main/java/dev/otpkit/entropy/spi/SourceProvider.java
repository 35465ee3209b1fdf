package dev.otpkit.entropy.spi;

import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.RawNoiseSource;

/**
 * Sources that live in modules of their own (the Infinite Noise driver, with its serial-port
 * library, is {@code otpkit-entropy-infnoise}), found with {@link java.util.ServiceLoader} when
 * {@link dev.otpkit.entropy.EntropySources} meets a source string it does not know itself.
 */
public interface SourceProvider {

  /** Whether {@code spec} is one of this provider's source strings. */
  boolean handles(String spec);

  /** Opens the source {@code spec} names; see {@link dev.otpkit.entropy.EntropySources#open}. */
  EntropySource open(String spec);

  /**
   * Opens the raw samples of {@code spec}; see {@link dev.otpkit.entropy.EntropySources#openRaw}.
   *
   * @throws IllegalArgumentException if this source has no raw samples, saying why
   */
  RawNoiseSource openRaw(String spec);
}
