package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import java.util.Objects;
import org.bouncycastle.crypto.prng.EntropySourceProvider;

/**
 * Adapts one of our sources to Bouncy Castle's DRBG: every instantiation, reseed and
 * prediction-resistant request draws fresh bytes from the source. A draw that throws marks the
 * owning DRBG failed through {@code onFailure}, so its buffered output stops too.
 */
public final class SourceEntropyProvider implements EntropySourceProvider {

  private final EntropySource source;
  private final Runnable onFailure;

  public SourceEntropyProvider(EntropySource source, Runnable onFailure) {
    this.source = Objects.requireNonNull(source, "source");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  @Override
  public org.bouncycastle.crypto.prng.EntropySource get(int bitsRequired) {
    int bytes = (bitsRequired + 7) / 8;
    return new org.bouncycastle.crypto.prng.EntropySource() {
      @Override
      public boolean isPredictionResistant() {
        return true;
      }

      @Override
      public byte[] getEntropy() {
        return draw(bytes);
      }

      @Override
      public int entropySize() {
        return bitsRequired;
      }
    };
  }

  /**
   * Draws {@code n} bytes from the source, flagging the DRBG failed if the source fails. The end
   * of a capture is passed on with no bytes before the end: bytes drawn here are seed material,
   * so a request that needed them delivered nothing.
   */
  public byte[] draw(int n) {
    try {
      return source.bytes(n);
    } catch (EntropyException e) {
      onFailure.run();
      throw e.captureEnded() && e.bytesBeforeEnd() > 0 ? EntropyException.captureEnded(e.getMessage(), 0) : e;
    }
  }
}
