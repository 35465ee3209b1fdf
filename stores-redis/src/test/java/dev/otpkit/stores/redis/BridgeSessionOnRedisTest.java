package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.Sealer;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeException;
import dev.otpkit.otp.BridgeSession;
import dev.otpkit.otp.Scope;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code BridgeSession.Builder.sharedState(redis)}: one call puts the session's state on Redis. */
class BridgeSessionOnRedisTest {

  static final String DOC = "AAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void oneBuilderCall_putsReplayWindowsTokensAndHandlesOnRedis_andFailsClosedWithoutIt() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    try (RedisServer server = RedisServer.start();
        RedisState state = RedisState.builder(server.uri()).namespace("bridge").timeout(java.time.Duration.ofMillis(500))
            .connect()) {
      BridgeSession session = BridgeSession.builder(keys)
          .allowlist(Allowlist.builder().allow("notes.save").build())
          .handler("notes.save", p -> p)
          .sharedState(state)
          .build();
      Sealer page = Sealer.builder(keys).session(session.id()).document(DOC).direction(Direction.UI_TO_BACKEND).build();
      String alias = session.aliases().alias("notes.save");
      String envelope = page.sealText("notes.save", "x".getBytes(StandardCharsets.UTF_8));
      session.dispatch(DOC, alias, envelope);
      BridgeException replay = assertThrows(BridgeException.class, () -> session.dispatch(DOC, alias, envelope));
      assertEquals(Reason.REPLAYED, replay.envelopeReason());
      // the window, a token and a handle are on the server
      session.tokens().issue(new Scope("confirm", session.id()));
      session.handles().register(v -> { });
      String keysOnServer = String.join(" ", state.commands().keys("bridge:*"));
      for (String kind : new String[] {"bridge:rg:", "bridge:tok:", "bridge:hf:", "bridge:hh:"}) {
        assertTrue(keysOnServer.contains(kind), kind + " in " + keysOnServer);
      }
      // without Redis, a new envelope is refused, not accepted unchecked
      server.kill();
      String next = page.sealText("notes.save", "y".getBytes(StandardCharsets.UTF_8));
      BridgeException down = assertThrows(BridgeException.class, () -> session.dispatch(DOC, alias, next));
      assertEquals(Reason.STATE_UNAVAILABLE, down.envelopeReason());
    }
  }
}
