package dev.otpkit.hashing.internal;

import java.nio.charset.StandardCharsets;

/**
 * Byte layout of envelope version 1 (SPEC.md is the reference):
 *
 * <pre>
 * offset size field
 *  0      1   version (1)
 *  1      1   flags (bit 0: encrypted; other bits must be 0)
 *  2      4   key id (big-endian)
 *  6     16   salt
 * 22      8   issued at, milliseconds since the epoch (big-endian, signed)
 * 30      8   sequence number (big-endian, unsigned)
 * 38      8   context check
 * 46      4   body length L (big-endian, unsigned)
 * 50      L   body: the payload (MAC mode) or ciphertext and GCM tag (encrypted mode)
 * 50+L   32   HMAC-SHA256 tag (MAC mode only)
 * </pre>
 */
public final class Wire {
  public static final int VERSION = 1;
  public static final int FLAG_ENCRYPTED = 1;
  public static final int OFF_FLAGS = 1;
  public static final int OFF_KEY_ID = 2;
  public static final int OFF_SALT = 6;
  public static final int SALT_BYTES = 16;
  public static final int OFF_ISSUED_AT = 22;
  public static final int OFF_SEQUENCE = 30;
  public static final int OFF_CONTEXT_CHECK = 38;
  public static final int CONTEXT_CHECK_BYTES = 8;
  public static final int OFF_BODY_LENGTH = 46;
  public static final int HEADER_BYTES = 50;
  /** Longest session id or channel name, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 256;
  /**
   * Latest valid issue time: 8.64e15 ms after the epoch, the end of the ECMAScript time range, so
   * that every valid issue time is exact in a JavaScript number. The earliest is 0.
   */
  public static final long MAX_ISSUED_AT = 8_640_000_000_000_000L;

  private Wire() {}

  public static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  public static void putLong(byte[] b, int off, long v) {
    putInt(b, off, (int) (v >>> 32));
    putInt(b, off + 4, (int) v);
  }

  public static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  public static long getLong(byte[] b, int off) {
    return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xffffffffL);
  }

  /**
   * The context encoding: u16 length + session (UTF-8), u8 direction, u16 length + channel.
   *
   * @throws IllegalArgumentException if a name is empty or longer than {@link #MAX_NAME_BYTES}
   */
  public static byte[] context(String session, int direction, String channel) {
    byte[] s = name("session id", session);
    byte[] c = name("channel", channel);
    byte[] out = new byte[2 + s.length + 1 + 2 + c.length];
    out[0] = (byte) (s.length >>> 8);
    out[1] = (byte) s.length;
    System.arraycopy(s, 0, out, 2, s.length);
    out[2 + s.length] = (byte) direction;
    out[3 + s.length] = (byte) (c.length >>> 8);
    out[4 + s.length] = (byte) c.length;
    System.arraycopy(c, 0, out, 5 + s.length, c.length);
    return out;
  }

  /** Characters of a document id: 16 bytes in base64url without padding. */
  public static final int DOCUMENT_ID_CHARS = 22;

  /**
   * Checks a document id: 22 base64url characters, canonical (the last one's 2 spare bits zero).
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static void checkDocumentId(String document) {
    boolean ok = document != null && document.length() == DOCUMENT_ID_CHARS;
    for (int i = 0; ok && i < DOCUMENT_ID_CHARS; i++) {
      char c = document.charAt(i);
      ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
    // the last of 22 characters carries 4 bits of the 16th byte and 2 spare bits, which must be 0
    ok = ok && "AEIMQUYcgkosw048".indexOf(document.charAt(DOCUMENT_ID_CHARS - 1)) >= 0;
    if (!ok) {
      throw new IllegalArgumentException("a document id is 16 bytes in canonical base64url (22 characters)");
    }
  }

  /** A name as u16 length + UTF-8, checked like {@link #checkName}. */
  public static byte[] name16(String what, String value) {
    byte[] n = name(what, value);
    byte[] out = new byte[2 + n.length];
    out[0] = (byte) (n.length >>> 8);
    out[1] = (byte) n.length;
    System.arraycopy(n, 0, out, 2, n.length);
    return out;
  }

  /** The session part of the context (u16 length + UTF-8) followed by the direction byte. */
  public static byte[] sessionAndDirection(String session, int direction) {
    byte[] s = name("session id", session);
    byte[] out = new byte[2 + s.length + 1];
    out[0] = (byte) (s.length >>> 8);
    out[1] = (byte) s.length;
    System.arraycopy(s, 0, out, 2, s.length);
    out[2 + s.length] = (byte) direction;
    return out;
  }

  /**
   * Checks a session id or channel name without keeping its encoding.
   *
   * @throws IllegalArgumentException if it is null, empty or longer than {@link #MAX_NAME_BYTES}
   */
  public static void checkName(String what, String value) {
    // at most 3 UTF-8 bytes per char (a surrogate pair is 4 bytes for 2 chars): short names need
    // no encoding
    if (value == null || value.isEmpty() || value.length() > MAX_NAME_BYTES / 3) {
      name(what, value);
    }
  }

  private static byte[] name(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be " + (value == null ? "null" : "empty"));
    }
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(what + " must be at most " + MAX_NAME_BYTES
          + " UTF-8 bytes, got " + b.length);
    }
    return b;
  }
}
