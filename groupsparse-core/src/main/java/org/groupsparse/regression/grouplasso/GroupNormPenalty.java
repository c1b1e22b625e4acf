package org.groupsparse.regression.grouplasso;

import org.groupsparse.util.Check;

/**
 * The weighted group norm R(w) = sum_l omega_l ||w_l||_2 of the group lasso (Yuan and Lin 2006),
 * omega_l &gt;= 0 (0 leaves a group unpenalized), with its block proximal operator (block
 * soft-thresholding) and the distance of a correlation to its subdifferential, which is the
 * group's KKT violation.
 *
 * <p>Blocks are addressed by the column positions of {@link LeastSquaresDatafit}: group l occupies
 * positions [start(l), end(l)).
 */
public final class GroupNormPenalty {
  private final double[] weights;

  /**
   * @param weights omega_l, one per group, finite and &gt;= 0, copied
   */
  public GroupNormPenalty(double[] weights) {
    for (int l = 0; l < weights.length; l++) {
      Check.inRange("weights[" + l + "]", "GroupLasso", weights[l], 0, Double.POSITIVE_INFINITY,
          Check.Bounds.CLOSED_LEFT);
    }
    this.weights = weights.clone();
  }

  /**
   * @param l group
   * @return omega_l
   */
  public double weight(int l) {
    return weights[l];
  }

  /** @return a copy of the weights */
  public double[] weights() {
    return weights.clone();
  }

  /**
   * @param l group
   * @return whether omega_l &gt; 0
   */
  public boolean isPenalized(int l) {
    return weights[l] > 0;
  }

  /**
   * R(w).
   *
   * @param w coefficients by position, not modified
   * @param datafit gives the block layout
   * @return sum_l omega_l ||w_l||
   */
  public double value(double[] w, LeastSquaresDatafit datafit) {
    double s = 0;
    for (int l = 0; l < weights.length; l++) {
      if (weights[l] > 0) {
        s += weights[l] * norm(w, datafit.start(l), datafit.end(l));
      }
    }
    return s;
  }

  /**
   * Block soft-thresholding, the prox of t omega_l ||.||: z_l (1 - t omega_l / ||z_l||)_+, in place.
   *
   * @param z the block at {@code z[from .. to)}, modified
   * @param from start
   * @param to end
   * @param threshold t omega_l
   */
  public static void blockSoftThreshold(double[] z, int from, int to, double threshold) {
    double norm = norm(z, from, to);
    double factor = norm <= threshold ? 0.0 : 1.0 - threshold / norm;
    for (int k = from; k < to; k++) {
      z[k] *= factor;
    }
  }

  /**
   * The KKT violation of one group: the distance from the correlation c_l = X_l^T r / n (minus the
   * datafit gradient) to lambda omega_l times the subdifferential of ||w_l||. It is
   * max(0, ||c_l|| - lambda omega_l) when w_l = 0, and ||c_l - lambda omega_l w_l/||w_l|| || otherwise
   * (||c_l|| for an unpenalized group).
   *
   * @param l group
   * @param w coefficients, the block at {@code w[wFrom ..]}, not modified
   * @param wFrom start of the block in {@code w}
   * @param c correlation, the block at {@code c[cFrom ..]}, not modified
   * @param cFrom start of the block in {@code c}
   * @param size block size
   * @param lambda the penalty level
   * @return the violation (0 at an exact solution)
   */
  public double violation(int l, double[] w, int wFrom, double[] c, int cFrom, int size, double lambda) {
    double level = lambda * weights[l];
    double wNorm = norm(w, wFrom, wFrom + size);
    if (wNorm == 0 || level == 0) {
      double cNorm = norm(c, cFrom, cFrom + size);
      return Math.max(0.0, cNorm - level);
    }
    double s = 0;
    double f = level / wNorm;
    for (int k = 0; k < size; k++) {
      double d = c[cFrom + k] - f * w[wFrom + k];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /**
   * Euclidean norm of {@code a[from .. to)}, scaled against overflow.
   *
   * @param a the array, not modified
   * @param from start
   * @param to end
   * @return the norm
   */
  static double norm(double[] a, int from, int to) {
    double s = 0;
    for (int k = from; k < to; k++) {
      s += a[k] * a[k];
    }
    if (s > 1e300 || (s < 1e-300 && s > 0)) {
      double scale = 0;
      for (int k = from; k < to; k++) {
        scale = Math.max(scale, Math.abs(a[k]));
      }
      s = 0;
      for (int k = from; k < to; k++) {
        double q = a[k] / scale;
        s += q * q;
      }
      return scale * Math.sqrt(s);
    }
    return Math.sqrt(s);
  }
}
