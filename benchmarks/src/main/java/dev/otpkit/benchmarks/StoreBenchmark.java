package dev.otpkit.benchmarks;

import dev.otpkit.otp.HandleException;
import dev.otpkit.otp.OneShotHandles;
import dev.otpkit.otp.OneTimeTokens;
import dev.otpkit.otp.TokenException;
import java.time.Duration;
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
 * What one attempt costs at a given fill level of the token store and the handle registry: an
 * empty one, and one full of unexpired entries (the state a flood leaves them in). Each attempt
 * keeps the fill level where it was: at {@code empty} an issue (register) succeeds and is redeemed
 * (fired) at once; at {@code full} it is refused. The firing and redeeming of values that were
 * never handed out is what a flood of guesses costs. Time per operation: the figure to compare
 * is full against empty, which should be of the same order at any capacity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {

  private static final dev.otpkit.otp.Scope SCOPE = new dev.otpkit.otp.Scope("confirm", "user-1");
  /** Long enough that nothing expires during a run. */
  private static final Duration TTL = Duration.ofDays(1);

  @Param({"empty", "full"})
  public String fill;

  /** The default capacity of both. */
  @Param({"100000"})
  public int capacity;

  private OneTimeTokens tokens;
  private OneShotHandles handles;
  private String neverIssuedToken;
  private String neverRegisteredHandle;

  @Setup
  public void setUp() throws Exception {
    tokens = OneTimeTokens.builder().maxLiveTokens(capacity).build();
    handles = OneShotHandles.builder().maxLive(capacity).build();
    if (fill.equals("full")) {
      for (int i = 0; i < capacity; i++) {
        tokens.issue(SCOPE, TTL);
        handles.register(v -> { }, TTL);
      }
    } else if (!fill.equals("empty")) {
      throw new IllegalArgumentException("fill is empty or full, got " + fill);
    }
    // from other instances, so they are well-formed but unknown here
    neverIssuedToken = OneTimeTokens.builder().build().issue(SCOPE).value();
    neverRegisteredHandle = OneShotHandles.builder().build().register(v -> { });
  }

  /** Issue a token; if it was issued, redeem it, so the store stays at its fill level. */
  @Benchmark
  public Object tokenIssueAttempt() throws TokenException {
    try {
      tokens.redeem(tokens.issue(SCOPE, TTL).value(), SCOPE);
      return null;
    } catch (TokenException e) {
      return refused(e.reason(), TokenException.Reason.STORE_FULL, e);
    }
  }

  /** Redeem a well-formed token this store never issued. */
  @Benchmark
  public Object tokenRedeemUnknown() throws TokenException {
    try {
      tokens.redeem(neverIssuedToken, SCOPE);
      throw new IllegalStateException("redeemed a token never issued");
    } catch (TokenException e) {
      return refused(e.reason(), TokenException.Reason.UNKNOWN, e);
    }
  }

  /** Register a handle; if it was registered, fire it, so the registry stays at its fill level. */
  @Benchmark
  public Object handleRegisterAttempt() throws HandleException {
    try {
      handles.fire(handles.register(v -> { }, TTL), null);
      return null;
    } catch (HandleException e) {
      return refused(e.reason(), HandleException.Reason.FULL, e);
    }
  }

  /** Fire a well-formed handle this registry never issued. */
  @Benchmark
  public Object handleFireUnknown() throws HandleException {
    try {
      handles.fire(neverRegisteredHandle, null);
      throw new IllegalStateException("fired a handle never registered");
    } catch (HandleException e) {
      return refused(e.reason(), HandleException.Reason.UNKNOWN, e);
    }
  }

  /** The expected reason, or the exception itself: a benchmark that measures the wrong path fails. */
  private static <R, E extends Exception> R refused(R reason, R expected, E e) throws E {
    if (reason != expected) {
      throw e;
    }
    return reason;
  }
}
