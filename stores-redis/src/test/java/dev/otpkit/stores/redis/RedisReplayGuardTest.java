package dev.otpkit.stores.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpkit.hashing.Reason;
import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.hashing.ReplayGuards;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The behaviour suite against the Redis guards on a real server, and a differential run. */
class RedisReplayGuardTest extends ReplayGuardBehaviour {

  @RegisterExtension
  static final RedisFixture redis = new RedisFixture("behaviour", Duration.ZERO);

  @Override
  ReplayGuard window(int size, int maxLate) {
    return redis.state.sequenceWindow(size, maxLate);
  }

  @Override
  ReplayGuard salts() {
    return redis.state.saltCache();
  }

  @Override
  ReplayGuard windowAndSalts(int size, int maxLate) {
    return redis.state.sequenceWindowAndSaltCache(size, maxLate);
  }

  /**
   * 20,000 random checks on a few streams (steps forward, small and beyond the window, repeats,
   * numbers below the top, near the late list's bound) give exactly the in-memory guard's answers.
   */
  @Test
  void differential_againstTheInMemoryGuard() {
    for (int[] shape : new int[][] {{64, 64}, {64, 8}, {128, 0}, {1024, 1024}}) {
      ReplayGuard reference = ReplayGuards.sequenceWindow(shape[0], shape[1], 16);
      ReplayGuard redis = window(shape[0], shape[1]);
      Random random = new Random(shape[0] * 31L + shape[1]);
      String[] streams = {stream("d1"), stream("d2"), stream("d3")};
      long[] tops = {1L << 40, -1L << 20, 500};
      for (int i = 0; i < 5000; i++) {
        int k = random.nextInt(streams.length);
        long base = tops[k];
        long seq = switch (random.nextInt(6)) {
          case 0 -> base + 1 + random.nextInt(3);
          case 1 -> base + random.nextInt(shape[0] * 3);
          case 2 -> base - random.nextInt(shape[0]);
          case 3 -> base - shape[0] - random.nextInt(shape[0] * 2);
          case 4 -> base;
          default -> base + 1;
        };
        if (Long.compareUnsigned(seq, base) > 0) {
          tops[k] = seq;
        }
        Reason expected = check(reference, streams[k], seq);
        Reason actual = check(redis, streams[k], seq);
        assertEquals(expected, actual, "check " + i + " of stream " + k + ", sequence " + Long.toUnsignedString(seq)
            + " (window " + shape[0] + ", late " + shape[1] + ")");
      }
    }
  }
}
