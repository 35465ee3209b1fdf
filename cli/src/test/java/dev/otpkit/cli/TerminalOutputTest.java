package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary output to a real terminal: otpkit's stdout is one end of a socat pseudo-terminal pair (a
 * {@code /dev/pts/N}, as in an interactive shell), and the other end shows what reached it.
 */
class TerminalOutputTest {

  /** Collects what arrives at the other end of the pair, from a thread of its own. */
  private static final class OtherEnd implements AutoCloseable {
    private final InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final Thread reader;

    OtherEnd(Path end) throws IOException {
      this.in = new FileInputStream(end.toFile());
      this.reader = new Thread(() -> {
        byte[] buffer = new byte[4096];
        try {
          for (int n; (n = in.read(buffer)) > 0; ) {
            synchronized (seen) {
              seen.write(buffer, 0, n);
            }
          }
        } catch (IOException e) {
          // closed
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    byte[] await(int bytes, long millis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (System.nanoTime() < deadline) {
        synchronized (seen) {
          if (seen.size() >= bytes) {
            break;
          }
        }
        Thread.sleep(20);
      }
      synchronized (seen) {
        return seen.toByteArray();
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  @Test
  void entropy_toATerminal_isRefused_unlessAllowed(@TempDir Path dir) throws Exception {
    try (PtyPair pty = PtyPair.open(dir); OtherEnd screen = new OtherEnd(pty.simulator())) {
      ProcessRun refused = ProcessRun.otpkitWithStdoutOn(pty.device(), "entropy", "--bytes", "100");
      assertEquals(Main.FAILED, refused.exit(), refused.err());
      assertEquals("otpkit: refusing to write binary entropy output to a terminal; redirect stdout to a file"
          + " or a pipe, or add --allow-terminal\n", refused.err());
      assertEquals(0, screen.await(1, 500).length, "bytes reached the terminal");

      ProcessRun allowed = ProcessRun.otpkitWithStdoutOn(pty.device(), "entropy", "--bytes", "100", "--allow-terminal");
      assertEquals(0, allowed.exit(), allowed.err());
      assertEquals(100, screen.await(100, 10_000).length);
    }
  }

  @Test
  void whiten_toATerminal_isRefused(@TempDir Path dir) throws Exception {
    try (PtyPair pty = PtyPair.open(dir); OtherEnd screen = new OtherEnd(pty.simulator())) {
      ProcessRun refused = ProcessRun.otpkitWithStdoutOn(pty.device(), "whiten");
      assertEquals(Main.FAILED, refused.exit(), refused.err());
      assertTrue(refused.err().startsWith("otpkit: refusing to write binary whiten output to a terminal"), refused.err());
      assertArrayEquals(new byte[0], screen.await(1, 300));
    }
  }

  /** Text commands are for terminals: no refusal. */
  @Test
  void textOutput_toATerminal_isWritten(@TempDir Path dir) throws Exception {
    try (PtyPair pty = PtyPair.open(dir); OtherEnd screen = new OtherEnd(pty.simulator())) {
      ProcessRun r = ProcessRun.otpkitWithStdoutOn(pty.device(), "health", "--samples", "2048");
      assertEquals(0, r.exit(), r.err());
      assertTrue(new String(screen.await(300, 10_000), StandardCharsets.UTF_8).contains("result: pass"));
    }
  }
}
