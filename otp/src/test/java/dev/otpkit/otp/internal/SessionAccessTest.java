package dev.otpkit.otp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BootstrapPage;
import dev.otpkit.otp.BridgeSession;
import org.junit.jupiter.api.Test;

class SessionAccessTest {

  private static BridgeSession session() throws Exception {
    return BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset()))
        .allowlist(Allowlist.builder().allow("notes.save").build())
        .handler("notes.save", p -> p)
        .build();
  }

  @Test
  void inProcessPage_configuresTheTransport_andPutsTheBaseAfterTheClient_beforeThePolicy() throws Exception {
    BridgeSession s = session();
    BootstrapPage page = SessionAccess.inProcessPage(s,
        nonce -> "<html><head><title>t</title></head><body><script nonce=\"" + nonce + "\">app()</script></body></html>",
        "javafx", "jar:file:/app.jar!/web/\"><script>");
    String html = page.htmlWithMetaPolicy();
    assertTrue(html.startsWith("<html><head><script nonce=\"" + page.nonce() + "\">"), html.substring(0, 60));
    assertTrue(html.contains("\"transport\":\"javafx\""));
    assertTrue(html.contains("\"delivery\":\"in-process\""));
    int client = html.indexOf("</script>");
    int base = html.indexOf("<base href=\"jar:file:/app.jar!/web/&quot;&gt;&lt;script&gt;\">");
    int meta = html.indexOf("<meta http-equiv=\"Content-Security-Policy\"");
    assertTrue(client < base && base < meta && meta < html.indexOf("<title>"), html);
    assertTrue(page.headerValue().contains("style-src 'nonce-" + page.nonce() + "' 'self';"), page.headerValue());
    assertTrue(page.headerValue().contains("script-src 'nonce-" + page.nonce() + "';"), "scripts still need the nonce");
    assertTrue(page.headerValue().contains("base-uri 'none'"), "no later <base> may move the page");
    // the session's other pages are unchanged
    BootstrapPage plain = s.bootstrapPage("<html><head></head></html>");
    assertFalse(plain.html().contains("\"transport\":"));
  }

  @Test
  void inProcessPage_withoutBase_addsNoBaseElement() throws Exception {
    BootstrapPage page = SessionAccess.inProcessPage(session(), n -> "<p>x</p>", "javafx", null);
    assertFalse(page.html().contains("<base"));
    assertEquals(page.headerValue(), session().newResponsePolicy().headerValue().replaceAll("nonce-[^']+", "nonce-" + page.nonce()));
    assertThrows(IllegalStateException.class, () -> SessionAccess.set((a, b, c, d) -> null), "set once only");
  }
}
