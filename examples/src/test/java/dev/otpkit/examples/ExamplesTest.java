package dev.otpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every example runs and does what README says it does. */
class ExamplesTest {

  interface Main {
    void run() throws Exception;
  }

  private static String output(Main main) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void entropy_drawsFromAHealthySourceThroughTheProvider() throws Exception {
    String out = output(() -> EntropyExample.main(new String[0]));
    assertTrue(out.contains("source system: HEALTHY"), out);
    assertTrue(out.matches("(?s).*salt [0-9a-f]{32}\n.*"), out);
    assertTrue(out.contains("OTPKIT-DRBG from OTPKIT: "), out);
  }

  @Test
  void envelopes_openTheRequest_sealTheReply_rejectATamperedOne() throws Exception {
    String out = output(() -> EnvelopeExample.main(new String[0]));
    assertEquals("reply: saved 20 bytes\ntampered: bad-tag\n", out);
  }

  @Test
  void bridge_dispatchesOnce_rejectsReplayAndUnknownAlias() throws Exception {
    String out = output(() -> BridgeExample.main(new String[0]));
    assertTrue(out.startsWith("reply: saved #1\nreplayed: rejected: replayed\nunknown alias: rejected: unknown-alias\n"),
        out);
    assertTrue(out.contains("CSP: default-src 'none'"), out);
  }

  @Test
  void liveKeys_rotateThenDisable_takeEffectAtOnce() throws Exception {
    String out = output(() -> LiveKeysExample.main(new String[0]));
    assertEquals("sealing under the new key: true\nold key: disabled-key\n", out);
  }

  @Test
  void redis_anEnvelopeOpenedBeforeARestart_isAReplayAfterIt() throws Exception {
    String binary = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(d -> new java.io.File(d, "redis-server")).filter(java.io.File::canExecute).map(java.io.File::getPath)
        .findFirst().orElse(null);
    if (binary == null) {
      String why = "redis-server is not installed (Debian package redis-server)";
      org.junit.jupiter.api.Assertions.assertNull(System.getenv("CI"), why);
      org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
    }
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process server = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
    try {
      String out = null;
      for (int attempt = 0; attempt < 100 && out == null; attempt++) {
        try {
          out = output(() -> RedisExample.main(new String[] {"redis://127.0.0.1:" + port}));
        } catch (IllegalStateException notYet) {
          Thread.sleep(50); // the server is still starting
        }
      }
      assertEquals("opened once\nafter a restart: replayed\nsession on Redis: true\n", out);
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
