package dev.otpkit.benchmarks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result into the headline ratios: otpkit's throughput divided by the other's
 * (higher is better), each with its error propagated from the two scores' errors, beside its
 * target. Writes {@code latest.md} and {@code latest-ratios.json} next to the JSON.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.otpkit.benchmarks.Report results/latest.json [profile]}
 */
public final class Report {

  /** Raw Infinite Noise device rate, samples per second (DESIGN.md: 300-400 kbit/s). */
  static final double DEVICE_SAMPLES_PER_SECOND = 400_000;

  /** A headline ratio: numerator and denominator benchmarks (with parameter), and a target. */
  record Ratio(String name, String numerator, String denominator, double target) {}

  static final Ratio[] RATIOS = {
    new Ratio("envelope_mac_64_vs_jca_hmac", "EnvelopeBenchmark.macSealOpen:64", "EnvelopeBenchmark.jcaHmacComputeVerify:64", 0.6),
    new Ratio("envelope_mac_1k_vs_jca_hmac", "EnvelopeBenchmark.macSealOpen:1024", "EnvelopeBenchmark.jcaHmacComputeVerify:1024", 0.85),
    new Ratio("envelope_aead_1k_vs_jca_gcm", "EnvelopeBenchmark.aeadSealOpen:1024", "EnvelopeBenchmark.jcaGcmEncryptDecrypt:1024", 0.8),
    new Ratio("envelope_mac_1k_vs_jjwt_hs256", "EnvelopeBenchmark.macSealOpen:1024", "EnvelopeBenchmark.jjwtHs256SignParse:1024", 5),
    new Ratio("envelope_aead_1k_vs_fernet", "EnvelopeBenchmark.aeadSealOpen:1024", "EnvelopeBenchmark.fernetGenerateValidate:1024", 3),
    new Ratio("token_vs_spring_ott", "TokenBenchmark.otpkitIssueRedeem", "TokenBenchmark.springGenerateConsume", 10),
    new Ratio("drbg_32_vs_jdk_securerandom", "EntropyBenchmark.otpkitDrbg:32", "EntropyBenchmark.jdkNewSecureRandom:32", 2),
    new Ratio("infnoise_pipeline_vs_device_rate", "InfnoisePipelineBenchmark.pipeline", "device", 100),
  };

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path json = Path.of(args.length > 0 ? args[0] : "benchmarks/results/latest.json");
    String profile = args.length > 1 ? args[1] : "full";
    JsonArray results = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonArray();
    Map<String, double[]> scores = new LinkedHashMap<>();
    String jvm = "";
    for (JsonElement e : results) {
      JsonObject r = e.getAsJsonObject();
      String bench = r.get("benchmark").getAsString();
      bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
      if (r.has("params")) {
        for (var p : r.getAsJsonObject("params").entrySet()) {
          bench += ":" + p.getValue().getAsString();
        }
      }
      JsonObject m = r.getAsJsonObject("primaryMetric");
      // JMH reports no error (NaN) when there are too few iterations, as in the quick profile
      double error = m.get("scoreError").getAsString().equals("NaN") ? Double.NaN : m.get("scoreError").getAsDouble();
      scores.put(bench, new double[] {m.get("score").getAsDouble(), error});
      jvm = r.get("vmName").getAsString() + " " + r.get("jdkVersion").getAsString();
    }
    StringBuilder md = new StringBuilder();
    md.append("# otpkit benchmark headline (").append(profile).append(" profile)\n\n");
    md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
        .append(", ").append(jvm).append(". Raw results: `latest.json`.\n\n");
    md.append("Each ratio is otpkit's throughput divided by the other's (higher is better); the error\n")
        .append("is propagated from the 99.9% confidence intervals of both scores.\n\n");
    md.append("| ratio | value | error | target | met |\n|---|---:|---:|---:|:---:|\n");
    Map<String, Double> flat = new LinkedHashMap<>();
    for (Ratio ratio : RATIOS) {
      double[] a = scores.get(ratio.numerator());
      double[] b = ratio.denominator().equals("device")
          ? new double[] {DEVICE_SAMPLES_PER_SECOND, 0} : scores.get(ratio.denominator());
      if (a == null || b == null) {
        md.append("| `").append(ratio.name()).append("` | missing | | ").append(fmt(ratio.target())).append(" | |\n");
        continue;
      }
      double value = a[0] / b[0];
      double error = value * Math.sqrt(sq(a[1] / a[0]) + sq(b[1] / b[0]));
      flat.put(ratio.name(), round(value));
      md.append("| `").append(ratio.name()).append("` | ").append(fmt(value)).append(" | ")
          .append(Double.isNaN(error) ? "n/a" : "± " + fmt(error)).append(" | ").append(fmt(ratio.target())).append(" | ")
          .append(value >= ratio.target() ? "yes" : "**no**").append(" |\n");
    }
    Path dir = json.toAbsolutePath().getParent();
    Files.writeString(dir.resolve("latest.md"), md.toString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("latest-ratios.json"),
        new GsonBuilder().setPrettyPrinting().create().toJson(flat) + "\n", StandardCharsets.UTF_8);
    System.out.print(md);
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.3f", v);
  }
}
