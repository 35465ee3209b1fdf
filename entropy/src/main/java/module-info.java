/**
 * Entropy for otpkit: sources, SP 800-90B health tests, conditioning, an SP 800-90A DRBG, and the
 * Infinite Noise TRNG driver.
 */
module dev.otpkit.entropy {
  requires org.bouncycastle.provider;
  requires com.fazecast.jSerialComm;

  exports dev.otpkit.entropy;
  exports dev.otpkit.entropy.infnoise;

  provides java.security.Provider with dev.otpkit.entropy.OtpkitProvider;
}
