package dev.otpkit.otp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void strings_escapeWhatJsonAndAnHtmlScriptElementNeed_andNothingElse() {
    assertEquals("\"\"", Json.string(""));
    assertEquals("\"a\"", Json.string("a"));
    assertEquals("\" ~\"", Json.string(" ~"));
    assertEquals("\"\\\"\\\\\\n\\r\\t\"", Json.string("\"\\\n\r\t"));
    assertEquals("\"\\u0000\\u001f\"", Json.string("\u0000\u001f"));
    assertEquals("\"\\u003c/script\\u003e\\u0026\"", Json.string("</script>&"));
    assertEquals("\"\\u2028\\u2029\u00e9\"", Json.string("\u2028\u2029\u00e9"));
  }

  @Test
  void arraysAndObjects() {
    assertEquals("[]", Json.array(List.of()));
    assertEquals("[[\"__proto__\",\"c_x\"],1]", Json.array(List.of(Json.array(List.of(Json.string("__proto__"),
        Json.string("c_x"))), "1")));
    Map<String, String> members = new LinkedHashMap<>();
    assertEquals("{}", Json.object(members));
    members.put("a", "1");
    members.put("b\"", "[]");
    assertEquals("{\"a\":1,\"b\\\"\":[]}", Json.object(members));
  }
}
