package dev.otpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The BOM names every library module of the build, at the build's version, and pins nothing else. */
class BomTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void bom_listsExactlyTheLibraryModules() throws IOException {
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    assertFalse(bom.contains("<parent>"), "a BOM with a parent would pin the parent's third-party versions too");
    TreeSet<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("<groupId>(.*?)</groupId>\\s*<artifactId>(.*?)</artifactId>\\s*<version>(.*?)</version>")
        .matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (m.find()) {
      assertEquals("dev.otpkit", m.group(1), "only otpkit's own artifacts");
      assertEquals("${project.version}", m.group(3));
      listed.add(m.group(2));
    }
    // a library: a module with module-info.java that is published, not the CLI application
    TreeSet<String> libraries = new TreeSet<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path dir : (Iterable<Path>) modules::iterator) {
        Path pom = dir.resolve("pom.xml");
        if (Files.isRegularFile(dir.resolve("src/main/java/module-info.java")) && Files.isRegularFile(pom)
            && !Files.readString(pom).contains("<maven.deploy.skip>true") && !dir.getFileName().toString().equals("cli")) {
          libraries.add("otpkit-" + dir.getFileName());
        }
      }
    }
    assertEquals(libraries, listed);
    Matcher version = Pattern.compile("<artifactId>otpkit-bom</artifactId>\\s*<version>(.*?)</version>").matcher(bom);
    assertEquals(true, version.find());
    assertEquals(System.getProperty("otpkit.version"), version.group(1), "the BOM's version is the build's");
  }
}
