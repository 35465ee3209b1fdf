package dev.otpkit.examples.notes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.javafx.PageSource;
import dev.otpkit.javafx.WebViewBridge;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeException;
import dev.otpkit.otp.BridgeSession;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

/**
 * A notes app: the page (src/main/resources/notes/) lists and adds notes and shows a clock the
 * backend pushes every second; every message between them goes through the otpkit bridge.
 * Run it with {@code java -jar examples/javafx-notes/target/javafx-notes.jar}.
 */
public final class NotesApp extends Application {

  private final Notes notes = new Notes();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "notes-clock");
    t.setDaemon(true);
    return t;
  });

  @Override
  public void start(Stage stage) throws Exception {
    WebView webView = new WebView();
    WebViewBridge bridge = open(webView, notes);
    // the backend pushes an event every second; the page shows it
    clock.scheduleAtFixedRate(() -> pushTime(bridge), 1, 1, TimeUnit.SECONDS);
    stage.setTitle("otpkit notes");
    stage.setScene(new Scene(webView, 640, 480));
    stage.show();
  }

  /** The bridge of one window: a session, its commands, and the pages. */
  static WebViewBridge open(WebView webView, Notes notes) throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset()); // or EnvelopeKeys.read(file, access)
    // README: javafx
    BridgeSession session = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("notes.add", "notes.list").build())
        .handler("notes.add", payload -> notes.add(new String(payload, UTF_8)).getBytes(UTF_8))
        .handler("notes.list", payload -> notes.list().getBytes(UTF_8))
        .encrypted(true)
        .build();
    WebViewBridge bridge = WebViewBridge.builder(session)
        .pages(PageSource.classpath(NotesApp.class, "/notes/")) // notes/index.html among the resources
        .attach(webView.getEngine());
    bridge.load("index.html");
    // the page: const list = await otpkit.call("notes.add", text);  otpkit.on("clock", show);
    // README end
    return bridge;
  }

  private static void pushTime(WebViewBridge bridge) {
    String now = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    try {
      bridge.push("clock", now.getBytes(UTF_8));
    } catch (IllegalStateException | BridgeException e) {
      // the page has not called yet, or is loading its next document: the next tick will do
    }
  }
}
