package dev.otpkit.javafx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.SessionKeyExport;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeSession;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.web.PromptData;
import javafx.util.Callback;
import netscape.javascript.JSException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile script in the page against the bridge, in a real JavaFX WebView. Every script here
 * runs through {@code executeScript} once the page has started, as a later (injected, third-party
 * or compromised) page script would, and every test asserts what the attack would change had it
 * worked: a handler run (counted on the Java side), a refusal string, key text where a script can
 * read it, a client request seen by a page patch.
 *
 * <p>By design a script in the page can use the page's API ({@code otpkit.call} of an allowlisted
 * command) like any page script; it must not get the keys, run anything else, replay, or take the
 * channel away from the page.
 */
class HostilePageTest {

  /**
   * The test pages (pages/index.html, second.html) in a jar, as an app ships them: WebKit follows
   * links between them there (it loads no file: page into the opaque origin).
   */
  static PageSource PAGES;
  @TempDir static Path dir;
  static URLClassLoader loader;
  static final String MESSAGE = "otpkit:bridge:v1";

  /** Payloads the notes.save handler ran with, in order. */
  final List<String> saved = new CopyOnWriteArrayList<>();
  /** The request texts the page sent through the bridge's prompt message, as the bridge got them. */
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<ExecutorService> pools = new ArrayList<>();
  EnvelopeKeys keys;

  @BeforeAll
  static void toolkit() throws Exception {
    Fx.start();
    Path jar = dir.resolve("pages.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("pages/"));
      out.closeEntry();
      for (String name : new String[] {"index.html", "second.html"}) {
        out.putNextEntry(new JarEntry("pages/" + name));
        try (var in = HostilePageTest.class.getResourceAsStream("/pages/" + name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    PAGES = PageSource.classpath(loader, "pages/");
  }

  @AfterAll
  static void closeLoader() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  @AfterEach
  void stopPools() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  BridgeSession session(boolean encrypted) throws Exception {
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    return BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("notes.save", "notes.subscribe").build())
        .handler("notes.save", p -> {
          String text = new String(p, StandardCharsets.UTF_8);
          saved.add(text);
          return ("saved " + text).getBytes(StandardCharsets.UTF_8);
        })
        .handler("notes.subscribe", p -> "subscribed".getBytes(StandardCharsets.UTF_8))
        .encrypted(encrypted)
        .build();
  }

  /** One thread, first in first out: a genuine call sent after forged requests is dispatched after them. */
  Executor inOrder() {
    ExecutorService pool = Executors.newSingleThreadExecutor(daemon("hostile-test-dispatch"));
    pools.add(pool);
    return pool;
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** A bridge on {@code view} whose requests are also recorded in {@link #requests}, showing index.html. */
  WebViewBridge open(View view, WebViewBridge.Builder builder) throws Exception {
    WebViewBridge bridge = Fx.call(() -> {
      WebViewBridge b = builder.attach(view.engine);
      Callback<PromptData, String> handler = view.engine.getPromptHandler();
      view.engine.setPromptHandler(data -> {
        if (MESSAGE.equals(data.getMessage())) {
          requests.add(String.valueOf(data.getDefaultValue()));
        }
        return handler.call(data);
      });
      return b;
    });
    Fx.run(() -> bridge.load("index.html"));
    view.ready("index");
    return bridge;
  }

  WebViewBridge open(View view, BridgeSession session) throws Exception {
    return open(view, WebViewBridge.builder(session).pages(PAGES).executor(inOrder()));
  }

  /** What the page's prompt answers for a bridge request of {@code text}, sent by a page script. */
  static Object prompt(View view, String text) throws Exception {
    return view.js("prompt('" + MESSAGE + "', " + View.quote(text) + ")");
  }

  static String request(long id, String document, String alias, String envelope) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("document", document);
    o.addProperty("alias", alias);
    o.addProperty("envelope", envelope);
    return o.toString();
  }

  /** {document, alias, envelope} as otpkit.seal gives them to any page script. */
  static String[] seal(View view, String command, String payload) throws Exception {
    view.js("otpkit.seal(" + View.quote(command) + ", " + View.quote(payload) + ").then("
        + "s => report('sealed:' + s.document + ' ' + s.alias + ' ' + s.envelope), e => report('sealed:error ' + e.message))");
    String[] s = view.next("sealed:").split(" ");
    assertEquals(3, s.length, String.join(" ", s));
    return s;
  }

  /** The session's UI root key as the page's config carries it (BridgeSession.clientConfig). */
  byte[] rootKey(BridgeSession session) throws Exception {
    return SessionKeyExport.of(keys, session.id()).uiRootKey(InsecureSecretKeyAccess.get());
  }

  /** {@code n} random base64url characters, as a page script makes them. */
  static String randomText(View view, int n) throws Exception {
    return (String) view.js("(() => { const b = new Uint8Array(" + n + "); crypto.getRandomValues(b); let s = '';"
        + " for (const x of b) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[x & 63];"
        + " return s; })()");
  }

  /** Waits until the bridge has received {@code n} requests in all. */
  void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requests.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(n, requests.size(), requests.toString());
  }

  // ---- 1. the channel, called directly

  @Test
  void promptChannel_garbageWrongShapesAndHugeText_areRefusedAtOnce_andRunNoHandler() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    open(view, session);
    String document = (String) view.js("otpkit.document");
    String alias = (String) view.js("otpkit.alias('notes.save')");
    String d = View.quote(document); // a JSON string literal as well
    String a = View.quote(alias);

    Map<String, String> malformed = new LinkedHashMap<>();
    malformed.put("empty", "");
    malformed.put("not JSON", "hello");
    malformed.put("truncated", "{\"id\":1,");
    malformed.put("an array", "[1,2,3]");
    malformed.put("null", "null");
    malformed.put("a number", "42");
    malformed.put("a string", "\"x\"");
    malformed.put("no envelope", "{\"id\":1,\"document\":" + d + ",\"alias\":" + a + "}");
    malformed.put("an extra key", "{\"id\":1,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\",\"command\":\"admin.wipe\"}");
    malformed.put("id a string", "{\"id\":\"1\",\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    malformed.put("id zero", "{\"id\":0,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    malformed.put("id negative", "{\"id\":-5,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    malformed.put("id fractional", "{\"id\":1.5,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    malformed.put("id 2^53", "{\"id\":9007199254740992,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    malformed.put("document a number", "{\"id\":1,\"document\":7,\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    malformed.put("alias null", "{\"id\":1,\"document\":" + d + ",\"alias\":null,\"envelope\":\"AAAA\"}");
    malformed.put("envelope an object", "{\"id\":1,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":{\"x\":1}}");
    malformed.put("envelope an array", "{\"id\":1,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":[\"AAAA\"]}");
    malformed.put("single quotes", "{'id':1,'document':'x','alias':'y','envelope':'z'}");
    malformed.put("unquoted keys", "{id:1,document:\"x\",alias:\"y\",envelope:\"z\"}");
    malformed.put("trailing comma", "{\"id\":1,\"document\":\"x\",\"alias\":\"y\",\"envelope\":\"z\",}");
    malformed.put("a comment", "{\"id\":1,/* hi */\"document\":\"x\",\"alias\":\"y\",\"envelope\":\"z\"}");
    malformed.put("NaN id", "{\"id\":NaN,\"document\":\"x\",\"alias\":\"y\",\"envelope\":\"z\"}");
    malformed.put("two values", "{} {}");
    malformed.put("a repeated key", "{\"id\":1,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\","
        + "\"alias\":" + a + "}");
    malformed.put("id with an exponent", "{\"id\":1e3,\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}");
    for (Map.Entry<String, String> e : malformed.entrySet()) {
      assertEquals("otpkit: malformed request", prompt(view, e.getValue()), e.getKey());
    }
    // no default text at all
    assertEquals("otpkit: malformed request", view.js("prompt('" + MESSAGE + "')"));
    // 100 000 levels of nesting (a parser that recursed would overflow), and an id of three
    // million digits (a parser that converted it would spend minutes on the FX thread): refused quickly
    long t0 = System.nanoTime();
    assertEquals("otpkit: malformed request", view.js("prompt('" + MESSAGE + "', '['.repeat(100000))"));
    assertEquals("otpkit: malformed request", view.js("prompt('" + MESSAGE + "', '{\"id\":' + '9'.repeat(3000000) + "
        + "',\"document\":" + d + ",\"alias\":" + a + ",\"envelope\":\"AAAA\"}')"));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "refused in " + (System.nanoTime() - t0) / 1e6 + " ms");
    // longer than the bridge takes (4 Mi characters by default): refused before it is parsed
    assertEquals("otpkit: request too large", view.js("prompt('" + MESSAGE + "', 'x'.repeat(4 * 1024 * 1024 + 1))"));

    assertEquals("reply:saved after", view.call("notes.save", "after"));
    assertEquals(List.of("after"), saved, "nothing the script sent ran a handler");
  }

  @Test
  void promptChannel_forgedEnvelopes_withTheRealAliasAndDocument_areQueuedButRunNoHandler() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    open(view, session);
    String[] genuine = seal(view, "notes.save", "sealed by the page");
    String document = genuine[0];
    String alias = genuine[1];
    String envelope = genuine[2];
    String otherAlias = (String) view.js("otpkit.alias('notes.subscribe')");

    List<String> forged = new ArrayList<>();
    forged.add("");
    forged.add("AAAA");
    for (int n : new int[] {16, 64, envelope.length(), 4096}) {
      forged.add(randomText(view, n));
    }
    // the page's own sealed envelope with one character changed: first, in the middle, last
    for (int at : new int[] {0, envelope.length() / 2, envelope.length() - 1}) {
      char c = envelope.charAt(at);
      forged.add(envelope.substring(0, at) + (c == 'A' ? 'B' : 'A') + envelope.substring(at + 1));
    }
    forged.add(envelope.substring(0, envelope.length() - 4)); // truncated
    forged.add(envelope + "AAAA"); // extended
    long id = 1000;
    for (String e : forged) {
      assertEquals("", prompt(view, request(++id, document, alias, e)), "queued: the session decides");
    }
    // the genuine envelope under another command's alias, or for another document: no handler either
    assertEquals("", prompt(view, request(++id, document, otherAlias, envelope)));
    String otherDocument = randomText(view, 22); // a well-formed document id the session has not seen
    assertEquals("", prompt(view, request(++id, otherDocument, alias, envelope)));

    // one executor thread, in order: once this call is back, every forged request was dispatched
    assertEquals("reply:saved genuine", view.call("notes.save", "genuine"));
    assertEquals(List.of("genuine"), saved, "no forged request ran the handler");
  }

  @Test
  void promptChannel_replayOfASealedRequest_runsTheHandlerOnlyOnce() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    open(view, session);
    // the script seals through the page's API (allowed), then sends it itself, twice
    String[] s = seal(view, "notes.save", "x");
    assertEquals("", prompt(view, request(5001, s[0], s[1], s[2])));
    assertEquals("", prompt(view, request(5002, s[0], s[1], s[2])));
    assertEquals("reply:saved y", view.call("notes.save", "y"));
    // and once more after later envelopes have opened
    assertEquals("", prompt(view, request(5003, s[0], s[1], s[2])));
    assertEquals("reply:saved z", view.call("notes.save", "z"));
    assertEquals(List.of("x", "y", "z"), saved, "the replayed envelope ran its handler once");
  }

  // ---- 2. patched globals

  /**
   * Installed by a hostile script before it patches anything: recorders that keep what a patched
   * function or accessor is handed while {@code kit.armed}, in {@code kit.seen}.
   */
  static final String KIT = """
      (() => {
        const R = Reflect.apply, define = Object.defineProperty;
        const stringify = JSON.stringify, then = Promise.prototype.then, decode = TextDecoder.prototype.decode;
        const construct = Reflect.construct, alert = window.alert, isView = ArrayBuffer.isView, U8 = Uint8Array, AB = ArrayBuffer;
        const kit = { __proto__: null, armed: false, inside: false, seen: [], patched: [], refused: [],
          R, define, stringify, then, decode, alert };
        const hex = (b) => { let s = ''; for (let i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16); return s; };
        const show = (v) => {
          try {
            if (typeof v === 'string') return 'string:' + v;
            if (typeof v === 'function') return 'function';
            if (v === null || typeof v !== 'object') return String(v);
            if (isView(v)) return 'bytes:' + hex(new U8(v.buffer, v.byteOffset, v.byteLength));
            if (v instanceof AB) return 'bytes:' + hex(new U8(v));
            if (v instanceof Promise) return 'a promise';
            return 'object:' + R(stringify, JSON, [v]);
          } catch (e) { return 'unshowable'; }
        };
        kit.record = (what, args) => {
          if (!kit.armed || kit.inside) return;
          kit.inside = true;
          try {
            let line = what + '(';
            for (let i = 0; i < args.length; i++) line += (i ? ', ' : '') + show(args[i]);
            kit.seen[kit.seen.length] = line + ')';
          } finally { kit.inside = false; }
        };
        const note = (list, label) => { list[list.length] = label; };
        // object[key] replaced by a recorder that passes the call on
        kit.wrap = (object, key, label) => {
          const original = object[key];
          if (typeof original !== 'function') { note(kit.refused, label + ' (missing)'); return; }
          const recorder = function (...args) { kit.record(label, args); return new.target ? construct(original, args, new.target) : R(original, this, args); };
          try {
            object[key] = recorder;
            if (object[key] !== recorder) define(object, key, { __proto__: null, value: recorder, writable: true, configurable: true });
            note(object[key] === recorder ? kit.patched : kit.refused, label);
          } catch (e) { note(kit.refused, label); }
        };
        // a getter and setter on `object` for `name` that record, and behave as a missing property
        kit.trap = (object, name, label) => {
          try {
            define(object, name, { __proto__: null, configurable: true,
              get() { kit.record('get ' + label, [this]); return undefined; },
              set(v) { kit.record('set ' + label, [this, v]);
                define(this, name, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true }); } });
            note(kit.patched, label);
          } catch (e) { note(kit.refused, label); }
        };
        kit.report = (text) => R(alert, window, [text]);
        kit.text = (bytes) => R(decode, new TextDecoder(), [bytes]);
        kit.json = (v) => R(stringify, JSON, [v]);
        define(window, 'kit', { __proto__: null, value: kit });
      })();
      """;

  /** Calls otpkit.call(command, payload) armed; reports "<tag>reply:..." or "<tag>error:...", disarmed. */
  static String armedCall(String tag, String command, String payload) {
    return "(() => { const p = (kit.armed = true, otpkit.call(" + View.quote(command) + ", " + View.quote(payload) + "));"
        + " kit.armed = false;" // attaching our own callbacks is not the client's doing
        + " kit.R(kit.then, p, [r => { kit.armed = false; kit.report(" + View.quote(tag) + " + 'reply:' + kit.text(r)); },"
        + "   e => { kit.armed = false; kit.report(" + View.quote(tag) + " + 'error:' + e.message); }]);"
        + " kit.armed = true; })()";
  }

  static List<String> strings(Object json) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString((String) json).getAsJsonArray()) {
      out.add(e.getAsString());
    }
    return out;
  }

  /** kit.seen, and then a self-check: the script's own read of a missing property must be recorded. */
  static List<String> seenThenSelfCheck(View view) throws Exception {
    List<String> seen = strings(view.js("kit.json(kit.seen)"));
    view.js("kit.seen.length = 0; kit.armed = true; JSON.stringify({probe: 1}); ({}).envelope; prompt('self-check');"
        + " kit.armed = false;");
    List<String> self = strings(view.js("kit.json(kit.seen)"));
    assertTrue(self.stream().anyMatch(line -> line.startsWith("get ") && line.contains("envelope(")),
        "the recorders are live: " + self);
    return seen;
  }

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void patchedGlobals_afterTheClientStarted_seeNothingOfACall_andTheCallStillWorks(boolean encrypted) throws Exception {
    BridgeSession session = session(encrypted);
    View view = View.open();
    open(view, session);
    view.js(KIT);
    view.js("""
        (() => {
          const w = kit.wrap;
          w(window, 'prompt', 'prompt');
          w(JSON, 'stringify', 'JSON.stringify');
          w(JSON, 'parse', 'JSON.parse');
          for (const k of ['then', 'catch', 'finally']) w(Promise.prototype, k, 'Promise.prototype.' + k);
          for (const k of ['resolve', 'reject', 'all']) w(Promise, k, 'Promise.' + k);
          w(TextEncoder.prototype, 'encode', 'TextEncoder.prototype.encode');
          w(TextEncoder.prototype, 'encodeInto', 'TextEncoder.prototype.encodeInto');
          w(TextDecoder.prototype, 'decode', 'TextDecoder.prototype.decode');
          w(Crypto.prototype, 'getRandomValues', 'Crypto.prototype.getRandomValues');
          w(crypto, 'getRandomValues', 'crypto.getRandomValues');
          for (const k of ['call', 'apply', 'bind', 'toString']) w(Function.prototype, k, 'Function.prototype.' + k);
          for (const k of ['apply', 'construct', 'get', 'set', 'defineProperty', 'getOwnPropertyDescriptor', 'ownKeys'])
            w(Reflect, k, 'Reflect.' + k);
          for (const k of ['freeze', 'defineProperty', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'hasOwn', 'keys', 'assign'])
            w(Object, k, 'Object.' + k);
          for (const k of ['get', 'set', 'delete', 'has']) w(Map.prototype, k, 'Map.prototype.' + k);
          for (const k of ['push', 'slice', 'map', 'concat']) w(Array.prototype, k, 'Array.prototype.' + k);
          for (const k of ['charCodeAt', 'slice', 'indexOf', 'padStart']) w(String.prototype, k, 'String.prototype.' + k);
          w(String, 'fromCharCode', 'String.fromCharCode');
          for (const k of ['set', 'subarray', 'slice', 'fill']) w(Uint8Array.prototype, k, 'Uint8Array.prototype.' + k);
          for (const k of ['getUint32', 'setUint32', 'getUint8', 'setUint8', 'setBigUint64']) w(DataView.prototype, k, 'DataView.prototype.' + k);
          for (const k of ['min', 'floor', 'random']) w(Math, k, 'Math.' + k);
          w(Number, 'isSafeInteger', 'Number.isSafeInteger');
          w(Date, 'now', 'Date.now');
          w(BigInt, 'asUintN', 'BigInt.asUintN');
          w(Array.prototype, Symbol.iterator, 'Array.prototype[Symbol.iterator]');
          // getters and setters for the names of a request, a reply and a key, where a missing own
          // property would be looked up
          for (const name of ['id', 'document', 'alias', 'envelope', 'nextAlias', 'error', 'push', 'command',
              'payload', 'root', 'rootBytes', 'keyId', 'session', 'key', 'salt', 'sequence', 'resolve', 'reject',
              'up', 'down', 'sealed', 'reply', 'waiting', 'request', 'bytes', 'mac', 'tag'])
            kit.trap(Object.prototype, name, 'Object.prototype.' + name);
          kit.trap(Uint8Array.prototype, 'then', 'Uint8Array.prototype.then');
          kit.trap(Object.prototype, 'then', 'Object.prototype.then');
          const P = Promise;
          kit.define(Promise.prototype, 'constructor', { __proto__: null, configurable: true,
            get() { kit.record('get Promise.prototype.constructor', [this]); return P; } });
        })();
        """);
    List<String> refused = strings(view.js("kit.json(kit.refused)"));
    // the fallback's locks (locks.js): these cannot be replaced at all
    assertTrue(refused.containsAll(List.of("Uint8Array.prototype.set", "Uint8Array.prototype.subarray",
        "Uint8Array.prototype.fill", "DataView.prototype.getUint32", "DataView.prototype.setUint32", "Math.min",
        "Math.floor", "Number.isSafeInteger", "Array.prototype[Symbol.iterator]", "Uint8Array.prototype.then")), refused.toString());
    assertTrue(strings(view.js("kit.json(kit.patched)")).size() > 60);

    view.js(armedCall("patched:", "notes.save", "through patched globals"));
    assertEquals("reply:saved through patched globals", view.next("patched:"));
    assertEquals(List.of("through patched globals"), saved);

    // no patch saw the request the bridge got (its envelope, its alias) or the key...
    List<String> seen = seenThenSelfCheck(view);
    JsonObject request = JsonParser.parseString(requests.get(requests.size() - 1)).getAsJsonObject();
    String all = String.join("\n", seen);
    assertFalse(all.contains(request.get("envelope").getAsString()), all);
    assertFalse(all.contains(request.get("alias").getAsString()), all);
    assertFalse(all.contains(HexFormat.of().formatHex(rootKey(session))), all);
    // ...nor anything else: nothing the client did while the call went out and its reply came back reached a patch
    assertEquals(List.of(), seen);

    assertEquals("reply:saved again", view.call("notes.save", "again"), "the page keeps working, its patches in place");
  }

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void objectPrototypeAccessors_forEveryNameInTheClient_seeNothingOfACallOrAPush(boolean encrypted) throws Exception {
    BridgeSession session = session(encrypted);
    View view = View.open();
    WebViewBridge bridge = open(view, session);
    // every identifier in the bundled client: a property the client read or wrote without having
    // it would reach one of these accessors
    String bundle = Files.readString(Path.of("../otp/src/main/resources/dev/otpkit/otp/otpkit-client.js"));
    TreeSet<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("[A-Za-z_$][\\w$]*").matcher(bundle);
    while (m.find()) {
      names.add(m.group());
    }
    JsonArray list = new JsonArray();
    names.forEach(list::add);
    // the listener runs after the kit is installed, and disarms first
    view.js("otpkit.on('notes.changed', p => { kit.armed = false; kit.report('pushed:' + kit.text(p)); })");
    assertEquals("reply:subscribed", view.call("notes.subscribe", "")); // the document has spoken: pushes can reach it
    view.js(KIT);
    Object armed = view.js("(() => { let n = 0; for (const name of " + list + ") {"
        + " if (Object.prototype.hasOwnProperty(name) || name === 'constructor' || name === '__proto__') continue;"
        + " kit.trap(Object.prototype, name, name); n++; } return n; })()");
    assertTrue(((Number) armed).intValue() > 500, "armed " + armed);
    for (String p : new String[] {"ArrayBuffer.prototype", "Object.getPrototypeOf(Uint8Array).prototype", "Uint8Array.prototype"}) {
      view.js("kit.trap(" + p + ", 'then', " + View.quote(p + ".then") + ")");
    }

    view.js(armedCall("accessors:", "notes.save", "past every accessor"));
    assertEquals("reply:saved past every accessor", view.next("accessors:"));
    view.js("kit.armed = true");
    bridge.push("notes.changed", "an event".getBytes(StandardCharsets.UTF_8));
    assertEquals("an event", view.next("pushed:"));
    view.js("kit.armed = false");
    assertEquals(List.of(), seenThenSelfCheck(view));
  }

  @Test
  void otpkitAndOtpkitDeliver_cannotBeReplacedRedefinedDeletedOrShadowed() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    WebViewBridge bridge = open(view, session);
    view.js("otpkit.on('notes.changed', p => report('pushed:' + new TextDecoder().decode(p)))");
    assertEquals("reply:subscribed", view.call("notes.subscribe", ""));
    view.js("window.realCall = otpkit.call; window.realDeliver = otpkitDeliver");

    Map<String, String> attempts = new LinkedHashMap<>();
    attempts.put("assign otpkit", "otpkit = {call: () => 'fake'}");
    attempts.put("assign window.otpkit", "window.otpkit = {call: () => 'fake'}");
    attempts.put("assign otpkitDeliver", "window.otpkitDeliver = (t) => { window.stolen = t; }");
    attempts.put("assign a method", "otpkit.call = () => 'fake'");
    attempts.put("add a method", "otpkit.evil = () => 'fake'");
    attempts.put("delete otpkit", "delete window.otpkit");
    attempts.put("delete otpkitDeliver", "delete window.otpkitDeliver");
    attempts.put("defineProperty otpkit", "Object.defineProperty(window, 'otpkit', {value: {}})");
    attempts.put("defineProperty otpkitDeliver", "Object.defineProperty(window, 'otpkitDeliver', {get: () => () => {}})");
    attempts.put("defineProperty on a method", "Object.defineProperty(otpkit, 'call', {value: () => 'fake'})");
    attempts.put("setPrototypeOf otpkit", "Object.setPrototypeOf(otpkit, {evil: 1})");
    attempts.put("setPrototypeOf window", "Object.setPrototypeOf(window, {})");
    attempts.put("a strict assignment", "(() => { 'use strict'; otpkitDeliver = () => {}; })()");
    attempts.put("var otpkit", "var otpkit = {call: () => 'fake'}");
    attempts.put("var otpkitDeliver", "var otpkitDeliver = () => {}");
    for (Map.Entry<String, String> e : attempts.entrySet()) {
      // throws, or quietly does nothing (sloppy-mode assignment to a read-only property)
      view.js("try { " + e.getValue() + " } catch (e) { }");
      assertEquals(true, view.js("otpkit.call === realCall && otpkitDeliver === realDeliver"), e.getKey());
      assertEquals(true, view.js("!('evil' in otpkit) && Object.getPrototypeOf(otpkit) === null"), e.getKey());
    }
    // a later script declaring them: a SyntaxError or TypeError, the whole script does not run
    for (String declaration : new String[] {"let otpkit = {}", "let otpkitDeliver = () => {}", "const otpkit = {}",
        "class otpkitDeliver {}", "function otpkit() {}", "function otpkitDeliver(t) { window.stolen = t; }"}) {
      JSException x = assertThrows(JSException.class, () -> view.js(declaration + "; window.declared = true"), declaration);
      assertTrue(x.getMessage().startsWith("SyntaxError") || x.getMessage().startsWith("TypeError"), x.getMessage());
      assertEquals("undefined", view.js("typeof window.declared"), declaration);
    }
    // the real ones still answer: a call, and a push through otpkitDeliver
    assertEquals("reply:saved still mine", view.call("notes.save", "still mine"));
    bridge.push("notes.changed", "event".getBytes(StandardCharsets.UTF_8));
    assertEquals("event", view.next("pushed:"));
    assertEquals("undefined", view.js("typeof window.stolen"));
  }

  // ---- 3. key material a script could read

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void rootKey_isInNothingAScriptCanRead(boolean encrypted) throws Exception {
    BridgeSession session = session(encrypted);
    View view = View.open();
    open(view, session);
    assertEquals("reply:saved x", view.call("notes.save", "x"));
    byte[] root = rootKey(session);
    List<String> forms = List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(root),
        Base64.getEncoder().encodeToString(root), Base64.getEncoder().withoutPadding().encodeToString(root),
        HexFormat.of().formatHex(root), HexFormat.of().withUpperCase().formatHex(root),
        new String(root, StandardCharsets.ISO_8859_1));
    view.js("window.readable = {}; otpkit.seal('notes.save', 'y').then(s => { readable.sealed = JSON.stringify(s); report('read:'); })");
    view.next("read:");
    Object json = view.js("""
        (() => {
          const out = window.readable;
          const put = (name, f) => { try { const v = f(); out[name] = typeof v === 'string' ? v : JSON.stringify(v); }
            catch (e) { out[name] = 'threw ' + e; } };
          put('outerHTML', () => document.documentElement.outerHTML);
          put('head.innerHTML', () => document.head.innerHTML);
          put('textContent', () => document.documentElement.textContent);
          put('innerText', () => document.body.innerText);
          put('XMLSerializer', () => new XMLSerializer().serializeToString(document));
          put('scripts', () => Array.from(document.scripts, s => s.outerHTML + '|' + s.text + '|' + s.innerHTML));
          put('script count', () => String(document.getElementsByTagName('script').length));
          put('attributes', () => Array.from(document.querySelectorAll('*'), e => e.tagName + ' '
              + Array.from(e.attributes, a => a.name + '=' + a.value).join(' ')));
          put('currentScript', () => String(document.currentScript));
          put('performance', () => performance.getEntries().map(e => e.toJSON()));
          put('location', () => [location.href, document.URL, document.baseURI, document.referrer,
              document.documentURI, document.title, window.name, String(history.length), String(history.state)]);
          put('cookie', () => document.cookie);
          put('localStorage', () => Object.entries(localStorage));
          put('sessionStorage', () => Object.entries(sessionStorage));
          put('globals', () => Object.getOwnPropertyNames(window).map(n => { try { const v = window[n];
              return n + '=' + (typeof v === 'string' || typeof v === 'number' ? v : typeof v); } catch (e) { return n; } }));
          put('otpkit', () => Object.getOwnPropertyNames(otpkit).map(n => n + '=' + String(otpkit[n])));
          put('otpkitDeliver', () => String(otpkitDeliver) + Function.prototype.toString.call(otpkitDeliver));
          put('function sources', () => Object.getOwnPropertyNames(otpkit).filter(n => typeof otpkit[n] === 'function')
              .map(n => Function.prototype.toString.call(otpkit[n])));
          put('descriptors', () => Object.getOwnPropertyDescriptors(otpkit));
          put('alias error', () => { try { otpkit.alias('admin.wipe'); } catch (e) { return e.message + '|' + e.stack; } });
          put('seal error', () => { try { otpkit.nextAlias('notes.save', 'nope'); } catch (e) { return e.message + '|' + e.stack; } });
          return JSON.stringify(out);
        })()
        """);
    JsonObject readable = JsonParser.parseString((String) json).getAsJsonObject();
    // the scan reads what it claims to: the page's own markup and script text
    assertTrue(readable.get("outerHTML").getAsString().contains("first page"));
    assertTrue(readable.get("scripts").getAsString().contains("ready:"));
    assertEquals("1", readable.get("script count").getAsString(), "the client's element is gone; the page's remains");
    assertTrue(readable.get("sealed").getAsString().contains("envelope"));
    for (Map.Entry<String, JsonElement> e : readable.entrySet()) {
      String text = e.getValue().getAsString();
      for (String form : forms) {
        assertFalse(text.contains(form), e.getKey() + " holds the UI root key");
      }
      assertFalse(text.contains("root"), e.getKey() + " names the root: " + text);
    }
  }

  // ---- 4. iframes

  @Test
  void iframes_haveNoBridgeOfTheirOwn_theirForgedPromptsRunNothing_andParentOtpkitRunsOnlyAllowlistedCommands()
      throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    WebViewBridge bridge = open(view, session);
    assertEquals("reply:saved first", view.call("notes.save", "first"));
    String document = (String) view.js("otpkit.document");
    assertEquals(document, bridge.document());
    String[] sealed = seal(view, "notes.save", "sealed in the page");
    String secondUrl = PAGES.base() + "second.html";
    view.js("""
        (() => {
          const add = (set) => { const f = document.createElement('iframe'); set(f); document.body.appendChild(f); return f; };
          add(f => f.srcdoc = '<p>srcdoc frame</p>');
          add(f => {});
          add(f => f.src = %s);
        })()
        """.formatted(View.quote(secondUrl)));
    Thread.sleep(500); // the frames load (or are refused)
    assertEquals(3L, ((Number) view.js("document.querySelectorAll('iframe').length")).longValue());
    // second.html of the source in a frame: its load is refused (the page's policy has
    // default-src 'none'); the frame stays empty, without a client
    assertEquals(true, view.js("(() => { const w = document.querySelectorAll('iframe')[2].contentWindow;"
        + " return w === null || (!('otpkit' in w) && !String(w.location).endsWith('second.html')); })()"));
    assertEquals("", Fx.call(view.engine::getLocation), "a frame's load is no navigation of the engine");
    assertEquals(document, bridge.document());

    for (int i = 0; i < 2; i++) {
      String frame = "document.querySelectorAll('iframe')[" + i + "].contentWindow";
      // same origin as the page (srcdoc and about:blank inherit it), but no client in it
      assertEquals(true, view.js(frame + ".parent === window"));
      assertEquals(false, view.js("'otpkit' in " + frame + " || 'otpkitDeliver' in " + frame));
      // the frame's own prompt reaches the engine's handler: forged requests refused or run nothing
      assertEquals("otpkit: malformed request", view.js(frame + ".prompt('" + MESSAGE + "', '{\"forged\":true}')"));
      assertEquals("", view.js(frame + ".prompt('" + MESSAGE + "', " + View.quote(request(700 + i, document,
          sealed[1], "A" + sealed[2].substring(1))) + ")"));
      // the page's sealed request, replayed from the frame: runs at most once, whoever sends it
      assertEquals("", view.js(frame + ".prompt('" + MESSAGE + "', " + View.quote(request(710 + i, sealed[0],
          sealed[1], sealed[2])) + ")"));
    }

    // a script running inside the srcdoc frame (a nonced script, as the page's policy demands)
    view.js("""
        (() => {
          const nonce = /'nonce-([^']+)'/.exec(document.querySelector('meta[http-equiv]').content)[1];
          const doc = document.querySelector('iframe').contentDocument;
          const s = doc.createElement('script');
          s.setAttribute('nonce', nonce);
          s.textContent = `
            const tell = (t) => parent.report('frame:' + t);
            tell('own otpkit ' + typeof window.otpkit + ', own deliver ' + typeof window.otpkitDeliver
                + ', frame html ' + document.documentElement.outerHTML.includes('srcdoc frame'));
            parent.otpkit.call('admin.wipe', 'x').then(() => tell('wipe ran'), e => tell('wipe ' + e.message));
            parent.otpkit.call('notes.save', 'from the frame').then(r => tell('save ' + new TextDecoder().decode(r)),
                e => tell('save failed ' + e.message));
          `;
          doc.body.appendChild(s);
        })()
        """);
    assertEquals("own otpkit undefined, own deliver undefined, frame html true", view.next("frame:"));
    assertEquals("wipe otpkit: command not allowed: admin.wipe", view.next("frame:"));
    // by design: a same-origin script uses the page's API like any page script
    assertEquals("save saved from the frame", view.next("frame:"));
    assertEquals(List.of("first", "sealed in the page", "from the frame"), saved,
        "the forged requests ran nothing, the replayed one once");
    assertEquals("reply:saved page", view.call("notes.save", "page"));
  }

  // ---- 5. garbage collection

  @Test
  void garbageCollection_betweenCalls_withNoJavaReferenceToTheBridge_leavesTheChannelWorking() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    // the only strong references left to the bridge are the engine's (its prompt handler, its listeners)
    WeakReference<WebViewBridge> bridge = new WeakReference<>(open(view, session));
    assertEquals("reply:saved before", view.call("notes.save", "before"));
    for (int i = 0; i < 5; i++) {
      System.gc();
      // and a collection in the page's heap too: allocate until JavaScriptCore collects
      view.js("(() => { let keep; for (let i = 0; i < 2000; i++) keep = new Array(1000).fill(i); return keep.length; })()");
      Thread.sleep(200);
    }
    assertNotNull(bridge.get(), "the engine holds the bridge");
    assertEquals("reply:saved after", view.call("notes.save", "after"));
    assertEquals(List.of("before", "after"), saved);
  }

  // ---- 6. flooding

  @Test
  void flooding_thousandRequestsWhileTheExecutorIsBlocked_queuesOnlyMaxPending_andTheRestAreBusy() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newCachedThreadPool(daemon("hostile-test-blocked"));
    pools.add(pool);
    Executor blocked = task -> pool.execute(() -> {
      try {
        release.await();
        task.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done.incrementAndGet();
      }
    });
    open(view, WebViewBridge.builder(session).pages(PAGES).executor(blocked).maxPending(8));
    Object counts = view.js("""
        (() => {
          const counts = {};
          const alias = otpkit.alias('notes.save');
          for (let i = 0; i < 1000; i++) {
            // ids far from the client's own (1, 2, ...), so no late refusal lands on a call of the page
            const answer = prompt('otpkit:bridge:v1', JSON.stringify({id: 100000 + i, document: otpkit.document, alias,
                envelope: 'AAAA' + i}));
            counts[answer] = (counts[answer] || 0) + 1;
          }
          return JSON.stringify(counts);
        })()
        """);
    assertEquals("{\"\":8,\"otpkit: busy\":992}", counts);
    // the page's own call is refused at once as well while the channel is full
    assertEquals("error:otpkit: busy", view.call("notes.save", "during"));

    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (done.get() < 8 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(8, done.get());
    Fx.run(() -> { }); // the refusals went back to the page
    assertEquals("reply:saved after the flood", view.call("notes.save", "after the flood"));
    assertEquals(List.of("after the flood"), saved, "the 8 queued forged requests ran nothing");
  }

  // ---- 7. navigation, popups, forged deliveries

  @Test
  void navigation_byAScript_toBlankLoopbackJavascriptOrDataUrls_showsNoForeignPage_andOldEnvelopesStayDead()
      throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    List<String> refused = new CopyOnWriteArrayList<>();
    WebViewBridge bridge = open(view, WebViewBridge.builder(session).pages(PAGES).executor(inOrder())
        .onRefusedNavigation(refused::add));
    String first = (String) view.js("otpkit.document");
    assertEquals("reply:saved one", view.call("notes.save", "one"));
    String[] kept = seal(view, "notes.save", "kept for later");

    // a javascript: URL is inline script, which the page's policy does not run; a data: document
    // at the top is not loaded; a loopback port that refuses the connection never commits
    view.js("location.href = \"javascript:window.ranFromUrl = true; alert('url-script:ran')\"");
    view.js("location.href = 'data:text/html,<script>alert(\"url-script:data ran\")</script>'");
    view.js("location.href = 'http://127.0.0.1:1/'");
    Thread.sleep(500);
    assertEquals("undefined", view.js("typeof window.ranFromUrl"));
    assertEquals(first, view.js("otpkit.document"), "still the same document");
    assertEquals("reply:saved two", view.call("notes.save", "two"));

    // to about:blank, a document without the client: the bridge loads its page again, fresh
    view.js("location.href = 'about:blank'");
    String blankAfter = view.ready("index");
    assertNotEquals(first, blankAfter);

    // a link the script makes to a loopback port, clicked: WebKit gives up on the refused
    // connection before anything commits, or the bridge refuses it and loads its page again;
    // either way the engine shows the bridge's page, and its client works
    view.js("const a = document.createElement('a'); a.href = 'http://127.0.0.1:1/x'; document.body.appendChild(a); a.click()");
    Thread.sleep(1000);
    String loopbackAfter = refused.isEmpty() ? blankAfter : view.ready("index");
    assertTrue(refused.isEmpty() || refused.equals(List.of("http://127.0.0.1:1/x")), refused.toString());
    assertEquals("", Fx.call(view.engine::getLocation), "the engine shows the bridge's page");
    assertEquals(loopbackAfter, view.js("otpkit.document"));

    // the link to a page of the source: a new document; the first document's kept envelope,
    // sent now, runs nothing (its document was closed when the engine left it)
    view.js("document.getElementById('second').click()");
    String second = view.ready("second");
    assertNotEquals(loopbackAfter, second);
    assertEquals("", prompt(view, request(42, kept[0], kept[1], kept[2])));
    assertEquals("reply:saved three", view.call("notes.save", "three"));
    assertEquals(List.of("one", "two", "three"), saved);
    assertEquals(second, bridge.document());
    // popups are refused, whatever they point to
    assertEquals(true, view.js("[window.open('second.html'), window.open('http://127.0.0.1:1/'), "
        + "window.open('about:blank'), window.open('javascript:1')].every(w => w === null)"));
  }

  @Test
  void forgedDeliveries_cannotResolveACallOrFireAListener_butAForgedErrorRejectsAPendingCall_knownInPageDos()
      throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor(daemon("hostile-test-gated"));
    pools.add(pool);
    Executor gated = task -> pool.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    });
    WebViewBridge bridge = open(view, WebViewBridge.builder(session).pages(PAGES).executor(gated));
    String document = (String) view.js("otpkit.document");
    view.js("window.pushes = 0; otpkit.on('notes.changed', p => { pushes++; report('pushed:' + new TextDecoder().decode(p)); })");

    // the page's call waits (the executor holds it). A script cannot learn its id (the client
    // draws ids at random and sends them through the prompt it captured); the test reads it from
    // the requests the bridge got, to show what a delivery naming the right id can and cannot do
    view.js("otpkit.call('notes.save', 'pending').then(r => report('pending:reply ' + new TextDecoder().decode(r)),"
        + " e => report('pending:error ' + e.message))");
    awaitRequests(1);
    long id = JsonParser.parseString(requests.get(0)).getAsJsonObject().get("id").getAsLong();
    // a forged success for it (an envelope that does not open) and a forged push: nothing resolves
    // with the script's bytes, no listener fires
    String[] sealed = seal(view, "notes.save", "s");
    view.js("otpkitDeliver(JSON.stringify({document: otpkit.document, id: " + id + ", envelope: "
        + View.quote(sealed[2]) + "}))");
    String outcome = view.next("pending:");
    assertTrue(outcome.startsWith("error rejected: "), outcome); // the page's own request envelope is no reply
    view.js("otpkitDeliver(JSON.stringify({document: otpkit.document, push: 'notes.changed', envelope: "
        + View.quote(sealed[2]) + "}))");
    view.js("otpkitDeliver(JSON.stringify({document: otpkit.document, push: 'notes.changed', envelope: 'AAAA'}))");
    view.js("otpkitDeliver('not json'); otpkitDeliver(42); otpkitDeliver(JSON.stringify({document: 'x', id: 2, error: 'e'}))");

    // a forged error naming a pending call's id rejects it: a DoS within the page, which a script
    // there can always cause some other way (it could replace the page); it runs nothing in Java
    view.js("otpkit.call('notes.save', 'second').then(r => report('second:reply ' + new TextDecoder().decode(r)),"
        + " e => report('second:error ' + e.message))");
    awaitRequests(2);
    long second = JsonParser.parseString(requests.get(1)).getAsJsonObject().get("id").getAsLong();
    view.js("otpkitDeliver(JSON.stringify({document: otpkit.document, id: " + second + ", error: 'forged refusal'}))");
    assertEquals("error forged refusal", view.next("second:"));
    release.countDown();
    // the backend still ran what the page genuinely sent; the late genuine replies find no call
    assertEquals("reply:saved next", view.call("notes.save", "next"));
    assertEquals(List.of("pending", "second", "next"), saved);
    bridge.push("notes.changed", "genuine".getBytes(StandardCharsets.UTF_8));
    assertEquals("genuine", view.next("pushed:"));
    assertEquals(1L, ((Number) view.js("pushes")).longValue(), "only the genuine push fired the listener");
    assertEquals(document, bridge.document());
  }

  @Test
  void forgedDocumentField_cannotInjectScriptIntoTheReplyTheBridgeRunsInThePage() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    open(view, session);
    String alias = (String) view.js("otpkit.alias('notes.save')");
    // the refusal echoes the request's document into otpkitDeliver("<json>"), which the bridge
    // runs with executeScript: every way out of a string literal, none may run
    String[] documents = {"\"); window.injected = 1; (\"", "\\\"); window.injected = 2; (\"",
        "\u2028\"); window.injected = 3; //", "'); window.injected = 4; ('", "</script><script>window.injected = 5</script>",
        "\"}); window.injected = 6; ({\"", "${window.injected = 7}", "\\u0022); window.injected = 8; (\\u0022"};
    long id = 900;
    for (String d : documents) {
      assertEquals("", prompt(view, request(++id, d, alias, "AAAA")), d);
    }
    assertEquals("reply:saved ok", view.call("notes.save", "ok")); // in order: every refusal was delivered
    assertEquals("undefined", view.js("typeof window.injected"));
    assertEquals(List.of("ok"), saved);
  }

  // ---- a reply settles only the call that asked for it

  /** An executor on one thread whose tasks wait for {@code release}. */
  Executor gated(CountDownLatch release) {
    ExecutorService pool = Executors.newSingleThreadExecutor(daemon("hostile-test-gated"));
    pools.add(pool);
    return task -> pool.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    });
  }

  @Test
  void aScriptsOwnRequest_sentUnderAGuessedId_cannotSettleTheAppsPendingCall() throws Exception {
    BridgeSession session = session(false);
    View view = View.open();
    CountDownLatch release = new CountDownLatch(1);
    open(view, WebViewBridge.builder(session).pages(PAGES).executor(gated(release)));
    // the script seals its own payload and sends it under the ids a counter would give the app's
    // next calls; the client draws its ids at random, so none of them is the app's
    String[] s = seal(view, "notes.save", "chosen by the script");
    for (long guess = 1; guess <= 8; guess++) {
      assertEquals("", prompt(view, request(guess, s[0], s[1], s[2])));
    }
    view.js("otpkit.call('notes.save', 'typed by the user').then(r => report('app:reply ' + new TextDecoder().decode(r)),"
        + " e => report('app:error ' + e.message))");
    awaitRequests(9);
    release.countDown();
    assertEquals("reply saved typed by the user", view.next("app:"));
  }

  @Test
  void aReplyStillOnItsWay_whenTheEngineLeavesForAnAllowedPage_isNotDeliveredThere() throws Exception {
    // a page of another origin that would take what the bridge delivers
    try (ForeignPage page = ForeignPage.serve("<html><body><script>window.otpkitDeliver = (t) => { window.stolen = t; };"
        + " alert('elsewhere:loaded')</script></body></html>")) {
      String elsewhere = page.url();
      BridgeSession session = session(false);
      View view = View.open();
      CountDownLatch release = new CountDownLatch(1);
      WebViewBridge bridge = open(view, WebViewBridge.builder(session).pages(PAGES).executor(gated(release))
          .allowNavigation(url -> url.startsWith(elsewhere)));
      view.js("otpkit.call('notes.save', 'secret note').then(r => report('app:reply'), e => report('app:error'))");
      awaitRequests(1);
      view.js("location.href = " + View.quote(elsewhere));
      view.next("elsewhere:loaded");
      release.countDown();
      Thread.sleep(300); // the released request is dropped at once; a run would take a few ms
      assertEquals(List.of(), saved, "a request of a document the engine has left runs nothing");
      assertEquals("none", view.js("window.stolen || 'none'"));
      assertEquals(null, bridge.document());
      assertThrows(IllegalStateException.class, () -> bridge.push("c", new byte[1]), "no document to push to");
    }
  }
}
