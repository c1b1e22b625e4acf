package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;

/**
 * Checks the optimality (KKT) conditions of any candidate solution (w, b) of
 *
 * <pre>  min_{w, b} (1/2n) ||y - X w - b||^2 + lambda sum_l omega_l ||w_l||_2 :</pre>
 *
 * <p>with r = y - X w - b and c = X^T r / n, a solution satisfies sum_i r_i = 0 (when b is
 * fitted), ||c_l|| &lt;= lambda omega_l where w_l = 0, and c_l = lambda omega_l w_l / ||w_l|| where
 * w_l != 0. The violation of a group is the distance of c_l to lambda omega_l times the
 * subdifferential of ||w_l||. Computed directly from the row-major data, independently of the
 * solvers' column-major kernels, so tests can use it to certify them.
 */
public final class KktChecker {
  private KktChecker() {}

  /**
   * The result of a check.
   *
   * @param maxViolation largest group violation (absolute)
   * @param relativeViolation maxViolation / lambda
   * @param groupViolations violation per group
   * @param interceptViolation |mean(r)| when the intercept is fitted, else 0
   */
  public record Report(double maxViolation, double relativeViolation, double[] groupViolations,
      double interceptViolation) {}

  /**
   * Checks a candidate.
   *
   * @param x design n x p, not modified
   * @param y response, not modified
   * @param groups groups over the p columns
   * @param weights omega_l per group, not modified
   * @param lambda penalty level, &gt; 0
   * @param w candidate coefficients in feature order, not modified
   * @param intercept candidate intercept
   * @param interceptFitted whether the intercept is a free (unpenalized) parameter
   * @return the report
   */
  public static Report check(DenseMatrix x, double[] y, GroupStructure groups, double[] weights, double lambda,
      double[] w, double intercept, boolean interceptFitted) {
    int n = x.rows();
    int p = x.cols();
    if (y.length != n || w.length != p || groups.featureCount() != p || weights.length != groups.groupCount()) {
      throw new DimensionMismatchException("KKT check of a " + n + " x " + p + " problem got y of " + y.length
          + ", w of " + w.length + ", groups over " + groups.featureCount() + " features and " + weights.length
          + " weights for " + groups.groupCount() + " groups");
    }
    double[] data = x.data();
    double[] c = new double[p];
    double sumR = 0;
    for (int i = 0; i < n; i++) {
      double fitted = intercept;
      for (int j = 0; j < p; j++) {
        fitted += data[i * p + j] * w[j];
      }
      double r = y[i] - fitted;
      sumR += r;
      for (int j = 0; j < p; j++) {
        c[j] += data[i * p + j] * r;
      }
    }
    int[] members = groups.members();
    double[] violations = new double[groups.groupCount()];
    double worst = 0;
    for (int l = 0; l < violations.length; l++) {
      double wNorm = 0;
      double cNorm = 0;
      for (int q = groups.start(l); q < groups.end(l); q++) {
        int j = members[q];
        wNorm += w[j] * w[j];
        cNorm += (c[j] / n) * (c[j] / n);
      }
      wNorm = Math.sqrt(wNorm);
      cNorm = Math.sqrt(cNorm);
      double level = lambda * weights[l];
      double v;
      if (wNorm == 0 || level == 0) {
        v = Math.max(0, cNorm - level);
      } else {
        double s = 0;
        for (int q = groups.start(l); q < groups.end(l); q++) {
          int j = members[q];
          double d = c[j] / n - level * w[j] / wNorm;
          s += d * d;
        }
        v = Math.sqrt(s);
      }
      violations[l] = v;
      worst = Math.max(worst, v);
    }
    return new Report(worst, worst / lambda, violations, interceptFitted ? Math.abs(sumR / n) : 0.0);
  }

  /**
   * Checks one lambda of a fitted path on the problem it solved: the training data standardized as
   * the path standardized them, the coefficients of the scaled columns, intercept 0 after centring.
   *
   * @param path the path
   * @param k index on the path
   * @param train the training data the path was fitted on, not modified
   * @return the report
   */
  public static Report check(GroupLassoPathResult path, int k, org.groupsparse.data.Dataset train) {
    org.groupsparse.data.Dataset t = path.standardization().apply(train);
    return check(t.design(), t.response(), path.groups(), path.weights(), path.lambdas()[k],
        path.standardizedCoefficients(k), 0.0, path.options().fitIntercept());
  }
}
