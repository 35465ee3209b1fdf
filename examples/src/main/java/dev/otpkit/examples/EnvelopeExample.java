package dev.otpkit.examples;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Envelopes: the keys from a keyset file, a sealer for the replies, an opener for the requests.
 * README, "Sealing and opening messages". Run with a keyset file ({@code otpkit keygen --out FILE})
 * or none (it makes one); {@code --tink} reads it with Tink first, as an application that already
 * manages keysets with Tink would.
 */
public final class EnvelopeExample {

  private static final Logger LOG = Logger.getLogger(EnvelopeExample.class.getName());

  private EnvelopeExample() {}

  /** What the backend side does with one request: open it, handle it, seal the reply. */
  static String backend(Path keysetFile, String sessionId, String envelopeFromUi)
      throws IOException, GeneralSecurityException {
    // README: envelopes
    EnvelopeKeys keys = EnvelopeKeys.read(keysetFile, InsecureSecretKeyAccess.get()); // 'otpkit keygen --out FILE'
    Opener fromUi = Opener.builder(keys).session(sessionId).direction(Direction.UI_TO_BACKEND)
        .maxAge(Duration.ofSeconds(30)).build();
    Sealer toUi = Sealer.builder(keys).session(sessionId).direction(Direction.BACKEND_TO_UI).build();
    try {
      byte[] request = fromUi.openText("files.save", envelopeFromUi);   // a checked EnvelopeException
      byte[] reply = ("saved " + request.length + " bytes").getBytes(StandardCharsets.UTF_8);
      return toUi.sealText("files.save", reply);                        // base64url text
    } catch (EnvelopeException e) {
      LOG.warning("rejected: " + e.reason().id());                      // bad-tag, replayed, expired, ...
      throw e;
    }
    // README end
  }

  /** The same keys from a keyset the application already parsed with Tink. */
  static EnvelopeKeys fromTink(Path keysetFile) throws IOException, GeneralSecurityException {
    // README: tink
    KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(
        Files.readString(keysetFile), RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    EnvelopeKeys keys = EnvelopeKeys.from(keyset);   // HMAC-SHA256 keys only, one enabled primary
    // README end
    return keys;
  }

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    boolean viaTink = args.length > 0 && args[0].equals("--tink");
    Path keysetFile = args.length > (viaTink ? 1 : 0) ? Path.of(args[viaTink ? 1 : 0]) : newKeysetFile();
    EnvelopeKeys keys = viaTink ? fromTink(keysetFile) : EnvelopeKeys.read(keysetFile, InsecureSecretKeyAccess.get());
    String sessionId = "example-session";
    // the page's side, here in Java: it seals with the keys its session handed it
    Sealer page = Sealer.builder(keys).session(sessionId).direction(Direction.UI_TO_BACKEND).build();
    String request = page.sealText("files.save", "{\"path\":\"notes.txt\"}".getBytes(StandardCharsets.UTF_8));
    String reply = backend(keysetFile, sessionId, request);
    Opener pageOpener = Opener.builder(keys).session(sessionId).direction(Direction.BACKEND_TO_UI).build();
    System.out.println("reply: " + new String(pageOpener.openText("files.save", reply), StandardCharsets.UTF_8));
    try {
      backend(keysetFile, sessionId, request.substring(0, request.length() - 2) + "AA");
    } catch (EnvelopeException e) {
      System.out.println("tampered: " + e.reason().id());
    }
  }

  private static Path newKeysetFile() throws IOException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("otpkit-example");
    Path file = dir.resolve("keys.json");
    EnvelopeKeys.write(file, EnvelopeKeys.newKeyset(), InsecureSecretKeyAccess.get());
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}
