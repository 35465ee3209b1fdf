package dev.otpkit.benchmarks;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropySources;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Salt-sized requests from the otpkit DRBG fast path against the JDK's generators, and the fast
 * path over a health-tested source and over a source written outside otpkit (what the DRBG's
 * per-request check that its source has not failed costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EntropyBenchmark {

  @Param({"16", "32"})
  public int bytes;

  private byte[] out;
  private Drbg drbg;
  private Drbg drbgHmac;
  private Drbg drbgOverTested;
  private Drbg drbgOverForeign;
  private SecureRandom jdkDefault;
  private SecureRandom nativeNonBlocking;
  private SecureRandom jdkDrbg;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    out = new byte[bytes];
    drbg = Drbg.builder(EntropySources.system()).mechanism(Drbg.Mechanism.CTR_AES256).build();
    drbgHmac = Drbg.builder(EntropySources.system()).mechanism(Drbg.Mechanism.HMAC_SHA256).build();
    drbgOverTested = Drbg.builder(EntropySources.open("infnoise-sim")).build();
    drbgOverForeign = Drbg.builder(new ForeignSource(EntropySources.system())).build();
    jdkDefault = new SecureRandom();
    nativeNonBlocking = SecureRandom.getInstance("NativePRNGNonBlocking");
    jdkDrbg = SecureRandom.getInstance("DRBG");
  }

  @Benchmark
  public byte[] otpkitDrbg() {
    drbg.nextBytes(out);
    return out;
  }

  @Benchmark
  public byte[] otpkitDrbgHmac() {
    drbgHmac.nextBytes(out);
    return out;
  }

  @Benchmark
  public byte[] otpkitDrbgOverTestedSource() {
    drbgOverTested.nextBytes(out);
    return out;
  }

  @Benchmark
  public byte[] otpkitDrbgOverForeignSource() {
    drbgOverForeign.nextBytes(out);
    return out;
  }

  @Benchmark
  public byte[] jdkNewSecureRandom() {
    jdkDefault.nextBytes(out);
    return out;
  }

  @Benchmark
  public byte[] jdkNativePrngNonBlocking() {
    nativeNonBlocking.nextBytes(out);
    return out;
  }

  @Benchmark
  public byte[] jdkDrbg() {
    jdkDrbg.nextBytes(out);
    return out;
  }
}
