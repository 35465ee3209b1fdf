package dev.otpkit.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one node script of driver/ against the running Chromium: {@code node driver/<script>
 * '<json>'} with {@code stdin} as its input. The script prints one JSON line, the result, which is returned; a script that fails,
 * hangs or prints no such line fails the test with everything it printed.
 */
final class Driver {
  private static final long TIMEOUT_SECONDS = 90;

  private Driver() {}

  static JsonObject run(Path node, String script, JsonObject args, String stdin)
      throws IOException, InterruptedException {
    Path dir = Tools.moduleDir();
    Path out = Files.createTempFile("otpkit-driver-", ".out");
    Path err = Files.createTempFile("otpkit-driver-", ".err");
    try {
      Process p = new ProcessBuilder(List.of(node.toString(), dir.resolve("driver").resolve(script).toString(),
          args.toString()))
          .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail(script + " did not finish within " + TIMEOUT_SECONDS + " s\n" + printed(out, err));
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
      String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
      if (p.exitValue() != 0 || !last.startsWith("{")) {
        fail(script + " exited with " + p.exitValue() + "\n" + printed(out, err));
      }
      JsonElement result = JsonParser.parseString(last);
      return result.getAsJsonObject();
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String printed(Path out, Path err) throws IOException {
    return "stdout:\n" + Files.readString(out, StandardCharsets.UTF_8) + "\nstderr:\n"
        + Files.readString(err, StandardCharsets.UTF_8);
  }
}
