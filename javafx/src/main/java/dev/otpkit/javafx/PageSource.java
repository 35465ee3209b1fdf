package dev.otpkit.javafx;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pages a {@link WebViewBridge} may show, by path relative to the app's web directory
 * ({@code index.html}, {@code notes/list.html}). The bridge asks for a page each time it loads
 * one, with that response's CSP nonce, and hands the page's HTML to the engine in process, behind
 * the client; links between pages resolve against {@link #base()}.
 */
public interface PageSource {

  /**
   * The HTML of the page at {@code path} for one response, its own {@code <script>} and
   * {@code <style>} elements carrying {@code nonce}, or null if there is no such page.
   *
   * @param path the page's path relative to the web directory, such as {@code index.html}
   * @param nonce this response's CSP nonce
   * @return the page's HTML, or null
   * @throws IOException if the page exists but cannot be read
   */
  String page(String path, String nonce) throws IOException;

  /**
   * The URL the pages' relative links and resources resolve against (a directory, ending in
   * {@code /}), or null for pages that load nothing by URL.
   *
   * @return the base URL, or null
   */
  default String base() {
    return null;
  }

  /**
   * The pages under {@code directory} among {@code anchor}'s class-path resources, for example
   * {@code PageSource.classpath(NotesApp.class, "/notes/")}. Every {@code {{nonce}}} in a page
   * becomes the response's nonce, so {@code <script nonce="{{nonce}}" src="app.js">} runs and a
   * script injected into the page later does not.
   *
   * <p>Resources load only from a jar: a page the bridge shows has an opaque origin, and WebKit
   * lets such a page load {@code jar:} URLs but no {@code file:} one. Run from a directory of
   * classes (an IDE, {@code mvn exec:java}), pages whose scripts and styles are inline with the
   * nonce work and {@code <script src>} does not.
   *
   * @param anchor a class whose resources hold the pages
   * @param directory the pages' directory among them, absolute, ending with {@code /}
   * @return the pages
   * @throws IllegalArgumentException if {@code directory} does not start and end with {@code /}
   *     or is not a resource of {@code anchor}
   */
  static PageSource classpath(Class<?> anchor, String directory) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(directory, "directory");
    if (!directory.startsWith("/") || !directory.endsWith("/")) {
      throw new IllegalArgumentException("the directory is absolute and ends with '/': " + directory);
    }
    return Paths.resources(anchor.getResource(directory), path -> anchor.getResourceAsStream(directory + path),
        directory + " beside " + anchor.getName());
  }

  /**
   * The pages under {@code directory} (relative, ending with {@code /}, e.g. {@code "web/"}) among
   * {@code loader}'s resources; otherwise as {@link #classpath(Class, String)}.
   *
   * @param loader the class loader whose resources hold the pages
   * @param directory the pages' directory among them, relative, ending with {@code /}
   * @return the pages
   * @throws IllegalArgumentException if {@code directory} is absolute, does not end with
   *     {@code /}, or is not a resource of {@code loader}
   */
  static PageSource classpath(ClassLoader loader, String directory) {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(directory, "directory");
    if (directory.startsWith("/") || !directory.endsWith("/")) {
      throw new IllegalArgumentException("the directory is relative and ends with '/': " + directory);
    }
    return Paths.resources(loader.getResource(directory), path -> loader.getResourceAsStream(directory + path),
        directory + " of " + loader);
  }

  /** Which paths a page source answers for. */
  final class Paths {
    /** A page larger than this is refused (the bridge keeps each page in memory while loading it). */
    static final int MAX_PAGE_BYTES = 8 << 20;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private Paths() {}

    static PageSource resources(URL base, java.util.function.Function<String, InputStream> open, String what) {
      if (base == null) {
        throw new IllegalArgumentException("no resource directory " + what
            + " (or a jar without directory entries)");
      }
      String baseText = base.toExternalForm();
      return new PageSource() {
        @Override
        public String page(String path, String nonce) throws IOException {
          if (!valid(path)) {
            return null;
          }
          try (InputStream in = open.apply(path)) {
            if (in == null) {
              return null;
            }
            byte[] bytes = in.readNBytes(MAX_PAGE_BYTES + 1);
            if (bytes.length > MAX_PAGE_BYTES) {
              throw new IOException("page " + path + " is larger than " + MAX_PAGE_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8).replace("{{nonce}}", nonce);
          }
        }

        @Override
        public String base() {
          return baseText;
        }

        @Override
        public String toString() {
          return "PageSource.classpath(" + baseText + ")";
        }
      };
    }

    /** Relative, '/'-separated segments of letters, digits, '.', '_' and '-'; no "." or "..". */
    static boolean valid(String path) {
      if (path == null || path.isEmpty() || path.length() > 512) {
        return false;
      }
      for (String segment : path.split("/", -1)) {
        if (!SEGMENT.matcher(segment).matches()) { // no "", "." or "..": a segment starts with no dot
          return false;
        }
      }
      return true;
    }
  }
}
