package dev.otpkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a standard stream of this process is connected to, as far as a command cares. */
enum Endpoint {
  /** A terminal: a person may be reading, so no binary output unless asked for. */
  TERMINAL,
  /** A pipe or socket: the reader may go away, which ends an unbounded run. */
  PIPE,
  /** A file, a device, or unknown. */
  OTHER;

  /**
   * Java 17 has no isatty; on Linux the target of {@code /proc/self/fd/N} tells (a terminal is
   * {@code /dev/pts/N} or {@code /dev/tty*}, a pipe {@code pipe:[inode]}). Elsewhere a console on
   * stdin and stdout counts as a terminal for stdout, and everything else is {@link #OTHER}.
   */
  static Endpoint of(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      if (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console")) {
        return TERMINAL;
      }
      return target.startsWith("pipe:") || target.startsWith("socket:") ? PIPE : OTHER;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return fd == 1 && System.console() != null ? TERMINAL : OTHER;
    }
  }
}
