package dev.otpkit.entropy;

import java.util.Objects;

/**
 * A snapshot of a source's health.
 *
 * @param state where the source is in its life cycle
 * @param samplesTested raw samples that went through the continuous health tests (0 for sources
 *     that have no raw samples, such as the operating system's generator)
 * @param bytesDelivered bytes handed to callers
 * @param failures health-test failures seen (a strict source stops at the first)
 * @param estimatedEntropyPerBit entropy per raw bit, as assessed or estimated for this source
 * @param failedTest the test that failed, or {@code null}
 * @param detail a human readable note (what failed, which members a mix dropped), never secrets
 */
public record HealthStatus(
    State state,
    long samplesTested,
    long bytesDelivered,
    long failures,
    double estimatedEntropyPerBit,
    String failedTest,
    String detail) {

  /** Life cycle of a source. */
  public enum State {
    /** Start-up tests have not completed; no output yet. */
    STARTING,
    /** Delivering. */
    HEALTHY,
    /** A mix that lost members under the {@code degrade} policy and continues on the rest. */
    DEGRADED,
    /** Delivers nothing more; every read throws {@link EntropyException}. */
    FAILED,
    /**
     * A finite capture delivered all it holds: not a failure, but every read throws an
     * {@link EntropyException} whose {@link EntropyException#captureEnded()} is true.
     */
    ENDED,
    /** Closed by its owner. */
    CLOSED
  }

  public HealthStatus {
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
  }

  /** True if the source delivers bytes (healthy or degraded). */
  public boolean usable() {
    return state == State.HEALTHY || state == State.DEGRADED || state == State.STARTING;
  }
}
