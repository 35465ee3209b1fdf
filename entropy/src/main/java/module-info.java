/**
 * Entropy for otpkit: sources, SP 800-90B health tests, conditioning, an SP 800-90A DRBG and a
 * JCA provider. No native code: the Infinite Noise driver, with its serial-port library, is the
 * module dev.otpkit.entropy.infnoise, found through {@link dev.otpkit.entropy.spi.SourceProvider}.
 */
module dev.otpkit.entropy {
  requires org.bouncycastle.provider;

  exports dev.otpkit.entropy;
  exports dev.otpkit.entropy.spi;
  // the helpers the Infinite Noise driver shares with the sources here; no one else
  exports dev.otpkit.entropy.internal to dev.otpkit.entropy.infnoise;

  uses dev.otpkit.entropy.spi.SourceProvider;

  provides java.security.Provider with dev.otpkit.entropy.OtpkitProvider;
}
