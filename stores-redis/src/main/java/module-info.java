/** Single-use state on Redis: replay guard and token store shared across restarts and instances. */
module dev.otpkit.stores.redis {
  requires transitive dev.otpkit.otp;
  requires lettuce.core;

  exports dev.otpkit.stores.redis;
}
