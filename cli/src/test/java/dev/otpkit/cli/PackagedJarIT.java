package dev.otpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code cli/target/otpkit.jar}, run with {@code java -jar} as a user runs it. Runs
 * after {@code package} (the {@code packaged-jar} surefire execution of {@code mvn verify}), which
 * passes the jar's path and the project version.
 */
class PackagedJarIT {

  private static final Path JAR = Path.of(System.getProperty("otpkit.jar", "target/otpkit.jar")).toAbsolutePath();
  private static final String VERSION = System.getProperty("otpkit.version");

  static ProcessRun run(Path java, Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return ProcessRun.finish(new ProcessBuilder(command).directory(dir.toFile()).start());
  }

  private static Path thisJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  @Test
  void manifest_namesVersion_andEnablesNativeAccess() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals(VERSION, main.getValue("Implementation-Version"));
      assertEquals("ALL-UNNAMED", main.getValue("Enable-Native-Access"));
      assertEquals("dev.otpkit.cli.Main", main.getValue("Main-Class"));
    }
  }

  @Test
  void version_isTheProjectVersion(@TempDir Path dir) throws Exception {
    ProcessRun r = run(thisJava(), dir, "--version");
    assertEquals(0, r.exit(), r.err());
    assertEquals("otpkit " + VERSION + "\n", r.out());
  }

  /**
   * The demo's last line is a command to paste into the same shell: run it, from the project root
   * (where the README runs the demo: a relative jar path) and from elsewhere (an absolute one).
   */
  @Test
  void demo_lastLine_isACommandThatWorks(@TempDir Path elsewhere) throws Exception {
    Path projectRoot = JAR.getParent().getParent().getParent();
    for (Path dir : List.of(projectRoot, elsewhere)) {
      ProcessRun demo = run(thisJava(), dir, "demo");
      assertEquals(0, demo.exit(), demo.err());
      List<String> lines = demo.out().strip().lines().toList();
      String command = lines.get(lines.size() - 1).strip();
      assertTrue(command.startsWith("java -jar "), command);
      ProcessRun next = ProcessRun.finish(new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).start());
      assertEquals(0, next.exit(), command + " in " + dir + ": " + next.err());
      assertTrue(next.out().contains("result: pass"), next.out());
    }
  }

  /**
   * JDK 22+ warns when a jar without Enable-Native-Access loads a native library (jSerialComm):
   * simulate and infnoise talk through a real pty pair under such a JDK, with no warning.
   */
  @Test
  void simulateAndInfnoise_underJdk22Plus_printNoRestrictedMethodWarning(@TempDir Path dir) throws Exception {
    Path jdk22 = ExternalTool.requireJava(22);
    try (PtyPair pty = PtyPair.open(dir)) {
      Process sim = new ProcessBuilder(jdk22.toString(), "-jar", JAR.toString(), "simulate", "--port",
          pty.simulator().toString()).redirectErrorStream(true).start();
      try {
        var simOut = new java.io.BufferedReader(new java.io.InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder simLog = new StringBuilder();
        for (String line; (line = simOut.readLine()) != null; ) {
          simLog.append(line).append('\n');
          if (line.startsWith("otpkit simulate: serving")) {
            break;
          }
        }
        assertTrue(simLog.toString().contains("serving"), simLog.toString());
        assertFalse(simLog.toString().toLowerCase(Locale.ROOT).contains("restricted method"), simLog.toString());

        Path out = dir.resolve("out.bin");
        Process entropy = new ProcessBuilder(jdk22.toString(), "-jar", JAR.toString(), "entropy", "--source",
            "infnoise:" + pty.device(), "--bytes", "1000").redirectOutput(out.toFile()).start();
        ProcessRun r = ProcessRun.finish(entropy);
        assertEquals(0, r.exit(), r.err());
        assertEquals(1000, Files.size(out));
        assertFalse(r.err().toLowerCase(Locale.ROOT).contains("restricted method"), r.err());
        assertFalse(r.err().contains("WARNING"), r.err());
      } finally {
        sim.destroy();
        sim.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
