package dev.otpkit.javafx;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** The JavaFX toolkit of the test JVM (under Xvfb, see src/test/xvfb-java), started once. */
final class Fx {
  private static boolean started;

  private Fx() {}

  /** Starts the toolkit; skips the test without Xvfb, or fails it when CI is set. */
  static synchronized void start() throws InterruptedException {
    if ("missing".equals(System.getProperty("otpkit.javafx.xvfb"))) {
      String why = "xvfb-run is not installed (Debian package xvfb): the JavaFX WebView tests need a display";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    if (started) {
      return;
    }
    CountDownLatch up = new CountDownLatch(1);
    Platform.setImplicitExit(false);
    Platform.startup(up::countDown);
    if (!up.await(30, TimeUnit.SECONDS)) {
      fail("the JavaFX toolkit did not start in 30 s");
    }
    started = true;
  }

  /** Runs {@code task} on the FX thread and returns its result (20 s at most). */
  static <T> T call(Callable<T> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception x) {
        throw x;
      }
      throw e;
    }
  }

  /** Runs {@code task} on the FX thread. */
  static void run(ThrowingRunnable task) throws Exception {
    call(() -> {
      task.run();
      return null;
    });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
