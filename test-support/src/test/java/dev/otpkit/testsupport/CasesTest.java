package dev.otpkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CasesTest {

  @Test
  void cases_areTheEdgesThenAFixedDistinctSequencePerProperty() {
    long[] a = Cases.of("p", 50).toArray();
    assertEquals(50, a.length);
    assertEquals(Cases.FIRST, a[0]);
    assertEquals(Cases.SECOND, a[1]);
    assertArrayEquals(a, Cases.of("p", 50).toArray(), "every run checks the same cases");
    assertNotEquals(a[2], Cases.of("q", 50).toArray()[2], "each property its own");
    assertEquals(50, java.util.Arrays.stream(a).distinct().count());
    assertThrows(IllegalArgumentException.class, () -> Cases.of("p", 1));
  }

  @Test
  void generators_giveTheirBoundsAtTheEdges_andStayInRangeOtherwise() {
    Random r = new Random(1);
    assertEquals(3, Cases.intIn(r, Cases.FIRST, 3, 9));
    assertEquals(9, Cases.intIn(r, Cases.SECOND, 3, 9));
    assertEquals(0, Cases.bytes(r, Cases.FIRST, 0, 100).length);
    assertEquals(100, Cases.bytes(r, Cases.SECOND, 0, 100).length);
    assertEquals(-1, Cases.longIn(r, Cases.FIRST, -1, Long.MAX_VALUE - 1));
    assertEquals(Long.MAX_VALUE - 1, Cases.longIn(r, Cases.SECOND, -1, Long.MAX_VALUE - 1));
    assertEquals(0.5, Cases.doubleIn(r, Cases.FIRST, 0.5, 1.0));
    assertTrue(Cases.doubleIn(r, Cases.SECOND, 0.5, 1.0) < 1.0);
    boolean[] seen = new boolean[7];
    for (long seed : Cases.of("range", 2000).toArray()) {
      int v = Cases.intIn(r, seed, 3, 9);
      assertTrue(v >= 3 && v <= 9, "" + v);
      seen[v - 3] = true;
      long l = Cases.longIn(r, seed, -1, Long.MAX_VALUE - 1);
      assertTrue(l >= -1 && l <= Long.MAX_VALUE - 1, "" + l);
    }
    for (boolean s : seen) {
      assertTrue(s, "every value of the range comes up");
    }
  }
}
