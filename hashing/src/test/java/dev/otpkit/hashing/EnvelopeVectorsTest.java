package dev.otpkit.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known answers from src/test/vectors/envelope-v1.json, in both directions: sealing the fixed
 * inputs gives exactly the bytes; opening gives the payload or the expected reason. Every failing
 * case is collected, so one run reports all of them.
 */
class EnvelopeVectorsTest {

  private static JsonObject vectors;

  @BeforeAll
  static void load() throws Exception {
    Path file = Path.of("..", "src", "test", "vectors", "envelope-v1.json");
    vectors = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void fileIsWhatTheGeneratorWrites() throws Exception {
    assertEquals(VectorGenerator.vectors(), vectors, "regenerate with VectorGenerator (SPEC.md)");
  }

  @Test
  void valid_sealGivesExactBytes_andOpenGivesPayload() throws Exception {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (JsonElement e : vectors.getAsJsonArray("valid")) {
      JsonObject c = e.getAsJsonObject();
      cases++;
      String name = c.get("name").getAsString();
      byte[] payload = VectorCases.HEX.parseHex(c.get("payload").getAsString());
      byte[] sealed = VectorGenerator.seal(VectorCases.PRIMARY_ID, VectorCases.PRIMARY_KEY,
          c.get("session").getAsString(), c.has("document") ? c.get("document").getAsString() : null,
          c.get("direction").getAsString(), c.get("encrypted").getAsBoolean(),
          c.get("channel").getAsString(), payload, VectorCases.HEX.parseHex(c.get("salt").getAsString())[0] & 0xff,
          Long.parseUnsignedLong(c.get("sequence").getAsString()), c.get("issuedAt").getAsLong());
      if (!VectorCases.HEX.formatHex(sealed).equals(c.get("envelope").getAsString())) {
        failures.add(name + ": sealed bytes differ");
      }
      try {
        byte[] opened = VectorCases.open(c);
        if (!VectorCases.HEX.formatHex(opened).equals(c.get("payload").getAsString())) {
          failures.add(name + ": opened payload differs");
        }
      } catch (EnvelopeException ex) {
        failures.add(name + ": rejected " + ex.reason().id());
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(cases >= 13);
  }

  @Test
  void invalid_rejectedWithExpectedReason_coveringEveryReason() throws Exception {
    List<String> failures = new ArrayList<>();
    Set<Reason> covered = EnumSet.noneOf(Reason.class);
    for (JsonElement e : vectors.getAsJsonArray("invalid")) {
      JsonObject c = e.getAsJsonObject();
      String name = c.get("name").getAsString();
      Reason expected = Reason.fromId(c.get("reason").getAsString());
      try {
        VectorCases.open(c);
        failures.add(name + ": accepted");
      } catch (EnvelopeException ex) {
        if (ex.reason() != expected) {
          failures.add(name + ": " + ex.reason().id() + " instead of " + expected.id());
        }
        covered.add(ex.reason());
      }
    }
    assertEquals(List.of(), failures);
    // every reason an envelope and an opener's state can decide; state-unavailable is the shared
    // store's absence (stores-redis/FaultsTest), which no vector can hold
    assertEquals(EnumSet.complementOf(EnumSet.of(Reason.STATE_UNAVAILABLE)), covered,
        "a vector for every rejection reason");
  }
}
