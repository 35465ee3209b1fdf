package dev.otpkit.browser;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.otpkit.otp.BootstrapPage;
import dev.otpkit.otp.BridgeException;
import dev.otpkit.otp.BridgeSession;
import dev.otpkit.otp.ContentSecurityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webview app's backend on loopback, as a test sees it: the JDK's HttpServer serving the app's
 * pages under one {@link Delivery} of the client, and the bridge endpoint in front of
 * {@link BridgeSession#dispatch(String, String, String)}.
 *
 * <ul>
 *   <li>{@code GET /page/<token>}: a page the test registered with {@link #page(String)}; its
 *       {@code {{nonce}}} placeholders become the response's nonce. Under {@link Delivery#BOOTSTRAP}
 *       each page is a fresh {@link BridgeSession#bootstrapPage}, served once: any later request
 *       for it is refused with 410. Every page is {@code Cache-Control: no-store}, with the
 *       response's Content-Security-Policy header. Anything else is 404.
 *   <li>{@code POST /bridge} with {@code {"document", "alias", "envelope"}}: 200 with
 *       {@code {"envelope", "nextAlias"}}, or 403 with {@code {"error": "rejected: <reason>"}};
 *       a body that is not such an object is 400.
 * </ul>
 */
final class BridgeServer implements AutoCloseable {

  /** How the page gets the client. */
  enum Delivery {
    /** The browser injects {@link BridgeSession#documentStartScript()}; pages carry no key. */
    DOCUMENT_START,
    /** Each page is {@link BridgeSession#bootstrapPage}, client first in its head, served once. */
    BOOTSTRAP
  }

  /** One envelope the bridge endpoint received, before dispatch. */
  record Received(String document, String alias, byte[] envelope) {}

  private static final int MAX_BODY = 4 << 20;

  private final BridgeSession session;
  private final Delivery delivery;
  private final HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final List<Received> received = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();

  BridgeServer(BridgeSession session, Delivery delivery) throws IOException {
    this.session = session;
    this.delivery = delivery;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  Delivery delivery() {
    return delivery;
  }

  /** Registers a page and returns its path, /page/ and an unguessable token. */
  String page(String html) {
    byte[] token = new byte[16];
    random.nextBytes(token);
    String path = "/page/" + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    pages.put(path, html);
    return path;
  }

  String url(String path) {
    return url("127.0.0.1", path);
  }

  String url(String host, String path) {
    return "http://" + host + ":" + server.getAddress().getPort() + path;
  }

  /** How often {@code path} was answered with its page. */
  int served(String path) {
    return served.getOrDefault(path, new AtomicInteger()).get();
  }

  /** How often {@code path} was refused (410) because it had been served. */
  int refused(String path) {
    return refused.getOrDefault(path, new AtomicInteger()).get();
  }

  /** Every envelope the bridge endpoint received, in order. */
  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      if ("POST".equals(x.getRequestMethod()) && "/bridge".equals(path)) {
        bridge(x);
      } else if ("GET".equals(x.getRequestMethod()) && pages.containsKey(path)) {
        page(x, path);
      } else {
        send(x, 404, "text/plain", "not found");
      }
    } catch (RuntimeException e) {
      // a failure of the session (say, no client bundle) reads as such, not as a dropped connection
      send(x, 500, "text/plain", "server error: " + e);
    }
  }

  private void page(HttpExchange x, String path) throws IOException {
    String html = pages.get(path);
    String body;
    String policy;
    if (delivery == Delivery.BOOTSTRAP) {
      synchronized (this) {
        if (served(path) > 0) {
          refused.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          send(x, 410, "text/plain", "gone: this page was served once");
          return;
        }
        served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      }
      BootstrapPage page = session.bootstrapPage(html);
      body = page.html().replace("{{nonce}}", page.nonce());
      policy = page.headerValue();
    } else {
      served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      ContentSecurityPolicy.Response response = session.newResponsePolicy();
      body = html.replace("{{nonce}}", response.nonce());
      policy = response.headerValue();
    }
    x.getResponseHeaders().set("Content-Security-Policy", policy);
    send(x, 200, "text/html; charset=utf-8", body);
  }

  private void bridge(HttpExchange x) throws IOException {
    String document;
    String alias;
    String envelope;
    try (InputStream in = x.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IllegalArgumentException("too large");
      }
      JsonObject request = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
      document = request.get("document").getAsString();
      alias = request.get("alias").getAsString();
      envelope = request.get("envelope").getAsString();
    } catch (RuntimeException e) {
      send(x, 400, "application/json", error("bad request"));
      return;
    }
    synchronized (this) {
      byte[] raw;
      try {
        raw = Base64.getUrlDecoder().decode(envelope);
      } catch (IllegalArgumentException e) {
        raw = new byte[0];
      }
      received.add(new Received(document, alias, raw));
    }
    try {
      BridgeSession.Reply reply = session.dispatch(document, alias, envelope);
      JsonObject answer = new JsonObject();
      answer.addProperty("envelope", reply.envelope());
      if (reply.nextAlias() != null) {
        answer.addProperty("nextAlias", reply.nextAlias());
      }
      send(x, 200, "application/json", answer.toString());
    } catch (BridgeException e) {
      send(x, 403, "application/json", error(e.getMessage()));
    }
  }

  private static String error(String message) {
    JsonObject o = new JsonObject();
    o.addProperty("error", message);
    return o.toString();
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
