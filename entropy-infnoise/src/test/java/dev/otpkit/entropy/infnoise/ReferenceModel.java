package dev.otpkit.entropy.infnoise;

/**
 * A deliberately plain second implementation of the reference health check, for differential
 * testing of {@link PredictiveEstimator}: one method per sample, the four count tables as four
 * arrays, each step in the order DESIGN.md and the reference driver's documented behaviour give
 * (see the facts in {@link PredictiveEstimator}'s class comment). Slow and obvious on purpose;
 * written from those facts, not from the reference's code.
 */
final class ReferenceModel {

  private static final int N = 14;
  private static final int TABLE = 1 << N;

  private final double expected;
  private final int[] zerosEven = new int[TABLE];
  private final int[] onesEven = new int[TABLE];
  private final int[] zerosOdd = new int[TABLE];
  private final int[] onesOdd = new int[TABLE];
  private int history;
  private boolean lastBit;
  private double probability = 1.0;
  private long entropy;
  private long counted;
  private long total;
  private int zeroRun;
  private int oneRun;
  private long level;
  private boolean runExceeded;

  ReferenceModel(double k) {
    expected = StrictMath.log(k) / StrictMath.log(2.0);
  }

  /** Feeds the 512 samples of a packed block; returns true if a run exceeded 20 in it. */
  boolean addBlock(byte[] raw, int off) {
    level = 0;
    runExceeded = false;
    for (int i = 0; i < 512; i++) {
      boolean bit = ((raw[off + i / 8] >> (7 - i % 8)) & 1) == 1;
      addBit(bit, i % 2 == 0);
    }
    return runExceeded;
  }

  private void addBit(boolean bit, boolean even) {
    total++;
    history = (history << 1) & (TABLE - 1);
    if (lastBit) {
      history |= 1;
    }
    lastBit = bit;
    if (counted > 100) {
      if (bit) {
        oneRun++;
        zeroRun = 0;
      } else {
        zeroRun++;
        oneRun = 0;
      }
      if (oneRun > 20 || zeroRun > 20) {
        runExceeded = true;
      }
    }
    int[] zeros = even ? zerosEven : zerosOdd;
    int[] ones = even ? onesEven : onesOdd;
    int z = zeros[history];
    int o = ones[history];
    if (bit && o != 0) {
      probability *= (double) o / (z + o);
    } else if (!bit && z != 0) {
      probability *= (double) z / (z + o);
    }
    while (probability <= 0.5) {
      probability *= 2.0;
      entropy++;
      if (okToUse()) {
        level++;
      }
    }
    counted++;
    int[] table = bit ? ones : zeros;
    table[history]++;
    if (table[history] == 1 << 14) {
      for (int[] t : new int[][] {zerosEven, onesEven, zerosOdd, onesOdd}) {
        for (int i = 0; i < TABLE; i++) {
          t[i] /= 2;
        }
      }
    }
    if (counted == 80_000) {
      entropy /= 2;
      counted /= 2;
    }
  }

  boolean okToUse() {
    double e = (double) entropy / counted;
    return total >= 80_000 && e * 1.03 >= expected && e / 1.03 <= expected;
  }

  double estimate() {
    return counted == 0 ? 0.0 : (double) entropy / counted;
  }

  long level() {
    return level;
  }

  boolean onTarget() {
    long floorExpected = (long) (512 * expected);
    return floorExpected < level * 1.03;
  }
}
