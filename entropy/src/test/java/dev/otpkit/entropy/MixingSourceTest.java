package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MixingSourceTest {

  /** A member that delivers only zeros: no entropy at all, but healthy by its own account. */
  private static final class Zeros implements EntropySource {
    @Override
    public void fill(byte[] out, int off, int len) {
      Arrays.fill(out, off, off + len, (byte) 0);
    }

    @Override
    public HealthStatus health() {
      return new HealthStatus(HealthStatus.State.HEALTHY, 0, 0, 0, 0.0, null, "");
    }

    @Override
    public String description() {
      return "zeros";
    }

    @Override
    public void close() {}
  }

  @Test
  void mix_isAsStrongAsBestMember_zeroMemberDoesNotRepeatOutput() {
    EntropySource mix = EntropySources.mix(MixPolicy.STRICT,
        List.of(new Zeros(), EntropySources.system()));
    Set<String> blocks = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(blocks.add(Arrays.toString(mix.bytes(32))), "repeated block");
    }
    assertEquals(1.0, mix.health().estimatedEntropyPerBit());
  }

  @Test
  void mix_ofZeroMembersOnly_stillDiffersPerBlock() {
    // the block counter alone keeps blocks distinct: a weak member never makes a fixed point
    EntropySource mix = EntropySources.mix(MixPolicy.STRICT, List.of(new Zeros()));
    assertFalse(Arrays.equals(mix.bytes(32), mix.bytes(32)));
  }

  @Test
  void strict_failsWhenAMemberFails_andStaysFailed() {
    CountingSource flaky = new CountingSource(EntropySources.system());
    EntropySource mix = EntropySources.mix(MixPolicy.STRICT, List.of(EntropySources.system(), flaky));
    mix.bytes(64);
    flaky.failing.set(true);
    EntropyException e = assertThrows(EntropyException.class, () -> mix.bytes(64));
    assertEquals("repetition-count", e.test());
    assertTrue(e.getMessage().contains("counting(system)"), e.getMessage());
    flaky.failing.set(false);
    assertThrows(EntropyException.class, () -> mix.bytes(1));
    assertEquals(HealthStatus.State.FAILED, mix.health().state());
  }

  @Test
  void degrade_dropsFailedMember_reportsIt_andContinues() {
    CountingSource good = new CountingSource(EntropySources.system());
    CountingSource flaky = new CountingSource(EntropySources.system());
    EntropySource mix = EntropySources.mix(MixPolicy.DEGRADE, List.of(good, flaky));
    flaky.failing.set(true);
    byte[] a = mix.bytes(64);
    byte[] b = mix.bytes(64);
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    HealthStatus h = mix.health();
    assertEquals(HealthStatus.State.DEGRADED, h.state());
    assertTrue(h.detail().contains("counting(system)"), h.detail());
    assertEquals(1, h.failures());
    assertTrue(good.draws.get() >= 4);
  }

  @Test
  void degrade_failsWhenEveryMemberFailed() {
    CountingSource a = new CountingSource(EntropySources.system());
    CountingSource b = new CountingSource(EntropySources.system());
    EntropySource mix = EntropySources.mix(MixPolicy.DEGRADE, List.of(a, b));
    a.failing.set(true);
    b.failing.set(true);
    EntropyException e = assertThrows(EntropyException.class, () -> mix.bytes(8));
    assertTrue(e.getMessage().contains("every member failed"), e.getMessage());
    assertEquals(HealthStatus.State.FAILED, mix.health().state());
  }

  @Test
  void mix_dependsOnEveryMember() {
    // the same good member with and without a second member gives different streams
    byte[] seed = new byte[32];
    EntropySource fixed1 = new FixedSource(seed);
    EntropySource fixed2 = new FixedSource(seed);
    byte[] alone = EntropySources.mix(MixPolicy.STRICT, List.of(fixed1)).bytes(32);
    byte[] withOther = EntropySources.mix(MixPolicy.STRICT, List.of(fixed2, new Zeros())).bytes(32);
    assertNotEquals(Arrays.toString(alone), Arrays.toString(withOther));
  }

  private static final class FixedSource implements EntropySource {
    private final byte[] value;

    FixedSource(byte[] value) {
      this.value = value;
    }

    @Override
    public void fill(byte[] out, int off, int len) {
      for (int i = 0; i < len; i++) {
        out[off + i] = value[i % value.length];
      }
    }

    @Override
    public HealthStatus health() {
      return new HealthStatus(HealthStatus.State.HEALTHY, 0, 0, 0, 1.0, null, "");
    }

    @Override
    public String description() {
      return "fixed";
    }

    @Override
    public void close() {}
  }
}
