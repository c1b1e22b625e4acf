package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.SymmetricEigen;

/**
 * grpreg's orthonormalization of the groups (Breheny and Huang 2015, section 2.1), which defines its
 * group MCP and group SCAD: with G_l = X_l^T X_l / n = V D V^T, the group's columns are replaced by
 * Q_l = X_l V_r D_r^{-1/2} (the r directions with d &gt; 1e-10 d_max), so that Q_l^T Q_l / n = I,
 * and the penalty applies to theta_l with w_l = T_l theta_l, T_l = V_r D_r^{-1/2}; ||theta_l|| =
 * ||X_l w_l|| / sqrt(n). On orthonormal blocks the block update of MCP and SCAD is exact (firm
 * thresholding) and the path converges as fast as the group lasso's, where the majorized update on
 * correlated columns crawls.
 */
final class GroupOrthonormalization {
  private static final double FLAT = 1e-10;
  private final DenseMatrix design;
  private final GroupStructure groups;
  private final GroupStructure original;
  /** Per group: T_l row-major, m_l x r_l. */
  private final double[][] transforms;
  private final int[] ranks;

  private GroupOrthonormalization(DenseMatrix design, GroupStructure groups, GroupStructure original,
      double[][] transforms, int[] ranks) {
    this.design = design;
    this.groups = groups;
    this.original = original;
    this.transforms = transforms;
    this.ranks = ranks;
  }

  /**
   * @param x n x p design (row-major, already centred and scaled as the path standardizes it)
   * @param groups the groups of its columns
   * @return the orthonormalized problem
   */
  static GroupOrthonormalization of(DenseMatrix x, GroupStructure groups) {
    int n = x.rows();
    int p = x.cols();
    double[] data = x.data();
    int[] members = groups.members();
    int count = groups.groupCount();
    double[][] transforms = new double[count][];
    int[] ranks = new int[count];
    int total = 0;
    for (int l = 0; l < count; l++) {
      int m = groups.end(l) - groups.start(l);
      double[] gram = new double[m * m];
      for (int i = 0; i < n; i++) {
        int row = i * p;
        for (int a = 0; a < m; a++) {
          double xa = data[row + members[groups.start(l) + a]];
          for (int b = a; b < m; b++) {
            gram[a * m + b] += xa * data[row + members[groups.start(l) + b]] / n;
          }
        }
      }
      SymmetricEigen eigen = SymmetricEigen.of(gram, m);
      double[] d = eigen.values();
      double[] v = eigen.vectors();
      double top = Math.max(d[m - 1], 0.0);
      int r = 0;
      for (int c = 0; c < m; c++) {
        if (d[c] > FLAT * top && top > 0) {
          r++;
        }
      }
      int kept = Math.max(r, 1); // an all-zero group keeps one zero column, never fitted
      double[] t = new double[m * kept];
      int col = 0;
      for (int c = m - r; c < m; c++, col++) {
        double scale = 1 / Math.sqrt(d[c]);
        for (int i = 0; i < m; i++) {
          t[i * kept + col] = v[i * m + c] * scale;
        }
      }
      transforms[l] = t;
      ranks[l] = kept;
      total += kept;
    }
    double[] q = new double[Math.multiplyExact(n, total)];
    int offset = 0;
    for (int l = 0; l < count; l++) {
      int m = groups.end(l) - groups.start(l);
      int r = ranks[l];
      double[] t = transforms[l];
      for (int i = 0; i < n; i++) {
        int row = i * p;
        for (int a = 0; a < m; a++) {
          double xa = data[row + members[groups.start(l) + a]];
          if (xa == 0) {
            continue;
          }
          for (int c = 0; c < r; c++) {
            q[i * total + offset + c] += xa * t[a * r + c];
          }
        }
      }
      offset += r;
    }
    return new GroupOrthonormalization(new DenseMatrix(n, total, q), GroupStructure.ofSizes(ranks), groups,
        transforms, ranks);
  }

  /** @return the orthonormalized design Q (n x sum r_l, groups contiguous) */
  DenseMatrix design() {
    return design;
  }

  /** @return the groups of Q's columns (contiguous, sizes r_l) */
  GroupStructure groups() {
    return groups;
  }

  /**
   * Maps theta (by Q's columns) to w (by the original features): w_l = T_l theta_l.
   *
   * @param theta coefficients of Q
   * @param out receives w, length p
   */
  void toFeatures(double[] theta, double[] out) {
    int[] members = original.members();
    int offset = 0;
    for (int l = 0; l < transforms.length; l++) {
      int m = original.end(l) - original.start(l);
      int r = ranks[l];
      double[] t = transforms[l];
      for (int a = 0; a < m; a++) {
        double s = 0;
        for (int c = 0; c < r; c++) {
          s += t[a * r + c] * theta[offset + c];
        }
        out[members[original.start(l) + a]] = s;
      }
      offset += r;
    }
  }

  /**
   * The coefficients of a path's datafit by original feature: mapped back through the
   * orthonormalization when there is one, else reordered from group order.
   *
   * @param ortho the orthonormalization, or null
   * @param f the datafit the path solved
   * @param w coefficients by the datafit's column positions
   * @param out receives them by feature
   */
  static void byFeature(GroupOrthonormalization ortho, QuadraticDatafit f, double[] w, double[] out) {
    if (ortho != null) {
      ortho.toFeatures(w, out);
      return;
    }
    for (int q = 0; q < f.cols(); q++) {
      out[f.featureOfPosition(q)] = w[q];
    }
  }
}
