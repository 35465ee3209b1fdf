package dev.otpkit.javafx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeSession;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages packaged as an app ships them, in a jar: the page's script file and stylesheet load from
 * jar: URLs with the response's nonce, a link between the pages gives a new bootstrapped document,
 * and a script injected without the nonce does not run.
 */
class JarPagesTest {

  @TempDir static Path dir;
  static URLClassLoader loader;

  @BeforeAll
  static void jar() throws Exception {
    Fx.start();
    Path jar = dir.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("web/")); // as Maven's jar plugin writes it
      out.closeEntry();
      for (String name : new String[] {"index.html", "second.html", "app.css", "app.js", "injected.js"}) {
        out.putNextEntry(new JarEntry("web/" + name));
        try (var in = JarPagesTest.class.getResourceAsStream("/jar-pages/web/" + name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
  }

  @AfterAll
  static void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  @Test
  void jarPages_loadTheirFiles_followLinks_andKeepWorkingAfterTheEnginesReload() throws Exception {
    PageSource pages = PageSource.classpath(loader, "web/");
    assertTrue(pages.base().startsWith("jar:file:"), pages.base());
    BridgeSession session = BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset()))
        .allowlist(Allowlist.builder().allow("notes.save").build())
        .handler("notes.save", p -> ("saved " + new String(p, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))
        .encrypted(true)
        .build();
    View view = View.open();
    WebViewBridge bridge = Fx.call(() -> WebViewBridge.attach(view.engine, session, pages));
    Fx.run(() -> bridge.load("index.html"));
    String[] first = view.next("ready:").split(":");
    assertEquals("fallback", first[1]);
    assertEquals("index", first[2]);
    assertEquals("rgb(1, 2, 3)", first[3], "the nonced stylesheet from the jar applies");
    assertEquals("reply:saved 1", view.call("notes.save", "1"));

    // a script element a page script adds, from the same jar but without the nonce: blocked
    view.js("const s = document.createElement('script'); s.src = 'injected.js'; document.body.appendChild(s);"
        + " s.onerror = () => report('injected-blocked'); 'ok'");
    view.next("injected-blocked");

    // a link to the other page: bootstrapped by the bridge, a new document
    view.js("document.getElementById('second').click()");
    String[] second = view.next("ready:").split(":");
    assertEquals("second", second[2]);
    assertNotEquals(first[0], second[0]);
    assertEquals("second.html", Fx.call(bridge::path));
    assertEquals("reply:saved 2", view.call("notes.save", "2"));

    // the engine's reload leaves an in-process page as it is (WebKit has nothing to fetch again);
    // had it started the old page over, the bridge would have bootstrapped it afresh
    Fx.run(view.engine::reload);
    Thread.sleep(500);
    assertEquals("reply:saved 3", view.call("notes.save", "3"));
    assertEquals(Fx.call(bridge::document), view.js("otpkit.document"));
  }
}
