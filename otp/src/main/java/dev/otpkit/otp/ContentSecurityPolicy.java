package dev.otpkit.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Content-Security-Policy that goes with a bridge session's init script: script-src pinned to
 * the script's SHA-256 hash and the session's nonce (plus the app's own origin), never
 * {@code 'unsafe-inline'} or {@code 'unsafe-eval'}, and closed defaults for everything else.
 *
 * <p>Header form:
 * <pre>
 * default-src 'none'; script-src 'self' 'sha256-...' 'nonce-...'; style-src 'self';
 * img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none';
 * base-uri 'none'; form-action 'none'; frame-ancestors 'none'
 * </pre>
 * The meta-tag form leaves out {@code frame-ancestors}, which browsers ignore in a meta tag.
 */
public final class ContentSecurityPolicy {

  private final String scriptHash;
  private final String nonce;

  private ContentSecurityPolicy(String scriptHash, String nonce) {
    this.scriptHash = scriptHash;
    this.nonce = nonce;
  }

  /** The policy for {@code script} (exactly the text injected) and {@code nonce} (base64url). */
  static ContentSecurityPolicy forScript(String script, String nonce) {
    if (!nonce.matches("[A-Za-z0-9_-]{22,}")) {
      throw new IllegalArgumentException("a CSP nonce needs at least 128 bits in base64url");
    }
    return new ContentSecurityPolicy("sha256-" + sha256Base64(script), nonce);
  }

  static String sha256Base64(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** The script hash source, {@code sha256-<base64>} (without quotes). */
  public String scriptHash() {
    return scriptHash;
  }

  /** The per-session nonce, for {@code <script nonce="...">} of the app's own inline scripts. */
  public String nonce() {
    return nonce;
  }

  private String directives(boolean header) {
    return "default-src 'none'; script-src 'self' '" + scriptHash + "' 'nonce-" + nonce + "'; "
        + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'"
        + (header ? "; frame-ancestors 'none'" : "");
  }

  /** The value of a {@code Content-Security-Policy} response header. */
  public String headerValue() {
    return directives(true);
  }

  /** A {@code <meta http-equiv>} tag for pages served without headers (file:, custom schemes). */
  public String metaTag() {
    return "<meta http-equiv=\"Content-Security-Policy\" content=\"" + directives(false) + "\">";
  }

  @Override
  public String toString() {
    return headerValue();
  }
}
