package dev.otpkit.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real programs the browser tests need: node, npm, Debian's chromium and the playwright-core
 * that {@code npm ci} installed. Without one the tests skip on a developer machine, and fail when
 * the CI environment variable is set: CI must really run them.
 */
final class Tools {
  private Tools() {}

  /** This module's folder (package.json, driver/, node_modules/). */
  static Path moduleDir() {
    return Path.of(System.getProperty("otpkit.browserTests.dir", "")).toAbsolutePath();
  }

  static Path require(String name, String debianPackage) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      missing(name + " not found on the PATH (Debian package " + debianPackage + ")");
    }
    return found.get();
  }

  /** playwright-core as package-lock.json pins it, installed by the build's npm ci. */
  static void requirePlaywright() {
    if (!Files.isRegularFile(moduleDir().resolve("node_modules/playwright-core/package.json"))) {
      missing("browser-tests/node_modules/playwright-core is missing (the build runs npm ci unless -DskipTests)");
    }
  }

  private static void missing(String why) {
    if (System.getenv("CI") != null) {
      Assertions.fail(why + ": CI is set, so a missing tool fails the run");
    }
    Assumptions.abort(why);
  }

  private static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }
}
