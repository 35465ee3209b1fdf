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
