package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import dev.otpkit.hashing.internal.Primitives;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every document of a session has its own keys, sequence space and replay window. */
class DocumentStreamsTest {

  private static final String DOC_A = "AAAAAAAAAAAAAAAAAAAAAA";
  private static final String DOC_B = "BBBBBBBBBBBBBBBBBBBBBA";
  private EnvelopeKeys keys;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
  }

  private Sealer sealer(String document) throws GeneralSecurityException {
    Sealer.Builder b = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND);
    return (document == null ? b : b.document(document)).build();
  }

  private Opener opener(String document) throws GeneralSecurityException {
    Opener.Builder b = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND);
    return (document == null ? b : b.document(document)).build();
  }

  @Test
  void aDocumentsEnvelopes_openInThatDocumentOnly() throws Exception {
    byte[] env = sealer(DOC_A).seal("c", new byte[] {1});
    assertArrayEquals(new byte[] {1}, opener(DOC_A).open("c", env));
    assertEquals(Reason.WRONG_CONTEXT, assertThrows(EnvelopeException.class, () -> opener(DOC_B).open("c", env)).reason());
    assertEquals(Reason.WRONG_CONTEXT, assertThrows(EnvelopeException.class, () -> opener(null).open("c", env)).reason());
    byte[] sessionEnv = sealer(null).seal("c", new byte[] {2});
    assertEquals(Reason.WRONG_CONTEXT,
        assertThrows(EnvelopeException.class, () -> opener(DOC_A).open("c", sessionEnv)).reason());
  }

  /** Two documents seal from their own counters; neither pushes the other out of its window. */
  @Test
  void twoDocuments_interleaved_bothOpen() throws Exception {
    Sealer a = sealer(DOC_A);
    Sealer b = sealer(DOC_B);
    Opener oa = opener(DOC_A);
    Opener ob = opener(DOC_B);
    for (int i = 0; i < 3000; i++) {
      oa.open("c", a.seal("c", new byte[0]));
      ob.open("c", b.seal("c", new byte[0]));
    }
  }

  /** The page derives a document's keys from R alone: the same tag as the backend's sealer. */
  @Test
  void uiRootKey_derivesTheDocumentsKeys() throws Exception {
    byte[] r = SessionKeyExport.of(keys, "s").uiRootKey(InsecureSecretKeyAccess.get());
    byte[] expectedR = Primitives.hkdfSha256(keys.masterKey(keys.primaryId()), SessionKeys.HKDF_SALT,
        SessionKeys.info("ui", new byte[] {0, 1, 's'}), 32);
    assertArrayEquals(expectedR, r);
    SessionKeys fromR = new SessionKeys(r, keys.primaryId(), "s." + DOC_A, Direction.UI_TO_BACKEND);
    byte[] env = sealer(DOC_A).seal("c", "x".getBytes(StandardCharsets.UTF_8));
    javax.crypto.Mac mac = Primitives.hmacSha256(fromR.macKey);
    mac.update(env, 0, 50);
    mac.update(fromR.channel("c").context());
    mac.update(env, 50, 1);
    assertArrayEquals(mac.doFinal(), java.util.Arrays.copyOfRange(env, 51, 83));
  }

  @Test
  void documentIds_areCanonical22CharacterBase64url() {
    for (String bad : new String[] {"", "short", DOC_A + "A", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAA+A",
        "AAAAAAAAAAAAAAAAAAAA=A"}) {
      assertThrows(IllegalArgumentException.class, () -> opener(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> sealer(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Opener.builder(keys).session("x".repeat(234))
        .direction(Direction.UI_TO_BACKEND).document(DOC_A).build());
  }
}
