package dev.otpkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-page suite: each test serves a page whose own scripts attack the client (the
 * scripts are in driver/hostile/), lets the page use the bridge, and shows that the attack fails.
 * Under document start no page script can run before the client; under bootstrap the client is the
 * first element, so the hostile scripts stand right after it and at the end of the body. Every
 * attack also runs a control, the same capture aimed at something it must find, so a capture that
 * sees nothing cannot pass.
 */
class HostilePageTest extends BrowserTest {

  private static final String HEAD = "head";
  private static final String END = "end";

  @ParameterizedTest
  @EnumSource(BridgeServer.Delivery.class)
  void pageScriptInHead_runsAfterTheClient(BridgeServer.Delivery delivery) throws Exception {
    JsonObject r = attack("order", AppSession.Mode.ENCRYPTED, delivery, List.of("order.js"), List.of(), List.of());
    JsonObject order = r.getAsJsonObject("order");
    assertTrue(order.get("defined").getAsBoolean(), () -> "otpkit missing when the first page script ran: " + r);
    assertFalse(order.get("configurable").getAsBoolean(), r::toString);
    assertFalse(order.get("writable").getAsBoolean(), r::toString);
    assertFalse(order.get("enumerable").getAsBoolean(), r::toString);
    assertTrue(order.get("frozen").getAsBoolean(), r::toString);
    assertTrue(order.get("readyIsPromise").getAsBoolean(), r::toString);
    // bootstrap: the client's own element is gone before the first page script runs
    assertTrue(order.get("firstInHead").getAsBoolean(), r::toString);
    assertEquals(0, order.get("scriptsBefore").getAsInt(), r::toString);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("dev.otpkit.browser.RoundTripTest#modesAndDeliveries")
  void patchedGlobalsAndPrototypes_captureNoKeyMaterialNorCryptoKey(AppSession.Mode mode,
      BridgeServer.Delivery delivery) throws Exception {
    assertPrimordialsHold(mode, delivery, false);
  }

  /** The same attack on the fallback backend (an engine without crypto.subtle, like JavaFX's). */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("dev.otpkit.browser.RoundTripTest#modesAndDeliveries")
  void patchedGlobalsAndPrototypes_fallbackBackend_captureNoKeyMaterial(AppSession.Mode mode,
      BridgeServer.Delivery delivery) throws Exception {
    assertPrimordialsHold(mode, delivery, true);
  }

  private static void assertPrimordialsHold(AppSession.Mode mode, BridgeServer.Delivery delivery, boolean hideSubtle)
      throws Exception {
    JsonObject extra = new JsonObject();
    extra.addProperty("hideSubtle", hideSubtle);
    JsonObject r = attack("primordials", mode, delivery, List.of("patch-primordials.js"), List.of(), List.of(), extra);
    assertEquals(hideSubtle ? "fallback" : "webcrypto", r.getAsJsonObject("ready").get("backend").getAsString());
    assertTrue(r.get("patched").getAsBoolean(), r::toString);
    assertTraffic(r, 4);
    JsonObject control = r.getAsJsonObject("controlFound");
    if (!hideSubtle) {
      assertTrue(control.get("cryptoKeys").getAsInt() > 0, () -> "control: the hooks saw no CryptoKey: " + r);
    }
    assertTrue(control.get("canary").getAsInt() > 0, () -> "control: the hooks saw no key bytes: " + r);
    assertEquals(0, r.getAsJsonArray("found").size(), () -> "key material captured: " + r.get("found"));
    assertEquals(0, r.getAsJsonArray("cryptoKeys").size(), () -> "CryptoKeys captured: " + r.get("cryptoKeys"));
    assertEquals(0, r.getAsJsonArray("hookErrors").size(), r::toString);
    assertTrue(r.getAsJsonArray("touchControl").size() > 0, () -> "control: a touch was not seen: " + r);
    assertEquals("{}", r.get("touched").toString(), () -> "the client called patched functions after init: " + r);
  }

  @ParameterizedTest
  @EnumSource(BridgeServer.Delivery.class)
  void domScriptTextsAndStorage_holdNoKey(BridgeServer.Delivery delivery) throws Exception {
    JsonObject r = attack("dom", AppSession.Mode.ENCRYPTED, delivery, List.of("read-dom.js"), List.of("read-dom.js"), List.of());
    assertEquals("[\"head\",\"end\",\"DOMContentLoaded\",\"load\"]", r.get("positions").toString(), r::toString);
    assertTrue(r.get("controlFound").getAsBoolean(), () -> "control: the page's canary was not read: " + r);
    assertEquals(0, r.getAsJsonArray("found").size(), () -> "key material in the document: " + r.get("found"));
  }

  @ParameterizedTest
  @EnumSource(BridgeServer.Delivery.class)
  void refetchOfThePageAndTheDocument_givesNoKey(BridgeServer.Delivery delivery) throws Exception {
    AppSession app = AppSession.start(AppSession.Mode.ENCRYPTED);
    try (BridgeServer server = new BridgeServer(app.session, delivery)) {
      Page page = page(server, List.of(), List.of("refetch.js"), List.of());
      JsonObject args = args(app, "refetch", page);
      // the control: a bootstrap page nobody has loaded yet does carry the key
      args.addProperty("controlUrl", server.url(server.page(PLAIN_PAGE)));
      JsonObject r = drive("hostile.mjs", app, server, args);
      assertReady(r);
      assertEquals(0, r.getAsJsonArray("found").size(), () -> "key material re-fetched: " + r.get("found"));
      List<JsonObject> samePage = new ArrayList<>();
      for (JsonElement e : r.getAsJsonArray("fetched")) {
        JsonObject f = e.getAsJsonObject();
        if (f.get("url").getAsString().startsWith(server.url(page.path))) {
          samePage.add(f);
        }
      }
      assertTrue(samePage.size() > 20, r::toString);
      JsonObject worker = samePage.stream().filter(f -> f.get("how").getAsString().equals("serviceWorker"))
          .findFirst().orElseThrow();
      assertTrue(worker.has("error"), () -> "a service worker was registered: " + worker);
      if (delivery == BridgeServer.Delivery.BOOTSTRAP) {
        assertTrue(r.get("controlFound").getAsBoolean(), () -> "control: the key was not found in a bootstrap page: " + r);
        for (JsonObject f : samePage) {
          assertFalse(f.has("status") && f.get("status").getAsInt() == 200, () -> "served again: " + f);
        }
        assertEquals(1, server.served(page.path), r::toString);
        assertTrue(server.refused(page.path) > 10, r::toString);
      } else {
        // the control: a page served again is read, canary and all
        assertTrue(samePage.stream().anyMatch(f -> f.get("canary").getAsBoolean()), r::toString);
      }
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("dev.otpkit.browser.RoundTripTest#modesAndDeliveries")
  void forgedBackendReplies_areRejected(AppSession.Mode mode, BridgeServer.Delivery delivery) throws Exception {
    JsonObject r = attack("forge", mode, delivery, List.of("patch-primordials.js"), List.of(), List.of());
    assertEquals("echo:genuine", r.get("control").getAsString(), r::toString);
    JsonObject attempts = r.getAsJsonObject("attempts");
    assertEquals("accepted: echo:template", attempts.get("control: the genuine reply").getAsString(), r::toString);
    assertEquals("accepted: forged", attempts.get("control: the real key").getAsString(), r::toString);
    assertEquals("[\"control: the genuine reply\",\"control: the real key\"]", r.get("accepted").toString(),
        () -> "forgeries accepted: " + r);
    assertEquals("rejected: wrong-context", attempts.get("reflected request").getAsString(), r::toString);
    assertEquals("rejected: bad-tag", attempts.get("zero key, copied context check").getAsString(), r::toString);
    assertEquals("rejected: bad-tag", attempts.get("random key, copied context check").getAsString(), r::toString);
    assertEquals("rejected: bad-tag", attempts.get("flipped body").getAsString(), r::toString);
    assertEquals("rejected: replayed", attempts.get("genuine replayed").getAsString(), r::toString);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("dev.otpkit.browser.RoundTripTest#modesAndDeliveries")
  void zeroAndConstantRandomness_neverReachTheSalts(AppSession.Mode mode, BridgeServer.Delivery delivery)
      throws Exception {
    AppSession app = AppSession.start(mode);
    try (BridgeServer server = new BridgeServer(app.session, delivery)) {
      Page page = page(server, List.of("zero-salts.js"), List.of("zero-salts.js"), List.of());
      JsonObject r = drive("hostile.mjs", app, server, args(app, "salts", page));
      assertReady(r);
      assertEquals("0,0,0,0,0,0,0,0", r.get("control").getAsString(), () -> "control: randomness not replaced: " + r);
      assertEquals("66,66,66,66", r.get("constantControl").getAsString(), r::toString);
      assertTraffic(r, 24);
      String document = r.get("document").getAsString();
      assertNotEquals("AAAAAAAAAAAAAAAAAAAAAA", document);

      Set<String> salts = new HashSet<>();
      Set<String> nonces = new HashSet<>();
      int seals = 0;
      for (BridgeServer.Received received : server.received()) {
        if (!received.document().equals(document)) {
          continue;
        }
        seals++;
        byte[] salt = Arrays.copyOfRange(received.envelope(), 6, 22);
        String hex = java.util.HexFormat.of().formatHex(salt);
        assertFalse(hex.matches("(00)+|(42)+"), () -> "a salt from the page's randomness: " + hex);
        assertTrue(salts.add(hex), () -> "salt repeated: " + hex);
        assertTrue(nonces.add(hex.substring(0, 24)), () -> "GCM nonce repeated: " + hex);
      }
      assertEquals(25, seals, r::toString); // the derivation check and 24 calls
    }
  }

  @ParameterizedTest
  @EnumSource(BridgeServer.Delivery.class)
  void otpkitCannotBeReplacedWrappedOrShadowed(BridgeServer.Delivery delivery)
      throws Exception {
    JsonObject r = attack("replace", AppSession.Mode.ENCRYPTED, delivery, List.of("replace-api.js"), List.of(),
        List.of("var otpkit = { fake: true };", "let otpkit = { fake: true }; __hostile.shadowed = true;"));
    assertTrue(r.get("same").getAsBoolean(), r::toString);
    assertFalse(r.get("fake").getAsBoolean(), r::toString);
    assertFalse(r.get("shadowedByLet").getAsBoolean(), r::toString);
    assertTrue(r.get("varKept").getAsBoolean(), r::toString);
    assertEquals("echo:still mine", RoundTripTest.text(r, "afterwards"), r::toString);
    assertTrue(r.get("fakeOpen").getAsString().startsWith("rejected: "), r::toString);
  }

  // ---- the pages and the driver

  /** A page of the server with a canary in its markup, at path on the server, loaded from url. */
  record Page(String path, String url, String canary) {}

  private static JsonObject attack(String attack, AppSession.Mode mode, BridgeServer.Delivery delivery, List<String> head,
      List<String> end, List<String> inlineAfterHead) throws Exception {
    return attack(attack, mode, delivery, head, end, inlineAfterHead, new JsonObject());
  }

  private static JsonObject attack(String attack, AppSession.Mode mode, BridgeServer.Delivery delivery, List<String> head,
      List<String> end, List<String> inlineAfterHead, JsonObject extra) throws Exception {
    AppSession app = AppSession.start(mode);
    try (BridgeServer server = new BridgeServer(app.session, delivery)) {
      JsonObject args = args(app, attack, page(server, head, end, inlineAfterHead));
      extra.entrySet().forEach(e -> args.add(e.getKey(), e.getValue()));
      JsonObject r = drive("hostile.mjs", app, server, args);
      assertReady(r);
      return r;
    }
  }

  private static JsonObject args(AppSession app, String attack, Page page) {
    JsonObject args = new JsonObject();
    args.addProperty("attack", attack);
    args.addProperty("mode", app.mode.name());
    args.addProperty("url", page.url);
    args.addProperty("canary", page.canary);
    args.addProperty("root", app.rootBase64Url());
    return args;
  }

  private static Page page(BridgeServer server, List<String> head, List<String> end, List<String> inlineAfterHead)
      throws IOException {
    String canary = "canary-" + UUID.randomUUID();
    StringBuilder html = new StringBuilder("<!doctype html><html><head>");
    for (String name : head) {
      html.append(script(HEAD, hostileScript(name)));
    }
    for (String text : inlineAfterHead) {
      html.append(script(HEAD, text));
    }
    html.append("<meta charset=\"utf-8\"><meta name=\"otpkit-test-canary\" content=\"").append(canary)
        .append("\"><title>otpkit app</title></head><body><main>app</main>");
    for (String name : end) {
      html.append(script(END, hostileScript(name)));
    }
    html.append("</body></html>");
    String path = server.page(html.toString());
    return new Page(path, server.url(path), canary);
  }

  private static String script(String position, String text) {
    return "<script nonce=\"{{nonce}}\" data-position=\"" + position + "\">" + text + "</script>";
  }

  private static String hostileScript(String name) throws IOException {
    return Files.readString(Tools.moduleDir().resolve("driver/hostile").resolve(name), StandardCharsets.UTF_8);
  }

  private static void assertReady(JsonObject r) {
    // every capture attempt's result, in the test's output
    System.out.println("hostile page, " + r.get("attack").getAsString() + ": " + r);
    assertTrue(r.getAsJsonObject("ready").has("ok"), () -> "otpkit.ready: " + r);
    assertTrue(r.get("derivationChecked").getAsBoolean(), () -> "the test's key derivation is wrong: " + r);
  }

  /** Every call of the app's traffic was answered, opened, and its replay refused. */
  private static void assertTraffic(JsonObject r, int calls) {
    assertEquals(calls, r.getAsJsonArray("traffic").size(), r::toString);
    for (JsonElement t : r.getAsJsonArray("traffic")) {
      assertTrue(t.getAsString().matches("echo:(message |m)\\d+ / replay rejected: replayed"), r::toString);
    }
  }
}
