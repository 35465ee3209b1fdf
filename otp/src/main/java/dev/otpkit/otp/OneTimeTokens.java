package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.otp.internal.CanonicalBase64Url;
import dev.otpkit.otp.internal.DigestKey;
import dev.otpkit.otp.internal.HighWaterClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One-time tokens: 256 random bits from the otpkit DRBG, shown as {@code otk_} and 43 base64url
 * characters (the prefix makes a leaked token recognisable, in logs and by secret scanners),
 * bound to a {@link Scope}, redeemable exactly once before they expire.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Only the SHA-256 digest of a token is stored. Tokens are 256-bit random values, so the
 *       digest needs no salt or stretching: nothing short of the token redeems it, and a dump
 *       of the store reveals none.
 *   <li>Of any number of concurrent redeemers of one token, exactly one succeeds.
 *   <li>A token presented for the wrong scope is burnt: it is treated as leaked. Its holder could
 *       have redeemed it anyway, so burning costs an attacker nothing it had, and the rightful
 *       redeemer then sees {@code already-used} instead of racing a thief.
 *   <li>Expiry is checked against the highest clock reading seen: a clock that steps back does not
 *       revive an expired token. Times to live are at least 1 ms, so no token is born expired.
 *   <li>The default store is bounded and fails closed ({@code store-full}) rather than evict. A
 *       redeemed or burnt token frees its place at once, and refusing costs the same at any fill
 *       level (expired entries are taken off in expiry order, never by a scan).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class OneTimeTokens {

  /** The type prefix of every token. */
  public static final String PREFIX = "otk_";
  /** Token length in text: the prefix and 32 bytes in unpadded base64url. */
  public static final int TEXT_LENGTH = PREFIX.length() + 43;
  static final Duration MAX_TTL = Duration.ofDays(30);

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final TokenStore store;
  private final TokenGenerator generator;
  private final TtlResolver ttlResolver;
  private final HighWaterClock clock;

  private OneTimeTokens(Builder b) {
    this.store = b.store != null ? b.store : TokenStore.inMemory(b.maxLiveTokens);
    this.generator = b.generator != null ? b.generator
        : TokenGenerator.from(b.random != null ? b.random : Drbg.system());
    this.ttlResolver = b.ttlResolver;
    this.clock = new HighWaterClock(b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Issues a token for {@code scope} with the resolver's time to live (default 5 minutes). */
  public IssuedToken issue(Scope scope) throws TokenException {
    return issue(scope, ttlResolver.ttl(Objects.requireNonNull(scope, "scope")));
  }

  /**
   * Issues a token for {@code scope} that lives {@code ttl}.
   *
   * @throws IllegalArgumentException if the ttl is under 1 ms (after truncation to whole
   *     milliseconds) or over 30 days, or the generator returned other than 32 bytes
   * @throws TokenException STORE_FULL if the store is full
   */
  public IssuedToken issue(Scope scope, Duration ttl) throws TokenException {
    Objects.requireNonNull(scope, "scope");
    long ttlMillis = ttlMillis(ttl, "a token's");
    byte[] value = generator.next();
    if (value == null || value.length != 32) {
      throw new IllegalArgumentException("a token generator must return 32 bytes, got "
          + (value == null ? "null" : value.length));
    }
    long now = clock.millis();
    long expires = now + ttlMillis;
    store.add(digest(value), scope, expires, now);
    String text = PREFIX + TEXT.encodeToString(value);
    Arrays.fill(value, (byte) 0);
    return new IssuedToken(text, scope, Instant.ofEpochMilli(expires));
  }

  /**
   * Redeems {@code token} for {@code scope}: succeeds once.
   *
   * @throws TokenException MALFORMED, UNKNOWN, EXPIRED, ALREADY_USED or WRONG_SCOPE
   */
  public void redeem(String token, Scope scope) throws TokenException {
    Objects.requireNonNull(scope, "scope");
    byte[] value = parse(token);
    TokenStore.Outcome outcome = store.consume(digest(value), scope, clock.millis());
    Arrays.fill(value, (byte) 0);
    switch (outcome) {
      case REDEEMED -> { }
      case UNKNOWN -> throw new TokenException(TokenException.Reason.UNKNOWN, null);
      case EXPIRED -> throw new TokenException(TokenException.Reason.EXPIRED, null);
      case ALREADY_USED -> throw new TokenException(TokenException.Reason.ALREADY_USED, null);
      case WRONG_SCOPE -> throw new TokenException(TokenException.Reason.WRONG_SCOPE, "the token is now burnt");
      default -> throw new IllegalStateException("unknown outcome " + outcome);
    }
  }

  /** The token's 32 bytes, checked for form before anything is allocated from it. */
  private static byte[] parse(String token) throws TokenException {
    try {
      return CanonicalBase64Url.decode(token, PREFIX, 32);
    } catch (IllegalArgumentException e) {
      throw new TokenException(TokenException.Reason.MALFORMED, e.getMessage());
    }
  }

  static byte[] digest(byte[] value) {
    return DigestKey.sha256(value);
  }

  /**
   * A time to live in whole milliseconds, checked: at least 1 ms after truncation (a shorter one
   * would be born expired) and at most 30 days. Tokens and handles share this rule.
   *
   * @param what whose time to live, for the message ("a token's")
   * @throws IllegalArgumentException if it is out of that range or null
   */
  static long ttlMillis(Duration ttl, String what) {
    if (ttl == null || ttl.compareTo(MAX_TTL) > 0 || ttl.toMillis() < 1) {
      throw new IllegalArgumentException(what + " time to live must be in [1 ms, 30 days], got " + ttl);
    }
    return ttl.toMillis();
  }

  /** Builds {@link OneTimeTokens}. */
  public static final class Builder {
    private TokenStore store;
    private TokenGenerator generator;
    private TtlResolver ttlResolver = TtlResolver.fixed(Duration.ofMinutes(5));
    private InstantSource clock = InstantSource.system();
    private Drbg random;
    private int maxLiveTokens = 100_000;

    private Builder() {}

    /** Where digests are kept (default: a bounded in-memory store of {@link #maxLiveTokens}). */
    public Builder store(TokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Where values come from (default: 32 bytes from {@link #random}). */
    public Builder generator(TokenGenerator generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** Time to live per scope (default: 5 minutes for every scope). */
    public Builder ttlResolver(TtlResolver resolver) {
      this.ttlResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The DRBG for the default generator (default: one over the {@code system} source). */
    public Builder random(Drbg drbg) {
      this.random = Objects.requireNonNull(drbg, "drbg");
      return this;
    }

    /** Bound of the default store, used-but-unexpired tokens included (default 100,000). */
    public Builder maxLiveTokens(int max) {
      this.maxLiveTokens = max;
      return this;
    }

    /** @throws IllegalArgumentException if maxLiveTokens is not positive */
    public OneTimeTokens build() {
      if (maxLiveTokens < 1) {
        throw new IllegalArgumentException("maxLiveTokens must be positive, got " + maxLiveTokens);
      }
      return new OneTimeTokens(this);
    }
  }

}
