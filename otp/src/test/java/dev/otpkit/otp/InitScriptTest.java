package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The init script in a real JavaScript engine: it leaves no enumerable global and exactly the
 * documented {@code otpkit} object, keeps its keys to itself, and interoperates with the Java
 * side: the UI's sealed envelopes dispatch, the backend's replies open, tampering and replay fail.
 */
class InitScriptTest {

  @TempDir Path dir;

  private BridgeSession session(boolean encrypt) throws Exception {
    return BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset()))
        .allowlist(Allowlist.builder().allow("files.save").build())
        .handler("files.save", p -> ("saved " + new String(p, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))
        .encrypt(encrypt)
        .build();
  }

  @Test
  void leavesNoEnumerableGlobal_onlyTheFrozenDocumentedObject() throws Exception {
    BridgeSession s = session(false);
    JsonObject r = NodeScript.run(s.initScript(), dir, "inspect");
    assertEquals(0, r.getAsJsonArray("added").size(), r.toString());
    JsonObject d = r.getAsJsonObject("descriptor");
    assertFalse(d.get("enumerable").getAsBoolean());
    assertFalse(d.get("writable").getAsBoolean());
    assertFalse(d.get("configurable").getAsBoolean());
    assertTrue(r.get("frozen").getAsBoolean());
    assertEquals("[\"alias\",\"nextAlias\",\"open\",\"seal\",\"session\"]", r.getAsJsonArray("api").toString());
    String serialized = r.get("serialized").getAsString();
    assertEquals("{\"session\":\"" + s.id() + "\"}", serialized, "no key material reachable as data");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void uiSeals_backendDispatches_uiOpensReply(boolean encrypt) throws Exception {
    BridgeSession s = session(encrypt);
    JsonObject sealed = NodeScript.run(s.initScript(), dir, "seal", "files.save", "notes.txt");
    assertEquals(s.aliases().alias("files.save"), sealed.get("alias").getAsString());
    BridgeSession.Reply reply = s.dispatch(sealed.get("alias").getAsString(), sealed.get("envelope").getAsString());
    JsonObject opened = NodeScript.run(s.initScript(), dir, "replay", "files.save", reply.envelope());
    assertEquals("saved notes.txt", opened.get("payload").getAsString(), opened.toString());
    assertEquals("rejected: replayed", opened.get("error").getAsString());
    // the same UI envelope again: the backend's replay guard
    BridgeException again = org.junit.jupiter.api.Assertions.assertThrows(BridgeException.class,
        () -> s.dispatch(sealed.get("alias").getAsString(), sealed.get("envelope").getAsString()));
    assertEquals(Reason.REPLAYED, again.envelopeReason());
  }

  @Test
  void uiRejectsTamperedAndForeignReplies() throws Exception {
    BridgeSession s = session(false);
    byte[] reply = Base64.getUrlDecoder().decode(s.push("files.save", "x".getBytes(StandardCharsets.UTF_8)));
    reply[50] ^= 1;
    JsonObject tampered = NodeScript.run(s.initScript(), dir, "open", "files.save",
        Base64.getUrlEncoder().withoutPadding().encodeToString(reply));
    assertEquals("rejected: bad-tag", tampered.get("error").getAsString());
    JsonObject otherChannel = NodeScript.run(s.initScript(), dir, "open", "files.delete",
        s.push("files.save", new byte[0]));
    assertEquals("rejected: wrong-context", otherChannel.get("error").getAsString());
    JsonObject otherSession = NodeScript.run(s.initScript(), dir, "open", "files.save",
        session(false).push("files.save", new byte[0]));
    assertTrue(otherSession.get("error").getAsString().startsWith("rejected: "), otherSession.toString());
    JsonObject garbage = NodeScript.run(s.initScript(), dir, "open", "files.save", "%%%");
    assertEquals("rejected: malformed", garbage.get("error").getAsString());
  }
}
