package dev.otpkit.entropy.internal;

import dev.otpkit.entropy.EntropyException;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.HealthStatus;
import dev.otpkit.entropy.MixPolicy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Combines sources through SHA-256: each 32-byte output block is the hash of a block counter and
 * 32 bytes from every live member. As long as one member's contribution is unpredictable, so is
 * the block: the mix is as strong as its best healthy member, and a member that is weak or even
 * adversarial (but not able to see the others' output) cannot lower it.
 */
public final class MixingSource implements EntropySource {

  private static final int BLOCK = 32;

  private final MixPolicy policy;
  private final List<EntropySource> members;
  private final List<String> dropped = new ArrayList<>();
  private final MessageDigest sha256;
  private final byte[] memberBytes = new byte[BLOCK];
  private final BlockOutput output = new BlockOutput(BLOCK);
  private long counter;
  /** Why the mix stopped, or null; volatile so that {@link #failed()} can read it without the lock. */
  private volatile String failure;
  private String failedTest;
  /** The mix stopped because a capture ended, not because a member failed. */
  private boolean ended;
  private boolean closed;

  public MixingSource(MixPolicy policy, List<? extends EntropySource> members) {
    this.policy = Objects.requireNonNull(policy, "policy");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a mix needs at least one source");
    }
    this.members = new ArrayList<>(members);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public synchronized void fill(byte[] out, int off, int len) {
    Objects.checkFromIndexSize(off, len, out.length);
    if (closed) {
      throw new EntropyException("entropy source " + description() + " is closed");
    }
    if (failure != null) {
      throw stopped();
    }
    output.drainTo(out, off, len, this::nextBlock);
  }

  private EntropyException stopped() {
    return ended ? EntropyException.captureEnded(failure, 0)
        : failedTest == null ? new EntropyException(failure)
        : EntropyException.healthTestFailed(failedTest, failure);
  }

  private int nextBlock(byte[] block) {
    sha256.reset();
    for (int i = 0; i < 8; i++) {
      sha256.update((byte) (counter >>> (56 - 8 * i)));
    }
    counter++;
    for (int i = 0; i < members.size(); ) {
      EntropySource member = members.get(i);
      try {
        member.fill(memberBytes);
        sha256.update(memberBytes);
        i++;
      } catch (EntropyException e) {
        String what = "member " + member.description() + (e.captureEnded() ? " ended: " : " failed: ")
            + e.getMessage();
        if (policy == MixPolicy.STRICT || members.size() == 1) {
          sha256.reset();
          failedTest = e.test();
          ended = e.captureEnded();
          failure = policy == MixPolicy.STRICT ? what
              : (ended ? "every member stopped; last " : "every member failed; last ") + what;
          throw stopped();
        }
        members.remove(i);
        dropped.add(what);
      } finally {
        Arrays.fill(memberBytes, (byte) 0);
      }
    }
    try {
      return sha256.digest(block, 0, BLOCK);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized HealthStatus health() {
    long samples = 0;
    long failures = dropped.size();
    double best = 0;
    for (EntropySource m : members) {
      HealthStatus h = m.health();
      samples += h.samplesTested();
      failures += h.failures();
      best = Math.max(best, h.estimatedEntropyPerBit());
    }
    HealthStatus.State state;
    if (closed) {
      state = HealthStatus.State.CLOSED;
    } else if (failure != null) {
      state = ended ? HealthStatus.State.ENDED : HealthStatus.State.FAILED;
    } else if (!dropped.isEmpty()) {
      state = HealthStatus.State.DEGRADED;
    } else {
      state = HealthStatus.State.HEALTHY;
    }
    String detail = failure != null ? failure
        : dropped.isEmpty() ? "mix of " + members.size() + " sources, policy "
            + policy.name().toLowerCase(java.util.Locale.ROOT)
        : "degraded: " + String.join("; ", dropped);
    return new HealthStatus(state, samples, output.delivered(), failures, best, failedTest, detail);
  }

  @Override
  public boolean failed() {
    return failure != null && !ended;
  }

  @Override
  public String description() {
    StringBuilder sb = new StringBuilder("mix:")
        .append(policy.name().toLowerCase(java.util.Locale.ROOT)).append(':');
    for (int i = 0; i < members.size(); i++) {
      sb.append(i == 0 ? "" : "+").append(members.get(i).description());
    }
    return sb.toString();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      for (EntropySource m : members) {
        m.close();
      }
    }
  }
}
