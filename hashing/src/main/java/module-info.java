/** OTP-salted HMAC envelopes for the messages between a web UI and its backend. */
module dev.otpkit.hashing {
  requires transitive dev.otpkit.entropy;
  requires transitive com.google.crypto.tink;

  exports dev.otpkit.hashing;
}
