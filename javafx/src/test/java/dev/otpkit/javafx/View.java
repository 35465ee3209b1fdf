package dev.otpkit.javafx;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;

/** A real WebView on the FX thread, whose page reports through alert(). */
final class View {
  final WebView view;
  final WebEngine engine;
  private final LinkedBlockingQueue<String> alerts = new LinkedBlockingQueue<>();
  private final List<String> skipped = new ArrayList<>();

  private View(WebView view) {
    this.view = view;
    this.engine = view.getEngine();
    engine.setOnAlert(e -> alerts.add(e.getData()));
  }

  static View open() throws Exception {
    return Fx.call(() -> new View(new WebView()));
  }

  /** Runs {@code script} in the current document (as a script of the page would) and returns its value. */
  Object js(String script) throws Exception {
    return Fx.call(() -> engine.executeScript(script));
  }

  /** The next alert that starts with {@code prefix} (20 s at most); earlier others are kept aside. */
  String next(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      long left = deadline - System.nanoTime();
      String a = left > 0 ? alerts.poll(left, TimeUnit.NANOSECONDS) : null;
      if (a == null) {
        fail("no alert starting with '" + prefix + "' in 20 s; others: " + skipped);
      }
      if (a.startsWith(prefix)) {
        return a.substring(prefix.length());
      }
      skipped.add(a);
    }
  }

  /** Waits for the page's ready report; returns the document id. */
  String ready(String page) throws InterruptedException {
    String r = next("ready:");
    String[] parts = r.split(":");
    if (!parts[1].equals("fallback") || !parts[2].equals(page)) {
      fail("expected the fallback on page " + page + ": " + r);
    }
    return parts[0];
  }

  /** The page calls {@code command} through otpkit.call; returns "reply:<text>" or "error:<message>". */
  String call(String command, String payload) throws Exception {
    String tag = "call" + System.nanoTime() + ":";
    js("otpkit.call(" + quote(command) + ", " + quote(payload) + ").then("
        + "r => report(" + quote(tag) + " + 'reply:' + new TextDecoder().decode(r)),"
        + "e => report(" + quote(tag) + " + 'error:' + e.message))");
    return next(tag);
  }

  /** {@code s} as a JavaScript string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
