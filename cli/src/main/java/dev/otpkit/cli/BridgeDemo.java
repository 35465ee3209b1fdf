package dev.otpkit.cli;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeException;
import dev.otpkit.otp.BridgeSession;
import dev.otpkit.otp.IssuedToken;
import dev.otpkit.otp.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiConsumer;

/**
 * The scripted conversation of {@code otpkit demo}: a simulated UI and the backend talk through
 * a bridge session, and each attack the session exists for is tried and rejected.
 */
final class BridgeDemo {

  private final BiConsumer<String, String> say;

  BridgeDemo(BiConsumer<String, String> say) {
    this.say = say;
  }

  void run() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    BridgeSession session = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("files.save", "files.delete").deny("files.delete").build())
        .handler("files.save", p -> ("saved " + new String(p, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))
        .build();
    String alias = session.aliases().alias("files.save");
    say.accept("the backend opens a bridge session (allowlist: files.save; files.delete is denied)",
        "session " + session.id() + ", files.save is called " + alias + " in this session only,\n"
            + "      CSP: " + session.newResponsePolicy().headerValue());

    // The UI's side, simulated in Java: one document of the session (in a webview the client,
    // otpkit.seal/receive, does this with the session's UI root key and a random document id).
    String document = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
    Sealer ui = Sealer.builder(keys).session(session.id()).document(document).direction(Direction.UI_TO_BACKEND).build();
    Opener uiOpener = Opener.builder(keys).session(session.id()).document(document)
        .direction(Direction.BACKEND_TO_UI).build();

    String envelope = ui.sealText("files.save", "notes.txt".getBytes(StandardCharsets.UTF_8));
    BridgeSession.Reply reply = session.dispatch(document, alias, envelope);
    say.accept("the UI sends files.save \"notes.txt\" in an OTP-salted envelope",
        "accepted: the reply opens in the UI as \"" + new String(uiOpener.openText("files.save", reply.envelope()),
            StandardCharsets.UTF_8) + "\"");

    attempt("an attacker replays the same envelope", () -> session.dispatch(document, alias, envelope));

    byte[] raw = Base64.getUrlDecoder().decode(ui.sealText("files.save", "notes.txt".getBytes(StandardCharsets.UTF_8)));
    raw[52] ^= 0x01; // one bit of the payload
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    attempt("an attacker flips one bit of a fresh envelope", () -> session.dispatch(document, alias, tampered));

    String foreign = ui.sealText("files.save", new byte[0]);
    attempt("the envelope is re-labelled as files.delete, which is not on the allowlist",
        () -> session.dispatch(document, "files.delete", foreign));

    Scope confirm = new Scope("confirm-overwrite", session.id());
    IssuedToken token = session.tokens().issue(confirm);
    session.tokens().redeem(token.value(), confirm);
    say.accept("the backend issues a one-time token to confirm an overwrite; the UI redeems it",
        "accepted: " + token.value().substring(0, 8) + "... redeemed once");
    attempt("the same token is redeemed again", () -> session.tokens().redeem(token.value(), confirm));

    int[] runs = {0};
    String handle = session.handles().register(v -> runs[0]++);
    session.handles().fire(handle, new byte[0]);
    say.accept("the backend registers a one-shot callback; the UI fires its handle",
        "accepted: the callback ran " + runs[0] + " time");
    attempt("the handle is fired a second time", () -> session.handles().fire(handle, new byte[0]));
  }

  /** Runs an attack that must be rejected and prints the reason. */
  private void attempt(String what, Call call) {
    try {
      call.run();
      say.accept(what, "ACCEPTED (this is a bug)");
      throw new IllegalStateException("the demo's attack was not rejected: " + what);
    } catch (BridgeException e) {
      String detail = e.reason() == BridgeException.Reason.UNKNOWN_ALIAS
          ? " (not on the allowlist, so this session has no alias for it)" : "";
      say.accept(what, e.getMessage() + detail);
    } catch (java.security.GeneralSecurityException e) {
      say.accept(what, e.getMessage());
    }
  }

  @FunctionalInterface
  private interface Call {
    void run() throws java.security.GeneralSecurityException;
  }
}
