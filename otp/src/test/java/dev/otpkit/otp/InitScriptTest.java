package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
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
        .encrypted(encrypt)
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

  /**
   * Command names that are also names of Object.prototype members get their alias like any other:
   * as an object literal key "__proto__" would set the prototype instead of a property.
   */
  @Test
  void everyAllowlistedName_getsItsAlias_prototypeNamesIncluded() throws Exception {
    String[] names = {"__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "files.save"};
    BridgeSession.Builder b = BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset()))
        .allowlist(Allowlist.builder().allow(names).build());
    for (String name : names) {
      b.handler(name, p -> p);
    }
    BridgeSession s = b.build();
    JsonObject r = NodeScript.run(s.initScript(), dir, "aliases", String.join(",", names) + ",__defineGetter__");
    JsonArray got = r.getAsJsonArray("aliases");
    for (int i = 0; i < names.length; i++) {
      JsonArray pair = got.get(i).getAsJsonArray();
      assertEquals(names[i], pair.get(0).getAsString());
      assertEquals(s.aliases().alias(names[i]), pair.get(1).getAsString(), names[i]);
    }
    assertEquals("error: command not allowed: __defineGetter__", got.get(names.length).getAsJsonArray().get(1).getAsString());
    // and the command works end to end: the page seals, the backend dispatches, the page opens the echo
    JsonObject sealed = NodeScript.run(s.initScript(), dir, "seal", "__proto__", "x");
    BridgeSession.Reply reply = s.dispatch(sealed.get("alias").getAsString(), sealed.get("envelope").getAsString());
    assertEquals("x", NodeScript.run(s.initScript(), dir, "open", "__proto__", reply.envelope()).get("payload").getAsString());
  }

  /**
   * The page's size limit follows the session's maximum payload: the largest envelope opens, a
   * text longer than any such envelope is refused as too large before it is decoded.
   */
  @Test
  void uiSizeLimit_followsMaxPayload() throws Exception {
    BridgeSession s = BridgeSession.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset())).maxPayloadBytes(100).build();
    String largest = s.push("events", "x".repeat(100).getBytes(StandardCharsets.UTF_8));
    assertEquals(243, largest.length(), "50 + 100 + 32 bytes in base64url");
    assertEquals("x".repeat(100), NodeScript.run(s.initScript(), dir, "open", "events", largest).get("payload").getAsString());
    // the limit is 4/3 of 182 bytes plus 4 characters of slack: 246
    assertEquals("rejected: malformed", NodeScript.run(s.initScript(), dir, "open", "events", "!".repeat(246))
        .get("error").getAsString());
    assertEquals("rejected: too-large", NodeScript.run(s.initScript(), dir, "open", "events", "!".repeat(247))
        .get("error").getAsString());
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
