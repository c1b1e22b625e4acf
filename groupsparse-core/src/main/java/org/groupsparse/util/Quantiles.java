package org.groupsparse.util;

/**
 * Quantiles of the standard distributions that selection rules need: the normal quantile to about
 * 1e-9 (Acklam's rational approximation) and the chi-square quantile by the Wilson-Hilferty
 * approximation (within 2.5% of the exact value at 0.95 and within 5% in the far upper tail for
 * k = 1, within 1.5% for k &gt;= 6; ample for a Bonferroni screen).
 */
public final class Quantiles {
  private Quantiles() {}

  private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01};
  private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00};

  /**
   * The standard normal quantile Phi^{-1}(q) by Acklam's rational approximation.
   *
   * @param q a probability in (0, 1)
   * @return z with Phi(z) = q
   */
  public static double normal(double q) {
    Check.inRange("q", "Quantiles.normal", q, 0, 1, Check.Bounds.OPEN);
    double low = 0.02425;
    if (q < low) {
      double r = Math.sqrt(-2 * Math.log(q));
      return (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5])
          / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1);
    }
    if (q > 1 - low) {
      return -normal(1 - q);
    }
    double r = q - 0.5;
    double s = r * r;
    return (((((A[0] * s + A[1]) * s + A[2]) * s + A[3]) * s + A[4]) * s + A[5]) * r
        / (((((B[0] * s + B[1]) * s + B[2]) * s + B[3]) * s + B[4]) * s + 1);
  }

  /**
   * The chi-square quantile with k degrees of freedom by the Wilson-Hilferty approximation
   * k (1 - 2/(9k) + z sqrt(2/(9k)))^3, z = Phi^{-1}(q).
   *
   * @param q a probability in (0, 1)
   * @param k degrees of freedom, at least 1
   * @return the quantile
   */
  public static double chiSquare(double q, int k) {
    Check.atLeast("k", "Quantiles.chiSquare", k, 1);
    double z = normal(q);
    double h = 2.0 / (9.0 * k);
    double base = 1 - h + z * Math.sqrt(h);
    return k * Math.max(0, base * base * base);
  }
}
