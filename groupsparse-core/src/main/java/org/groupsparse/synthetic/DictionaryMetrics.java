package org.groupsparse.synthetic;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.linalg.SymmetricEigen;

/** Metrics of Theodosis et al. section 4.1 and eq. (3) for dictionaries and codes. */
public final class DictionaryMetrics {
  private DictionaryMetrics() {}

  /**
   * ||A_normalized - Astar_normalized||_F^2: the distance between column-normalized dictionaries (section
   * 4.1). A zero column stays zero.
   *
   * @param a A, n x m
   * @param reference A*, n x m
   * @return the squared Frobenius distance
   */
  public static double normalizedDistance(DenseMatrix a, DenseMatrix reference) {
    sameShape(a, reference);
    double[] na = columnNorms(a);
    double[] nr = columnNorms(reference);
    int m = a.cols();
    double[] x = a.data();
    double[] y = reference.data();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      int j = i % m;
      double e = (na[j] > 0 ? x[i] / na[j] : 0) - (nr[j] > 0 ? y[i] / nr[j] : 0);
      s += e * e;
    }
    return s;
  }

  /**
   * The mean over columns of the cosine between a_j and a*_j (the "average correlation between the
   * columns" of the initialization and the generator, section 4.1).
   *
   * @param a A
   * @param reference A*
   * @return mean_j a_j . a*_j / (||a_j|| ||a*_j||)
   */
  public static double meanColumnCorrelation(DenseMatrix a, DenseMatrix reference) {
    sameShape(a, reference);
    int n = a.rows();
    int m = a.cols();
    double[] na = columnNorms(a);
    double[] nr = columnNorms(reference);
    double[] dots = new double[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        dots[j] += a.data()[i * m + j] * reference.data()[i * m + j];
      }
    }
    double s = 0;
    for (int j = 0; j < m; j++) {
      s += dots[j] / (na[j] * nr[j]);
    }
    return s / m;
  }

  /**
   * Block coherence, eq. (3): mu_B = max_{g != h} (1/d) ||A_g^T A_h||_2, with d the size of group
   * g (groups of equal size in the paper).
   *
   * @param a A, n x m
   * @param groups groups of A's columns
   * @return mu_B (0 with one group)
   */
  public static double blockCoherence(DenseMatrix a, GroupStructure groups) {
    int n = a.rows();
    int m = a.cols();
    double[] gram = new double[m * m];
    RowMajorBlas.gemm(true, false, m, m, n, 1, a.data(), a.data(), 0, gram);
    int[] members = groups.members();
    double worst = 0;
    for (int g = 0; g < groups.groupCount(); g++) {
      for (int h = 0; h < groups.groupCount(); h++) {
        if (g == h) {
          continue;
        }
        int dg = groups.size(g);
        int dh = groups.size(h);
        // B = A_g^T A_h (dg x dh); ||B||_2^2 = largest eigenvalue of B^T B
        double[] btb = new double[dh * dh];
        for (int p = 0; p < dh; p++) {
          for (int q = p; q < dh; q++) {
            double s = 0;
            for (int k = 0; k < dg; k++) {
              int row = members[groups.start(g) + k] * m;
              s += gram[row + members[groups.start(h) + p]] * gram[row + members[groups.start(h) + q]];
            }
            btb[p * dh + q] = s;
            btb[q * dh + p] = s;
          }
        }
        double[] values = SymmetricEigen.of(btb, dh).values();
        worst = Math.max(worst, Math.sqrt(Math.max(0, values[dh - 1])) / dg);
      }
    }
    return worst;
  }

  /**
   * Active groups per code row.
   *
   * @param codes X, N x m
   * @param groups the code groups
   * @return active[i][g]: some entry of group g of row i is nonzero
   */
  public static boolean[][] activeGroups(DenseMatrix codes, GroupStructure groups) {
    if (codes.cols() != groups.featureCount()) {
      throw new DimensionMismatchException("codes have " + codes.cols() + " entries; the groups cover "
          + groups.featureCount());
    }
    int[] members = groups.members();
    int m = codes.cols();
    boolean[][] active = new boolean[codes.rows()][groups.groupCount()];
    double[] x = codes.data();
    for (int i = 0; i < codes.rows(); i++) {
      for (int g = 0; g < groups.groupCount(); g++) {
        for (int k = groups.start(g); k < groups.end(g); k++) {
          if (x[i * m + members[k]] != 0) {
            active[i][g] = true;
            break;
          }
        }
      }
    }
    return active;
  }

  /**
   * Support recovery rate: the fraction of rows whose active groups are exactly the true ones.
   *
   * @param codes encoder output, N x m
   * @param groups the code groups
   * @param trueSupport true active groups per row
   * @return fraction in [0, 1]
   */
  public static double supportRecoveryRate(DenseMatrix codes, GroupStructure groups, boolean[][] trueSupport) {
    boolean[][] active = activeGroups(codes, groups);
    if (active.length != trueSupport.length) {
      throw new DimensionMismatchException(active.length + " code rows but " + trueSupport.length + " true supports");
    }
    int exact = 0;
    for (int i = 0; i < active.length; i++) {
      if (java.util.Arrays.equals(active[i], trueSupport[i])) {
        exact++;
      }
    }
    return active.length == 0 ? 0 : (double) exact / active.length;
  }

  /**
   * @param a matrix
   * @return the l2 norm of each column
   */
  public static double[] columnNorms(DenseMatrix a) {
    int m = a.cols();
    double[] s = new double[m];
    double[] x = a.data();
    for (int i = 0; i < x.length; i++) {
      s[i % m] += x[i] * x[i];
    }
    for (int j = 0; j < m; j++) {
      s[j] = Math.sqrt(s[j]);
    }
    return s;
  }

  private static void sameShape(DenseMatrix a, DenseMatrix b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
      throw new DimensionMismatchException("dictionaries of different shapes: " + a.rows() + " x " + a.cols() + " and "
          + b.rows() + " x " + b.cols());
    }
  }
}
