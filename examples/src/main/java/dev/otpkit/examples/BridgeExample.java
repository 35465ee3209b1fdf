package dev.otpkit.examples;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeException;
import dev.otpkit.otp.BridgeSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bridge session wired to a webview with a document-start script (JCEF, a webview binding).
 * README, "A bridge session ties it together"; JavaFX has its adapter (examples/javafx-notes).
 * {@link Webview} stands for the binding of the application's webview (JCEF, a webview library);
 * here a stand-in plays the page, sealing as the init script would.
 */
public final class BridgeExample {

  /** What the example needs of a webview binding. */
  interface Webview {
    /** Runs {@code script} in every new document before any script of the page. */
    void addScriptBeforePageScripts(String script);

    /** Serves the pages with this Content-Security-Policy. */
    void setContentSecurityPolicy(String policy);

    /** Calls {@code handler} with what the page posts to the native side. */
    void onMessage(Consumer<Message> handler);

    /** Posts a message to the page. */
    void post(String message);
  }

  /** What the page posts: {@code otpkit.seal}'s result. */
  record Message(String document, String alias, String envelope) {}

  /** The application's own logic: returns the reply payload. */
  static final class Notes {
    private final List<String> saved = new ArrayList<>();

    byte[] save(byte[] note) {
      saved.add(new String(note, StandardCharsets.UTF_8));
      return ("saved #" + saved.size()).getBytes(StandardCharsets.UTF_8);
    }

    byte[] list() {
      return String.join("\n", saved).getBytes(StandardCharsets.UTF_8);
    }
  }

  private BridgeExample() {}

  static BridgeSession wire(EnvelopeKeys keys, Notes notes, Webview webview) throws GeneralSecurityException {
    BridgeSession session = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("notes.save", "notes.list").build())
        .handler("notes.save", payload -> notes.save(payload))   // every allowed command needs a handler
        .handler("notes.list", payload -> notes.list())
        .build();
    webview.addScriptBeforePageScripts(session.documentStartScript()); // defines otpkit in every document
    webview.setContentSecurityPolicy(session.newResponsePolicy().headerValue()); // a fresh nonce each response
    // the page: post(await otpkit.seal("notes.save", text))  ->  {document, alias, envelope}
    webview.onMessage(m -> {
      try {
        BridgeSession.Reply reply = session.dispatch(m.document(), m.alias(), m.envelope());
        webview.post(reply.envelope());                          // the page: await otpkit.open(...)
      } catch (BridgeException e) {
        webview.post(e.getMessage());                            // "rejected: <reason>", nothing more
      }
    });
    return session;
  }

  public static void main(String[] args) throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    PageStandIn page = new PageStandIn();
    BridgeSession session = wire(keys, new Notes(), page);
    String document = "ZXhhbXBsZS1kb2N1bWVudA"; // the page's client picks a random one
    Sealer pageSealer = Sealer.builder(keys).session(session.id()).document(document)
        .direction(Direction.UI_TO_BACKEND).build();
    Opener pageOpener = Opener.builder(keys).session(session.id()).document(document)
        .direction(Direction.BACKEND_TO_UI).build();
    String alias = session.aliases().alias("notes.save");
    String envelope = pageSealer.sealText("notes.save", "buy milk".getBytes(StandardCharsets.UTF_8));
    page.handler.accept(new Message(document, alias, envelope));
    System.out.println("reply: " + new String(pageOpener.openText("notes.save", page.posted.get(0)),
        StandardCharsets.UTF_8));
    page.handler.accept(new Message(document, alias, envelope)); // the same message again
    System.out.println("replayed: " + page.posted.get(1));
    page.handler.accept(new Message(document, "c_AAAAAAAAAAAAAAAA", envelope));
    System.out.println("unknown alias: " + page.posted.get(2));
    System.out.println("init script: " + page.script.length() + " characters; CSP: " + page.policy);
  }

  /** Records what the session gives the webview, and lets main post as the page would. */
  private static final class PageStandIn implements Webview {
    String script;
    String policy;
    Consumer<Message> handler;
    final List<String> posted = new ArrayList<>();

    @Override
    public void addScriptBeforePageScripts(String script) {
      this.script = script;
    }

    @Override
    public void setContentSecurityPolicy(String policy) {
      this.policy = policy;
    }

    @Override
    public void onMessage(Consumer<Message> handler) {
      this.handler = handler;
    }

    @Override
    public void post(String message) {
      posted.add(message);
    }
  }
}
