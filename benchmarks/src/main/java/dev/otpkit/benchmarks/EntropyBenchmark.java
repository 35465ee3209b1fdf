package dev.otpkit.benchmarks;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.infnoise.InfiniteNoise;
import dev.otpkit.entropy.infnoise.InfnoiseSimulator;
import dev.otpkit.entropy.infnoise.PredictiveEstimator;
import dev.otpkit.entropy.infnoise.Whitener;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Salt-sized requests from the otpkit DRBG fast path against the JDK's generators, and the
 * Infinite Noise host pipeline in raw samples per second.
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
  private SecureRandom jdkDefault;
  private SecureRandom nativeNonBlocking;
  private SecureRandom jdkDrbg;

  /** Samples per pipeline operation: one block of 512. */
  public static final int SAMPLES_PER_BLOCK = 512;
  private static final int RING = 1024;
  private byte[][] sampleBlocks;
  private final byte[] raw = new byte[64];
  private final byte[] whitened = new byte[Whitener.DEFAULT_OUTPUT_BYTES];
  private int next;
  private HealthTests sp80090b;
  private PredictiveEstimator estimator;
  private Whitener whitener;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    out = new byte[bytes];
    drbg = Drbg.builder(EntropySources.system()).mechanism(Drbg.Mechanism.CTR_AES256).build();
    drbgHmac = Drbg.builder(EntropySources.system()).mechanism(Drbg.Mechanism.HMAC_SHA256).build();
    jdkDefault = new SecureRandom();
    nativeNonBlocking = SecureRandom.getInstance("NativePRNGNonBlocking");
    jdkDrbg = SecureRandom.getInstance("DRBG");
    InfnoiseSimulator sim = InfnoiseSimulator.fromOptions("seed=1");
    byte[] swen = new byte[512];
    sampleBlocks = new byte[RING][512];
    for (byte[] block : sampleBlocks) {
      sim.respond(swen, 0, block, 0, 512);
    }
    sp80090b = new HealthTests(1, 0.5, HealthTests.DEFAULT_ALPHA);
    estimator = new PredictiveEstimator();
    whitener = new Whitener(0);
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

  /**
   * One block through the host pipeline: extraction, the SP 800-90B tests, the predictive
   * estimator and whitening. Reported per sample (512 per block).
   */
  @Benchmark
  @OperationsPerInvocation(SAMPLES_PER_BLOCK)
  public byte[] infnoisePipeline() {
    byte[] samples = sampleBlocks[next];
    next = (next + 1) % RING;
    int garbage = InfiniteNoise.extract(samples, raw);
    int health = sp80090b.testPacked(raw, 0, 64);
    PredictiveEstimator.Verdict v = estimator.addBlock(raw, 0);
    whitener.absorb(raw, 0, whitened, 0);
    whitened[0] ^= (byte) (garbage + health + v.state().ordinal());
    return whitened;
  }
}
