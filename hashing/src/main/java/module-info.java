/** OTP-salted HMAC envelopes for the messages between a web UI and its backend. */
module dev.otpkit.hashing {
  requires transitive dev.otpkit.entropy;
  requires transitive com.google.crypto.tink;
  // Tink is an automatic module and cannot say that it needs Gson, an explicit module: without
  // this, reading a JSON keyset on the module path fails with NoClassDefFoundError
  // (com/google/gson/JsonParseException) unless the application adds --add-modules com.google.gson.
  requires com.google.gson;

  exports dev.otpkit.hashing;
  // the bridge session checks document ids and renders names exactly as the envelopes do
  exports dev.otpkit.hashing.internal to dev.otpkit.otp;
}
