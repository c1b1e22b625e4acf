package org.groupsparse.regression.grouplasso;

import java.util.Arrays;

/**
 * Anderson extrapolation of a fixed-point iteration, as skglm accelerates its coordinate descent
 * (Bertrand and Massias, "Anderson acceleration of coordinate descent", AISTATS 2021): with the
 * last K + 1 iterates x_0..x_K and U = [x_1 - x_0, ..., x_K - x_{K-1}], the weights
 * c = (U^T U)^{-1} 1 / (1^T (U^T U)^{-1} 1) give x_e = sum_k c_k x_{k+1}. The caller accepts x_e only
 * when it lowers its objective, so the iteration stays monotone. Scratch allocated once.
 */
final class AndersonExtrapolation {
  private final int k;
  private final double[] gram;
  private final double[] factor;
  private final double[] weights;

  /** @param k K, the number of differences (iterates kept: K + 1) */
  AndersonExtrapolation(int k) {
    this.k = k;
    this.gram = new double[k * k];
    this.factor = new double[k * k];
    this.weights = new double[k];
  }

  /**
   * @param iterates x_0..x_K (rows of at least {@code length} entries), not modified except that
   *     {@code out} may be {@code iterates[0]}
   * @param length entries of each iterate used
   * @param out x_e, written into entries [0, length)
   * @return false when the differences are degenerate (no extrapolation; out untouched)
   */
  boolean extrapolate(double[][] iterates, int length, double[] out) {
    for (int a = 0; a < k; a++) {
      for (int c = 0; c <= a; c++) {
        double s = 0;
        double[] xa1 = iterates[a + 1];
        double[] xa = iterates[a];
        double[] xc1 = iterates[c + 1];
        double[] xc = iterates[c];
        for (int j = 0; j < length; j++) {
          s += (xa1[j] - xa[j]) * (xc1[j] - xc[j]);
        }
        gram[a * k + c] = s;
        gram[c * k + a] = s;
      }
    }
    double trace = 0;
    for (int a = 0; a < k; a++) {
      trace += gram[a * k + a];
    }
    if (!(trace > 0)) {
      return false;
    }
    for (int a = 0; a < k; a++) {
      gram[a * k + a] += 1e-10 * trace;
    }
    if (!ActiveSetNewton.factor(gram, k, factor, 0)) {
      return false;
    }
    double[] c = weights;
    Arrays.fill(c, 1.0);
    ActiveSetNewton.solveFactored(factor, k, c);
    double sum = 0;
    for (double v : c) {
      sum += v;
    }
    if (!(Math.abs(sum) > 0) || !Double.isFinite(sum)) {
      return false;
    }
    for (int j = 0; j < length; j++) {
      double v = 0;
      for (int a = 0; a < k; a++) {
        v += c[a] / sum * iterates[a + 1][j];
      }
      out[j] = v;
    }
    return true;
  }
}
