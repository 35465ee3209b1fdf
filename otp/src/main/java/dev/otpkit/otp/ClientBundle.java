package dev.otpkit.otp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bundled UI client (built from ui/ by esbuild, committed as otpkit-client.js), and the one
 * place its configuration goes: the placeholder {@code /*OTPKIT_CONFIG*}{@code /null}, exactly once.
 */
final class ClientBundle {

  static final String RESOURCE = "otpkit-client.js";
  static final String PLACEHOLDER = "/*OTPKIT_CONFIG*/null";

  private ClientBundle() {}

  private static final class Template {
    static final String TEXT = load();
  }

  private static String load() {
    try (InputStream in = ClientBundle.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the otp module");
      }
      return checked(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text}, if it holds the placeholder exactly once. */
  static String checked(String text) {
    int at = text.indexOf(PLACEHOLDER);
    if (at < 0 || text.indexOf(PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalStateException(RESOURCE + " must hold its configuration placeholder exactly once");
    }
    return text;
  }

  /** The client with {@code configJson} (already JSON, safe inside an HTML script element). */
  static String render(String configJson) {
    return Template.TEXT.replace(PLACEHOLDER, configJson);
  }
}
