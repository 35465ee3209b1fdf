/** The code README.md shows: each example a runnable class, run by the build on the module path. */
module dev.otpkit.examples {
  requires dev.otpkit.otp;
  requires dev.otpkit.stores.redis;
  requires java.logging;
}
