/**
 * Entropy for otpkit: sources, SP 800-90B health tests, conditioning and an SP 800-90A DRBG.
 */
module dev.otpkit.entropy {
  requires org.bouncycastle.provider;

  exports dev.otpkit.entropy;

  provides java.security.Provider with dev.otpkit.entropy.OtpkitProvider;
}
