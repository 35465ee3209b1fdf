package dev.otpkit.javafx;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A page of another origin, served for real on a loopback port by the JDK's HTTP server. */
final class ForeignPage implements AutoCloseable {
  private final HttpServer server;
  final AtomicInteger hits = new AtomicInteger();

  private ForeignPage(String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      hits.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  /** Serves {@code html} at every path until closed. */
  static ForeignPage serve(String html) throws IOException {
    return new ForeignPage(html);
  }

  /** {@code http://127.0.0.1:PORT/}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
