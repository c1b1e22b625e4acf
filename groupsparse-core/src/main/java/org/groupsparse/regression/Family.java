package org.groupsparse.regression;

/**
 * The distribution of the response and its link, as in grpreg's and glmnet's {@code family}: the
 * model's linear predictor eta = b + x^T w is the mean (Gaussian) or the log-odds (binomial).
 */
public enum Family {
  /** Least squares: mean = eta, loss (1/2n)||y - eta||^2. */
  GAUSSIAN,
  /** Logistic regression, y in {0, 1}: P(y = 1) = 1/(1 + exp(-eta)), loss (1/n) sum log(1 + e^eta) - y eta. */
  BINOMIAL;

  /**
   * @param eta the linear predictor
   * @return the mean of the response: eta, or the probability 1/(1 + exp(-eta))
   */
  public double mean(double eta) {
    return this == GAUSSIAN ? eta : eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  }

  /**
   * The unit deviance, the measure of fit of cross-validation (glmnet's {@code type.measure =
   * "deviance"}): (y - eta)^2 for Gaussian; -2 (y eta - log(1 + e^eta)) for binomial, computed
   * without overflow for any eta.
   *
   * @param y the response (0 or 1 for binomial)
   * @param eta the linear predictor
   * @return the deviance contribution of the row
   */
  public double deviance(double y, double eta) {
    if (this == GAUSSIAN) {
      double d = y - eta;
      return d * d;
    }
    return 2 * (log1pExp(eta) - y * eta);
  }

  /**
   * log(1 + e^x) without overflow or loss of precision at large |x|.
   *
   * @param x any finite number
   * @return log(1 + e^x)
   */
  public static double log1pExp(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** @return the name used in model files and on the command line */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
