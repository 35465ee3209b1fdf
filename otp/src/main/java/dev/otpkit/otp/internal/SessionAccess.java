package dev.otpkit.otp.internal;

import dev.otpkit.otp.BootstrapPage;
import dev.otpkit.otp.BridgeSession;
import java.util.Objects;
import java.util.function.Function;

/**
 * What otpkit's own webview adapters need of a {@link BridgeSession} beyond its public API: the
 * bootstrap page of an in-process load, whose client runs on the adapter's transport. Not API:
 * the package is exported to the adapters' modules only.
 */
public final class SessionAccess {

  /** See {@link #inProcessPage}. */
  @FunctionalInterface
  public interface InProcessPages {
    BootstrapPage page(BridgeSession session, Function<String, String> page, String transport, String base);
  }

  private static volatile InProcessPages pages;

  private SessionAccess() {}

  /** Called once, by BridgeSession's class initializer. */
  public static void set(InProcessPages access) {
    if (pages != null) {
      throw new IllegalStateException("already set");
    }
    pages = Objects.requireNonNull(access);
  }

  /**
   * {@code page} (given the response's nonce) with the client first in its head, configured for
   * {@code transport} and an in-process delivery, {@code base} (or null) as its base URL, and the
   * session's CSP as a meta tag.
   */
  public static BootstrapPage inProcessPage(BridgeSession session, Function<String, String> page, String transport,
      String base) {
    Objects.requireNonNull(session, "session"); // BridgeSession is initialized, so pages is set
    return pages.page(session, Objects.requireNonNull(page, "page"), Objects.requireNonNull(transport, "transport"),
        base);
  }
}
