package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of a bridge session's pages: script-src allows only scripts that
 * carry the response's nonce (a fresh one for every response), never {@code 'unsafe-inline'},
 * {@code 'unsafe-eval'} or a wildcard, and everything else is closed unless the builder opens a
 * named source.
 *
 * <p>Header form, with the defaults:
 * <pre>
 * default-src 'none'; script-src 'nonce-...'; style-src 'nonce-...' 'self'; img-src 'self' data:;
 * font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';
 * frame-ancestors 'none'
 * </pre>
 * The meta-tag form leaves out {@code frame-ancestors}, which browsers ignore in a meta tag.
 * {@code 'self'} is not in script-src unless asked for: next to a nonce it would let any script
 * file of the origin run. {@code 'strict-dynamic'} lets a nonced script load further scripts.
 *
 * <p>Immutable; a {@link Response} is the policy of one response.
 */
public final class ContentSecurityPolicy {

  /** A source expression: a scheme, a host with optional scheme and port, or a keyword we allow. */
  private static final Pattern SOURCE = Pattern.compile(
      "(?:[a-z][a-z0-9+.-]*:)|(?:(?:[a-z][a-z0-9+.-]*://)?[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?)"
          + "|'self'|'none'");
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final boolean strictDynamic;
  private final boolean selfScripts;
  private final List<String> connect;
  private final List<String> style;
  private final List<String> img;

  private ContentSecurityPolicy(Builder b) {
    this.strictDynamic = b.strictDynamic;
    this.selfScripts = b.selfScripts;
    this.connect = List.copyOf(b.connect);
    this.style = List.copyOf(b.style);
    this.img = List.copyOf(b.img);
  }

  /** The policy with every default: nonced scripts only, same-origin styles, images and fetches. */
  public static ContentSecurityPolicy strict() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The policy of one response: a fresh nonce of 128 bits from {@code random}. */
  public Response forResponse(Drbg random) {
    return new Response(this, TEXT.encodeToString(random.bytes(16)));
  }

  private String directives(String nonce, boolean header) {
    StringBuilder sb = new StringBuilder("default-src 'none'; script-src 'nonce-").append(nonce).append('\'');
    if (strictDynamic) {
      sb.append(" 'strict-dynamic'");
    }
    if (selfScripts) {
      sb.append(" 'self'");
    }
    // the nonce on style-src too: the page's own <style> elements carry it, injected ones do not
    sb.append("; style-src 'nonce-").append(nonce).append("' 'self'");
    style.forEach(s -> sb.append(' ').append(s));
    sb.append("; img-src 'self' data:");
    img.forEach(s -> sb.append(' ').append(s));
    sb.append("; font-src 'self'; connect-src 'self'");
    connect.forEach(s -> sb.append(' ').append(s));
    sb.append("; object-src 'none'; base-uri 'none'; form-action 'none'");
    if (header) {
      sb.append("; frame-ancestors 'none'");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return directives("<nonce>", true);
  }

  /** The policy of one response, with its nonce. */
  public static final class Response {
    private final ContentSecurityPolicy policy;
    private final String nonce;

    private Response(ContentSecurityPolicy policy, String nonce) {
      this.policy = policy;
      this.nonce = nonce;
    }

    /** This response's nonce, for the page's own {@code <script nonce="...">} and {@code <style nonce="...">}. */
    public String nonce() {
      return nonce;
    }

    /** The value of a {@code Content-Security-Policy} response header. */
    public String headerValue() {
      return policy.directives(nonce, true);
    }

    /** A {@code <meta http-equiv>} tag, for pages loaded without headers (file:, loadContent). */
    public String metaTag() {
      return "<meta http-equiv=\"Content-Security-Policy\" content=\"" + policy.directives(nonce, false) + "\">";
    }

    @Override
    public String toString() {
      return headerValue();
    }
  }

  /** Builds a {@link ContentSecurityPolicy}; each source is checked as it is added. */
  public static final class Builder {
    private boolean strictDynamic;
    private boolean selfScripts;
    private final List<String> connect = new ArrayList<>();
    private final List<String> style = new ArrayList<>();
    private final List<String> img = new ArrayList<>();

    private Builder() {}

    /** Adds {@code 'strict-dynamic'}: a nonced script may load further scripts (default off). */
    public Builder strictDynamic(boolean on) {
      this.strictDynamic = on;
      return this;
    }

    /** Adds {@code 'self'} to script-src: script files of the page's origin run (default off). */
    public Builder allowSameOriginScripts(boolean on) {
      this.selfScripts = on;
      return this;
    }

    /**
     * More sources the page may fetch from, e.g. {@code http://127.0.0.1:8080} for a file: or
     * custom-scheme UI that talks to a local server.
     *
     * @throws IllegalArgumentException if a source is not a scheme, host or 'self'/'none'
     */
    public Builder connectSources(String... sources) {
      add(connect, sources);
      return this;
    }

    /** More style sources; see {@link #connectSources}. */
    public Builder styleSources(String... sources) {
      add(style, sources);
      return this;
    }

    /** More image sources; see {@link #connectSources}. */
    public Builder imageSources(String... sources) {
      add(img, sources);
      return this;
    }

    private static void add(List<String> to, String... sources) {
      for (String s : sources) {
        Objects.requireNonNull(s, "source");
        if (!SOURCE.matcher(s).matches()) {
          throw new IllegalArgumentException("not a CSP source this policy accepts: '" + s
              + "' (a scheme like 'https:', a host with scheme and port, 'self' or 'none'; no wildcard host,"
              + " no 'unsafe-...' keyword)");
        }
        to.add(s);
      }
    }

    public ContentSecurityPolicy build() {
      return new ContentSecurityPolicy(this);
    }
  }
}
