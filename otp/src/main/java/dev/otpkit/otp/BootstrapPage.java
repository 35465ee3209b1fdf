package dev.otpkit.otp;

import java.util.Locale;
import java.util.Objects;

/**
 * A page with the UI client as the first element of its {@code <head>} (see
 * {@link BridgeSession#bootstrapPage}), and the Content-Security-Policy of that response.
 *
 * <p>Serve {@link #html()} once, with {@link #headerValue()} as the {@code Content-Security-Policy}
 * header and {@code Cache-Control: no-store}, and refuse a second request for the same page; where
 * there are no headers (JavaFX {@code loadContent}, file:), use {@link #htmlWithMetaPolicy()}.
 * {@code toString} shows no key.
 */
public final class BootstrapPage {

  private final String html;
  private final String htmlWithMeta;
  private final ContentSecurityPolicy.Response policy;

  private BootstrapPage(String html, String htmlWithMeta, ContentSecurityPolicy.Response policy) {
    this.html = html;
    this.htmlWithMeta = htmlWithMeta;
    this.policy = policy;
  }

  /**
   * {@code page} with {@code script} inserted first in its head: right after {@code <head ...>},
   * or in a new head right after {@code <html ...>}, or at the very start of the document (after a
   * doctype), so no markup of the page comes before it.
   */
  static BootstrapPage of(String page, String script, ContentSecurityPolicy.Response policy) {
    Objects.requireNonNull(page, "html");
    int at = afterOpeningTag(page, "head");
    String head = "";
    if (at < 0) {
      at = afterOpeningTag(page, "html");
      head = "<head>";
    }
    if (at < 0) {
      at = afterDoctype(page);
      head = "<head>";
    }
    String closeHead = head.isEmpty() ? "" : "</head>";
    String before = page.substring(0, at);
    String after = page.substring(at);
    return new BootstrapPage(before + head + script + closeHead + after,
        before + head + script + policy.metaTag() + closeHead + after, policy);
  }

  /** The index just after the first {@code <tag>} or {@code <tag ...>} (any case), or -1. */
  private static int afterOpeningTag(String page, String tag) {
    String lower = page.toLowerCase(Locale.ROOT);
    int from = 0;
    while (true) {
      int i = lower.indexOf("<" + tag, from);
      if (i < 0) {
        return -1;
      }
      int next = i + 1 + tag.length();
      if (next < lower.length() && (lower.charAt(next) == '>' || Character.isWhitespace(lower.charAt(next)))) {
        int end = lower.indexOf('>', next);
        return end < 0 ? -1 : end + 1;
      }
      from = next;
    }
  }

  private static int afterDoctype(String page) {
    String trimmed = page.stripLeading().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("<!doctype")) {
      int end = page.indexOf('>');
      return end < 0 ? 0 : end + 1;
    }
    return 0;
  }

  /** The page, client first, for a response with {@link #headerValue()} as its CSP header. */
  public String html() {
    return html;
  }

  /** The page with the policy as a meta tag after the client, for loads without headers. */
  public String htmlWithMetaPolicy() {
    return htmlWithMeta;
  }

  /** The {@code Content-Security-Policy} header value of this response. */
  public String headerValue() {
    return policy.headerValue();
  }

  /** This response's nonce, for the page's own {@code <script nonce="...">} elements. */
  public String nonce() {
    return policy.nonce();
  }

  @Override
  public String toString() {
    return "BootstrapPage{" + html.length() + " characters, nonce " + policy.nonce() + "}";
  }
}
