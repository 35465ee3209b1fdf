package dev.otpkit.entropy.infnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otpkit.entropy.EntropyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only terminals are opened as serial ports; everything else is refused from its metadata alone. */
class TerminalsTest {

  private static final Path ROOT = Path.of("/");

  @Test
  void regularFile_isRefused_beforeAnyOpen(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0");
    file.toFile().setReadable(false); // even unreadable: only stat is used
    assertEquals("a regular file, not a terminal or serial port", Terminals.whyNot(file, ROOT));
    EntropyException e = assertThrows(EntropyException.class, () -> Terminals.require(file.toString()));
    assertEquals("cannot open serial port " + file + ": a regular file, not a terminal or serial port", e.getMessage());
  }

  @Test
  void directoryAndMissingPath_areRefused(@TempDir Path dir) {
    assertEquals("a directory, not a terminal or serial port", Terminals.whyNot(dir, ROOT));
    assertEquals("no such device", Terminals.whyNot(dir.resolve("ttyNOPE"), ROOT));
  }

  @Test
  void characterDeviceThatIsNoTerminal_isRefused() {
    assumeLinux();
    String why = Terminals.whyNot(Path.of("/dev/null"), ROOT);
    assertTrue(why != null && why.startsWith("a character device that is not a terminal"), why);
  }

  @Test
  void terminals_pass() {
    assumeLinux();
    assertNull(Terminals.whyNot(Path.of("/dev/tty"), ROOT)); // 5:0, class tty in sysfs
    assertNull(Terminals.whyNot(Path.of("/dev/ptmx"), ROOT));
  }

  /** Without sysfs and /proc (not Linux) any character device passes, and the port library decides. */
  @Test
  void withoutKernelRecords_anyCharacterDevicePasses(@TempDir Path emptyRoot) {
    assumeLinux();
    assertNull(Terminals.whyNot(Path.of("/dev/null"), emptyRoot));
  }

  private static void assumeLinux() {
    assumeTrue(Files.isDirectory(Path.of("/sys/dev/char")) && Files.exists(Path.of("/dev/null")),
        "needs Linux sysfs");
  }
}
