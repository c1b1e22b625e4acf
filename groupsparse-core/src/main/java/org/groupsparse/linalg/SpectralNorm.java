package org.groupsparse.linalg;

/**
 * The largest eigenvalue of a symmetric positive semidefinite matrix by the power method with the
 * Rayleigh quotient, warm-started from the caller's vector (which is updated, so repeated calls
 * on a slowly changing matrix, such as A^T A during training, take a few iterations each). Stops
 * when the quotient changes by less than 1e-12 relative, or after 2000 iterations.
 */
public final class SpectralNorm {
  /**
   * Power-method estimates approach ||A||_2^2 from below; step sizes 1/L computed from them use L
   * enlarged by this factor (1%) so that they stay safe.
   */
  public static final double SAFETY = 1.01;
  /** Seed of the pseudo-random start vector of the matrix-free power iterations (fixed: same bytes). */
  public static final long START_SEED = 42;
  private static final int MAX_ITERATIONS = 2000;
  private static final double TOLERANCE = 1e-12;

  private SpectralNorm() {}

  /**
   * @param matrix row-major k x k symmetric positive semidefinite matrix
   * @param k order
   * @param start start vector, replaced by the final unit vector (must not be zero)
   * @return the largest eigenvalue (= ||A||_2^2 when the matrix is A^T A)
   */
  public static double largestEigenvalue(double[] matrix, int k, double[] start) {
    double[] next = new double[k];
    normalize(start);
    double value = 0;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      RowMajorBlas.gemm(false, false, k, 1, k, 1, matrix, 0, k, start, 0, 1, 0, next, 0, 1);
      double quotient = 0;
      for (int i = 0; i < k; i++) {
        quotient += start[i] * next[i];
      }
      System.arraycopy(next, 0, start, 0, k);
      if (normalize(start) == 0) {
        return 0;
      }
      if (Math.abs(quotient - value) <= TOLERANCE * Math.abs(quotient)) {
        return quotient;
      }
      value = quotient;
    }
    return value;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  private static double normalize(double[] v) {
    double nrm = norm(v);
    if (nrm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= nrm;
      }
    }
    return nrm;
  }
}
