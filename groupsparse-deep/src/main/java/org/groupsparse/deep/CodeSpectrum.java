package org.groupsparse.deep;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * IRMAE's rank measure of a set of codes (Jing et al. 2020, section 4): the singular values of the
 * covariance matrix C = (1 / N) sum (z_i - mean)(z_i - mean)^T of N codes (its eigenvalues, as C is
 * symmetric positive semidefinite), in decreasing order, and two summaries:
 *
 * <ul>
 *   <li>the effective rank exp(H(p)), p_k = s_k / sum s (Roy and Vetterli 2007): between 1 (one
 *       direction carries all variance) and the width (variance spread evenly);
 *   <li>the numerical rank: the number of s_k above 1e-3 s_1.
 * </ul>
 *
 * @param values the covariance's eigenvalues, decreasing, clipped at 0
 */
public record CodeSpectrum(double[] values) {
  /** Relative threshold of {@link #numericalRank()}. */
  public static final double RANK_THRESHOLD = 1e-3;

  /**
   * @param codes N x width codes, row after row
   * @param count N
   * @param width code width
   * @return the spectrum of their covariance
   */
  public static CodeSpectrum of(float[] codes, int count, int width) {
    double[] mean = new double[width];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < width; j++) {
        mean[j] += codes[i * width + j];
      }
    }
    for (int j = 0; j < width; j++) {
      mean[j] /= count;
    }
    double[][] covariance = new double[width][width];
    double[] centred = new double[width];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < width; j++) {
        centred[j] = codes[i * width + j] - mean[j];
      }
      for (int a = 0; a < width; a++) {
        double ca = centred[a];
        double[] row = covariance[a];
        for (int b = 0; b <= a; b++) {
          row[b] += ca * centred[b];
        }
      }
    }
    for (int a = 0; a < width; a++) {
      for (int b = 0; b <= a; b++) {
        covariance[a][b] /= count;
        covariance[b][a] = covariance[a][b];
      }
    }
    double[] values = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false)).getRealEigenvalues();
    for (int k = 0; k < values.length; k++) {
      values[k] = Math.max(0, values[k]);
    }
    Arrays.sort(values);
    for (int k = 0; k < values.length / 2; k++) {
      double t = values[k];
      values[k] = values[values.length - 1 - k];
      values[values.length - 1 - k] = t;
    }
    return new CodeSpectrum(values);
  }

  /** @return the values divided by the largest (all zero when the codes are constant) */
  public double[] normalized() {
    double top = values.length == 0 ? 0 : values[0];
    double[] out = new double[values.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = top > 0 ? values[k] / top : 0;
    }
    return out;
  }

  /** @return exp of the entropy of the normalized spectrum (1 for constant codes) */
  public double effectiveRank() {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    if (!(sum > 0)) {
      return 1;
    }
    double entropy = 0;
    for (double v : values) {
      if (v > 0) {
        double p = v / sum;
        entropy -= p * Math.log(p);
      }
    }
    return Math.exp(entropy);
  }

  /** @return the number of values above {@link #RANK_THRESHOLD} times the largest */
  public int numericalRank() {
    int rank = 0;
    for (double v : values) {
      if (values.length > 0 && v > RANK_THRESHOLD * values[0]) {
        rank++;
      }
    }
    return rank;
  }
}
