package dev.otpkit.cli;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.MixPolicy;
import dev.otpkit.entropy.OtpkitProvider;
import dev.otpkit.entropy.RawNoiseSource;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "A guided run through otpkit: entropy, health tests, the DRBG, and a bridge conversation.")
final class DemoCommand implements Callable<Integer> {

  private final Main.Io io;
  private PrintStream out;
  private int step;

  DemoCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    out = io.text();
    out.println("otpkit demo: where every salt, token and key comes from");
    out.println();

    try (EntropySource system = EntropySources.open("system")) {
      system.bytes(32);
      say("open the 'system' source (the OS generator, non-blocking)", describe(system.health()));

      Drbg drbg = Drbg.builder(system).build();
      HexFormat hex = HexFormat.of();
      say("an SP 800-90A CTR-AES-256 DRBG seeded from it serves 128-bit salts",
          "salt " + hex.formatHex(drbg.bytes(16)) + ", salt " + hex.formatHex(drbg.bytes(16)));

      SecureRandom jca = SecureRandom.getInstance(OtpkitProvider.DRBG, new OtpkitProvider(drbg));
      say("the same DRBG through the JCA: SecureRandom.getInstance(\"" + OtpkitProvider.DRBG + "\", provider)",
          "algorithm " + jca.getAlgorithm() + " from provider " + jca.getProvider().getName());
    }

    EntropySource stuck = EntropySources.healthTested(new StuckNoise());
    try {
      stuck.bytes(32);
      say("a stuck hardware noise source", "delivered bytes: health tests did not catch it");
      return Main.FAILED;
    } catch (EntropyException e) {
      say("a stuck hardware noise source behind the SP 800-90B tests",
          "rejected: " + e.test() + " (" + e.getMessage() + "); bytes delivered: "
              + stuck.health().bytesDelivered());
    }

    try (EntropySource infnoise = EntropySources.open("infnoise-sim")) {
      byte[] whitened = infnoise.bytes(54);
      HealthStatus h = infnoise.health();
      say("a simulated Infinite Noise TRNG: warm-up, SP 800-90B and predictive checks, Keccak whitening",
          String.format(Locale.ROOT, "%d raw samples tested before the first byte, estimate %.4f bits/bit,"
              + " %d whitened bytes", h.samplesTested(), h.estimatedEntropyPerBit(), whitened.length));
    }
    try (EntropySource stuckDevice = EntropySources.open("infnoise-sim:fault=stuck")) {
      stuckDevice.bytes(54);
      say("a simulated Infinite Noise TRNG with a stuck comparator", "delivered bytes: not caught");
      return Main.FAILED;
    } catch (EntropyException e) {
      say("a simulated Infinite Noise TRNG with a stuck comparator", "rejected: " + e.test());
    }

    EntropySource mix = EntropySources.mix(MixPolicy.DEGRADE,
        List.of(EntropySources.system(), EntropySources.healthTested(new StuckNoise())));
    mix.bytes(32);
    say("a 'degrade' mix of the OS and the stuck source drops the failed member and goes on",
        describe(mix.health()));
    out.println();
    out.println("A conversation between a simulated UI and the backend through a bridge session:");
    new BridgeDemo(this::say).run();
    out.println();
    out.println("Next, the SP 800-90B health tests on a million samples of the OS generator:");
    out.println("  " + selfCommand() + " health --source system");
    return 0;
  }

  /**
   * The command that runs this otpkit, to paste into the same shell: {@code java -jar} and the jar
   * it runs from, relative to the working directory when inside it; the README's path when it
   * runs from classes.
   */
  static String selfCommand() {
    try {
      Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        Path cwd = Path.of("").toAbsolutePath();
        return "java -jar " + shellWord((code.startsWith(cwd) ? cwd.relativize(code) : code).toString());
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source to name: fall back to the README's path
    }
    return "java -jar cli/target/otpkit.jar";
  }

  private static String shellWord(String s) {
    return s.matches("[A-Za-z0-9_./+=:-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private void say(String what, String result) {
    out.printf(Locale.ROOT, "%d. %s%n   -> %s%n", ++step, what, result);
  }

  private static String describe(HealthStatus h) {
    return h.state().name().toLowerCase(Locale.ROOT) + ", " + h.bytesDelivered() + " bytes delivered"
        + (h.detail().isEmpty() ? "" : ", " + h.detail());
  }

  /** A noise source whose comparator is stuck at zero. */
  private static final class StuckNoise implements RawNoiseSource {
    @Override
    public int bitsPerSample() {
      return 1;
    }

    @Override
    public double assessedEntropyPerSample() {
      return 0.5;
    }

    @Override
    public void read(byte[] out, int off, int len) {
      java.util.Arrays.fill(out, off, off + len, (byte) 0);
    }

    @Override
    public String description() {
      return "stuck-noise";
    }

    @Override
    public void close() {}
  }
}
