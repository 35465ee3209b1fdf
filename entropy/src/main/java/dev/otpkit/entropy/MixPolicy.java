package dev.otpkit.entropy;

/** What a mix of sources does when one of its members fails. */
public enum MixPolicy {
  /** Any member failing fails the mix. */
  STRICT,
  /** A failing member is dropped and reported; the mix goes on while one member is left. */
  DEGRADE
}
