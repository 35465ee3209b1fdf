package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.Drbg;
import org.junit.jupiter.api.Test;

/** Where the client goes in a page, and the bundle's one placeholder, at their edges. */
class PageTextTest {

  private static final ContentSecurityPolicy.Response POLICY = ContentSecurityPolicy.strict().forResponse(Drbg.system());

  @Test
  void aHeadAtTheVeryStart_getsTheScriptRightAfterIt() {
    BootstrapPage page = BootstrapPage.of("<head><title>t</title></head>", "<script>S</script>", POLICY);
    assertEquals("<head><script>S</script><title>t</title></head>", page.html());
  }

  @Test
  void anUnfinishedTagAtTheEnd_isNoHead_andNeverAnError() {
    BootstrapPage page = BootstrapPage.of("<p>x</p><head", "<script>S</script>", POLICY);
    assertEquals("<head><script>S</script></head><p>x</p><head", page.html());
    BootstrapPage headerless = BootstrapPage.of("<headline>x</headline>", "<script>S</script>", POLICY);
    assertEquals("<head><script>S</script></head><headline>x</headline>", headerless.html());
  }

  @Test
  void theBundle_holdsItsPlaceholderExactlyOnce() {
    String once = "a" + ClientBundle.PLACEHOLDER + "b";
    assertEquals(once, ClientBundle.checked(once));
    assertEquals(ClientBundle.PLACEHOLDER, ClientBundle.checked(ClientBundle.PLACEHOLDER));
    for (String bad : new String[] {"", "no placeholder", ClientBundle.PLACEHOLDER + ClientBundle.PLACEHOLDER,
        ClientBundle.PLACEHOLDER + "x" + ClientBundle.PLACEHOLDER}) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClientBundle.checked(bad));
      assertTrue(e.getMessage().contains("exactly once"), e.getMessage());
    }
  }

  @Test
  void thePolicy_printsWithoutANonce() {
    assertTrue(ContentSecurityPolicy.strict().toString().contains("script-src 'nonce-<nonce>'"));
  }

  @Test
  void theBuilder_chainsThroughEverySetter() throws Exception {
    BridgeSession s = BridgeSession.builder(dev.otpkit.hashing.EnvelopeKeys.from(
            dev.otpkit.hashing.EnvelopeKeys.newKeyset()))
        .contentSecurityPolicy(ContentSecurityPolicy.builder().imageSources("https://img.example").build())
        .encrypted(true)
        .build();
    assertTrue(s.newResponsePolicy().headerValue().contains("img-src 'self' data: https://img.example"));
    assertTrue(s.documentStartScript().contains("\"encrypted\":true"));
  }

  /** otp (with hashing and entropy under it) needs no native code: no serial-port library on its path. */
  @Test
  void noSerialPortLibrary_onTheClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fazecast.jSerialComm.SerialPort"));
  }
}
