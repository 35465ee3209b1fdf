package dev.otpkit.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otpkit.javafx.WebViewBridge;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example app as a user sees it, in a real WebView under Xvfb: add a note, see the pushed clock. */
class NotesAppTest {

  @BeforeAll
  static void toolkit() throws Exception {
    if ("missing".equals(System.getProperty("otpkit.javafx.xvfb"))) {
      String why = "xvfb-run is not installed (Debian package xvfb): the JavaFX example needs a display";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    CountDownLatch up = new CountDownLatch(1);
    Platform.startup(up::countDown);
    assertTrue(up.await(30, TimeUnit.SECONDS), "the JavaFX toolkit started");
  }

  static <T> T fx(Callable<T> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result.get(20, TimeUnit.SECONDS);
  }

  /** Polls {@code script} in the page until it returns {@code expected} (20 s at most). */
  static void await(WebView view, String script, Object expected) throws Exception {
    Object last = null;
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); System.nanoTime() < end; Thread.sleep(50)) {
      last = fx(() -> view.getEngine().executeScript(script));
      if (expected.equals(last)) {
        return;
      }
    }
    fail(script + " is " + last + ", not " + expected);
  }

  @Test
  void addingANote_goesThroughTheBridge_andTheClockArrivesAsAPush() throws Exception {
    Notes notes = new Notes();
    WebView view = fx(WebView::new);
    WebViewBridge bridge = fx(() -> NotesApp.open(view, notes));
    // the page started, listed the (no) notes through the bridge, and runs the fallback
    await(view, "document.getElementById('backend').textContent", "fallback");
    fx(() -> view.getEngine().executeScript(
        "document.getElementById('text').value = 'buy milk';"
            + "document.querySelector('#add button').click()"));
    await(view, "document.querySelector('#notes li') && document.querySelector('#notes li').textContent", "buy milk");
    assertEquals("buy milk", notes.list());

    // the handler refuses an empty note: the page shows why, and nothing is added
    fx(() -> view.getEngine().executeScript(
        "document.getElementById('text').value = '   '; document.querySelector('#add button').click()"));
    await(view, "document.getElementById('status').textContent",
        "rejected: handler-failed (IllegalArgumentException)");
    assertEquals(1, notes.size());

    bridge.push("clock", "12:34:56".getBytes(StandardCharsets.UTF_8));
    await(view, "document.getElementById('clock').textContent", "12:34:56");
  }
}
