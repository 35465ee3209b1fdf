package dev.otpkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On an origin that is not a secure context (a name mapped to loopback, not loopback itself) the
 * client fails at init with one message, and every call fails with it; loopback works.
 */
class SecureContextTest extends BrowserTest {

  static final String NO_CRYPTO =
      "otpkit: no usable crypto (needs WebCrypto in a secure context, or the bundled fallback)";

  @ParameterizedTest
  @EnumSource(BridgeServer.Delivery.class)
  void insecureOrigin_failsAtInit_loopbackWorks(BridgeServer.Delivery delivery) throws Exception {
    AppSession app = AppSession.start(AppSession.Mode.ENCRYPTED);
    try (BridgeServer server = new BridgeServer(app.session, delivery)) {
      JsonObject args = new JsonObject();
      args.addProperty("insecureUrl", server.url(Chromium.INSECURE_HOST, server.page(PLAIN_PAGE)));
      args.addProperty("secureUrl", server.url(server.page(PLAIN_PAGE)));
      JsonObject r = drive("init.mjs", app, server, args);

      JsonObject insecure = r.getAsJsonObject("insecure");
      assertEquals(200, insecure.get("status").getAsInt(), r::toString);
      assertFalse(insecure.get("isSecureContext").getAsBoolean(), r::toString);
      assertEquals(NO_CRYPTO, RoundTripTest.error(insecure, "ready"), r::toString);
      assertEquals(NO_CRYPTO, RoundTripTest.error(insecure, "seal"), r::toString);

      JsonObject secure = r.getAsJsonObject("secure");
      assertTrue(secure.get("isSecureContext").getAsBoolean(), r::toString);
      assertTrue(secure.getAsJsonObject("ready").has("ok"), r::toString);
      assertEquals("echo:hi", RoundTripTest.text(secure, "call"), r::toString);
    }
  }
}
