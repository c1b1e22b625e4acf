package org.groupsparse.regression.grouplasso;

/**
 * Upper bounds on the block gradient norms ||X_l^T r / n|| along a path from one reference pass, so
 * that a certification or a screen need not read the columns of a zero group that cannot violate.
 * With g_l(r) = X_l^T r / n and a reference residual r_ref where every ||g_l(r_ref)|| was computed,
 *
 * <pre>  ||g_l(r)|| &lt;= ||g_l(r_ref)|| + ||X_l||_2 ||r - r_ref|| / n
 *            =  ||g_l(r_ref)|| + sqrt(L_l) ||r - r_ref|| / sqrt(n),</pre>
 *
 * <p>L_l = lambda_max(X_l^T X_l / n) from the datafit's exact block eigendecomposition (the triangle
 * inequality and the operator norm; the bound is attained when r - r_ref is the top left singular
 * vector of X_l and r_ref = 0). A zero group whose bound is below its penalty level lambda omega_l
 * has KKT violation max(0, ||g_l|| - lambda omega_l) = 0 without a pass over its columns: the
 * safe-screening idea of El Ghaoui et al. (2012) and the gap-safe rules of Ndiaye et al. (2017),
 * applied to certification along the path. Used by the least-squares and the GLM paths.
 */
final class GradientNormBound {
  /** Relative margin on sqrt(L_l) (exact but for rounding). */
  private static final double BLOCK_NORM_ROUNDING = 1e-12;

  private final QuadraticDatafit f;
  private final int n;
  private final double[] blockNorms;
  private final double[] reference;
  private final double[] referenceNorm;
  private double drift;

  /** @param f the datafit whose block Lipschitz constants L_l give ||X_l||_2 = sqrt(n L_l) */
  GradientNormBound(QuadraticDatafit f) {
    this.f = f;
    this.n = f.rows();
    int groups = f.groupCount();
    this.blockNorms = new double[groups];
    java.util.Arrays.fill(blockNorms, Double.NaN);
    this.reference = new double[n];
    this.referenceNorm = new double[groups];
  }

  /**
   * Makes r the reference.
   *
   * @param r the residual, copied
   * @param norms ||g_l(r)|| for every group, copied
   */
  void reset(double[] r, double[] norms) {
    System.arraycopy(r, 0, reference, 0, n);
    System.arraycopy(norms, 0, referenceNorm, 0, referenceNorm.length);
    drift = 0;
  }

  /**
   * Measures ||r - r_ref|| / sqrt(n) for the following {@link #upper} calls.
   *
   * @param r the current residual, not modified
   */
  void moveTo(double[] r) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = r[i] - reference[i];
      s += d * d;
    }
    drift = Math.sqrt(s / n);
  }

  /**
   * @param l group
   * @return an upper bound on ||X_l^T r / n|| at the residual of the last {@link #moveTo}
   */
  double upper(int l) {
    return referenceNorm[l] + blockNorm(l) * drift;
  }

  /** sqrt(L_l) = ||X_l||_2 / sqrt(n), from the block's eigendecomposition on first use. */
  private double blockNorm(int l) {
    double v = blockNorms[l];
    if (Double.isNaN(v)) {
      v = Math.sqrt(f.blockLipschitz(l)) * (1 + BLOCK_NORM_ROUNDING);
      blockNorms[l] = v;
    }
    return v;
  }
}
