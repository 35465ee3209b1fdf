package dev.otpkit.browser;

import static dev.otpkit.browser.RoundTripTest.assertRejected;
import static dev.otpkit.browser.RoundTripTest.error;
import static dev.otpkit.browser.RoundTripTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Several documents (tabs, a reload) of one session, each with its own stream. */
class TwoDocumentsTest extends BrowserTest {

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("dev.otpkit.browser.RoundTripTest#modesAndDeliveries")
  void twoTabsAndAReload_interleave_eachInItsOwnStream(AppSession.Mode mode, BridgeServer.Delivery delivery)
      throws Exception {
    AppSession app = AppSession.start(mode);
    try (BridgeServer server = new BridgeServer(app.session, delivery)) {
      boolean bootstrap = delivery == BridgeServer.Delivery.BOOTSTRAP;
      String first = server.page(PLAIN_PAGE);
      JsonObject args = new JsonObject();
      JsonArray urls = new JsonArray();
      urls.add(server.url(first));
      // document start: the same page twice and loaded again; bootstrap: a page is served once
      urls.add(server.url(bootstrap ? server.page(PLAIN_PAGE) : first));
      args.add("urls", urls);
      args.addProperty("reloadUrl", server.url(bootstrap ? server.page(PLAIN_PAGE) : first));
      if (bootstrap) {
        args.addProperty("refusedUrl", server.url(first));
      }
      JsonObject r = drive("documents.mjs", app, server, args);

      String a = r.getAsJsonObject("readyA").get("document").getAsString();
      String b = r.getAsJsonObject("readyB").get("document").getAsString();
      String reloaded = r.getAsJsonObject("readyReloaded").get("document").getAsString();
      assertEquals(3, Set.of(a, b, reloaded).size(), r::toString);
      for (int i = 0; i < 4; i++) {
        JsonArray round = r.getAsJsonArray("rounds").get(i).getAsJsonArray();
        assertEquals("echo:A" + i, round.get(0).getAsString(), r::toString);
        assertEquals("echo:B" + i, round.get(1).getAsString(), r::toString);
      }
      assertRejected(r, "requestUnderOtherDocument", "rejected: wrong-context");
      assertEquals("rejected: wrong-context", error(r, "replyInOtherDocument"), r::toString);
      assertEquals("echo:cross", text(r, "replyInOwnDocument"), r::toString);
      assertEquals(200, r.get("reloadStatus").getAsInt(), r::toString);
      assertEquals("echo:C", r.getAsJsonArray("afterReload").get(0).getAsString(), r::toString);
      assertEquals("echo:B", r.getAsJsonArray("afterReload").get(1).getAsString(), r::toString);
      if (bootstrap) {
        assertEquals(410, r.get("refusedStatus").getAsInt(), r::toString);
        assertEquals(1, server.served(first));
      }
      assertEquals(Set.of(a, b, reloaded),
          server.received().stream().map(BridgeServer.Received::document).collect(Collectors.toSet()));
      assertNotEquals(a, b);
      assertEquals(0, r.getAsJsonArray("pageErrors").size(), r::toString);
    }
  }
}
