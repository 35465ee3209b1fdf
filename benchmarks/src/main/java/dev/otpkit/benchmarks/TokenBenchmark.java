package dev.otpkit.benchmarks;

import dev.otpkit.otp.OneTimeTokens;
import dev.otpkit.otp.TokenException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.InMemoryOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * One-time token issue + redeem against Spring Security's {@code InMemoryOneTimeTokenService}
 * generate + consume, single-threaded and with two threads sharing one service.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {

  /** One service per thread. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class PerThread {
    OneTimeTokens otpkit;
    InMemoryOneTimeTokenService spring;

    @Setup
    public void setUp() {
      otpkit = OneTimeTokens.builder().build();
      spring = new InMemoryOneTimeTokenService();
    }
  }

  /** One service shared by the threads of the contention benchmarks. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Shared extends PerThread {}

  private static final dev.otpkit.otp.Scope SCOPE = new dev.otpkit.otp.Scope("confirm", "user-1");
  private static final GenerateOneTimeTokenRequest REQUEST = new GenerateOneTimeTokenRequest("user-1");

  static void issueRedeem(OneTimeTokens tokens) throws TokenException {
    tokens.redeem(tokens.issue(SCOPE).value(), SCOPE);
  }

  static OneTimeToken generateConsume(InMemoryOneTimeTokenService spring) {
    OneTimeToken t = spring.generate(REQUEST);
    return spring.consume(new OneTimeTokenAuthenticationToken(t.getTokenValue()));
  }

  @Benchmark
  public void otpkitIssueRedeem(PerThread s) throws TokenException {
    issueRedeem(s.otpkit);
  }

  @Benchmark
  public OneTimeToken springGenerateConsume(PerThread s) {
    return generateConsume(s.spring);
  }

  @Benchmark
  @Threads(2)
  public void otpkitIssueRedeemContended(Shared s) throws TokenException {
    issueRedeem(s.otpkit);
  }

  @Benchmark
  @Threads(2)
  public OneTimeToken springGenerateConsumeContended(Shared s) {
    return generateConsume(s.spring);
  }
}
