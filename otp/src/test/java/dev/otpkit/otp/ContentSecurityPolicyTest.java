package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.Drbg;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

  @Test
  void options_addExactlyWhatTheyName() {
    ContentSecurityPolicy p = ContentSecurityPolicy.builder().strictDynamic(true).allowSameOriginScripts(true)
        .connectSources("http://127.0.0.1:8080", "ws://localhost:9000").styleSources("https://fonts.example.org")
        .imageSources("blob:").build();
    ContentSecurityPolicy.Response r = p.forResponse(Drbg.system());
    assertEquals("default-src 'none'; script-src 'nonce-" + r.nonce() + "' 'strict-dynamic' 'self'; style-src 'nonce-" + r.nonce() + "' 'self'"
        + " https://fonts.example.org; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'"
        + " http://127.0.0.1:8080 ws://localhost:9000; object-src 'none'; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'none'", r.headerValue());
  }

  /** A source cannot smuggle a directive, a keyword that weakens script-src, or a wildcard. */
  @Test
  void hostileSources_areRefused() {
    for (String bad : new String[] {"*", "*.example.org", "'unsafe-inline'", "'unsafe-eval'", "a.org; script-src *",
        "http://a.org 'unsafe-inline'", "'nonce-abc'", "", "http://a.org/\"", "data: *"}) {
      assertThrows(IllegalArgumentException.class, () -> ContentSecurityPolicy.builder().connectSources(bad), bad);
    }
  }

  /** The client goes first in the head, whatever shape the page has. */
  @Test
  void bootstrapPage_putsTheScriptFirstInTheHead() {
    ContentSecurityPolicy.Response r = ContentSecurityPolicy.strict().forResponse(Drbg.system());
    String s = "<script>KEY-MARKER</script>";
    assertEquals("<!doctype html><html lang=en><HEAD data-x=1>" + s + "<script src=a.js></script></head></html>",
        BootstrapPage.of("<!doctype html><html lang=en><HEAD data-x=1><script src=a.js></script></head></html>", s, r)
            .html());
    assertEquals("<html><head>" + s + "</head><header></header><body></body></html>",
        BootstrapPage.of("<html><header></header><body></body></html>", s, r).html());
    assertEquals("<!DOCTYPE html><head>" + s + "</head><script>page()</script>",
        BootstrapPage.of("<!DOCTYPE html><script>page()</script>", s, r).html());
    assertEquals("<head>" + s + "</head>hello", BootstrapPage.of("hello", s, r).html());
    BootstrapPage page = BootstrapPage.of("<head></head>", s, r);
    assertEquals("<head>" + s + r.metaTag() + "</head>", page.htmlWithMetaPolicy());
    assertEquals(r.headerValue(), page.headerValue());
    assertEquals(r.nonce(), page.nonce());
    assertFalse(page.toString().contains("KEY-MARKER"));
    assertTrue(page.toString().contains(r.nonce()));
  }
}
