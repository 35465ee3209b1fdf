package dev.otpkit.browser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled fallback backend in the real browser. The bundle has no switch that forces it, so
 * the test makes Chromium an engine without crypto.subtle in a secure context (as JavaFX's WebKit
 * is), by a script that runs before the client, and the client must choose the fallback by
 * feature test.
 */
class FallbackTest extends BrowserTest {

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("dev.otpkit.browser.RoundTripTest#modesAndDeliveries")
  void fallbackBackend_roundTrip_andEveryRejection(AppSession.Mode mode, BridgeServer.Delivery delivery)
      throws Exception {
    RoundTripTest.assertRoundTrip(mode, delivery, true);
  }
}
