package org.groupsparse.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.util.Check;

/**
 * The observation model of section 2 of Li et al. (ICLR 2023): y = X w* + xi with i.i.d. design
 * entries (Rademacher or standard normal) and i.i.d. N(0, sigma^2) noise. The non-zero entries of
 * w* are the given support values, placed on the first coordinates (as in the paper's experiments)
 * or on the features of randomly chosen groups. The validation rows (n/3 of them, as in the paper's
 * code) come from the same model.
 *
 * <p>Everything is drawn from one {@link SplittableRandom} seeded with the given seed, in a fixed
 * order (design, noise, validation design, validation noise): the same seed gives the same data.
 */
public final class RegressionSimulator {
  private RegressionSimulator() {}

  /**
   * Generates a problem.
   *
   * @param n training rows, at least 2
   * @param groups the group structure over p features
   * @param supportValues the non-zero entries of w*, at most p, not modified
   * @param randomPlacement false: the first coordinates; true: the features of randomly chosen
   *     groups, in group order, as many as the values need
   * @param design the design distribution
   * @param noiseSd sigma, at least 0
   * @param validationRows number of validation rows, at least 0
   * @param seed the seed
   * @return the problem
   */
  public static SimulatedRegression generate(int n, GroupStructure groups, double[] supportValues,
      boolean randomPlacement, DesignKind design, double noiseSd, int validationRows, long seed) {
    Check.atLeast("n", "simulate", n, 2);
    Check.atLeast("validation rows", "simulate", validationRows, 0);
    Check.inRange("noise", "simulate", noiseSd, 0, Double.POSITIVE_INFINITY, Check.Bounds.CLOSED_LEFT);
    int p = groups.featureCount();
    if (supportValues.length > p) {
      throw new IllegalArgumentException("support has " + supportValues.length + " values but p = " + p);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] truth = new double[p];
    if (!randomPlacement) {
      System.arraycopy(supportValues, 0, truth, 0, supportValues.length);
    } else {
      int[] order = org.groupsparse.data.Splits.permutation(groups.groupCount(), rng.nextLong());
      List<Integer> features = new ArrayList<>();
      int need = supportValues.length;
      int used = 0;
      while (features.size() < need) {
        int l = order[used++];
        for (int k = groups.start(l); k < groups.end(l); k++) {
          features.add(groups.member(k));
        }
      }
      features.sort(null);
      for (int k = 0; k < need; k++) {
        truth[features.get(k)] = supportValues[k];
      }
    }
    List<String> names = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      names.add("x" + (j + 1));
    }
    Dataset train = sample(n, p, truth, design, noiseSd, rng, names);
    Dataset validation = sample(validationRows, p, truth, design, noiseSd, rng, names);
    return new SimulatedRegression(train, validation, truth, groups, noiseSd);
  }

  private static Dataset sample(int n, int p, double[] truth, DesignKind design, double noiseSd, SplittableRandom rng,
      List<String> names) {
    double[] x = new double[n * p];
    for (int k = 0; k < x.length; k++) {
      x[k] = design == DesignKind.RADEMACHER ? (rng.nextBoolean() ? 1.0 : -1.0) : rng.nextGaussian();
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      int off = i * p;
      for (int j = 0; j < p; j++) {
        if (truth[j] != 0) {
          s += x[off + j] * truth[j];
        }
      }
      y[i] = s + noiseSd * rng.nextGaussian();
    }
    return new Dataset(new DenseMatrix(n, p, x), y, names, "y");
  }
}
