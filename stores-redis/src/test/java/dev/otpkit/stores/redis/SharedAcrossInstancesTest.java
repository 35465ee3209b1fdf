package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.Sealer;
import dev.otpkit.otp.IssuedToken;
import dev.otpkit.otp.OneTimeTokens;
import dev.otpkit.otp.Scope;
import dev.otpkit.otp.TokenException;
import dev.otpkit.otp.TokenStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances (two {@link RedisState}s, as two processes would have) on one real server: every
 * single-use guarantee holds across them, and across a restart of one.
 */
class SharedAcrossInstancesTest {

  @RegisterExtension
  static final RedisFixture redis = new RedisFixture("app");
  static RedisState one;
  static RedisState two;
  static EnvelopeKeys keys;

  @BeforeAll
  static void instances() throws Exception {
    one = redis.state;
    two = redis.connect(); // a second instance on the same server
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
  }

  @AfterAll
  static void closeSecond() {
    if (two != null) {
      two.close();
    }
  }

  static Opener opener(RedisState state, String session) throws Exception {
    return Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND)
        .replayGuard(state.replayGuard()).build();
  }

  static Sealer sealer(String session) throws Exception {
    return Sealer.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build();
  }

  static Reason open(Opener o, String envelope) {
    try {
      o.openText("files.save", envelope);
      return null;
    } catch (EnvelopeException e) {
      return e.reason();
    }
  }

  @Test
  void tokens_racedByThreadsOfTwoInstances_oneWinnerInEachOf10000Rounds() throws Exception {
    TokenStore a = one.tokenStore();
    TokenStore b = two.tokenStore();
    int rounds = 10_000;
    int perInstance = 2;
    byte[][] digests = new byte[rounds][];
    Random random = new Random(1);
    for (int r = 0; r < rounds; r++) {
      digests[r] = new byte[32];
      random.nextBytes(digests[r]);
      (r % 2 == 0 ? a : b).add(digests[r], TokenStoreBehaviour.LOGIN, System.currentTimeMillis() + 600_000,
          System.currentTimeMillis());
    }
    AtomicInteger[] winners = new AtomicInteger[rounds];
    for (int r = 0; r < rounds; r++) {
      winners[r] = new AtomicInteger();
    }
    CyclicBarrier everyRound = new CyclicBarrier(2 * perInstance);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (TokenStore store : new TokenStore[] {a, b}) {
      for (int t = 0; t < perInstance; t++) {
        Thread thread = new Thread(() -> {
          try {
            for (int r = 0; r < rounds; r++) {
              everyRound.await();
              if (store.consume(digests[r], TokenStoreBehaviour.LOGIN, System.currentTimeMillis())
                  == TokenStore.Outcome.REDEEMED) {
                winners[r].incrementAndGet();
              }
            }
          } catch (Throwable e) {
            failures.add(e);
            everyRound.reset();
          }
        });
        threads.add(thread);
        thread.start();
      }
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
    for (int r = 0; r < rounds; r++) {
      assertEquals(1, winners[r].get(), "round " + r);
    }
  }

  @Test
  void anEnvelopeAcceptedByOneInstance_isReplayedAtTheOther() throws Exception {
    String session = "s-" + System.nanoTime();
    Opener a = opener(one, session);
    Opener b = opener(two, session);
    String envelope = sealer(session).sealText("files.save", "x".getBytes(StandardCharsets.UTF_8));
    assertEquals(null, open(a, envelope));
    assertEquals(Reason.REPLAYED, open(b, envelope));
    assertEquals(Reason.REPLAYED, open(a, envelope));
  }

  @Test
  void reorderedInsideTheWindow_acrossBothInstances_eachAcceptedExactlyOnce() throws Exception {
    String session = "r-" + System.nanoTime();
    Sealer sealer = sealer(session);
    List<String> envelopes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      envelopes.add(sealer.sealText("files.save", new byte[] {(byte) i}));
    }
    Collections.shuffle(envelopes, new Random(3));
    Opener a = opener(one, session);
    Opener b = opener(two, session);
    AtomicInteger accepted = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (Opener o : new Opener[] {a, b, a, b}) {
      Thread t = new Thread(() -> {
        for (String e : envelopes) {
          if (open(o, e) == null) {
            accepted.incrementAndGet();
          }
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(envelopes.size(), accepted.get(), "each envelope once, over four threads on two instances");
  }

  @Test
  void aRestartedOpener_rejectsAReplayOfWhatTheOldOneAccepted() throws Exception {
    String session = "restart-" + System.nanoTime();
    String envelope = sealer(session).sealText("files.save", "x".getBytes(StandardCharsets.UTF_8));
    try (RedisState before = RedisState.builder(redis.server.uri()).namespace("app").connect()) {
      assertEquals(null, open(opener(before, session), envelope));
    }
    try (RedisState after = RedisState.builder(redis.server.uri()).namespace("app").connect()) {
      assertEquals(Reason.REPLAYED, open(opener(after, session), envelope));
    }
    // the in-memory guard, restarted, would have accepted it again: what the Redis one is for
    assertEquals(null, open(Opener.builder(keys).session(session).direction(Direction.UI_TO_BACKEND).build(),
        envelope));
  }

  @Test
  void tokensOfOneInstance_redeemAtTheOther_once_andTheServerHoldsNoTokenOrHandle() throws Exception {
    OneTimeTokens issuer = OneTimeTokens.builder().store(one.tokenStore()).build();
    OneTimeTokens redeemer = OneTimeTokens.builder().store(two.tokenStore()).build();
    Scope scope = new Scope("download", "report-7");
    IssuedToken token = issuer.issue(scope);
    redeemer.redeem(token.value(), scope);
    TokenException again = assertThrows(TokenException.class, () -> issuer.redeem(token.value(), scope));
    assertEquals(TokenException.Reason.ALREADY_USED, again.reason());
    // nothing on the server spells a token or a handle, redeemed, fired or live, in any encoding
    IssuedToken live = issuer.issue(scope);
    dev.otpkit.otp.OneShotHandles handles = dev.otpkit.otp.OneShotHandles.builder().store(one.handleStore()).build();
    String fired = handles.register(v -> { });
    handles.fire(fired, new byte[0]);
    dev.otpkit.otp.OneShotHandles.Pair pair = handles.registerPair(v -> { }, v -> { }, java.time.Duration.ofMinutes(1));
    List<String> spellings = new ArrayList<>();
    for (String value : List.of(token.value(), live.value(), fired, pair.resolve(), pair.reject())) {
      String raw = value.substring(4); // after otk_ or osh_
      spellings.add(raw);
      spellings.add(java.util.HexFormat.of().formatHex(Base64.getUrlDecoder().decode(raw)));
    }
    StringBuilder dump = new StringBuilder();
    for (String key : one.commands().keys("*")) {
      dump.append(key).append(' ');
      if ("string".equals(one.commands().type(key))) {
        dump.append(one.commands().get(key)).append(' ');
      }
    }
    String all = dump.toString();
    assertTrue(all.contains("download"), "the dump is real: " + all.length() + " characters");
    assertTrue(all.contains(":hh:{"), "the handles are there, as digests");
    for (String spelling : spellings) {
      assertFalse(all.contains(spelling), spelling);
    }
  }
}
