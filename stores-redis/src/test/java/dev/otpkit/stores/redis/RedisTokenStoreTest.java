package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void onlyDigestsReachTheServer_andEveryKeyExpires() throws Exception {
    byte[] d = digest();
    store().add(d, LOGIN, now() + 60_000, now());
    String keys = redis.server.command("KEYS tokens:*");
    assertTrue(keys != null && keys.startsWith("*"), keys);
    String key = "tokens:tok:{" + java.util.HexFormat.of().formatHex(d) + "}";
    long ttl = Long.parseLong(redis.server.command("PTTL " + key).substring(1));
    assertTrue(ttl > 60_000 && ttl <= 60_000 + 120_000 + 1_000, "lives until the token expires plus the grace: " + ttl);
    String value = redis.server.command("GET " + key); // "$<length>": the bulk header; read the value
    assertFalse(value == null || value.startsWith("$-1"), "stored");
  }
}
