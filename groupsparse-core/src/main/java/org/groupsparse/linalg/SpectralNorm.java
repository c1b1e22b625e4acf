package org.groupsparse.linalg;

/**
 * The largest eigenvalue of a symmetric positive semidefinite operator A by the power method: with
 * a unit vector v, the Rayleigh quotient v^T A v, then v &lt;- A v / ||A v||, until the quotient
 * changes by at most {@value #TOLERANCE} relative (or {@value #MAX_ITERATIONS} iterations). The
 * quotient approaches the eigenvalue from below, so step sizes 1/L built on it use L enlarged by
 * {@link #SAFETY}. This is the project's one power method: the Lipschitz constants of the group
 * lasso datafit (||X||_2^2 / n and the per-group ||X_l||_2^2 / n), the primal-dual operator norm,
 * the DGLNN active-set step and the autoencoders' step 1/||A||_2^2 all come from it. The caller's
 * start vector is updated, so repeated calls on a slowly changing operator (A^T A during training)
 * take a few iterations each.
 */
public final class SpectralNorm {
  /**
   * Power-method estimates approach ||A||_2^2 from below; step sizes 1/L computed from them use L
   * enlarged by this factor (1%) so that they stay safe.
   */
  public static final double SAFETY = 1.01;
  /** Seed of the pseudo-random start vector of the matrix-free power iterations (fixed: same bytes). */
  public static final long START_SEED = 42;
  /** Iteration cap of the power method. */
  public static final int MAX_ITERATIONS = 2000;
  /** Relative change of the Rayleigh quotient at which the power method stops. */
  public static final double TOLERANCE = 1e-12;

  /** y = A x for a symmetric positive semidefinite operator A (x is not modified). */
  @FunctionalInterface
  public interface SymmetricOperator {
    /**
     * @param x input vector
     * @param y output vector, overwritten with A x
     */
    void apply(double[] x, double[] y);
  }

  private SpectralNorm() {}

  /**
   * @param matrix row-major k x k symmetric positive semidefinite matrix
   * @param k order
   * @param start start vector, replaced by the final unit vector (must not be zero)
   * @return the largest eigenvalue (= ||A||_2^2 when the matrix is A^T A)
   */
  public static double largestEigenvalue(double[] matrix, int k, double[] start) {
    return largestEigenvalue((x, y) -> RowMajorBlas.gemm(false, false, k, 1, k, 1, matrix, 0, k, x, 0, 1, 0, y, 0, 1),
        start, MAX_ITERATIONS, TOLERANCE);
  }

  /**
   * The largest eigenvalue of a matrix-free operator, with the default cap and tolerance.
   *
   * @param operator y = A x, A symmetric positive semidefinite of order {@code start.length}
   * @param start start vector, replaced by the final unit vector
   * @return the largest eigenvalue (0 when A v = 0 or the start is zero)
   */
  public static double largestEigenvalue(SymmetricOperator operator, double[] start) {
    return largestEigenvalue(operator, start, MAX_ITERATIONS, TOLERANCE);
  }

  /**
   * The largest eigenvalue of a matrix-free operator with the caller's cap and tolerance (a loose
   * tolerance for estimates refreshed often during training, with a larger safety factor there).
   *
   * @param operator y = A x, A symmetric positive semidefinite of order {@code start.length}
   * @param start start vector, replaced by the final unit vector
   * @param maxIterations iteration cap
   * @param tolerance relative change of the quotient at which to stop
   * @return the largest eigenvalue (0 when A v = 0 or the start is zero)
   */
  public static double largestEigenvalue(SymmetricOperator operator, double[] start, int maxIterations,
      double tolerance) {
    int k = start.length;
    double[] next = new double[k];
    if (normalize(start) == 0) {
      return 0;
    }
    double value = 0;
    for (int it = 0; it < maxIterations; it++) {
      operator.apply(start, next);
      double quotient = 0;
      for (int i = 0; i < k; i++) {
        quotient += start[i] * next[i];
      }
      System.arraycopy(next, 0, start, 0, k);
      if (normalize(start) == 0) {
        return 0;
      }
      if (Math.abs(quotient - value) <= tolerance * Math.abs(quotient)) {
        return quotient;
      }
      value = quotient;
    }
    return value;
  }

  /**
   * A pseudo-random start vector, entries uniform on [-1/2, 1/2) from {@link #START_SEED}.
   *
   * @param k length
   * @return the vector
   */
  public static double[] seededStart(int k) {
    double[] v = new double[k];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(START_SEED);
    for (int i = 0; i < k; i++) {
      v[i] = rng.nextDouble() - 0.5;
    }
    return v;
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
