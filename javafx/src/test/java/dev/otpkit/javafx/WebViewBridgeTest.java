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

  @Test
  void push_reachesTheCurrentDocumentsListener_onceTheDocumentHasSpoken() throws Exception {
    BridgeSession session = session(true);
    View view = View.open();
    WebViewBridge bridge = attach(view, session);
    Fx.run(() -> bridge.load("index.html"));
    view.ready("index");
    // before the page has spoken there is no stream to push to
    IllegalStateException early = assertThrows(IllegalStateException.class,
        () -> bridge.push("notes.changed", new byte[] {1}));
    assertTrue(early.getMessage().contains("has not called"), early.getMessage());
    view.js("otpkit.on('notes.changed', p => report('push:' + new TextDecoder().decode(p)))");
    assertEquals("reply:subscribed", view.call("notes.subscribe", ""));
    // from a thread that is not the FX thread, as a backend's event source would
    Thread t = new Thread(() -> {
      try {
        bridge.push("notes.changed", "note 7 changed".getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    t.start();
    t.join();
    assertEquals("note 7 changed", view.next("push:"));
    // a push on a channel the page does not listen to reaches no listener; the next one does
    bridge.push("other", new byte[] {1});
    bridge.push("notes.changed", "second".getBytes(StandardCharsets.UTF_8));
    assertEquals("second", view.next("push:"));
  }

  @Test
  void oneShotHandle_firesOnce_throughThePage() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    BridgeSession[] holder = new BridgeSession[1];
    BridgeSession session = BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset()))
        .allowlist(Allowlist.builder().allow("dialog.open", "dialog.answer").build())
        .handler("dialog.open", p -> holder[0].handles()
            .register(v -> fired.add(new String(v, StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8))
        .handler("dialog.answer", p -> {
          String[] parts = new String(p, StandardCharsets.UTF_8).split("=", 2);
          holder[0].handles().fire(parts[0], parts[1].getBytes(StandardCharsets.UTF_8));
          return "ok".getBytes(StandardCharsets.UTF_8);
        })
        .oneShotAliases(true)
        .build();
    holder[0] = session;
    View view = View.open();
    WebViewBridge bridge = attach(view, session);
    Fx.run(() -> bridge.load("index.html"));
    view.ready("index");
    String aliasBefore = (String) view.js("otpkit.alias('dialog.answer')");
    String handle = view.call("dialog.open", "").substring("reply:".length());
    assertEquals("reply:ok", view.call("dialog.answer", handle + "=yes"));
    // one-shot aliases: the reply carried the next alias, and the client took it
    assertNotEquals(aliasBefore, view.js("otpkit.alias('dialog.answer')"));
    assertEquals("error:rejected: handler-failed (HandleException)", view.call("dialog.answer", handle + "=again"));
    assertEquals(List.of("yes"), fired);
  }

  @Test
  void reloadAndSecondWindow_eachGetTheirOwnStream_andTheOldDocumentIsClosed() throws Exception {
    BridgeSession session = session(false);
    View first = View.open();
    WebViewBridge one = attach(first, session);
    Fx.run(() -> one.load("index.html"));
    String before = first.ready("index");
    assertEquals("reply:saved a", first.call("notes.save", "a"));
    // an envelope sealed in this document, kept by a script for later
    String kept = (String) first.js("window.kept = null; otpkit.seal('notes.save', 'late').then(s => { window.kept = s; "
        + "report('sealed:' + s.alias + ' ' + s.envelope); }); 'ok'");
    assertEquals("ok", kept);
    String[] sealed = first.next("sealed:").split(" ");

    Fx.run(one::reload);
    String after = first.ready("index");
    assertNotEquals(before, after);
    assertEquals("reply:saved b", first.call("notes.save", "b"));
    assertEquals(after, one.document());

    // the old document's envelope, sent now: its document is closed
    int saved = saves.get();
    Object answer = first.js("prompt('otpkit:bridge:v1', JSON.stringify({id: 1, document: " + View.quote(before)
        + ", alias: " + View.quote(sealed[0]) + ", envelope: " + View.quote(sealed[1]) + "}))");
    assertEquals("", answer, "queued; the session refuses it");
    assertEquals("reply:saved c", first.call("notes.save", "c"));
    assertEquals(saved + 1, saves.get(), "the closed document's envelope ran no handler");

    // a second window on the same session: its own document and stream, both keep working
    View second = View.open();
    WebViewBridge two = attach(second, session);
    Fx.run(() -> two.load("second.html"));
    String other = second.ready("second");
    assertNotEquals(after, other);
    assertEquals("reply:saved from two", second.call("notes.save", "from two"));
    assertEquals("reply:saved from one", first.call("notes.save", "from one"));
    // the first window's document, claimed through the second window: refused at once
    String[] fromFirst = ((String) first.js("otpkit.seal('notes.save', 'x').then(s => report('s2:' + s.alias + ' '"
        + " + s.envelope)), 'ok'")).isEmpty() ? null : first.next("s2:").split(" ");
    assertEquals("otpkit: the document belongs to another view", second.js("prompt('otpkit:bridge:v1', JSON.stringify("
        + "{id: 1, document: " + View.quote(after) + ", alias: " + View.quote(fromFirst[0]) + ", envelope: "
        + View.quote(fromFirst[1]) + "}))"));
  }

  @Test
  void navigationOutsideThePageSource_isRefused_andThePageKeepsWorking() throws Exception {
    // a real page elsewhere, whose script would report if it ever ran in the view
    try (ForeignPage page = ForeignPage.serve(
        "<html><body><script>alert('elsewhere-ran:' + typeof otpkit)</script></body></html>")) {
      String elsewhere = page.url() + "elsewhere.html";
      BridgeSession session = session(false);
      View view = View.open();
      List<String> refused = new CopyOnWriteArrayList<>();
      WebViewBridge bridge = Fx.call(() -> WebViewBridge.builder(session).pages(PAGES)
          .onRefusedNavigation(refused::add).attach(view.engine));
      Fx.run(() -> bridge.load("index.html"));
      view.ready("index");
      view.js("location.href = " + View.quote(elsewhere));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (refused.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of(elsewhere), refused);
      // the engine shows the bridge's page again, a new document, and calls work
      view.ready("index");
      assertEquals("reply:saved still", view.call("notes.save", "still"));
      assertEquals("", Fx.call(view.engine::getLocation), "the engine shows the bridge's page, not " + elsewhere);
      assertEquals(bridge.document(), view.js("otpkit.document"));
      assertEquals(true, view.js("typeof otpkit.call === 'function'"));

      // a link to a page the source does not have (outside its base): refused as well
      view.js("location.href = " + View.quote(elsewhere + "?second"));
      deadline = System.nanoTime() + 20_000_000_000L;
      while (refused.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(2, refused.size());
      view.ready("index");
      assertEquals("reply:saved again", view.call("notes.save", "again"));
      // popups are refused
      assertEquals(true, view.js("window.open('second.html') === null"));
    }
  }

  @Test
  void misuse_getsAClearError() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    IllegalStateException off = assertThrows(IllegalStateException.class,
        () -> WebViewBridge.attach(view.engine, session, PAGES));
    assertTrue(off.getMessage().contains("JavaFX application thread"), off.getMessage());
    WebViewBridge bridge = attach(view, session);
    assertThrows(IllegalStateException.class, () -> bridge.load("index.html"), "off the FX thread");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Fx.run(() -> bridge.load("nothing-here.html")));
    assertTrue(missing.getMessage().contains("no page nothing-here.html"), missing.getMessage());
    for (String bad : new String[] {"../secret.html", "/etc/passwd", "a//b.html", ".hidden", ""}) {
      assertThrows(IllegalArgumentException.class, () -> Fx.run(() -> bridge.load(bad)), bad);
    }
    assertThrows(IllegalStateException.class, () -> Fx.run(bridge::reload), "nothing loaded yet");
    assertThrows(IllegalStateException.class,
        () -> Fx.call(() -> WebViewBridge.builder(session).attach(view.engine)), "pages required");
    assertThrows(IllegalArgumentException.class, () -> PageSource.classpath(WebViewBridgeTest.class, "/no-such-dir/"));
    assertThrows(IllegalArgumentException.class, () -> PageSource.classpath(WebViewBridgeTest.class, "pages"));
    assertThrows(IllegalArgumentException.class, () -> WebViewBridge.builder(session).maxPending(0));
  }

  @Test
  void detach_givesTheEngineItsHandlersBack_andClosesItsDocuments() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    Fx.run(() -> view.engine.setPromptHandler(p -> "app's own answer"));
    WebViewBridge bridge = attach(view, session);
    Fx.run(() -> bridge.load("index.html"));
    String document = view.ready("index");
    assertEquals("app's own answer", view.js("prompt('a question of the app')"), "other prompts reach the app");
    assertEquals("reply:saved x", view.call("notes.save", "x"));
    Fx.run(bridge::detach);
    assertEquals("app's own answer", view.js("prompt('otpkit:bridge:v1', '{}')"));
    assertThrows(IllegalStateException.class, () -> bridge.push("c", new byte[0]));
    assertThrows(dev.otpkit.otp.BridgeException.class, () -> session.push(document, "c", new byte[0]),
        "the document is closed");
  }

  @Test
  void wake_runsThePagesQueuedPromiseJobsAtOnce_notAFrameLater() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    WebViewBridge bridge = attach(view, session);
    Fx.run(() -> bridge.load("index.html"));
    view.ready("index");
    String queue = "window.ran = false; Promise.resolve().then(() => { window.ran = true; }); 'queued'";
    // within one FX task no frame can pass: without the wake the job waits for the next frame
    assertEquals(false, Fx.call(() -> {
      view.engine.executeScript(queue);
      return view.engine.executeScript("window.ran");
    }), "WebKit now runs executeScript's promise jobs at once: the wake is no longer needed");
    assertEquals(true, Fx.call(() -> {
      view.engine.executeScript(queue);
      bridge.wake();
      return view.engine.executeScript("window.ran");
    }));
  }
}
