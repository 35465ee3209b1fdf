package dev.otpkit.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a real external tool for a test. Without the tool the test is skipped on a developer
 * machine, but fails when the CI environment variable is set: CI must really run it.
 */
final class ExternalTool {
  private ExternalTool() {}

  static Path require(String name, String debianPackage) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      String why = name + " not found on PATH (Debian package " + debianPackage + "; .ci/run installs it)";
      if (System.getenv("CI") != null) {
        Assertions.fail(why + ": CI is set, so a missing tool fails the run");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  /**
   * A {@code java} launcher of feature release {@code feature} or newer: this JVM, the JDK in
   * {@code OTPKIT_JDK_HOME}, or one under /usr/lib/jvm. Missing: skipped, or failed when CI is set.
   */
  static Path requireJava(int feature) {
    java.util.List<Path> homes = new java.util.ArrayList<>();
    homes.add(Path.of(System.getProperty("java.home")));
    String configured = System.getenv("OTPKIT_JDK_HOME");
    if (configured != null && !configured.isBlank()) {
      homes.add(Path.of(configured));
    }
    try (var jvms = Files.list(Path.of("/usr/lib/jvm"))) {
      jvms.sorted().forEach(homes::add);
    } catch (java.io.IOException e) {
      // no system JDKs
    }
    for (Path home : homes) {
      Path java = home.resolve("bin/java");
      if (Files.isExecutable(java) && featureOf(home) >= feature) {
        return java;
      }
    }
    String why = "no JDK " + feature + "+ found (this JVM, OTPKIT_JDK_HOME, /usr/lib/jvm/*)";
    if (System.getenv("CI") != null) {
      Assertions.fail(why + ": CI is set, so a missing JDK fails the run");
    }
    Assumptions.abort(why);
    return null;
  }

  /** The feature release a JDK's {@code release} file names (JAVA_VERSION="25.0.3"), or 0. */
  private static int featureOf(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(v.split("[.+-]")[0]);
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not a JDK we can read
    }
    return 0;
  }

  static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin:/sbin:/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The command that starts this JVM with the test class path: runs the real otpkit main. */
  static java.util.List<String> otpkitCommand(String... args) {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(java.util.List.of(args));
    return cmd;
  }
}
