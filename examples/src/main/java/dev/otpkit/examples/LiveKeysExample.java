package dev.otpkit.examples;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.KeysetFile;
import dev.otpkit.hashing.LiveEnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** Rotating and revoking keys in a running application. README, "Rotating and revoking keys". */
public final class LiveKeysExample {

  private LiveKeysExample() {}

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("otpkit-example");
    Path keysetFile = dir.resolve("keys.json");
    var access = InsecureSecretKeyAccess.get();
    KeysetFile.create(keysetFile, EnvelopeKeys.newKeyset(), access);
    int oldKey = EnvelopeKeys.read(keysetFile, access).primaryId();
    // README: live-keys
    LiveEnvelopeKeys keys = LiveEnvelopeKeys.of(EnvelopeKeys.read(keysetFile, access));
    Opener opener = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).build();
    Sealer sealer = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).build();

    // 'otpkit keyset rotate', or in code:
    KeysetFile file = KeysetFile.read(keysetFile, access);
    file = file.replace(EnvelopeKeys.rotate(file.keyset()));
    keys.set(file.envelopeKeys());              // the next seal uses the new primary
    // 'otpkit keyset disable --key-id ID', or in code:
    file = file.replace(EnvelopeKeys.disable(file.keyset(), oldKey));
    keys.set(file.envelopeKeys());              // the next open of an old-key envelope: disabled-key
    // README end
    System.out.println("sealing under the new key: " + (sealer.keyId() != oldKey));
    byte[] env = Sealer.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset())).session("s")
        .direction(Direction.UI_TO_BACKEND).build().seal("c", new byte[0]);
    relabel(env, oldKey);
    try {
      opener.open("c", env);
    } catch (EnvelopeException e) {
      System.out.println("old key: " + e.reason().id());
    }
    Files.delete(keysetFile);
    Files.delete(dir);
  }

  /** Puts {@code keyId} into an envelope's header (it then names the disabled key). */
  static void relabel(byte[] envelope, int keyId) {
    for (int i = 0; i < 4; i++) {
      envelope[2 + i] = (byte) (keyId >>> (24 - 8 * i));
    }
  }
}
