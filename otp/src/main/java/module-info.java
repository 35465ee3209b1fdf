/** One-time tokens, one-shot handles, command aliases, the allowlist and the bridge session. */
module dev.otpkit.otp {
  requires transitive dev.otpkit.hashing;

  exports dev.otpkit.otp;
  // what otpkit's webview adapters need beyond the API (SessionAccess); no one else
  exports dev.otpkit.otp.internal to dev.otpkit.javafx;
}
