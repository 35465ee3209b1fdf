package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.hashing.Sealer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the registry and the session ask of a shared store (the Redis module implements it; its
 * own tests run against a real server): here a recording store in memory.
 */
class SharedStateTest {

  /** Decides fates like a shared store would, recording what it was asked; fails when told to. */
  static final class RecordingHandles implements HandleStore {
    final List<byte[][]> added = new ArrayList<>();
    final Map<String, String> fateOf = new HashMap<>();
    final Map<String, Outcome> decided = new HashMap<>();
    boolean down;

    @Override
    public synchronized void add(byte[][] halves, long expiresAtMillis, long nowMillis) throws HandleException {
      if (down) {
        throw new HandleException(HandleException.Reason.STATE_UNAVAILABLE, "down");
      }
      added.add(halves);
      for (byte[] h : halves) {
        fateOf.put(hex(h), hex(halves[0]));
      }
    }

    @Override
    public synchronized Outcome claim(byte[] half, long nowMillis) throws HandleException {
      if (down) {
        throw new HandleException(HandleException.Reason.STATE_UNAVAILABLE, "down");
      }
      String fate = fateOf.get(hex(half));
      if (fate == null) {
        return Outcome.UNKNOWN;
      }
      Outcome before = decided.get(hex(half));
      if (before != null) {
        return before;
      }
      fateOf.forEach((h, f) -> {
        if (f.equals(fate)) {
          decided.put(h, h.equals(hex(half)) ? Outcome.ALREADY_FIRED : Outcome.CANCELLED);
        }
      });
      return Outcome.FIRED;
    }
  }

  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  static byte[] digestOf(String handle) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Base64.getUrlDecoder().decode(handle.substring(4)));
  }

  @Test
  void handles_recordTheDigestsOfEachFate_andFireOnlyWhenTheStoreSaysSo() throws Exception {
    RecordingHandles store = new RecordingHandles();
    OneShotHandles handles = OneShotHandles.builder().store(store).build();
    AtomicInteger runs = new AtomicInteger();
    String one = handles.register(v -> runs.incrementAndGet());
    OneShotHandles.Pair pair = handles.registerPair(v -> runs.incrementAndGet(), v -> runs.incrementAndGet(),
        Duration.ofMinutes(1));
    assertEquals(2, store.added.size());
    assertArrayEquals(digestOf(one), store.added.get(0)[0], "the digest, never the handle");
    assertArrayEquals(digestOf(pair.resolve()), store.added.get(1)[0]);
    assertArrayEquals(digestOf(pair.reject()), store.added.get(1)[1]);

    handles.fire(pair.reject(), new byte[0]);
    assertEquals(1, runs.get());
    // the store decided the other half already (as another instance would have): it does not fire
    store.decided.put(hex(digestOf(one)), HandleStore.Outcome.ALREADY_FIRED);
    HandleException elsewhere = assertThrows(HandleException.class, () -> handles.fire(one, new byte[0]));
    assertEquals(HandleException.Reason.ALREADY_FIRED, elsewhere.reason());
    assertEquals(1, runs.get());
    for (HandleStore.Outcome o : new HandleStore.Outcome[] {HandleStore.Outcome.CANCELLED,
        HandleStore.Outcome.EXPIRED, HandleStore.Outcome.UNKNOWN}) {
      store.decided.put(hex(digestOf(one)), o);
      HandleException e = assertThrows(HandleException.class, () -> handles.fire(one, new byte[0]));
      assertEquals(o.name(), e.reason().name());
    }
    assertEquals(1, runs.get());
  }

  @Test
  void handles_whenTheStoreCannotBeAsked_registerNothing_andFireNothing() throws Exception {
    RecordingHandles store = new RecordingHandles();
    OneShotHandles handles = OneShotHandles.builder().store(store).maxLive(3).build();
    AtomicInteger runs = new AtomicInteger();
    String live = handles.register(v -> runs.incrementAndGet());
    store.down = true;
    HandleException add = assertThrows(HandleException.class,
        () -> handles.registerPair(v -> { }, v -> { }, Duration.ofMinutes(1)));
    assertEquals(HandleException.Reason.STATE_UNAVAILABLE, add.reason());
    assertEquals(1, handles.size(), "nothing of the refused pair is held");
    HandleException fire = assertThrows(HandleException.class, () -> handles.fire(live, new byte[0]));
    assertEquals(HandleException.Reason.STATE_UNAVAILABLE, fire.reason());
    assertEquals(0, runs.get());
    store.down = false;
    handles.register(v -> { }); // the refused pair's slots were given back: room for one more
    handles.fire(live, new byte[0]);
    assertEquals(1, runs.get());
  }

  @Test
  void aSessionOnSharedState_usesItsGuardTokensAndHandles() throws Exception {
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    List<String> streams = new ArrayList<>();
    ReplayGuard guard = (stream, sequence, salt, expires, now) -> {
      streams.add(stream);
      if (streams.size() > 1) {
        throw new EnvelopeException(Reason.STATE_UNAVAILABLE, "the shared store is down");
      }
    };
    List<byte[]> tokenDigests = new ArrayList<>();
    TokenStore tokens = new TokenStore() {
      @Override
      public void add(byte[] digest, Scope scope, long expiresAtMillis, long nowMillis) {
        tokenDigests.add(digest);
      }

      @Override
      public Outcome consume(byte[] digest, Scope scope, long nowMillis) {
        return Outcome.UNKNOWN;
      }
    };
    RecordingHandles handleStore = new RecordingHandles();
    SharedState shared = new SharedState() {
      @Override
      public ReplayGuard replayGuard() {
        return guard;
      }

      @Override
      public TokenStore tokenStore() {
        return tokens;
      }

      @Override
      public HandleStore handleStore() {
        return handleStore;
      }
    };
    BridgeSession session = BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("notes.save").build())
        .handler("notes.save", p -> p)
        .sharedState(shared)
        .build();
    String document = "AAAAAAAAAAAAAAAAAAAAAA";
    Sealer page = Sealer.builder(keys).session(session.id()).document(document).direction(Direction.UI_TO_BACKEND)
        .build();
    String alias = session.aliases().alias("notes.save");
    session.dispatch(document, alias, page.sealText("notes.save", "a".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, streams.size());
    assertTrue(streams.get(0).contains(session.id() + "." + document), streams.get(0));
    BridgeException down = assertThrows(BridgeException.class,
        () -> session.dispatch(document, alias, page.sealText("notes.save", "b".getBytes(StandardCharsets.UTF_8))));
    assertEquals(Reason.STATE_UNAVAILABLE, down.envelopeReason(), "refused, never run unchecked");
    session.tokens().issue(new Scope("confirm", session.id()));
    assertEquals(1, tokenDigests.size());
    session.handles().register(v -> { });
    assertEquals(1, handleStore.added.size());
  }
}
