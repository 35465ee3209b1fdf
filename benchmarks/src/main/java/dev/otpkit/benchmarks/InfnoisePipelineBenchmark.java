package dev.otpkit.benchmarks;

import dev.otpkit.entropy.HealthTests;
import dev.otpkit.entropy.infnoise.InfiniteNoise;
import dev.otpkit.entropy.infnoise.InfnoiseSimulator;
import dev.otpkit.entropy.infnoise.PredictiveEstimator;
import dev.otpkit.entropy.infnoise.Whitener;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Infinite Noise host pipeline, in raw samples per second: extraction of 512 samples into a
 * raw block, the SP 800-90B tests, the predictive estimator and the Keccak whitening, on samples
 * from the simulator prepared in advance (so the simulator's own cost is not measured).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InfnoisePipelineBenchmark {

  /** Samples per operation: one block. */
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
  public void setUp() {
    InfnoiseSimulator sim = InfnoiseSimulator.fromOptions("seed=1");
    byte[] swen = new byte[SAMPLES_PER_BLOCK];
    sampleBlocks = new byte[RING][SAMPLES_PER_BLOCK];
    for (byte[] block : sampleBlocks) {
      sim.respond(swen, 0, block, 0, SAMPLES_PER_BLOCK);
    }
    sp80090b = new HealthTests(1, 0.5, HealthTests.DEFAULT_ALPHA);
    estimator = new PredictiveEstimator();
    whitener = new Whitener(0);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES_PER_BLOCK)
  public byte[] pipeline() {
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
