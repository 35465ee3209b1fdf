package dev.otpkit.browser;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.SessionKeyExport;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A bridge session as an app builds it, with one command, {@code echo}, that answers
 * {@code "echo:" + payload}; and the session's UI root key, which the tests know from the Java side
 * so that they can look for it wherever a page script reaches.
 */
final class AppSession {

  /** The session's crypto mode, both directions. */
  enum Mode {
    MAC,
    ENCRYPTED
  }

  static final String COMMAND = "echo";
  /** A well-formed command name that is not on the allowlist. */
  static final String NOT_ALLOWED = "admin.delete";

  final BridgeSession session;
  final Mode mode;
  private final byte[] root;

  private AppSession(BridgeSession session, Mode mode, byte[] root) {
    this.session = session;
    this.mode = mode;
    this.root = root;
  }

  static AppSession start(Mode mode) throws GeneralSecurityException {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    BridgeSession session = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow(COMMAND).build())
        .handler(COMMAND, payload -> ("echo:" + new String(payload, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8))
        .encrypted(mode == Mode.ENCRYPTED)
        .build();
    byte[] root = SessionKeyExport.of(keys, session.id()).uiRootKey(InsecureSecretKeyAccess.get());
    return new AppSession(session, mode, root);
  }

  /** R in base64url without padding, as the client's configuration carries it. */
  String rootBase64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(root);
  }

  String rootHex() {
    return HexFormat.of().formatHex(root);
  }
}
