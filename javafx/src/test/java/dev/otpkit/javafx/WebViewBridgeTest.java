package dev.otpkit.javafx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bridge end to end in a real JavaFX WebView: round trips, pushes, documents, navigation. */
class WebViewBridgeTest {

  static final PageSource PAGES = PageSource.classpath(WebViewBridgeTest.class, "/pages/");

  final AtomicInteger saves = new AtomicInteger();
  final List<Boolean> onFxThread = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void toolkit() throws Exception {
    Fx.start();
  }

  BridgeSession session(boolean encrypted) throws Exception {
    return BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset()))
        .allowlist(Allowlist.builder().allow("notes.save", "notes.subscribe").build())
        .handler("notes.save", p -> {
          saves.incrementAndGet();
          onFxThread.add(Platform.isFxApplicationThread());
          return ("saved " + new String(p, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        })
        .handler("notes.subscribe", p -> "subscribed".getBytes(StandardCharsets.UTF_8))
        .encrypted(encrypted)
        .build();
  }

  static WebViewBridge attach(View view, BridgeSession session) throws Exception {
    return Fx.call(() -> WebViewBridge.attach(view.engine, session, PAGES));
  }

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void roundTrip_inTheWebView_withTheFallback_dispatchOffTheFxThread(boolean encrypted) throws Exception {
    BridgeSession session = session(encrypted);
    View view = View.open();
    WebViewBridge bridge = attach(view, session);
    Fx.run(() -> bridge.load("index.html"));
    String document = view.ready("index");
    assertEquals("reply:saved hello", view.call("notes.save", "hello"));
    assertEquals("reply:saved w\u00f6rld \ud83d\ude00", view.call("notes.save", "w\u00f6rld \ud83d\ude00"));
    assertEquals(2, saves.get());
    assertEquals(List.of(false, false), onFxThread);
    assertEquals(document, bridge.document());
    assertEquals("error:otpkit: command not allowed: admin.wipe", view.call("admin.wipe", "x"));
  }
}
