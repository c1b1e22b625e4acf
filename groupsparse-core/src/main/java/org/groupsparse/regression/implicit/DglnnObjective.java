package org.groupsparse.regression.implicit;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.MatrixOps;

/**
 * The DGLNN objective L(u, v) = (1/2n) ||y - X w||^2 with w_i = u_{g(i)}^2 v_i and its gradients
 * (section 2 of Li et al., ICLR 2023, scaled by 1/n): with r = y - X w and c = X^T r / n,
 * grad_{v_i} L = -u_{g(i)}^2 c_i and grad_{u_l} L = -2 u_l sum_{i in G_l} v_i c_i. These are the
 * formulas {@link DglnnTrainer} steps along; this class evaluates them on their own, for checks and
 * for callers who build their own optimizers.
 */
public final class DglnnObjective {
  private DglnnObjective() {}

  /**
   * @param groups the groups
   * @param u group scales, not modified
   * @param v directions, not modified
   * @return w with w_i = u_{g(i)}^2 v_i
   */
  public static double[] coefficients(GroupStructure groups, double[] u, double[] v) {
    double[] w = new double[v.length];
    for (int j = 0; j < w.length; j++) {
      double s = u[groups.groupOf(j)];
      w[j] = s * s * v[j];
    }
    return w;
  }

  /**
   * @param x design, not modified
   * @param y response, not modified
   * @param groups the groups
   * @param u group scales, not modified
   * @param v directions, not modified
   * @return L(u, v)
   */
  public static double loss(DenseMatrix x, double[] y, GroupStructure groups, double[] u, double[] v) {
    double[] w = coefficients(groups, u, v);
    return MatrixOps.residualSumOfSquares(x.data(), x.cols(), 0, x.rows(), y, w) / (2.0 * x.rows());
  }

  /**
   * Gradients of L at (u, v).
   *
   * @param x design, not modified
   * @param y response, not modified
   * @param groups the groups
   * @param u group scales, not modified
   * @param v directions, not modified
   * @param gradU output of length L, modified
   * @param gradV output of length p, modified
   * @return L(u, v)
   */
  public static double gradient(DenseMatrix x, double[] y, GroupStructure groups, double[] u, double[] v,
      double[] gradU, double[] gradV) {
    int n = x.rows();
    double[] w = coefficients(groups, u, v);
    double[] c = new double[w.length];
    double rss = MatrixOps.residualCorrelation(x.data(), x.cols(), 0, n, y, w, c);
    java.util.Arrays.fill(gradU, 0.0);
    for (int j = 0; j < w.length; j++) {
      int l = groups.groupOf(j);
      double cj = c[j] / n;
      gradV[j] = -u[l] * u[l] * cj;
      gradU[l] += -2.0 * u[l] * v[j] * cj;
    }
    return rss / (2.0 * n);
  }
}
