package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneShotHandlesTest {

  private final ManualClock clock = new ManualClock(1_764_000_000_000L);
  private final OneShotHandles handles = OneShotHandles.builder().clock(clock).maxLive(100).build();

  private HandleException.Reason reason(String handle) {
    return assertThrows(HandleException.class, () -> handles.fire(handle, new byte[0])).reason();
  }

  @Test
  void firesOnce_thenDead() throws Exception {
    List<byte[]> got = new ArrayList<>();
    String h = handles.register(got::add);
    handles.fire(h, new byte[] {7});
    assertEquals(1, got.size());
    assertEquals(7, got.get(0)[0]);
    assertEquals(HandleException.Reason.ALREADY_FIRED, reason(h));
    assertEquals(1, got.size());
  }

  @Test
  void handlesAre128RandomBits_andDistinct() throws Exception {
    Set<String> seen = new HashSet<>();
    OneShotHandles many = OneShotHandles.builder().maxLive(5000).build();
    for (int i = 0; i < 2000; i++) {
      String h = many.register(v -> { });
      assertTrue(h.startsWith("osh_"));
      assertEquals(16, Base64.getUrlDecoder().decode(h.substring(4)).length);
      assertTrue(seen.add(h));
    }
  }

  @Test
  void expires() throws Exception {
    String h = handles.register(v -> { }, Duration.ofSeconds(5));
    clock.advance(5_000);
    assertEquals(HandleException.Reason.EXPIRED, reason(h));
  }

  @Test
  void pair_firingOneCancelsTheOther() throws Exception {
    List<String> calls = new ArrayList<>();
    OneShotHandles.Pair p = handles.registerPair(v -> calls.add("resolve"), v -> calls.add("reject"), Duration.ofMinutes(1));
    handles.fire(p.reject(), new byte[0]);
    assertEquals(HandleException.Reason.CANCELLED, reason(p.resolve()));
    assertEquals(HandleException.Reason.ALREADY_FIRED, reason(p.reject()));
    assertEquals(List.of("reject"), calls);
  }

  @Test
  void unknownAndMalformed() {
    assertEquals(HandleException.Reason.UNKNOWN, reason("osh_AAAAAAAAAAAAAAAAAAAAAA"));
    for (String bad : new String[] {null, "", "osh_", "osh_AAAA", "xxx_AAAAAAAAAAAAAAAAAAAAAA", "x".repeat(100_000)}) {
      assertEquals(HandleException.Reason.MALFORMED, reason(bad));
    }
  }

  @Test
  void bounded_failsClosed_recoversAfterExpiry() throws Exception {
    for (int i = 0; i < 100; i++) {
      handles.register(v -> { }, Duration.ofSeconds(1));
    }
    assertEquals(HandleException.Reason.FULL,
        assertThrows(HandleException.class, () -> handles.register(v -> { })).reason());
    clock.advance(1_000);
    handles.register(v -> { });
    assertEquals(1, handles.size());
  }

  @Test
  void callbackException_reachesCaller_butHandleIsSpent() throws Exception {
    String h = handles.register(v -> {
      throw new IllegalStateException("boom");
    });
    assertThrows(IllegalStateException.class, () -> handles.fire(h, new byte[0]));
    assertEquals(HandleException.Reason.ALREADY_FIRED, reason(h));
  }

  @Test
  void callbackMayRegisterHandles() throws Exception {
    List<String> inner = new ArrayList<>();
    String h = handles.register(v -> {
      try {
        inner.add(handles.register(x -> { }));
      } catch (HandleException e) {
        throw new IllegalStateException(e);
      }
    });
    handles.fire(h, new byte[0]);
    handles.fire(inner.get(0), new byte[0]);
  }
}
