package org.groupsparse.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;

/**
 * Seeded regression problems of the kind users bring, not the paper's: groups of unequal sizes
 * whose columns are scattered over the design (a random permutation), a few true groups whose
 * norms differ by a given factor, Gaussian or correlated designs, and any noise level.
 *
 * <p>Design rows are N(0, Sigma) with Sigma_jk = rho^|j - k| over the original column order (an
 * AR(1) design, the standard correlated benchmark of the lasso literature; rho = 0 is iid
 * Gaussian); because groups are scattered, the correlations fall within and between groups. The
 * true groups are chosen at random; group k of K gets norm maxNorm / ratio^(k/(K-1)) (so the norms
 * span exactly the factor {@code ratio}) and a random Gaussian direction. y = X w* + sigma xi.
 */
public final class UserProblemSimulator {
  private UserProblemSimulator() {}

  /**
   * A generated problem.
   *
   * @param train training rows
   * @param test independent test rows from the same distribution
   * @param groups the scattered groups
   * @param truth w*
   * @param trueGroups indices of the groups of the support, ascending
   * @param noise sigma
   */
  public record Problem(Dataset train, Dataset test, GroupStructure groups, double[] truth, int[] trueGroups,
      double noise) {}

  /**
   * Settings of a problem family.
   *
   * @param n training rows
   * @param nTest test rows
   * @param p features
   * @param minGroupSize smallest group
   * @param maxGroupSize largest group
   * @param trueGroups number of groups in the support
   * @param maxNorm norm of the largest true group
   * @param normRatio largest / smallest true group norm (at least 1)
   * @param rho AR(1) correlation of the design columns, in [0, 1)
   * @param noise sigma
   */
  public record Settings(int n, int nTest, int p, int minGroupSize, int maxGroupSize, int trueGroups, double maxNorm,
      double normRatio, double rho, double noise) {}

  /**
   * Generates one problem.
   *
   * @param s the settings
   * @param seed the seed
   * @return the problem
   */
  public static Problem generate(Settings s, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int p = s.p();
    // group sizes uniform in [min, max] until p is covered; a remainder below min joins the last group
    List<Integer> sizes = new ArrayList<>();
    int covered = 0;
    while (covered < p) {
      int size = s.minGroupSize() + rng.nextInt(s.maxGroupSize() - s.minGroupSize() + 1);
      size = Math.min(size, p - covered);
      if (size < s.minGroupSize() && !sizes.isEmpty()) {
        sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + size);
      } else {
        sizes.add(size);
      }
      covered += size;
    }
    int[] perm = permutation(p, rng);
    String[] label = new String[p];
    int[] groupOfColumn = new int[p];
    int offset = 0;
    for (int g = 0; g < sizes.size(); g++) {
      for (int k = 0; k < sizes.get(g); k++) {
        label[perm[offset + k]] = "G" + (g + 1);
        groupOfColumn[perm[offset + k]] = g;
      }
      offset += sizes.get(g);
    }
    GroupStructure groups = GroupStructure.ofLabels(List.of(label));
    int groupCount = sizes.size();
    int[] chosen = permutation(groupCount, rng);
    int k = Math.min(s.trueGroups(), groupCount);
    double[] truth = new double[p];
    int[] trueGroups = new int[k];
    for (int t = 0; t < k; t++) {
      int g = chosen[t];
      double norm = k == 1 ? s.maxNorm() : s.maxNorm() / Math.pow(s.normRatio(), (double) t / (k - 1));
      double sq = 0;
      double[] dir = new double[p];
      for (int j = 0; j < p; j++) {
        if (groupOfColumn[j] == g) {
          dir[j] = gaussian(rng);
          sq += dir[j] * dir[j];
        }
      }
      double scale = norm / Math.sqrt(sq);
      for (int j = 0; j < p; j++) {
        if (groupOfColumn[j] == g) {
          truth[j] = dir[j] * scale;
        }
      }
      // the structure's index of group g (labels are renumbered in order of first appearance)
      trueGroups[t] = groups.groupOf(firstColumn(groupOfColumn, g));
    }
    java.util.Arrays.sort(trueGroups);
    List<String> names = new ArrayList<>(p);
    for (int j = 1; j <= p; j++) {
      names.add("x" + j);
    }
    Dataset train = sample(s.n(), p, s.rho(), truth, s.noise(), names, rng.split());
    Dataset test = sample(s.nTest(), p, s.rho(), truth, s.noise(), names, rng.split());
    return new Problem(train, test, groups, truth, trueGroups, s.noise());
  }

  private static int firstColumn(int[] groupOfColumn, int g) {
    for (int j = 0; j < groupOfColumn.length; j++) {
      if (groupOfColumn[j] == g) {
        return j;
      }
    }
    throw new IllegalStateException();
  }

  private static Dataset sample(int n, int p, double rho, double[] truth, double noise, List<String> names,
      SplittableRandom rng) {
    double[] x = new double[n * p];
    double[] y = new double[n];
    double tail = Math.sqrt(1 - rho * rho);
    for (int i = 0; i < n; i++) {
      double prev = 0;
      double dot = 0;
      for (int j = 0; j < p; j++) {
        double z = gaussian(rng);
        double value = j == 0 ? z : rho * prev + tail * z;
        x[i * p + j] = value;
        prev = value;
        dot += value * truth[j];
      }
      y[i] = dot + noise * gaussian(rng);
    }
    return new Dataset(new DenseMatrix(n, p, x), y, names, "y");
  }

  private static int[] permutation(int n, SplittableRandom rng) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller on the seeded stream (java.util.Random's nextGaussian would need its own state)
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
