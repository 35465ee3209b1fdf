package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.otp.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The behaviour suite against the Redis store on a real server. */
class RedisTokenStoreTest extends TokenStoreBehaviour {

  @RegisterExtension
  static final RedisFixture redis = new RedisFixture("tokens");

  @Override
  TokenStore store() {
    return redis.state.tokenStore();
  }

  @Test
  void aTokensKey_isItsDigest_holdsExpiryAndScope_andExpiresWithTheTokenPlusTheGrace() throws Exception {
    byte[] d = digest();
    long expires = now() + 60_000;
    store().add(d, LOGIN, expires, now());
    String key = "tokens:tok:{" + java.util.HexFormat.of().formatHex(d) + "}";
    assertEquals(expires + " 5:loginalice", redis.state.commands().get(key));
    long ttl = Long.parseLong(redis.server.command("PTTL " + key).substring(1));
    assertTrue(ttl > 60_000 && ttl <= 60_000 + 120_000 + 1_000, "lives until the token expires plus the grace: " + ttl);
    store().consume(d, LOGIN, now());
    assertEquals(null, redis.state.commands().get(key), "a redeemed token's entry is gone at once");
  }
}
