package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DrbgTest {

  @ParameterizedTest
  @EnumSource(Drbg.Mechanism.class)
  void instantiation_drawsEntropyAndNonceFromSource(Drbg.Mechanism mechanism) {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg drbg = Drbg.builder(source).mechanism(mechanism).build();
    assertEquals(0, source.draws.get(), "no entropy is drawn before the first request");
    drbg.bytes(16);
    // nonce (16 bytes) + entropy input (32 bytes)
    assertEquals(2, source.draws.get());
    assertEquals(48, source.bytes.get());
    drbg.bytes(16);
    assertEquals(2, source.draws.get(), "small requests are served from the buffer");
  }

  @Test
  void reseedInterval_drawsFromSourceEveryIntervalRequests() {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg drbg = Drbg.builder(source).reseedInterval(3).bufferSize(0).build();
    drbg.bytes(32); // instantiate: 2 draws, request 1
    drbg.bytes(32); // request 2
    drbg.bytes(32); // request 3
    assertEquals(2, source.draws.get());
    drbg.bytes(32); // request 4: reseed first
    assertEquals(3, source.draws.get());
    for (int i = 0; i < 6; i++) {
      drbg.bytes(32);
    }
    assertEquals(5, source.draws.get());
  }

  @Test
  void reseedInterval_countsBufferRefills() {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg drbg = Drbg.builder(source).reseedInterval(2).bufferSize(64).build();
    for (int i = 0; i < 64 * 6 / 16; i++) {
      drbg.bytes(16); // 6 refills of 64 bytes
    }
    // 2 instantiation draws + a reseed before refills 3 and 5
    assertEquals(4, source.draws.get());
  }

  @ParameterizedTest
  @EnumSource(Drbg.Mechanism.class)
  void predictionResistance_drawsOnEveryRequest(Drbg.Mechanism mechanism) {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg drbg = Drbg.builder(source).mechanism(mechanism).predictionResistance(true).build();
    drbg.bytes(16);
    int afterFirst = source.draws.get();
    for (int i = 0; i < 10; i++) {
      drbg.bytes(16);
    }
    assertEquals(afterFirst + 10, source.draws.get());
  }

  @Test
  void failedSource_makesDrbgThrow_onEveryThread_evenWithBufferedOutput() throws Exception {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg drbg = Drbg.builder(source).reseedInterval(1).bufferSize(1024).build();
    drbg.bytes(16); // this thread now has 1008 buffered bytes
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      other.submit(() -> drbg.bytes(16)).get();
      source.failing.set(true);
      // the other thread's next refill hits the failed source
      assertThrows(Exception.class, () -> other.submit(() -> drbg.bytes(2000)).get());
      assertTrue(drbg.failed());
      // this thread still has buffered bytes, but must not be served them
      EntropyException e = assertThrows(EntropyException.class, () -> drbg.bytes(16));
      assertTrue(e.getMessage().contains("counting(system)"), e.getMessage());
      source.failing.set(false);
      assertThrows(EntropyException.class, () -> drbg.bytes(16));
    } finally {
      other.shutdownNow();
    }
  }

  /**
   * Two DRBGs over one health-tested source, each with a full buffer; the source fails for another
   * reader (a direct read, or the other DRBG's reseed). Neither DRBG may serve one more byte,
   * although each still holds 4,080 buffered bytes drawn before the failure.
   */
  @ParameterizedTest(name = "failure seen by {0}")
  @ValueSource(strings = {"a direct reader", "the other DRBG"})
  void sourceFailedForAnotherReader_stopsEveryDrbgOverIt_atOnce(String whoSawIt) {
    ScriptedNoise noise = new ScriptedNoise(4, 2048, 0.5); // stuck after 2048 raw bytes
    EntropySource source = EntropySources.healthTested(noise);
    Drbg first = Drbg.builder(source).build();
    Drbg second = Drbg.builder(source).build();
    first.bytes(16);
    second.bytes(16); // each thread-lane now buffers 4096 - 16 bytes
    if (whoSawIt.equals("a direct reader")) {
      assertThrows(EntropyException.class, () -> {
        while (true) {
          source.bytes(32);
        }
      });
    } else {
      assertThrows(EntropyException.class, () -> {
        while (true) {
          first.reseed(null);
        }
      });
    }
    assertEquals(HealthStatus.State.FAILED, source.health().state());
    for (Drbg drbg : List.of(first, second)) {
      int served = 0;
      for (int i = 0; i < 255; i++) {
        try {
          drbg.bytes(16);
          served++;
        } catch (EntropyException expected) {
          assertTrue(expected.getMessage().contains("scripted"), expected.getMessage());
        }
      }
      assertEquals(0, served, "requests served from a buffer after the source failed");
      assertTrue(drbg.failed());
    }
  }

  /** A source written outside otpkit gets the check from the default {@code failed()}, through its health. */
  @Test
  void foreignSourceReportingFailure_stopsEveryDrbg_atOnce() {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg first = Drbg.builder(source).build();
    Drbg second = Drbg.builder(source).build();
    first.bytes(16);
    second.bytes(16);
    source.failing.set(true);
    assertThrows(EntropyException.class, () -> first.bytes(16));
    assertThrows(EntropyException.class, () -> second.bytes(16));
  }

  @Test
  void sourceReportingFailure_stopsDrbgAtNextRefill() {
    CountingSource source = new CountingSource(EntropySources.system());
    Drbg drbg = Drbg.builder(source).bufferSize(64).build();
    drbg.bytes(16);
    source.failing.set(true); // health() now reports FAILED, though no draw happens
    assertThrows(EntropyException.class, () -> drbg.bytes(64));
    assertThrows(EntropyException.class, () -> drbg.bytes(1));
  }

  @Test
  void fastPath_threadsNeverShareOutput() throws Exception {
    Drbg drbg = Drbg.builder(EntropySources.system()).build();
    Set<String> salts = ConcurrentHashMap.newKeySet();
    int threads = 4;
    int perThread = 5000;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          int duplicates = 0;
          for (int i = 0; i < perThread; i++) {
            if (!salts.add(Arrays.toString(drbg.bytes(16)))) {
              duplicates++;
            }
          }
          return duplicates;
        }));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        assertEquals(0, f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(threads * perThread, salts.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void largeRequests_spanManyGenerateCalls() {
    Drbg drbg = Drbg.builder(EntropySources.system()).build();
    byte[] big = drbg.bytes(100_000);
    // a fresh 100 kB of DRBG output has every byte value
    Set<Byte> seen = new HashSet<>();
    for (byte b : big) {
      seen.add(b);
    }
    assertEquals(256, seen.size());
    assertFalse(Arrays.equals(Arrays.copyOfRange(big, 0, 32768), Arrays.copyOfRange(big, 32768, 65536)));
  }

  @Test
  void builder_rejectsOutOfRangeSettings() {
    EntropySource s = EntropySources.system();
    assertThrows(IllegalArgumentException.class, () -> Drbg.builder(s).reseedInterval(0).build());
    assertThrows(IllegalArgumentException.class, () -> Drbg.builder(s).bufferSize(-1).build());
    assertThrows(IllegalArgumentException.class, () -> Drbg.builder(s).bufferSize(1 << 20).build());
    assertThrows(NullPointerException.class, () -> Drbg.builder(null));
  }

  @Test
  void secureRandom_isBackedByDrbgAndSource() {
    CountingSource source = new CountingSource(EntropySources.system());
    SecureRandom random = Drbg.builder(source).build().asSecureRandom();
    random.nextBytes(new byte[16]);
    assertEquals(2, source.draws.get());
    assertEquals(OtpkitProvider.NAME, random.getProvider().getName());
    assertEquals(OtpkitProvider.DRBG, random.getAlgorithm());
    byte[] seed = random.generateSeed(24);
    assertEquals(24, seed.length);
    assertEquals(3, source.draws.get(), "generateSeed reads the source itself");
  }
}
