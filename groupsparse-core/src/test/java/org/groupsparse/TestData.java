package org.groupsparse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;

/** Seeded random inputs for property tests. */
public final class TestData {
  private TestData() {}

  /** Tolerance for agreement of two summation orders in double precision. */
  public static final double ROUNDING = 1e-10;

  /**
   * @param n rows
   * @param p columns
   * @param rng the generator
   * @return an n x p matrix of independent standard normal entries
   */
  public static DenseMatrix gaussian(int n, int p, SplittableRandom rng) {
    double[] a = new double[n * p];
    for (int k = 0; k < a.length; k++) {
      a[k] = rng.nextGaussian();
    }
    return new DenseMatrix(n, p, a);
  }

  /**
   * @param n length
   * @param rng the generator
   * @return n independent standard normal values
   */
  public static double[] gaussian(int n, SplittableRandom rng) {
    double[] a = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = rng.nextGaussian();
    }
    return a;
  }

  /**
   * Random unequal, non-contiguous groups: labels drawn at random for each feature, all groups non-empty.
   *
   * @param p features
   * @param groups number of groups, at most p
   * @param rng the generator
   * @return the groups
   */
  public static GroupStructure randomGroups(int p, int groups, SplittableRandom rng) {
    List<String> labels = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      labels.add("G" + (j < groups ? j : rng.nextInt(groups)));
    }
    java.util.Collections.shuffle(labels, new java.util.Random(rng.nextLong()));
    return GroupStructure.ofLabels(labels);
  }

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
