package dev.otpkit.otp;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import dev.otpkit.entropy.Drbg;
import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import dev.otpkit.hashing.SessionKeyExport;
import dev.otpkit.otp.internal.Json;
import dev.otpkit.otp.internal.SessionAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One UI session of a webview bridge: its id and keys, the command aliases and allowlist, the
 * page client with its configuration, the Content-Security-Policy of its pages, and one stream per
 * document (window, popup, reload) that loads the client.
 *
 * <p>The backend delivers the client (ui/, bundled into this jar) before any page script runs: as
 * a document-start script where the engine has one ({@link #documentStartScript()}), or as the
 * first element of each page it serves ({@link #bootstrapPage(String)}). The page then calls
 * {@code otpkit.seal(command, payload)} and hands {@code {document, alias, envelope}} to the
 * native bridge, whose Java side calls {@link #dispatch}; the reply goes back for
 * {@code otpkit.receive}.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>A command runs only if its alias belongs to this session, the allowlist permits it, and
 *       its envelope opens in that document's stream: this session, the UI-to-backend direction,
 *       that command, that document, once.
 *   <li>Replies and pushes are sealed for that document, the backend-to-UI direction and the
 *       command; no other document, session or direction opens them.
 *   <li>The pages get the session's UI root key and nothing else of the keyset: it opens and seals
 *       this session's documents only. The client keeps it out of page-readable text and away from
 *       page scripts (ui/README.md says how, and the browser tests show it).
 *   <li>Aliases, handles and the CSP are defence in depth, not secrecy: scripts running in the
 *       page can call {@code otpkit}. They stop other sessions' scripts, replays and injected
 *       inline scripts, not code that already runs in the page.
 * </ul>
 */
public final class BridgeSession {

  /** The reply to a dispatched command: the sealed envelope, and in one-shot mode the next alias. */
  public record Reply(String envelope, String nextAlias) {}

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final String id;
  private final CommandAliases aliases;
  private final Map<String, Handler> handlers;
  private final ContentSecurityPolicy policy;
  private final Drbg random;
  private final Map<String, String> clientConfig;
  private final OneTimeTokens tokens;
  private final OneShotHandles handles;
  private final DocumentStreams documents;

  private BridgeSession(Builder b, String id, Drbg random) throws GeneralSecurityException {
    this.id = id;
    // the UI gets the session keys of the primary in force now; replies stay under that key (the
    // only one the page has) until it is disabled, whatever rotations come in between
    SessionKeyExport export = SessionKeyExport.of(Objects.requireNonNull(b.keys.get(), "keys"), id);
    this.aliases = new CommandAliases(b.allowlist, random.bytes(32), b.oneShotAliases); // wipes the secret
    this.handlers = Map.copyOf(b.handlers);
    OneTimeTokens.Builder tokenBuilder = OneTimeTokens.builder().clock(b.clock).random(random);
    if (b.shared != null) {
      tokenBuilder.store(b.shared.tokenStore());
    }
    this.tokens = b.tokens != null ? b.tokens : tokenBuilder.build();
    OneShotHandles.Builder handleBuilder = OneShotHandles.builder().clock(b.clock).random(random);
    if (b.shared != null) {
      handleBuilder.store(b.shared.handleStore());
    }
    this.handles = b.handles != null ? b.handles : handleBuilder.build();
    this.documents = new DocumentStreams(b.maxDocuments, b.maxAge, b.maxFutureSkew, b.clock,
        DocumentStreams.factory(b.keys, id, export.keyId(), b.encrypt, b.clock, b.maxAge, b.maxFutureSkew,
            b.maxPayloadBytes, random, b.shared == null ? null : b.shared.replayGuard()));
    this.policy = b.policy;
    this.random = random;
    this.clientConfig = clientConfig(b, export);
  }

  /** A builder for a session under {@code keys}. */
  public static Builder builder(EnvelopeKeys keys) {
    Objects.requireNonNull(keys, "keys");
    return new Builder(() -> keys);
  }

  /**
   * A builder for a session under the keys {@code keys} hands out at each call (for example
   * {@link dev.otpkit.hashing.LiveEnvelopeKeys}): the page gets the session keys of the primary in
   * force at {@link Builder#build()}, replies are sealed under that key while it stays enabled,
   * and a key disabled in {@code keys} is refused from the next dispatch on ({@code disabled-key}).
   * Once the session's own key is disabled the session can neither open nor reply: build a new
   * one.
   */
  public static Builder builder(java.util.function.Supplier<? extends EnvelopeKeys> keys) {
    return new Builder(Objects.requireNonNull(keys, "keys"));
  }

  /**
   * The client's configuration (ui/ and the contract in its README): everything but the delivery
   * form. The UI root key is the only key in it; it opens and seals this session's documents and
   * nothing else.
   */
  private Map<String, String> clientConfig(Builder b, SessionKeyExport export) throws GeneralSecurityException {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("session", Json.string(id));
    config.put("keyId", Long.toString(Integer.toUnsignedLong(export.keyId())));
    byte[] root = export.uiRootKey(InsecureSecretKeyAccess.get()); // the pages of this session need it
    config.put("root", Json.string(TEXT.encodeToString(root)));
    java.util.Arrays.fill(root, (byte) 0);
    config.put("encrypted", Boolean.toString(b.encrypt));
    // [command, alias] pairs, not an object: in a JavaScript object literal the key "__proto__"
    // sets the prototype instead of a property, and that is a valid command name
    config.put("aliases", Json.array(aliases.table().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> Json.array(List.of(Json.string(e.getKey()), Json.string(e.getValue())))).toList()));
    config.put("oneShot", Boolean.toString(b.oneShotAliases));
    config.put("maxAgeMillis", Long.toString(b.maxAge.toMillis()));
    config.put("maxSkewMillis", Long.toString(b.maxFutureSkew.toMillis()));
    config.put("maxPayloadBytes", Integer.toString(b.maxPayloadBytes));
    config.put("windowBits", Integer.toString(Opener.DEFAULT_WINDOW));
    return Map.copyOf(config);
  }

  static {
    SessionAccess.set(BridgeSession::inProcessPage);
  }

  /** The bundled client with this session's configuration, for one delivery form. */
  private String client(boolean bootstrap, Map<String, String> transport) {
    Map<String, String> config = new LinkedHashMap<>();
    for (String key : List.of("session", "keyId", "root", "encrypted", "aliases", "oneShot", "maxAgeMillis",
        "maxSkewMillis", "maxPayloadBytes", "windowBits")) {
      config.put(key, clientConfig.get(key));
    }
    config.put("bootstrap", Boolean.toString(bootstrap));
    config.putAll(transport);
    return ClientBundle.render(Json.object(config));
  }

  /**
   * The bootstrap page of an in-process load (JavaFX {@code loadContent}, see
   * {@link SessionAccess}): the client on the {@code transport}, told that no network carried the
   * page, then {@code base} as the page's {@code <base href>} (if not null), then the CSP meta tag.
   */
  private static BootstrapPage inProcessPage(BridgeSession session, java.util.function.Function<String, String> page,
      String transport, String base) {
    ContentSecurityPolicy.Response response = session.newResponsePolicy();
    String html = Objects.requireNonNull(page.apply(response.nonce()), "the page function returned null");
    String client = session.client(true, Map.of("transport", Json.string(transport),
        "delivery", Json.string("in-process")));
    String head = "<script nonce=\"" + response.nonce() + "\">" + client + "</script>"
        + (base == null ? "" : "<base href=\"" + attribute(base) + "\">");
    return BootstrapPage.of(html, head, response);
  }

  /** {@code value} escaped for a double-quoted HTML attribute. */
  private static String attribute(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The client, for engines that run a script in every new document before the page's own
   * scripts: Chromium through DevTools {@code Page.addScriptToEvaluateOnNewDocument} (JCEF, CEF),
   * WebView2 {@code AddScriptToExecuteOnDocumentCreated}, WKWebView and WebKitGTK user scripts at
   * document start. Such scripts never appear in the page's DOM or any URL. Serve the pages with
   * {@link #newResponsePolicy()}.
   */
  public String documentStartScript() {
    return client(false, Map.of());
  }

  /**
   * {@code html} with the client as the first element of its {@code <head>}, under a fresh
   * response nonce, for engines without document-start injection (JavaFX WebView, custom-scheme
   * and loopback pages). The client removes its own element before any other script runs, so the
   * key is not in the DOM; serve the result once, with {@code Cache-Control: no-store}, and refuse
   * a second request for it, so no re-fetch or cache gives it back.
   */
  public BootstrapPage bootstrapPage(String html) {
    Objects.requireNonNull(html, "html");
    return bootstrapPage(nonce -> html);
  }

  /**
   * {@link #bootstrapPage(String)} for a page whose own scripts carry the response's nonce:
   * {@code page} gets the nonce and returns the HTML, e.g.
   * {@code nonce -> "<script nonce=\"" + nonce + "\" src=app.js></script>"}.
   */
  public BootstrapPage bootstrapPage(java.util.function.Function<String, String> page) {
    ContentSecurityPolicy.Response response = newResponsePolicy();
    String html = Objects.requireNonNull(page.apply(response.nonce()), "the page function returned null");
    return BootstrapPage.of(html, "<script nonce=\"" + response.nonce() + "\">" + client(true, Map.of()) + "</script>",
        response);
  }

  /** The Content-Security-Policy of one response, with a fresh nonce for the page's own scripts. */
  public ContentSecurityPolicy.Response newResponsePolicy() {
    return policy.forResponse(random);
  }

  /** The session id (128 random bits, base64url). */
  public String id() {
    return id;
  }


  /** The session's command aliases. */
  public CommandAliases aliases() {
    return aliases;
  }

  /** This session's one-time tokens (scope them with {@link #id()} as the subject). */
  public OneTimeTokens tokens() {
    return tokens;
  }

  /** This session's one-shot callback handles. */
  public OneShotHandles handles() {
    return handles;
  }

  /**
   * The dispatch path of a document stream (hashing/SPEC.md, "Document streams"): alias ->
   * allowlisted command -> the envelope opened in {@code document}'s stream -> handler -> reply
   * sealed for that document. A document id seen for the first time gets its own stream if its
   * envelope opens; each document has its own sequence space and replay window, so several
   * windows, popups and reloads on one session all work.
   *
   * @param document the id the page's client chose ({@code otpkit.document}), sent beside the
   *     envelope
   * @throws BridgeException with the reason; its message is {@code rejected: <reason>}
   */
  public Reply dispatch(String document, String alias, String envelope) throws BridgeException {
    String command = aliases.resolve(alias);
    DocumentStreams.Opened opened = documents.open(document, command, envelope);
    return handle(command, alias, opened.payload(), opened.stream().toUi);
  }

  /**
   * Seals a backend-initiated message (an event) for one document on {@code channel}.
   *
   * @throws BridgeException UNKNOWN_DOCUMENT if no envelope of that document has opened yet,
   *     DOCUMENT_CLOSED, or BAD_DOCUMENT
   * @throws IllegalStateException if the session's key has been disabled (live keys)
   */
  public String push(String document, String channel, byte[] payload) throws BridgeException {
    return documents.confirmed(document).toUi.sealText(channel, payload);
  }

  /**
   * Closes a document (its page navigated away or its window closed): its messages are refused
   * from now on ({@code document-closed}), and its stream is forgotten once none of its envelopes
   * could still be replayed.
   *
   * @throws IllegalArgumentException if {@code document} is not a document id
   */
  public void closeDocument(String document) {
    documents.close(document);
  }

  /** Runs the command's handler on an opened payload and seals its reply with {@code replies}. */
  private Reply handle(String command, String alias, byte[] payload, Sealer replies) throws BridgeException {
    Handler handler = handlers.get(command); // build() saw to it that every permitted command has one
    String next = aliases.consume(alias);
    byte[] reply;
    try {
      reply = Objects.requireNonNull(handler.handle(payload), "handler returned null");
    } catch (Exception e) {
      throw new BridgeException(BridgeException.Reason.HANDLER_FAILED, e.getClass().getSimpleName());
    }
    return new Reply(replies.sealText(command, reply), aliases.oneShot() ? next : null);
  }

  /** Builds a {@link BridgeSession}; every check happens in {@link #build()}. */
  public static final class Builder {
    private final java.util.function.Supplier<? extends EnvelopeKeys> keys;
    private Allowlist allowlist = Allowlist.builder().build();
    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private boolean oneShotAliases;
    private boolean encrypt;
    private InstantSource clock = InstantSource.system();
    private Duration maxAge = Duration.ofMinutes(1);
    private Duration maxFutureSkew = Duration.ofSeconds(5);
    private int maxPayloadBytes = 1 << 20;
    private Drbg random;
    private OneTimeTokens tokens;
    private OneShotHandles handles;
    private int maxDocuments = 16;
    private ContentSecurityPolicy policy = ContentSecurityPolicy.strict();
    private SharedState shared;

    private Builder(java.util.function.Supplier<? extends EnvelopeKeys> keys) {
      this.keys = keys;
    }

    /** The commands this session exposes (default: none). */
    public Builder allowlist(Allowlist allowlist) {
      this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
      return this;
    }

    /** The handler of {@code command}. */
    public Builder handler(String command, Handler handler) {
      handlers.put(Objects.requireNonNull(command, "command"), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Aliases good for one call each (default off). */
    public Builder oneShotAliases(boolean on) {
      this.oneShotAliases = on;
      return this;
    }

    /** AES-256-GCM in both directions (default off: MAC only). */
    public Builder encrypted(boolean on) {
      this.encrypt = on;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder maxAge(Duration maxAge) {
      this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    public Builder maxFutureSkew(Duration skew) {
      this.maxFutureSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    public Builder maxPayloadBytes(int max) {
      this.maxPayloadBytes = max;
      return this;
    }

    /**
     * Documents (windows, popups, reloads) one session holds at once (default 16).
     * {@link #build()} throws IllegalArgumentException unless it is in [1, 4096].
     */
    public Builder maxDocuments(int max) {
      this.maxDocuments = max;
      return this;
    }

    /** The pages' Content-Security-Policy (default: {@link ContentSecurityPolicy#strict()}). */
    public Builder contentSecurityPolicy(ContentSecurityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The token service to share (default: one per session, in memory). */
    /**
     * Keeps the session's single-use state in {@code state} (for example Redis, shared by several
     * instances and kept across restarts): the replay guard of every document's opener, the store
     * of the session's one-time tokens and the fates of its one-shot handles (unless
     * {@link #tokens} or {@link #handles} gives them).
     */
    public Builder sharedState(SharedState state) {
      this.shared = Objects.requireNonNull(state, "state");
      return this;
    }

    public Builder tokens(OneTimeTokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /** The handle registry to share (default: one per session). */
    public Builder handles(OneShotHandles handles) {
      this.handles = Objects.requireNonNull(handles, "handles");
      return this;
    }

    /** Where the session id, alias secret, nonce and salts come from (default: a system DRBG). */
    public Builder random(Drbg drbg) {
      this.random = Objects.requireNonNull(drbg, "drbg");
      return this;
    }

    /**
     * @throws IllegalArgumentException if a handler is registered for a command the allowlist
     *     does not permit (it could never run), a command the allowlist permits has no handler
     *     (its first call would fail), or a limit is out of range
     */
    public BridgeSession build() throws GeneralSecurityException {
      for (String command : handlers.keySet()) {
        if (!allowlist.permits(command)) {
          throw new IllegalArgumentException("handler for '" + command + "', which the allowlist does not permit");
        }
      }
      for (String command : allowlist.commands()) {
        if (!handlers.containsKey(command)) {
          throw new IllegalArgumentException("'" + command + "' is on the allowlist but has no handler");
        }
      }
      if (maxDocuments < 1 || maxDocuments > 4096) {
        throw new IllegalArgumentException("maxDocuments must be in [1, 4096], got " + maxDocuments);
      }
      Drbg r = random != null ? random : Drbg.system();
      return new BridgeSession(this, TEXT.encodeToString(r.bytes(16)), r);
    }
  }

}
