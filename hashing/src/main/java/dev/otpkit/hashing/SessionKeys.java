package dev.otpkit.hashing;

import dev.otpkit.hashing.internal.Primitives;
import dev.otpkit.hashing.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one long-term key for one session and direction (HKDF-SHA256, SPEC.md section
 * "Keys"), with per-thread primitive instances so the hot path never calls {@code getInstance} or
 * {@code init} for the MAC, and a bounded cache of per-channel context encodings and checks.
 */
final class SessionKeys {

  static final byte[] HKDF_SALT = "otpkit-envelope-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_CACHED_CHANNELS = 4096;

  /** A channel's context encoding (MAC / AAD input) and its 8-byte check. */
  record Channel(byte[] context, byte[] check) {}

  final int keyId;
  final String session;
  final Direction direction;
  final byte[] macKey;
  final byte[] ctxKey;
  final SecretKeySpec encKey;
  final AtomicLong encryptions = new AtomicLong();
  private final ThreadLocal<Mac> mac;
  private final ThreadLocal<Mac> ctxMac;
  private final ThreadLocal<Cipher> gcm;
  private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();

  SessionKeys(byte[] master, int keyId, String session, Direction direction) throws GeneralSecurityException {
    this.keyId = keyId;
    this.session = session;
    this.direction = direction;
    byte[] sd = Wire.sessionAndDirection(session, direction.code());
    this.macKey = Primitives.hkdfSha256(master, HKDF_SALT, info("mac", sd), 32);
    byte[] enc = Primitives.hkdfSha256(master, HKDF_SALT, info("enc", sd), 32);
    this.encKey = Primitives.aes256Key(enc);
    Arrays.fill(enc, (byte) 0);
    this.ctxKey = Primitives.hkdfSha256(master, HKDF_SALT, info("ctx", sd), 32);
    this.mac = ThreadLocal.withInitial(() -> newMac(macKey));
    this.ctxMac = ThreadLocal.withInitial(() -> newMac(ctxKey));
    this.gcm = ThreadLocal.withInitial(SessionKeys::newGcm);
  }

  /**
   * The session's UI root key {@code R} (SPEC.md, "Document streams"): what a session's pages
   * derive their documents' keys from.
   */
  static byte[] uiRoot(byte[] master, String session) throws GeneralSecurityException {
    return Primitives.hkdfSha256(master, HKDF_SALT, info("ui", Wire.name16("session id", session)), 32);
  }

  /** A document's session string: the session, a dot, the document id. */
  static String documentSession(String session, String document) {
    Wire.checkDocumentId(document);
    String d = session + "." + document;
    Wire.checkName("document session (session id, '.', document id)", d);
    return d;
  }

  /** HKDF info: the purpose label, a zero byte, then the purpose's binding. */
  static byte[] info(String purpose, byte[] binding) {
    byte[] label = purpose.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(label, label.length + 1 + binding.length);
    System.arraycopy(binding, 0, out, label.length + 1, binding.length);
    return out;
  }

  private static Mac newMac(byte[] key) {
    try {
      return Primitives.hmacSha256(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  private static Cipher newGcm() {
    try {
      return Primitives.gcm();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is required of every Java platform", e);
    }
  }

  /** GCM associated data: the header of {@code envelope} followed by the channel's context. */
  static byte[] aad(byte[] envelope, Channel channel) {
    byte[] aad = Arrays.copyOf(envelope, Wire.HEADER_BYTES + channel.context().length);
    System.arraycopy(channel.context(), 0, aad, Wire.HEADER_BYTES, channel.context().length);
    return aad;
  }

  Mac mac() {
    return mac.get();
  }

  Cipher gcm() {
    return gcm.get();
  }

  /** The context encoding and check for {@code channel}. */
  Channel channel(String channel) {
    Channel c = channels.get(channel);
    if (c != null) {
      return c;
    }
    byte[] context = Wire.context(session, direction.code(), channel);
    Mac m = ctxMac.get();
    byte[] full = m.doFinal(context);
    c = new Channel(context, Arrays.copyOf(full, Wire.CONTEXT_CHECK_BYTES));
    if (channels.size() < MAX_CACHED_CHANNELS) {
      channels.putIfAbsent(channel, c);
    }
    return c;
  }

  @Override
  public String toString() {
    return "SessionKeys{key=" + Integer.toUnsignedString(keyId) + ", " + direction + "}";
  }
}
