package dev.otpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in README.md is a region of an example that the build compiles and runs,
 * quoted verbatim: a snippet that no longer compiles, or drifts from its example, fails here.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern FENCE = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern REGION = Pattern.compile(
      "\n([ \t]*)// README: ([a-z-]+)\n(.*?)\n[ \t]*// README end\n", Pattern.DOTALL);

  /** The marked regions of the examples, by name, with their common indentation removed. */
  private static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    // the examples here, and the JavaFX notes app beside them
    try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src", "main", "java")),
        Files.walk(Path.of("javafx-notes", "src", "main", "java")))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = REGION.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          String indent = m.group(1);
          StringBuilder body = new StringBuilder();
          for (String line : m.group(3).split("\n", -1)) {
            body.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
          }
          regions.put(m.group(2), body.toString());
        }
      }
    }
    return regions;
  }

  @Test
  void everyJavaSnippet_isAnExampleRegion_verbatim() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Map<String, String> regions = regions();
    List<String> unmatched = new ArrayList<>();
    int snippets = 0;
    Matcher m = FENCE.matcher(readme);
    while (m.find()) {
      snippets++;
      String snippet = m.group(1);
      // a snippet may open with its imports, which the example has at the top of its file
      String code = snippet.replaceAll("(?m)^import [^\n]*\n", "").stripLeading();
      if (!regions.containsValue(code)) {
        unmatched.add(snippet.lines().findFirst().orElse("") + " ...");
      }
    }
    assertEquals(List.of(), unmatched, "README snippets that are not an example region verbatim");
    assertTrue(snippets >= 4, "README shows " + snippets + " Java snippets");
  }

  /** The dependency block README shows names this version of the modules that exist. */
  @Test
  void mavenCoordinates_matchTheBuild() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher dep = Pattern.compile("<groupId>(.*?)</groupId>\\s*<artifactId>(.*?)</artifactId>(?:\\s*<!--.*?-->)?\\s*<version>(.*?)</version>")
        .matcher(readme);
    int found = 0;
    while (dep.find()) {
      found++;
      assertEquals("dev.otpkit", dep.group(1));
      assertEquals(System.getProperty("otpkit.version"), dep.group(3), "README's version of " + dep.group(2));
      String module = dep.group(2).replaceFirst("^otpkit-", "");
      assertTrue(Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml")), "no module " + module);
    }
    assertTrue(found >= 1, "README shows the Maven coordinates");
  }
}
