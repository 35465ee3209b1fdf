package dev.otpkit.otp.internal;

import java.util.List;
import java.util.Map;

/**
 * Just enough JSON writing for the init script's configuration object. Written by hand because
 * the core modules take no JSON dependency; strings are escaped so the output is also safe inside
 * an HTML script element (no {@code </script>}, no U+2028/U+2029 line breaks).
 */
public final class Json {
  private Json() {}

  public static String string(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** An array of the given elements, already JSON. */
  public static String array(List<String> elements) {
    return "[" + String.join(",", elements) + "]";
  }

  /** An object of the given members, values already JSON. */
  public static String object(Map<String, String> members) {
    StringBuilder sb = new StringBuilder("{");
    members.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(string(k)).append(':').append(v));
    return sb.append('}').toString();
  }
}
