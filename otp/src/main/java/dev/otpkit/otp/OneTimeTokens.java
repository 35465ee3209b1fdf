package dev.otpkit.otp;

import dev.otpkit.entropy.Drbg;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *   <li>The default store is bounded and fails closed ({@code store-full}) rather than evict.
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
  private final InstantSource clock;

  private OneTimeTokens(Builder b) {
    this.store = b.store != null ? b.store : TokenStore.inMemory(b.maxLiveTokens);
    this.generator = b.generator != null ? b.generator
        : TokenGenerator.from(b.random != null ? b.random : Drbg.system());
    this.ttlResolver = b.ttlResolver;
    this.clock = b.clock;
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
   * @throws IllegalArgumentException if the ttl is not positive or longer than 30 days, or the
   *     generator returned fewer than 32 bytes
   * @throws TokenException STORE_FULL if the store is full
   */
  public IssuedToken issue(Scope scope, Duration ttl) throws TokenException {
    Objects.requireNonNull(scope, "scope");
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("a token's time to live must be in (0, 30 days], got " + ttl);
    }
    byte[] value = generator.next();
    if (value == null || value.length != 32) {
      throw new IllegalArgumentException("a token generator must return 32 bytes, got "
          + (value == null ? "null" : value.length));
    }
    long now = clock.millis();
    long expires = now + ttl.toMillis();
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
    if (token == null || token.length() != TEXT_LENGTH || !token.startsWith(PREFIX)) {
      throw new TokenException(TokenException.Reason.MALFORMED, "not an otk_ token");
    }
    for (int i = PREFIX.length(); i < TEXT_LENGTH; i++) {
      char c = token.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        throw new TokenException(TokenException.Reason.MALFORMED, "not base64url");
      }
    }
    // 43 characters carry 258 bits for 256: the last character's two low bits must be zero,
    // or two texts would name one token. Checked on the character, without re-encoding.
    char last = token.charAt(TEXT_LENGTH - 1);
    int sextet = last >= 'a' ? last - 'a' + 26 : last >= 'A' ? last - 'A' : last >= '0' ? last - '0' + 52
        : last == '-' ? 62 : 63;
    if ((sextet & 3) != 0) {
      throw new TokenException(TokenException.Reason.MALFORMED, "non-canonical base64url");
    }
    return Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  });

  static byte[] digest(byte[] value) {
    return SHA256.get().digest(value);
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
