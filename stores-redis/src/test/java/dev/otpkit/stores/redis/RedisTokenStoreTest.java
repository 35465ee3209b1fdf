package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.otp.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The behaviour suite against the Redis store on a real server. */
class RedisTokenStoreTest extends TokenStoreBehaviour {

  static RedisServer server;
  static RedisState state;

  @BeforeAll
  static void start() throws Exception {
    server = RedisServer.start();
    state = RedisState.builder(server.uri()).namespace("tokens").connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (state != null) {
      state.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  TokenStore store() {
    return state.tokenStore();
  }

  @Test
  void onlyDigestsReachTheServer_andEveryKeyExpires() throws Exception {
    byte[] d = digest();
    store().add(d, LOGIN, now() + 60_000, now());
    String keys = server.command("KEYS tokens:*");
    assertTrue(keys != null && keys.startsWith("*"), keys);
    String key = "tokens:tok:{" + java.util.HexFormat.of().formatHex(d) + "}";
    long ttl = Long.parseLong(server.command("PTTL " + key).substring(1));
    assertTrue(ttl > 60_000 && ttl <= 60_000 + 120_000 + 1_000, "lives until the token expires plus the grace: " + ttl);
    String value = server.command("GET " + key); // "$<length>": the bulk header; read the value
    assertFalse(value == null || value.startsWith("$-1"), "stored");
  }
}
