package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.internal.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks that a path is a terminal (a serial port or a pseudo-terminal) before anything opens it.
 * Opening a device can act on it (opening a watchdog arms it) and a serial library's ioctls on a
 * regular file fail with a bare errno, so the check reads only metadata: the file type and device
 * number from {@code stat}, then the kernel's own record of the device's class, {@code
 * /sys/dev/char/MAJOR:MINOR/subsystem} (the {@code tty} class), or for pseudo-terminals, which
 * sysfs does not list, the majors {@code /proc/devices} names {@code pts}. Where the platform has
 * neither (not Linux), any character device passes and the port library decides.
 */
final class Terminals {

  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;

  private Terminals() {}

  /**
   * Throws unless {@code path} is a terminal.
   *
   * @throws EntropyException naming the path and what it is instead
   */
  static void require(String path) {
    String why = whyNot(Path.of(path), Path.of("/"));
    if (why != null) {
      throw new EntropyException("cannot open serial port " + path + ": " + why);
    }
  }

  /** Why {@code path} is not a terminal, or null if it is; {@code root} is where /sys and /proc are. */
  static String whyNot(Path path, Path root) {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, "unix:mode,rdev");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Files.exists(path) ? null : "no such device";
    } catch (IOException e) {
      String described = IoErrors.describe(e);
      return described.equals("no such file") ? "no such device" : described;
    }
    int type = (Integer) attributes.get("mode") & S_IFMT;
    if (type != S_IFCHR) {
      String what = type == S_IFREG ? "a regular file" : type == S_IFDIR ? "a directory" : "not a character device";
      return what + ", not a terminal or serial port";
    }
    long rdev = (Long) attributes.get("rdev");
    // glibc's gnu_dev_major/gnu_dev_minor: 12 bits of major and 20 of minor, split across the word
    long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    Path sysfs = root.resolve("sys/dev/char");
    Path devices = root.resolve("proc/devices");
    if (!Files.isDirectory(sysfs) && !Files.isReadable(devices)) {
      return null;
    }
    try {
      Path subsystem = Files.readSymbolicLink(sysfs.resolve(major + ":" + minor + "/subsystem"));
      if (subsystem.getFileName().toString().equals("tty")) {
        return null;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not in sysfs: pseudo-terminals are not
    }
    try {
      for (String line : Files.readAllLines(devices)) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 2 && f[1].equals("pts") && f[0].equals(Long.toString(major))) {
          return null;
        }
      }
    } catch (IOException e) {
      // no /proc: only sysfs could tell, and it did not list a terminal
    }
    return "a character device that is not a terminal or serial port (device " + major + ":" + minor + ")";
  }
}
