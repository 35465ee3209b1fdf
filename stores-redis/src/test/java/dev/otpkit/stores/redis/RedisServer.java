package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (Debian's package) on a free loopback port, persistence off, started for the
 * tests and stopped after. Missing: the test skips, or fails when CI is set.
 */
final class RedisServer implements AutoCloseable {
  final int port;
  private final Path dir;
  private final List<String> extra;
  private Process process;

  private RedisServer(int port, Path dir, List<String> extra) {
    this.port = port;
    this.dir = dir;
    this.extra = extra;
  }

  /** Starts a server with {@code extra} configuration ("--maxmemory-policy", "allkeys-lru", ...). */
  static RedisServer start(String... extra) throws Exception {
    String binary = find();
    if (binary == null) {
      String why = "redis-server is not installed (Debian package redis-server): the Redis store tests need it";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RedisServer server = new RedisServer(port, Files.createTempDirectory("otpkit-redis"), List.of(extra));
    server.startProcess();
    return server;
  }

  private static String find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(dir, "redis-server");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  /** (Re)starts the process on the same port. */
  void startProcess() throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(find(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
        "--enable-debug-command", "local", "--daemonize", "no", "--loglevel", "warning"));
    command.addAll(extra);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if ("+PONG".equals(command("PING"))) {
        return;
      }
      Thread.sleep(20);
    }
    fail("redis-server did not answer PING on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
  }

  /** Kills the process (SIGKILL: no shutdown, as a crash) and waits for it to end. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** One inline command over a plain socket; the first reply line, or null if none. */
  String command(String line) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\r') {
        sb.append((char) c);
      }
      return sb.toString();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
