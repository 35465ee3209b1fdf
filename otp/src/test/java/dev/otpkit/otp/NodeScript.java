package dev.otpkit.otp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an init script in a real JavaScript engine (Node, whose WebCrypto is the browsers' API)
 * through test/resources/node/harness.js. Without node the test is skipped on a developer machine
 * and fails when CI is set.
 */
final class NodeScript {
  private NodeScript() {}

  static Path node() {
    Optional<Path> found = Optional.empty();
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin";
    for (String dir : path.split(File.pathSeparator)) {
      Path p = dir.isEmpty() ? null : Path.of(dir, "node");
      if (p != null && Files.isExecutable(p)) {
        found = Optional.of(p);
        break;
      }
    }
    if (found.isEmpty()) {
      String why = "node not found on PATH (Debian package nodejs; .ci/run installs it)";
      if (System.getenv("CI") != null) {
        Assertions.fail(why + ": CI is set, so a missing tool fails the run");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  static JsonObject run(String script, Path dir, String... args) throws Exception {
    Path file = Files.createTempFile(dir, "init", ".js");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Path harness;
    try {
      harness = Path.of(NodeScript.class.getResource("/node/harness.js").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(node().toString(), harness.toString(), file.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assertions.assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node hung");
    JsonObject result = JsonParser.parseString(out).getAsJsonObject();
    Assertions.assertFalse(result.has("fatal"), () -> result.get("fatal").getAsString());
    return result;
  }
}
