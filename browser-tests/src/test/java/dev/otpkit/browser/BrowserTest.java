package dev.otpkit.browser;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class that drives one Chromium, started before its first test and stopped after its
 * last. node, npm, chromium and playwright-core must be there: without them the class skips, or
 * fails when CI is set.
 */
abstract class BrowserTest {

  private static Path node;
  private static Chromium chromium;

  @BeforeAll
  static void startChromium() throws Exception {
    node = Tools.require("node", "nodejs");
    Tools.require("npm", "npm");
    Path executable = Tools.require("chromium", "chromium");
    Tools.requirePlaywright();
    chromium = Chromium.start(executable);
  }

  @AfterAll
  static void stopChromium() throws Exception {
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }

  /**
   * Runs driver/{@code script} on pages of {@code server}: {@code args} plus the browser's endpoint
   * and, in document-start mode, the session's client (on the driver's standard input, so that no
   * file or URL holds it).
   */
  static JsonObject drive(String script, AppSession app, BridgeServer server, JsonObject args) throws Exception {
    args.addProperty("cdp", chromium.endpoint());
    args.addProperty("command", AppSession.COMMAND);
    args.addProperty("notAllowed", AppSession.NOT_ALLOWED);
    boolean documentStart = server.delivery() == BridgeServer.Delivery.DOCUMENT_START;
    args.addProperty("documentStart", documentStart);
    return Driver.run(node, script, args, documentStart ? app.session.documentStartScript() : "");
  }

  /** A page with nothing but markup; the client arrives by the server's delivery. */
  static final String PLAIN_PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>otpkit app</title>"
      + "</head><body><main>app</main></body></html>";
}
