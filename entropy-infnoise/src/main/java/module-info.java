/**
 * The Infinite Noise TRNG driver: the sample protocol over a serial line (jSerialComm, with its
 * native code), the reference estimator, Keccak whitening, the simulator and captures. With this
 * module present, EntropySources opens the infnoise source strings.
 */
module dev.otpkit.entropy.infnoise {
  requires transitive dev.otpkit.entropy;
  requires com.fazecast.jSerialComm;

  exports dev.otpkit.entropy.infnoise;

  provides dev.otpkit.entropy.spi.SourceProvider with dev.otpkit.entropy.infnoise.InfnoiseSourceProvider;
}
