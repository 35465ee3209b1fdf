package dev.otpkit.javafx;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.otpkit.otp.BootstrapPage;
import dev.otpkit.otp.BridgeException;
import dev.otpkit.otp.BridgeSession;
import dev.otpkit.otp.internal.Json;
import dev.otpkit.otp.internal.SessionAccess;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.web.PopupFeatures;
import javafx.scene.web.PromptData;
import javafx.scene.web.WebEngine;
import javafx.util.Callback;
import netscape.javascript.JSException;
import org.w3c.dom.Document;
import org.w3c.dom.events.DocumentEvent;
import org.w3c.dom.events.Event;
import org.w3c.dom.events.EventTarget;

/**
 * A {@link BridgeSession} in one JavaFX {@link WebEngine}: the engine shows the session's pages,
 * each page's script reaches the session's handlers through {@code otpkit.call(command, payload)},
 * and {@link #push} reaches the page's {@code otpkit.on(channel, listener)}.
 *
 * <pre>{@code
 * WebViewBridge bridge = WebViewBridge.builder(session)
 *     .pages(PageSource.classpath(NotesApp.class, "/notes/"))
 *     .attach(webView.getEngine());
 * bridge.load("index.html");
 * }</pre>
 *
 * <h2>What it does, and why</h2>
 *
 * <ul>
 *   <li><b>Pages in process.</b> Every page goes to the engine through {@code loadContent}, with
 *       the client as the first element of its head, a fresh nonce and the session's CSP as a meta
 *       tag: nothing is served, no port is opened, and the client runs before any page script.
 *       Such a page has an opaque origin and no secure context, so the client's pure-JS fallback
 *       (JavaFX's WebKit has no {@code crypto.subtle}) runs there only because the Java side says
 *       the load was in process and the client sees the address {@code about:blank}.
 *   <li><b>The channel.</b> Towards Java, the engine's prompt handler: a property of the engine,
 *       held strongly (a {@code setMember} object is held weakly and vanishes at a GC), that no
 *       page script can take away, since the client captured {@code prompt} before any ran.
 *       Scripts can call {@code prompt} themselves, yet without the document's keys they can send
 *       nothing the session accepts. Back to the page, {@code otpkitDeliver}, which the client
 *       defines locked; what it delivers counts only if it opens in that document.
 *   <li><b>Threads.</b> The prompt handler runs on the FX thread and only queues: {@code dispatch}
 *       and the handlers run on the bridge's executor, and the sealed reply goes back on the FX
 *       thread. At most {@link Builder#maxPending} calls of one engine wait at a time; more are
 *       refused at once ({@code otpkit: busy}), so a page that floods the channel holds no more.
 *       Calls run concurrently, so their replies may reach the page in another order than the
 *       calls left it; each resolves its own call.
 *   <li><b>Documents.</b> Each document (a load, a navigation between the pages, a reload) is a new
 *       stream; the previous document of the engine is closed when the next one loads, and an
 *       engine refuses a document another engine of the session has spoken for. Navigation to
 *       anything but the source's pages is stopped, unless {@link Builder#allowNavigation} allows
 *       it (and then that page has no bridge); popups are refused.
 * </ul>
 *
 * <p>{@link #attach}, {@link #load}, {@link #reload} and {@link #detach} run on the JavaFX
 * application thread; {@link #push} on any thread.
 */
public final class WebViewBridge {

  /** The prompt message of a bridge request (ui/src/transports/javafx.js). */
  static final String PROMPT_MESSAGE = "otpkit:bridge:v1";
  private static final String TRANSPORT = "javafx";
  /** The DOM event that makes the page run its queued promise jobs now (transports/javafx.js). */
  static final String WAKE = "otpkit-wake";

  /**
   * The documents that have spoken, per session, and the bridge each spoke through. Weak both
   * ways: a bridge holds its session, so a strong value here would keep the key alive for good.
   */
  private static final Map<BridgeSession, Map<String, WeakReference<WebViewBridge>>> OWNERS = new WeakHashMap<>();

  private static final class DefaultExecutor {
    static final ExecutorService INSTANCE = newExecutor();

    private static ExecutorService newExecutor() {
      AtomicInteger n = new AtomicInteger();
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "otpkit-webview-bridge-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }

  private final BridgeSession session;
  private final WebEngine engine;
  private final PageSource pages;
  private final Executor executor;
  private final int maxPending;
  private final int maxRequestChars;
  private final Predicate<String> allowNavigation;
  private final Consumer<String> onRefusedNavigation;

  private final Callback<PromptData, String> previousPrompt;
  private final Callback<PopupFeatures, WebEngine> previousPopup;
  private final ChangeListener<String> locationListener = (o, old, location) -> onLocation(location);
  private final ChangeListener<Document> documentListener = (o, old, document) -> onDocument(document);

  private final AtomicInteger pending = new AtomicInteger();
  private final Map<String, Long> documents = new LinkedHashMap<>(); // this engine's, guarded by this
  private final Map<String, WeakReference<WebViewBridge>> owners;
  private final WeakReference<WebViewBridge> self = new WeakReference<>(this);

  // FX thread only
  private String path;
  private String wanted; // the page to load at the next reconcile, or null
  private boolean reconcileScheduled;
  private boolean awaitingOwnDocument;
  private boolean leftForAllowedPage;
  // read on the executor's threads too
  private volatile long generation;
  private volatile String current;
  private volatile boolean attached;

  private WebViewBridge(Builder b, WebEngine engine) {
    this.session = b.session;
    this.engine = engine;
    this.pages = b.pages;
    this.executor = b.executor != null ? b.executor : DefaultExecutor.INSTANCE;
    this.maxPending = b.maxPending;
    this.maxRequestChars = b.maxRequestChars;
    this.allowNavigation = b.allowNavigation;
    this.onRefusedNavigation = b.onRefusedNavigation;
    this.previousPrompt = engine.getPromptHandler();
    this.previousPopup = engine.getCreatePopupHandler();
    synchronized (OWNERS) {
      this.owners = OWNERS.computeIfAbsent(session, s -> new ConcurrentHashMap<>());
    }
  }

  /**
   * A builder for a bridge of {@code session}.
   *
   * @param session the session whose pages the engine will show
   * @return the builder
   */
  public static Builder builder(BridgeSession session) {
    return new Builder(Objects.requireNonNull(session, "session"));
  }

  /**
   * {@code builder(session).pages(pages).attach(engine)}, on the FX thread.
   *
   * @param engine the engine to attach to
   * @param session the session whose pages it shows
   * @param pages the pages it may show
   * @return the attached bridge
   */
  public static WebViewBridge attach(WebEngine engine, BridgeSession session, PageSource pages) {
    return builder(session).pages(pages).attach(engine);
  }

  /**
   * Loads the page at {@code path} of the page source as a new document with its own stream; the
   * engine's previous document is closed.
   *
   * @param path the page's path in the page source, such as {@code index.html}
   * @throws IllegalArgumentException if the source has no such page
   * @throws UncheckedIOException if the source cannot read it
   * @throws IllegalStateException off the FX thread, or once detached
   */
  public void load(String path) {
    requireAttachedOnFxThread();
    BootstrapPage page = render(path);
    startDocument(path);
    engine.loadContent(page.htmlWithMetaPolicy());
  }

  /** Loads the current page again, as a new document with its own stream. */
  public void reload() {
    requireAttachedOnFxThread();
    if (path == null) {
      throw new IllegalStateException("no page loaded yet");
    }
    load(path);
  }

  /**
   * The path of the page loaded last.
   *
   * @return the path, or null before the first load
   */
  public String path() {
    return path;
  }

  /**
   * The id of the engine's current document once it has sent a call that opened, or null (a new
   * document has not spoken yet).
   *
   * @return the document id, or null
   */
  public String document() {
    return current;
  }

  /**
   * Seals {@code payload} on {@code channel} for the engine's current document and delivers it to
   * the page's {@code otpkit.on(channel, ...)} listener. Call from any thread.
   *
   * @param channel the event's channel, as the page listens to it
   * @param payload the event's bytes
   *
   * @throws IllegalStateException if the current document has not spoken yet (the session has no
   *     stream for it until one of its calls opens), or the bridge is detached
   * @throws BridgeException if the session refuses (the document was closed meanwhile)
   */
  public void push(String channel, byte[] payload) throws BridgeException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(payload, "payload");
    String document;
    long generation;
    synchronized (this) {
      document = current;
      generation = this.generation;
    }
    if (!attached) {
      throw new IllegalStateException("the bridge is detached");
    }
    if (document == null) {
      throw new IllegalStateException("the current document has not called the backend yet: a document gets its"
          + " stream, and can receive pushes, once one of its calls has opened");
    }
    String envelope = session.push(document, channel, payload);
    deliver(Json.object(Map.of("document", Json.string(document), "push", Json.string(channel),
        "envelope", Json.string(envelope))), generation);
  }

  /**
   * Takes the bridge out of the engine: the handlers the engine had before come back, the
   * engine's documents are closed, and replies still on their way are dropped.
   */
  public void detach() {
    requireAttachedOnFxThread();
    attached = false;
    engine.locationProperty().removeListener(locationListener);
    engine.documentProperty().removeListener(documentListener);
    engine.setPromptHandler(previousPrompt);
    engine.setCreatePopupHandler(previousPopup);
    closeDocuments();
  }

  private void install() {
    requireFxThread();
    engine.setPromptHandler(this::onPrompt);
    engine.setCreatePopupHandler(features -> null); // no popups: open a window with its own bridge
    engine.locationProperty().addListener(locationListener);
    engine.documentProperty().addListener(documentListener);
    attached = true;
  }

  private BootstrapPage render(String path) {
    if (!PageSource.Paths.valid(path)) {
      throw new IllegalArgumentException("not a page path: " + path);
    }
    return SessionAccess.inProcessPage(session, nonce -> {
      String html;
      try {
        html = pages.page(path, nonce);
      } catch (IOException e) {
        throw new UncheckedIOException("page " + path + " of " + pages + " cannot be read", e);
      }
      if (html == null) {
        throw new IllegalArgumentException("no page " + path + " in " + pages);
      }
      return html;
    }, TRANSPORT, pages.base());
  }

  /** A new document of this engine: the ones before it are closed. */
  private void startDocument(String path) {
    closeDocuments();
    this.path = path;
    this.wanted = null;
    this.awaitingOwnDocument = true;
    this.leftForAllowedPage = false;
  }

  private synchronized void closeDocuments() {
    generation++;
    current = null;
    for (String document : documents.keySet()) {
      session.closeDocument(document);
      owners.remove(document, self);
    }
    documents.clear();
  }

  /** After a dispatch opened: {@code document} is this engine's, and current if still in its generation. */
  private synchronized void spoke(String document, long generation) {
    if (generation != this.generation || !attached) {
      session.closeDocument(document); // the engine moved on while the call ran
      return;
    }
    WeakReference<WebViewBridge> owner = owners.putIfAbsent(document, self);
    if (owner == null || owner == self || owner.get() == null) {
      owners.put(document, self);
      documents.putIfAbsent(document, generation);
      current = document;
    }
  }

  // ---- the channel

  /** The engine's prompt handler (FX thread): queues a bridge request, answers "" or why not. */
  private String onPrompt(PromptData data) {
    if (!PROMPT_MESSAGE.equals(data.getMessage())) {
      return previousPrompt != null ? previousPrompt.call(data) : null;
    }
    String text = data.getDefaultValue();
    if (text != null && text.length() > maxRequestChars) {
      return "otpkit: request too large";
    }
    Request request = text == null ? null : Request.parse(text);
    if (request == null) {
      return "otpkit: malformed request";
    }
    WeakReference<WebViewBridge> owner = owners.get(request.document);
    if (owner != null && owner != self && owner.get() != null) {
      return "otpkit: the document belongs to another view";
    }
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return "otpkit: busy";
    }
    long generation = this.generation;
    try {
      executor.execute(() -> run(request, generation));
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      return "otpkit: busy";
    }
    return "";
  }

  /** On the executor: the dispatch, then the reply back on the FX thread. */
  private void run(Request request, long generation) {
    if (generation != this.generation) {
      pending.decrementAndGet();
      return; // the engine left the document that sent it: it runs nothing, and has no one to answer
    }
    String reply;
    try {
      BridgeSession.Reply r = session.dispatch(request.document, request.alias, request.envelope);
      spoke(request.document, generation);
      Map<String, String> m = new LinkedHashMap<>();
      m.put("document", Json.string(request.document));
      m.put("id", Long.toString(request.id));
      m.put("envelope", Json.string(r.envelope()));
      if (r.nextAlias() != null) {
        m.put("nextAlias", Json.string(r.nextAlias()));
      }
      reply = Json.object(m);
    } catch (BridgeException e) {
      reply = error(request, e.getMessage());
    } catch (RuntimeException e) {
      reply = error(request, "otpkit: the backend failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      pending.decrementAndGet();
    }
    deliver(reply, generation);
  }

  private static String error(Request request, String message) {
    return Json.object(Map.of("document", Json.string(request.document), "id", Long.toString(request.id),
        "error", Json.string(message)));
  }

  /**
   * Hands {@code json} to the page's otpkitDeliver on the FX thread, if the engine still shows a
   * document of {@code generation}: a reply that comes back after the engine moved on (a page
   * {@link Builder#allowNavigation} let through could define its own otpkitDeliver) is dropped.
   */
  private void deliver(String json, long generation) {
    // Json.string escapes quotes, backslashes, controls and U+2028/U+2029: a JavaScript string literal
    String script = "otpkitDeliver(" + Json.string(json) + ")";
    Platform.runLater(() -> {
      if (!attached || generation != this.generation) {
        return;
      }
      try {
        engine.executeScript(script);
      } catch (JSException e) {
        return; // the engine shows a document without the client (it is loading the next one): dropped
      }
      wake();
    });
  }

  /**
   * Dispatches {@link #WAKE} on the document, where the client listens: WebKit runs the promise
   * jobs that executeScript queued when a listener returns, not a frame later (16 ms; see
   * ui/src/transports/javafx.js).
   */
  void wake() {
    if (engine.getDocument() instanceof DocumentEvent events && events instanceof EventTarget target) {
      Event event = events.createEvent("Events");
      event.initEvent(WAKE, false, false);
      target.dispatchEvent(event);
    }
  }

  /** A bridge request as the client sends it: {id, document, alias, envelope}, strict JSON. */
  record Request(long id, String document, String alias, String envelope) {
    private static final long MAX_ID = (1L << 53) - 1;

    /** The request, or null unless {@code text} is one flat object with each member once. */
    static Request parse(String text) {
      try (JsonReader reader = new JsonReader(new StringReader(text))) {
        reader.setStrictness(Strictness.STRICT);
        Map<String, Object> members = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          Object value = switch (name) {
            case "id" -> reader.peek() == JsonToken.NUMBER ? reader.nextString() : null;
            case "document", "alias", "envelope" -> reader.peek() == JsonToken.STRING ? reader.nextString() : null;
            default -> null;
          };
          if (value == null || members.put(name, value) != null) {
            return null; // an unknown or repeated member, or one of the wrong type
          }
        }
        reader.endObject();
        if (reader.peek() != JsonToken.END_DOCUMENT || members.size() != 4) {
          return null;
        }
        String idText = (String) members.get("id");
        if (idText.length() > 16 || !idText.matches("[1-9][0-9]*")) {
          return null;
        }
        long id = Long.parseLong(idText);
        if (id > MAX_ID) {
          return null;
        }
        return new Request(id, (String) members.get("document"), (String) members.get("alias"),
            (String) members.get("envelope"));
      } catch (IOException | RuntimeException e) {
        return null; // not JSON
      }
    }
  }

  // ---- documents and navigation (FX thread)

  /** The engine started to load {@code location}. */
  private void onLocation(String location) {
    if (!attached || location == null || location.isEmpty() || location.startsWith("about:blank")) {
      return; // one of ours (loadContent), or a fragment of it
    }
    String target = pathOf(location);
    if (target != null) {
      reconcile(target); // a link between the source's pages: bootstrapped, as a new document
    } else if (allowNavigation.test(location)) {
      closeDocuments();
      leftForAllowedPage = true; // that page has no bridge
    } else {
      // stopped, then the bridge's page again as a new document: a load cancelled before it
      // commits leaves the engine's location and document properties on the other page
      Platform.runLater(() -> {
        if (attached) {
          engine.getLoadWorker().cancel();
        }
      });
      reconcile(path);
      onRefusedNavigation.accept(location);
    }
  }

  /** A document committed in the engine. */
  private void onDocument(Document document) {
    if (!attached || document == null) {
      return;
    }
    if (awaitingOwnDocument && Objects.equals(engine.getLocation(), "")) {
      awaitingOwnDocument = false; // the page load() gave the engine
      return;
    }
    if (leftForAllowedPage) {
      return;
    }
    // anything else (engine.reload(), history, a page that got through before its load was
    // cancelled) is not a document this bridge bootstrapped: load the page again, fresh
    reconcile(wanted != null ? wanted : path);
  }

  /** Loads {@code target} once the engine's current event is over (never from inside a listener). */
  private void reconcile(String target) {
    wanted = target;
    if (reconcileScheduled || target == null) {
      return;
    }
    reconcileScheduled = true;
    Platform.runLater(() -> {
      reconcileScheduled = false;
      String next = wanted;
      wanted = null;
      if (!attached || next == null) {
        return;
      }
      try {
        load(next);
      } catch (IllegalArgumentException e) {
        onRefusedNavigation.accept(next); // a link to a page the source does not have
        if (path != null && !path.equals(next)) {
          load(path);
        }
      }
    });
  }

  /** The source's path for {@code location} under its base (query and fragment dropped), or null. */
  private String pathOf(String location) {
    String base = pages.base();
    if (base == null) {
      return null;
    }
    base = normalize(base);
    location = normalize(location);
    if (!location.startsWith(base)) {
      return null;
    }
    String rest = location.substring(base.length());
    int cut = indexOfAny(rest, '?', '#');
    String candidate = cut < 0 ? rest : rest.substring(0, cut);
    return PageSource.Paths.valid(candidate) ? candidate : null;
  }

  /** {@code file:/x} as WebKit writes it, {@code file:///x} (also inside {@code jar:}). */
  static String normalize(String url) {
    String prefix = url.startsWith("jar:file:") ? "jar:file:" : url.startsWith("file:") ? "file:" : null;
    if (prefix == null) {
      return url;
    }
    String rest = url.substring(prefix.length());
    if (rest.startsWith("/") && !rest.startsWith("//")) {
      return prefix + "//" + rest;
    }
    return url;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  private void requireAttachedOnFxThread() {
    requireFxThread();
    if (!attached) {
      throw new IllegalStateException("the bridge is detached");
    }
  }

  private static void requireFxThread() {
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException("call on the JavaFX application thread (Platform.runLater)");
    }
  }

  /** Builds a {@link WebViewBridge}; {@link #attach} checks and installs it. */
  public static final class Builder {
    private final BridgeSession session;
    private PageSource pages;
    private Executor executor;
    private int maxPending = 64;
    private int maxRequestChars = 4 << 20;
    private Predicate<String> allowNavigation = url -> false;
    private Consumer<String> onRefusedNavigation = url -> {};

    private Builder(BridgeSession session) {
      this.session = session;
    }

    /**
     * The pages the engine may show (required).
     *
     * @param pages the page source
     * @return this builder
     */
    public Builder pages(PageSource pages) {
      this.pages = Objects.requireNonNull(pages, "pages");
      return this;
    }

    /**
     * Where dispatch and the handlers run (default: a shared pool of daemon threads, one per core,
     * at least two). Never the FX thread.
     *
     * @param executor where dispatch runs
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Calls of this engine that may wait for their replies at once (default 64, as the client).
     *
     * @param max at most this many, in [1, 4096]
     * @return this builder
     */
    public Builder maxPending(int max) {
      if (max < 1 || max > 4096) {
        throw new IllegalArgumentException("maxPending must be in [1, 4096]: " + max);
      }
      this.maxPending = max;
      return this;
    }

    /**
     * The longest request text the channel takes (default 4 Mi characters, above a 1 MiB payload
     * encrypted and in base64url); longer ones are refused before they are parsed.
     *
     * @param max at most this many characters, at least 256
     * @return this builder
     */
    public Builder maxRequestChars(int max) {
      if (max < 256) {
        throw new IllegalArgumentException("maxRequestChars must be at least 256: " + max);
      }
      this.maxRequestChars = max;
      return this;
    }

    /**
     * URLs outside the page source the engine may go to (default: none). Such a page runs without
     * the bridge: the documents before it are closed.
     *
     * @param allow true for a URL the engine may go to
     * @return this builder
     */
    public Builder allowNavigation(Predicate<String> allow) {
      this.allowNavigation = Objects.requireNonNull(allow, "allow");
      return this;
    }

    /**
     * Told each URL the bridge stopped the engine from going to, on the FX thread (for example to
     * open it in the system browser with HostServices). Default: nothing.
     *
     * @param listener told each refused URL
     * @return this builder
     */
    public Builder onRefusedNavigation(Consumer<String> listener) {
      this.onRefusedNavigation = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Installs the bridge in {@code engine}: its prompt and popup handlers (other prompts still
     * reach the handler the engine had) and listeners on its location and document. Load the first
     * page with {@link WebViewBridge#load}.
     *
     * @param engine the engine to attach to
     * @return the attached bridge
     *
     * @throws IllegalStateException off the FX thread, or without {@link #pages}
     */
    public WebViewBridge attach(WebEngine engine) {
      Objects.requireNonNull(engine, "engine");
      if (pages == null) {
        throw new IllegalStateException("pages(...) is required");
      }
      requireFxThread();
      WebViewBridge bridge = new WebViewBridge(this, engine);
      bridge.install();
      return bridge;
    }
  }
}
