package org.groupsparse.regression;

/**
 * A cross-validation curve over an ordered grid (lambdas from largest to smallest, or iterations
 * from first to last, so that earlier means simpler): the mean over K folds of the held-out error
 * at each grid point, its standard error sd / sqrt(K) (sd with K - 1 in the denominator, as
 * cv.glmnet and cv.grpreg), the index of the minimum, and the one-standard-error index, the
 * earliest grid point whose mean is within one standard error of the minimum.
 *
 * @param mean mean held-out error per grid point
 * @param standardError its standard error
 * @param indexMin argmin of the mean (the first one on ties)
 * @param index1se the one-standard-error index, at most indexMin
 */
public record CrossValidationCurve(double[] mean, double[] standardError, int indexMin, int index1se) {
  /**
   * Summarizes fold errors.
   *
   * @param foldErrors K rows (K &gt;= 2) of equal length, the held-out error of each fold at each
   *     grid point, not modified
   * @return the curve
   */
  public static CrossValidationCurve of(double[][] foldErrors) {
    int folds = foldErrors.length;
    int count = foldErrors[0].length;
    double[] mean = new double[count];
    double[] se = new double[count];
    for (int k = 0; k < count; k++) {
      double s = 0;
      for (double[] e : foldErrors) {
        s += e[k];
      }
      double m = s / folds;
      double v = 0;
      for (double[] e : foldErrors) {
        v += (e[k] - m) * (e[k] - m);
      }
      mean[k] = m;
      se[k] = Math.sqrt(v / (folds - 1)) / Math.sqrt(folds);
    }
    int best = 0;
    for (int k = 1; k < count; k++) {
      if (mean[k] < mean[best]) {
        best = k;
      }
    }
    int oneSe = best;
    for (int k = 0; k <= best; k++) {
      if (mean[k] <= mean[best] + se[best]) {
        oneSe = k;
        break;
      }
    }
    return new CrossValidationCurve(mean, se, best, oneSe);
  }
}
