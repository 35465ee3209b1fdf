package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.Sealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BridgeSessionTest {

  private EnvelopeKeys keys;
  private final AtomicInteger saves = new AtomicInteger();

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
  }

  private BridgeSession session(boolean oneShot) throws GeneralSecurityException {
    return BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("files.save", "files.list", "admin.wipe").deny("admin.wipe").build())
        .handler("files.save", p -> {
          saves.incrementAndGet();
          return ("saved " + new String(p, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        })
        .handler("files.list", p -> {
          throw new IllegalStateException("disk secret path /home/x");
        })
        .oneShotAliases(oneShot)
        .build();
  }

  /** The document the tests' page side uses. */
  private static final String DOC = "ZG9jdW1lbnQtb25lLWlkAA";

  /** The UI side of a session's document, in Java: seals UI-to-backend, opens backend-to-UI. */
  private Sealer ui(BridgeSession s) throws GeneralSecurityException {
    return Sealer.builder(keys).session(s.id()).document(DOC).direction(Direction.UI_TO_BACKEND).build();
  }

  private Opener uiOpener(BridgeSession s) throws GeneralSecurityException {
    return Opener.builder(keys).session(s.id()).document(DOC).direction(Direction.BACKEND_TO_UI).build();
  }

  private static BridgeException rejected(BridgeSession s, String alias, String env) {
    return assertThrows(BridgeException.class, () -> s.dispatch(DOC, alias, env));
  }

  @Test
  void dispatch_runsHandler_andSealsReplyForTheUi() throws Exception {
    BridgeSession s = session(false);
    String alias = s.aliases().alias("files.save");
    BridgeSession.Reply reply = s.dispatch(DOC, alias, ui(s).sealText("files.save", "a.txt".getBytes(StandardCharsets.UTF_8)));
    assertEquals("saved a.txt", new String(uiOpener(s).openText("files.save", reply.envelope()), StandardCharsets.UTF_8));
    assertNull(reply.nextAlias());
    assertEquals(1, saves.get());
  }

  @Test
  void replayedEnvelope_rejected_handlerRunsOnce() throws Exception {
    BridgeSession s = session(false);
    String alias = s.aliases().alias("files.save");
    String env = ui(s).sealText("files.save", new byte[] {1});
    s.dispatch(DOC, alias, env);
    BridgeException e = rejected(s, alias, env);
    assertEquals(Reason.REPLAYED, e.envelopeReason());
    assertEquals("rejected: replayed", e.getMessage());
    assertEquals(1, saves.get());
  }

  @Test
  void tamperedEnvelope_rejected() throws Exception {
    BridgeSession s = session(false);
    byte[] env = Base64.getUrlDecoder().decode(ui(s).sealText("files.save", new byte[] {1, 2, 3}));
    env[51] ^= 1;
    BridgeException e = rejected(s, s.aliases().alias("files.save"), Base64.getUrlEncoder().withoutPadding().encodeToString(env));
    assertEquals(Reason.BAD_TAG, e.envelopeReason());
    assertEquals(0, saves.get());
  }

  @Test
  void envelopeForAnotherCommandOrSession_rejected() throws Exception {
    BridgeSession s = session(false);
    BridgeSession other = session(false);
    assertEquals(Reason.WRONG_CONTEXT, rejected(s, s.aliases().alias("files.save"),
        ui(s).sealText("files.list", new byte[0])).envelopeReason());
    assertEquals(Reason.WRONG_CONTEXT, rejected(s, s.aliases().alias("files.save"),
        ui(other).sealText("files.save", new byte[0])).envelopeReason());
    // another session's alias means nothing here
    assertEquals(BridgeException.Reason.UNKNOWN_ALIAS, rejected(s, other.aliases().alias("files.save"),
        ui(s).sealText("files.save", new byte[0])).reason());
    assertEquals(0, saves.get());
  }

  @Test
  void deniedCommand_hasNoAlias_andUnknownAliasesAreRejected() throws Exception {
    BridgeSession s = session(false);
    assertThrows(IllegalArgumentException.class, () -> s.aliases().alias("admin.wipe"));
    assertFalse(s.aliases().table().containsKey("admin.wipe"));
    assertEquals(BridgeException.Reason.UNKNOWN_ALIAS, rejected(s, "admin.wipe", "x").reason());
    BridgeException unknown = rejected(s, "c_AAAAAAAAAAAAAAAA", "x");
    assertEquals(BridgeException.Reason.UNKNOWN_ALIAS, unknown.reason());
    assertEquals("rejected: unknown-alias", unknown.getMessage());
    assertEquals(BridgeException.Reason.UNKNOWN_ALIAS, rejected(s, null, "x").reason());
  }

  @Test
  void handlerFailure_isReportedWithoutItsMessage() throws Exception {
    BridgeSession s = session(false);
    BridgeException e = rejected(s, s.aliases().alias("files.list"), ui(s).sealText("files.list", new byte[0]));
    assertEquals(BridgeException.Reason.HANDLER_FAILED, e.reason());
    assertEquals("rejected: handler-failed (IllegalStateException)", e.getMessage());
  }

  @Test
  void handlerForCommandNotAllowed_isRefusedAtBuild() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("a").build()).handler("a", p -> p).handler("b", p -> p).build());
    assertEquals("handler for 'b', which the allowlist does not permit", e.getMessage());
  }

  /** An allowlisted command nobody handles would fail at its first call: refused when the session is built. */
  @Test
  void allowlistedCommandWithoutHandler_isRefusedAtBuild() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("a", "b", "c").deny("c").build()).handler("a", p -> p).build());
    assertEquals("'b' is on the allowlist but has no handler", e.getMessage());
  }

  @Test
  void aliases_differAcrossSessions_stableWithin() throws Exception {
    BridgeSession a = session(false);
    BridgeSession b = session(false);
    assertNotEquals(a.aliases().alias("files.save"), b.aliases().alias("files.save"));
    assertEquals(a.aliases().alias("files.save"), a.aliases().alias("files.save"));
    a.dispatch(DOC, a.aliases().alias("files.save"), ui(a).sealText("files.save", new byte[0]));
    assertEquals(a.aliases().table(), a.aliases().table());
    Set<String> all = new HashSet<>(a.aliases().table().values());
    all.addAll(b.aliases().table().values());
    assertEquals(4, all.size());
    assertTrue(all.stream().allMatch(x -> x.matches("c_[A-Za-z0-9_-]{16}")));
  }

  @Test
  void oneShotAliases_rotateAfterEachCall_oldAliasDead() throws Exception {
    BridgeSession s = session(true);
    Sealer ui = ui(s);
    String first = s.aliases().alias("files.save");
    BridgeSession.Reply r = s.dispatch(DOC, first, ui.sealText("files.save", new byte[0]));
    assertNotEquals(first, r.nextAlias());
    assertEquals(r.nextAlias(), s.aliases().alias("files.save"));
    assertEquals(BridgeException.Reason.UNKNOWN_ALIAS, rejected(s, first, ui.sealText("files.save", new byte[0])).reason());
    s.dispatch(DOC, r.nextAlias(), ui.sealText("files.save", new byte[0]));
    assertEquals(2, saves.get());
  }

  /** A forged message must not use up a one-shot alias: the alias is consumed only after opening. */
  @Test
  void oneShotAlias_notBurnedByForgery() throws Exception {
    BridgeSession s = session(true);
    String alias = s.aliases().alias("files.save");
    assertEquals(Reason.MALFORMED, rejected(s, alias, "garbage").envelopeReason());
    assertEquals(alias, s.aliases().alias("files.save"));
  }

  /** A fresh nonce for every response; no 'self', 'unsafe-...' or hash in script-src by default. */
  @Test
  void responsePolicy_hasAFreshNonceEveryTime_andNoUnsafeSource() throws Exception {
    BridgeSession s = session(false);
    ContentSecurityPolicy.Response one = s.newResponsePolicy();
    ContentSecurityPolicy.Response two = s.newResponsePolicy();
    assertNotEquals(one.nonce(), two.nonce());
    assertTrue(one.nonce().matches("[A-Za-z0-9_-]{22}"), one.nonce());
    String header = one.headerValue();
    assertEquals(header, one.toString());
    assertEquals("default-src 'none'; script-src 'nonce-" + one.nonce() + "'; style-src 'nonce-" + one.nonce() + "' 'self'; img-src 'self' data:;"
        + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'none'", header);
    String meta = one.metaTag();
    assertTrue(meta.startsWith("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), meta);
    assertFalse(meta.contains("frame-ancestors"), "ignored in meta tags: " + meta);
  }

  /**
   * Both deliveries carry the session's UI root key and nothing else of the keyset, escaped so
   * the text is safe inside an HTML script element, with every allowlisted name as a pair.
   */
  @Test
  void clientScripts_carryOnlyTheUiRootKey() throws Exception {
    BridgeSession s = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("files.save", "__proto__").build())
        .handler("files.save", p -> p).handler("__proto__", p -> p)
        .build();
    var access = com.google.crypto.tink.InsecureSecretKeyAccess.get();
    String root = Base64.getUrlEncoder().withoutPadding().encodeToString(
        dev.otpkit.hashing.SessionKeyExport.of(keys, s.id()).uiRootKey(access));
    String script = s.documentStartScript();
    assertTrue(script.contains("\"session\":\"" + s.id() + "\""), "session");
    assertTrue(script.contains("\"root\":\"" + root + "\""), "root key");
    assertTrue(script.contains("\"bootstrap\":false"));
    assertTrue(script.contains("[\"__proto__\",\"" + s.aliases().alias("__proto__") + "\"]"), "pairs");
    assertFalse(script.contains("/*OTPKIT_CONFIG*/"), "configured");
    var export = dev.otpkit.hashing.SessionKeyExport.of(keys, s.id());
    for (Direction d : Direction.values()) { // the session-level keys stay on the Java side
      assertFalse(script.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(export.macKey(d, access))));
      assertFalse(script.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(export.encryptionKey(d, access))));
    }
    BootstrapPage page = s.bootstrapPage("<html><head><title>t</title></head><body></body></html>");
    assertTrue(page.html().startsWith("<html><head><script nonce=\"" + page.nonce() + "\">"), page.toString());
    assertTrue(page.html().contains("\"bootstrap\":true"));
    assertTrue(page.html().contains("\"root\":\"" + root + "\""));
    assertEquals(1, page.html().split("</script>", -1).length - 1, "the client closes its element once");
    assertNotEquals(page.nonce(), s.bootstrapPage("<p>").nonce());
    BootstrapPage withOwnScript = s.bootstrapPage(nonce -> "<head></head><script nonce=\"" + nonce + "\">app()</script>");
    assertTrue(withOwnScript.html().endsWith("</head><script nonce=\"" + withOwnScript.nonce() + "\">app()</script>"));
  }

  /** The builder's clock and limits are the ones the session's opener enforces. */
  @Test
  void clockAndLimits_areEnforcedOnDispatch() throws Exception {
    ManualClock clock = new ManualClock(1_764_000_000_000L);
    BridgeSession s = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("files.save").build())
        .handler("files.save", p -> p)
        .clock(clock).maxAge(Duration.ofSeconds(10)).maxFutureSkew(Duration.ofSeconds(2)).maxPayloadBytes(16)
        .build();
    String alias = s.aliases().alias("files.save");
    Sealer ui = Sealer.builder(keys).session(s.id()).document(DOC).direction(Direction.UI_TO_BACKEND).clock(clock).build();
    String old = ui.sealText("files.save", new byte[16]);
    clock.advance(10_001);
    assertEquals(Reason.EXPIRED, rejected(s, alias, old).envelopeReason());
    ManualClock ahead = new ManualClock(clock.millis() + 2_001);
    Sealer early = Sealer.builder(keys).session(s.id()).document(DOC).direction(Direction.UI_TO_BACKEND).clock(ahead).build();
    assertEquals(Reason.FROM_THE_FUTURE, rejected(s, alias, early.sealText("files.save", new byte[0])).envelopeReason());
    assertEquals(Reason.TOO_LARGE, rejected(s, alias, ui.sealText("files.save", new byte[17])).envelopeReason());
    Opener uiOpener = Opener.builder(keys).session(s.id()).document(DOC).direction(Direction.BACKEND_TO_UI).clock(clock).build();
    assertArrayEquals(new byte[16], uiOpener.openText("files.save",
        s.dispatch(DOC, alias, ui.sealText("files.save", new byte[16])).envelope()));
  }

  /** A session uses the token service and handle registry it is given, else its own on its clock. */
  @Test
  void tokensAndHandles_sharedWhenGiven_perSessionOtherwise() throws Exception {
    OneTimeTokens tokens = OneTimeTokens.builder().build();
    OneShotHandles handles = OneShotHandles.builder().build();
    BridgeSession shared = BridgeSession.builder(keys).tokens(tokens).handles(handles).build();
    assertSame(tokens, shared.tokens());
    assertSame(handles, shared.handles());

    ManualClock clock = new ManualClock(1_764_000_000_000L);
    BridgeSession own = BridgeSession.builder(keys).clock(clock).build();
    BridgeSession other = BridgeSession.builder(keys).clock(clock).build();
    assertNotSame(own.tokens(), other.tokens());
    assertNotSame(own.handles(), other.handles());
    Scope scope = new Scope("confirm", own.id());
    IssuedToken token = own.tokens().issue(scope);
    assertEquals(clock.instant().plus(Duration.ofMinutes(5)), token.expiresAt());
    assertEquals(TokenException.Reason.UNKNOWN,
        assertThrows(TokenException.class, () -> other.tokens().redeem(token.value(), scope)).reason());
    String handle = own.handles().register(v -> { });
    clock.advance(Duration.ofMinutes(5).toMillis());
    assertEquals(HandleException.Reason.EXPIRED,
        assertThrows(HandleException.class, () -> own.handles().fire(handle, new byte[0])).reason());
  }

  /** Everything a session draws (id, alias secret, nonce, salts) comes from its DRBG: a failed one stops it. */
  @Test
  void random_isTheSessionsOnlySource() {
    EntropySource closed = EntropySources.system();
    closed.close();
    assertThrows(EntropyException.class,
        () -> BridgeSession.builder(keys).random(Drbg.builder(closed).build()).build());
  }

  @Test
  void push_sealsEventsForTheUi() throws Exception {
    BridgeSession s = session(false);
    s.dispatch(DOC, s.aliases().alias("files.save"), ui(s).sealText("files.save", new byte[0]));
    assertArrayEquals(new byte[] {7}, uiOpener(s).openText("progress", s.push(DOC, "progress", new byte[] {7})));
  }

  /**
   * An envelope the page sealed with an issue time near -2^63 used to pass the age check (the age
   * wrapped negative); dispatch ran its handler. Sealed here with the session's own UI keys, as a
   * page script with a patched Date.now() would.
   */
  @Test
  void dispatch_rejectsAnIssueTimeOutsideTheValidRange() throws Exception {
    BridgeSession s = session(false);
    String alias = s.aliases().alias("files.save");
    for (long issuedAt : new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}) {
      BridgeException e = rejected(s, alias, uiEnvelope(s, "files.save", issuedAt, 42));
      assertEquals(issuedAt < 0 ? "rejected: expired" : "rejected: from-the-future", e.getMessage());
    }
    assertEquals(0, saves.get());
    BridgeSession.Reply ok = s.dispatch(DOC, alias, uiEnvelope(s, "files.save", System.currentTimeMillis(), 43));
    assertEquals("saved x", new String(uiOpener(s).openText("files.save", ok.envelope()), StandardCharsets.UTF_8));
  }

  /**
   * A MAC-mode UI-to-backend envelope of {@link #DOC} with any issue time, built as the page
   * builds it: the document's keys derived from the session's UI root key with HKDF (SPEC.md).
   */
  private String uiEnvelope(BridgeSession s, String channel, long issuedAt, long sequence) throws Exception {
    var access = com.google.crypto.tink.InsecureSecretKeyAccess.get();
    dev.otpkit.hashing.SessionKeyExport export = dev.otpkit.hashing.SessionKeyExport.of(keys, s.id());
    byte[] root = export.uiRootKey(access);
    byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
    byte[] documentSession = (s.id() + "." + DOC).getBytes(StandardCharsets.UTF_8);
    byte[] channelBytes = channel.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer sd = java.nio.ByteBuffer.allocate(3 + documentSession.length);
    sd.putShort((short) documentSession.length).put(documentSession).put((byte) 1);
    java.nio.ByteBuffer ctx = java.nio.ByteBuffer.allocate(5 + documentSession.length + channelBytes.length);
    ctx.put(sd.array()).putShort((short) channelBytes.length).put(channelBytes);
    byte[] salt = "otpkit-envelope-v1".getBytes(StandardCharsets.US_ASCII);
    byte[] ctxKey = com.google.crypto.tink.subtle.Hkdf.computeHkdf("HMACSHA256", root, salt, info("ctx", sd.array()), 32);
    byte[] macKey = com.google.crypto.tink.subtle.Hkdf.computeHkdf("HMACSHA256", root, salt, info("mac", sd.array()), 32);
    java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(50);
    h.put((byte) 1).put((byte) 0).putInt(export.keyId()).put(new byte[16]);
    h.putLong(issuedAt).putLong(sequence);
    javax.crypto.Mac check = javax.crypto.Mac.getInstance("HmacSHA256");
    check.init(new javax.crypto.spec.SecretKeySpec(ctxKey, "HmacSHA256"));
    h.put(java.util.Arrays.copyOf(check.doFinal(ctx.array()), 8)).putInt(payload.length);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(macKey, "HmacSHA256"));
    mac.update(h.array());
    mac.update(ctx.array());
    mac.update(payload);
    byte[] env = java.nio.ByteBuffer.allocate(50 + payload.length + 32).put(h.array()).put(payload)
        .put(mac.doFinal()).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(env);
  }

  private static byte[] info(String label, byte[] binding) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    byte[] out = java.util.Arrays.copyOf(l, l.length + 1 + binding.length);
    System.arraycopy(binding, 0, out, l.length + 1, binding.length);
    return out;
  }

  /**
   * With live keys, a rotation leaves the session on the key its page holds; disabling that key
   * revokes the session at once: the next dispatch is disabled-key and a push refuses.
   */
  @Test
  void liveKeys_rotationKeepsTheSession_disableRevokesItAtOnce() throws Exception {
    com.google.crypto.tink.KeysetHandle k1 = EnvelopeKeys.newKeyset();
    dev.otpkit.hashing.LiveEnvelopeKeys live = dev.otpkit.hashing.LiveEnvelopeKeys.of(EnvelopeKeys.from(k1));
    BridgeSession s = BridgeSession.builder(live)
        .allowlist(Allowlist.builder().allow("files.save").build())
        .handler("files.save", p -> p)
        .build();
    int sessionKey = EnvelopeKeys.from(k1).primaryId();
    Sealer page = Sealer.builder(EnvelopeKeys.from(k1)).session(s.id()).document(DOC)
        .direction(Direction.UI_TO_BACKEND).build();
    Opener pageOpener = Opener.builder(EnvelopeKeys.from(k1)).session(s.id()).document(DOC)
        .direction(Direction.BACKEND_TO_UI).build();
    String alias = s.aliases().alias("files.save");
    com.google.crypto.tink.KeysetHandle k2 = EnvelopeKeys.rotate(k1);
    live.set(EnvelopeKeys.from(k2));
    BridgeSession.Reply reply = s.dispatch(DOC, alias, page.sealText("files.save", new byte[] {1}));
    assertArrayEquals(new byte[] {1}, pageOpener.openText("files.save", reply.envelope())); // still the page's key
    String pending = page.sealText("files.save", new byte[] {2});
    live.set(EnvelopeKeys.from(EnvelopeKeys.disable(k2, sessionKey)));
    assertEquals("rejected: disabled-key", rejected(s, alias, pending).getMessage());
    assertThrows(IllegalStateException.class, () -> s.push(DOC, "files.saved", new byte[0]));
  }
}
