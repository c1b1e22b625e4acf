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

  public static DenseMatrix gaussian(int n, int p, SplittableRandom rng) {
    double[] a = new double[n * p];
    for (int k = 0; k < a.length; k++) {
      a[k] = rng.nextGaussian();
    }
    return new DenseMatrix(n, p, a);
  }

  public static double[] gaussian(int n, SplittableRandom rng) {
    double[] a = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = rng.nextGaussian();
    }
    return a;
  }

  /** Random unequal, non-contiguous groups: labels drawn at random for each feature, all groups non-empty. */
  public static GroupStructure randomGroups(int p, int groups, SplittableRandom rng) {
    List<String> labels = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      labels.add("G" + (j < groups ? j : rng.nextInt(groups)));
    }
    java.util.Collections.shuffle(labels, new java.util.Random(rng.nextLong()));
    return GroupStructure.ofLabels(labels);
  }
}
