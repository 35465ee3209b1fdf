package dev.otpkit.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.Sealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several documents (windows, popups, reloads) on one session, each its own stream. */
class DocumentStreamsTest {

  private static final long T0 = 1_764_000_000_000L;
  private final SecureRandom random = new SecureRandom();
  private EnvelopeKeys keys;
  private ManualClock clock;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    clock = new ManualClock(T0);
  }

  private BridgeSession session(int maxDocuments) throws GeneralSecurityException {
    return BridgeSession.builder(keys)
        .allowlist(Allowlist.builder().allow("echo").build())
        .handler("echo", p -> p)
        .clock(clock)
        .maxAge(Duration.ofSeconds(60))
        .maxFutureSkew(Duration.ofSeconds(5))
        .maxDocuments(maxDocuments)
        .build();
  }

  private String newDocument() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** The page side of one document, in Java: what the UI client does with the session's root key. */
  private final class Page {
    final String document = newDocument();
    final Sealer sealer;
    final Opener opener;

    Page(BridgeSession s) throws GeneralSecurityException {
      sealer = Sealer.builder(keys).session(s.id()).document(document).direction(Direction.UI_TO_BACKEND)
          .clock(clock).build();
      opener = Opener.builder(keys).session(s.id()).document(document).direction(Direction.BACKEND_TO_UI)
          .clock(clock).build();
    }

    String seal(String text) {
      return sealer.sealText("echo", text.getBytes(StandardCharsets.UTF_8));
    }

    String open(BridgeSession.Reply reply) throws GeneralSecurityException {
      return new String(opener.openText("echo", reply.envelope()), StandardCharsets.UTF_8);
    }
  }

  private static String rejected(ThrowingCall call) {
    return assertThrows(BridgeException.class, call::run).getMessage();
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  /** Two documents on one session used to push each other out of the window; now both work. */
  @Test
  void twoDocuments_interleaved_bothWork() throws Exception {
    BridgeSession s = session(16);
    String alias = s.aliases().alias("echo");
    Page a = new Page(s);
    Page b = new Page(s);
    for (int i = 0; i < 2000; i++) {
      assertEquals("a" + i, a.open(s.dispatch(a.document, alias, a.seal("a" + i))));
      assertEquals("b" + i, b.open(s.dispatch(b.document, alias, b.seal("b" + i))));
    }
  }

  @Test
  void anEnvelope_opensInItsDocumentOnly_once() throws Exception {
    BridgeSession s = session(16);
    String alias = s.aliases().alias("echo");
    Page a = new Page(s);
    Page b = new Page(s);
    String env = a.seal("x");
    s.dispatch(a.document, alias, env);
    assertEquals("rejected: replayed", rejected(() -> s.dispatch(a.document, alias, env)));
    s.dispatch(b.document, alias, b.seal("y"));
    assertEquals("rejected: wrong-context", rejected(() -> s.dispatch(b.document, alias, env)));
    assertEquals("rejected: wrong-context", rejected(() -> s.dispatch(newDocument(), alias, env)));
  }

  @Test
  void documentIds_areChecked() throws Exception {
    BridgeSession s = session(16);
    String alias = s.aliases().alias("echo");
    for (String bad : new String[] {null, "", "x", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAA/"}) {
      assertEquals("rejected: bad-document", rejected(() -> s.dispatch(bad, alias, "AA")));
    }
    assertThrows(IllegalArgumentException.class, () -> s.closeDocument("nope"));
  }

  /** Ids the page never had keys for leave no stream behind: they cannot fill the session. */
  @Test
  void forgedDocuments_fillNothing() throws Exception {
    BridgeSession s = session(2);
    String alias = s.aliases().alias("echo");
    Page page = new Page(s);
    String foreign = Sealer.builder(EnvelopeKeys.from(EnvelopeKeys.newKeyset())).session(s.id())
        .document(page.document).direction(Direction.UI_TO_BACKEND).clock(clock).build().sealText("echo", new byte[0]);
    for (int i = 0; i < 100; i++) {
      String d = newDocument();
      assertEquals("rejected: unknown-key", rejected(() -> s.dispatch(d, alias, foreign)));
    }
    assertEquals("x", page.open(s.dispatch(page.document, alias, page.seal("x"))));
    Page second = new Page(s);
    assertEquals("y", second.open(s.dispatch(second.document, alias, second.seal("y"))));
  }

  /**
   * Full of documents that may still be replayed, a session refuses a new one; once the oldest
   * has been idle past the maximum age and skew it is forgotten, and its old envelopes are expired.
   */
  @Test
  void fullSession_refusesNewDocuments_untilForgettingIsSafe() throws Exception {
    BridgeSession s = session(2);
    String alias = s.aliases().alias("echo");
    Page a = new Page(s);
    Page b = new Page(s);
    String old = a.seal("old");
    s.dispatch(a.document, alias, old);
    clock.advance(1_000);
    s.dispatch(b.document, alias, b.seal("b"));
    Page c = new Page(s);
    assertEquals("rejected: too-many-documents", rejected(() -> s.dispatch(c.document, alias, c.seal("c"))));
    clock.advance(65_000); // a idle 66 s > 60 s + 5 s; b idle 65 s: not yet
    assertEquals("c", c.open(s.dispatch(c.document, alias, c.seal("c"))));
    // a's place is taken, b may not be forgotten yet: a is now a new document, and refused
    assertEquals("rejected: too-many-documents", rejected(() -> s.dispatch(a.document, alias, old)));
    clock.advance(1); // b may go now; a's old envelope gets a fresh window, and is expired
    assertEquals("rejected: expired", rejected(() -> s.dispatch(a.document, alias, old)));
    assertEquals("again", a.open(s.dispatch(a.document, alias, a.seal("again"))));
  }

  @Test
  void closedDocument_isRefused_andPushNeedsAnOpenedDocument() throws Exception {
    BridgeSession s = session(16);
    String alias = s.aliases().alias("echo");
    Page a = new Page(s);
    assertEquals("rejected: unknown-document", rejected(() -> s.push(a.document, "echo", new byte[0])));
    s.dispatch(a.document, alias, a.seal("x"));
    assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8),
        a.opener.openText("echo", s.push(a.document, "echo", "hi".getBytes(StandardCharsets.UTF_8))));
    s.closeDocument(a.document);
    assertEquals("rejected: document-closed", rejected(() -> s.dispatch(a.document, alias, a.seal("y"))));
    assertEquals("rejected: document-closed", rejected(() -> s.push(a.document, "echo", new byte[0])));
  }

  /** Many threads open the first envelope of a new document at once: exactly one handler runs. */
  @Test
  void firstEnvelopeOfANewDocument_raced_opensOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 30; round++) {
        BridgeSession s = session(16);
        String alias = s.aliases().alias("echo");
        Page page = new Page(s);
        String env = page.seal("once");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(pool.submit(() -> {
            go.await();
            try {
              s.dispatch(page.document, alias, env);
              return true;
            } catch (BridgeException e) {
              assertEquals("rejected: replayed", e.getMessage());
              return false;
            }
          }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Boolean> f : results) {
          accepted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, accepted, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void maxDocuments_isBounded() {
    assertThrows(IllegalArgumentException.class, () -> session(0));
    assertThrows(IllegalArgumentException.class, () -> session(4097));
    assertDoesNotThrow(() -> session(1));
    assertDoesNotThrow(() -> session(4096));
  }
}
