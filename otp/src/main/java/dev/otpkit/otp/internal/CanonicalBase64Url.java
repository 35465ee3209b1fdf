package dev.otpkit.otp.internal;

import java.util.Base64;

/**
 * The one check of the secret values' text form (tokens, handles): unpadded base64url in its
 * canonical spelling. When the characters carry more bits than the bytes (43 characters, 258 bits
 * for 32 bytes; 22 characters, 132 bits for 16), the JDK decoder ignores the spare low bits of
 * the last character, so several texts would name one value; only the spelling with those bits
 * zero is accepted. Checked on the characters before anything is decoded or allocated.
 */
public final class CanonicalBase64Url {
  private CanonicalBase64Url() {}

  /**
   * The {@code byteLength} bytes spelled by {@code text} after {@code prefix}.
   *
   * @throws IllegalArgumentException with a message that never repeats the text, if it is null,
   *     does not start with the prefix, or the rest is not exactly the canonical unpadded
   *     base64url of {@code byteLength} bytes
   */
  public static byte[] decode(String text, String prefix, int byteLength) {
    int chars = (byteLength * 4 + 2) / 3;
    if (text == null || text.length() != prefix.length() + chars || !text.startsWith(prefix)) {
      throw new IllegalArgumentException("not " + prefix + " and " + chars + " characters");
    }
    for (int i = prefix.length(); i < text.length(); i++) {
      if (sextet(text.charAt(i)) < 0) {
        throw new IllegalArgumentException("not base64url");
      }
    }
    int spareBits = chars * 6 - byteLength * 8;
    if ((sextet(text.charAt(text.length() - 1)) & ((1 << spareBits) - 1)) != 0) {
      throw new IllegalArgumentException("non-canonical base64url");
    }
    return Base64.getUrlDecoder().decode(text.substring(prefix.length()));
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }
}
