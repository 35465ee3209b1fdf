/** The otpkit command. */
module dev.otpkit.cli {
  requires dev.otpkit.entropy;
  requires dev.otpkit.entropy.infnoise;
  requires dev.otpkit.hashing;
  requires dev.otpkit.otp;
  requires info.picocli;

  opens dev.otpkit.cli to info.picocli;
}
