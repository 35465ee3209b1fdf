/** The bridge session in a JavaFX WebView. */
module dev.otpkit.javafx {
  requires transitive dev.otpkit.otp;
  requires transitive javafx.web;
  requires com.google.gson;
  requires jdk.jsobject;
  requires java.xml;

  exports dev.otpkit.javafx;
}
