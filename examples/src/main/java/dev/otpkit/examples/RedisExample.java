package dev.otpkit.examples;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import dev.otpkit.otp.Allowlist;
import dev.otpkit.otp.BridgeSession;
import dev.otpkit.stores.redis.RedisState;
import java.nio.charset.StandardCharsets;

/**
 * Single-use state on Redis, shared by every instance and kept across restarts. README, "Shared
 * state on Redis". Run with the server's URI as the argument.
 */
public final class RedisExample {

  private RedisExample() {}

  static BridgeSession session(EnvelopeKeys keys, RedisState state) throws Exception {
    // README: redis
    BridgeSession session = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("notes.save").build())
        .handler("notes.save", payload -> payload)
        .sharedState(state)                      // document replay windows, tokens, handles on Redis
        .build();
    // README end
    return session;
  }

  public static void main(String[] args) throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    String envelope = Sealer.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).build()
        .sealText("files.save", "hello".getBytes(StandardCharsets.UTF_8));
    // README: redis-opener
    try (RedisState state = RedisState.builder(uri).namespace("notes").connect()) {
      Opener opener = Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND)
          .replayGuard(state.replayGuard())      // one round trip per envelope, atomic on the server
          .build();
      opener.openText("files.save", envelope);
    }
    // README end
    System.out.println("opened once");
    // another instance, or this one restarted: the same envelope is a replay
    try (RedisState restarted = RedisState.builder(uri).namespace("notes").connect()) {
      Opener.builder(keys).session("s").direction(Direction.UI_TO_BACKEND).replayGuard(restarted.replayGuard())
          .build().openText("files.save", envelope);
      System.out.println("opened twice (wrong)");
    } catch (EnvelopeException e) {
      System.out.println("after a restart: " + e.reason().id());
    }
    try (RedisState state = RedisState.builder(uri).namespace("notes").connect()) {
      System.out.println("session on Redis: " + !session(keys, state).id().isEmpty());
    }
  }
}
