package org.groupsparse.data;

import java.util.SplittableRandom;

/** Seeded random splits of row indices. */
public final class Splits {
  private Splits() {}

  /**
   * A seeded permutation of {@code 0..n-1} (Fisher-Yates).
   *
   * @param n length
   * @param seed the seed; the same seed gives the same permutation
   * @return the permutation
   */
  public static int[] permutation(int n, long seed) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[k];
      idx[k] = t;
    }
    return idx;
  }

  /**
   * Splits {@code 0..n-1} at random into a training part and a held-out part of
   * {@code round(fraction * n)} rows (at least one row each), both returned sorted.
   *
   * @param n number of rows, at least 2
   * @param fraction held-out fraction in (0, 1)
   * @param seed the seed
   * @return {@code [training, heldOut]}
   */
  public static int[][] holdOut(int n, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("'validation fraction' must be in (0, 1); got " + fraction);
    }
    if (n < 3) {
      throw new IllegalArgumentException("need at least 3 rows to hold some out for validation; got " + n);
    }
    int held = (int) Math.round(fraction * n);
    held = Math.max(1, Math.min(n - 2, held));
    int[] perm = permutation(n, seed);
    int[] heldOut = java.util.Arrays.copyOfRange(perm, 0, held);
    int[] train = java.util.Arrays.copyOfRange(perm, held, n);
    java.util.Arrays.sort(heldOut);
    java.util.Arrays.sort(train);
    return new int[][] {train, heldOut};
  }

  /**
   * K-fold assignment: the rows in a seeded random order, position {@code pos} going to fold
   * {@code pos % folds} (round-robin, so fold sizes differ by at most one).
   *
   * @param n rows
   * @param folds number of folds, 2..n
   * @param seed the seed of the order
   * @return for each fold, its held-out rows in ascending order
   */
  public static int[][] kFold(int n, int folds, long seed) {
    int[] order = permutation(n, seed);
    int[][] test = new int[folds][];
    for (int fold = 0; fold < folds; fold++) {
      int count = 0;
      for (int pos = fold; pos < n; pos += folds) {
        count++;
      }
      test[fold] = new int[count];
      int a = 0;
      for (int pos = fold; pos < n; pos += folds) {
        test[fold][a++] = order[pos];
      }
      java.util.Arrays.sort(test[fold]);
    }
    return test;
  }

  /**
   * The rows not in {@code held}, ascending.
   *
   * @param n rows
   * @param held held-out rows, ascending, not modified
   * @return the complement
   */
  public static int[] complement(int n, int[] held) {
    int[] out = new int[n - held.length];
    int b = 0;
    int h = 0;
    for (int i = 0; i < n; i++) {
      if (h < held.length && held[h] == i) {
        h++;
      } else {
        out[b++] = i;
      }
    }
    return out;
  }
}
