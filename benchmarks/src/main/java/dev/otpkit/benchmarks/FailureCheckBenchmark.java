package dev.otpkit.benchmarks;

import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the DRBG's per-request "has the source failed?" check costs: a volatile read in otpkit's
 * sources, a health snapshot through the interface's default for a source that does not override
 * {@code failed()}. Not part of {@code benchmarks/run}; run it by name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FailureCheckBenchmark {

  private EntropySource system;
  private EntropySource tested;
  private EntropySource foreign;

  @Setup
  public void setUp() {
    system = EntropySources.system();
    tested = EntropySources.open("infnoise-sim");
    tested.bytes(1); // past warm-up: HEALTHY
    foreign = new ForeignSource(EntropySources.system());
  }

  @TearDown
  public void tearDown() {
    tested.close();
  }

  /** The OS source answers a constant. */
  @Benchmark
  public boolean systemSource() {
    return system.failed();
  }

  /** A health-tested device source: one volatile read. */
  @Benchmark
  public boolean healthTestedSource() {
    return tested.failed();
  }

  /** A source written elsewhere: the default builds a health snapshot on every call. */
  @Benchmark
  public boolean foreignSourceDefault() {
    return foreign.failed();
  }
}
