package dev.otpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples as a named module on the module path, in a fresh JVM: the otpkit modules, Tink and
 * its JSON keyset parsing (Gson) resolve without any --add-modules, and a keyset parsed with Tink
 * before otpkit registered its key types still works.
 */
class ModulePathTest {

  private static String modulePath() throws Exception {
    String deps = Files.readString(Path.of("target", "runtime-classpath.txt"), StandardCharsets.UTF_8).strip();
    return Path.of("target", "classes") + File.pathSeparator + deps;
  }

  private static String run(String mainClass, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath(), "-m", "dev.otpkit.examples/" + mainClass));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + out);
    }
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--tink"})
  void envelopes_onTheModulePath(String how) throws Exception {
    String out = how.isEmpty() ? run("dev.otpkit.examples.EnvelopeExample")
        : run("dev.otpkit.examples.EnvelopeExample", how);
    assertFalse(out.contains("NoClassDefFoundError"), out);
    assertEquals(true, out.contains("reply: saved 20 bytes\n"), out);
  }

  @Test
  void bridge_onTheModulePath() throws Exception {
    String out = run("dev.otpkit.examples.BridgeExample");
    assertEquals(true, out.startsWith("reply: saved #1\n"), out);
  }

  /** The module graph: what the examples module reads is exactly the API, not the internals. */
  @Test
  void internalPackages_areNotExported() throws Exception {
    String out = new String(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath(), "--describe-module", "dev.otpkit.hashing").redirectErrorStream(true).start()
        .getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, out.contains("exports dev.otpkit.hashing\n"), out);
    assertFalse(out.contains("\nexports dev.otpkit.hashing.internal"), out); // qualified to otp only
    assertEquals(true, out.contains("qualified exports dev.otpkit.hashing.internal to dev.otpkit.otp\n"), out);
  }
}
