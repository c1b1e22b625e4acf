package org.groupsparse.testing;

import java.util.SplittableRandom;

/** Seeded test inputs shared by the modules' tests (through the core's test jar). */
public final class TestData {
  private TestData() {}

  /**
   * @param n how many
   * @param seed the seed
   * @return n seeded values in 0..255, as an IDX unsigned-byte file holds them
   */
  public static int[] randomBytes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextInt(256);
    }
    return values;
  }
}
