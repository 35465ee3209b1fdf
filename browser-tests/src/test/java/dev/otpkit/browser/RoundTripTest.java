package dev.otpkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One page of a session, in each crypto mode and each delivery: a round trip and every rejection. */
class RoundTripTest extends BrowserTest {

  static Stream<Arguments> modesAndDeliveries() {
    return Stream.of(AppSession.Mode.values()).flatMap(m ->
        Stream.of(BridgeServer.Delivery.values()).map(d -> Arguments.of(m, d)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("modesAndDeliveries")
  void roundTrip_andEveryRejection(AppSession.Mode mode, BridgeServer.Delivery delivery) throws Exception {
    assertRoundTrip(mode, delivery, false);
  }

  /**
   * The round trip and every rejection; with {@code hideSubtle} in an engine without
   * crypto.subtle (a secure context all the same, like JavaFX's WebKit), on the fallback backend.
   */
  static void assertRoundTrip(AppSession.Mode mode, BridgeServer.Delivery delivery, boolean hideSubtle)
      throws Exception {
    AppSession app = AppSession.start(mode);
    try (BridgeServer server = new BridgeServer(app.session, delivery)) {
      JsonObject args = new JsonObject();
      args.addProperty("url", server.url(server.page(PLAIN_PAGE)));
      args.addProperty("hideSubtle", hideSubtle);
      JsonObject r = drive("roundtrip.mjs", app, server, args);

      assertEquals(200, r.get("status").getAsInt(), r::toString);
      JsonObject ready = r.getAsJsonObject("ready");
      assertTrue(ready.has("ok"), () -> "otpkit.ready: " + r);
      assertEquals(hideSubtle ? "fallback" : "webcrypto", ready.get("backend").getAsString(), r::toString);
      assertEquals(app.session.id(), ready.get("session").getAsString());
      assertEquals(22, ready.get("document").getAsString().length(), r::toString);

      assertEquals("echo:hello", text(r, "roundTrip"), r::toString);
      assertEquals("echo:b\u00e9bop", text(r, "bytes"), r::toString);

      assertRejected(r, "replayedRequest", "rejected: replayed");
      assertRejected(r, "tamperedBody", "rejected: bad-tag");
      assertRejected(r, "tamperedSalt", "rejected: bad-tag");
      assertRejected(r, "tamperedLast", "rejected: bad-tag");
      assertEquals(200, r.getAsJsonObject("genuineAfterTampering").get("status").getAsInt(), r::toString);
      assertRejected(r, "forgedAlias", "rejected: unknown-alias");

      assertEquals("otpkit: command not allowed: " + AppSession.NOT_ALLOWED, error(r, "notAllowedAlias"), r::toString);
      assertEquals("otpkit: command not allowed: " + AppSession.NOT_ALLOWED, error(r, "notAllowedSeal"), r::toString);

      assertEquals("rejected: replayed", error(r, "replayedReply"), r::toString);
      assertEquals("rejected: replayed", error(r, "replayedReplyOpen"), r::toString);
      assertEquals("rejected: bad-tag", error(r, "tamperedReply"), r::toString);
      assertEquals("rejected: bad-tag", error(r, "tamperedReplyLast"), r::toString);
      assertEquals("echo:reply", text(r, "genuineReplyAfterTampering"), r::toString);
      assertEquals(0, r.getAsJsonArray("pageErrors").size(), r::toString);
    }
  }

  /** A backend answer {status, body: {error}} that is a 403 with exactly {@code error}. */
  static void assertRejected(JsonObject r, String step, String error) {
    JsonObject answer = r.getAsJsonObject(step);
    assertEquals(403, answer.get("status").getAsInt(), () -> step + ": " + r);
    assertEquals(error, answer.getAsJsonObject("body").get("error").getAsString(), () -> step + ": " + r);
  }

  static String text(JsonObject r, String step) {
    JsonObject o = r.getAsJsonObject(step);
    return o != null && o.has("text") ? o.get("text").getAsString() : null;
  }

  static String error(JsonObject r, String step) {
    JsonObject o = r.getAsJsonObject(step);
    return o != null && o.has("error") ? o.get("error").getAsString() : null;
  }
}
