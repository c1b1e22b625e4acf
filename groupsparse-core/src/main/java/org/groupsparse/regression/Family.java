package org.groupsparse.regression;

/**
 * The distribution of the response and its link, as in grpreg's and glmnet's {@code family}: the
 * model's linear predictor eta = b + x^T w is the mean (Gaussian), the log-odds (binomial) or the
 * log of the mean (Poisson).
 */
public enum Family {
  /** Least squares: mean = eta, loss (1/2n)||y - eta||^2. */
  GAUSSIAN,
  /** Logistic regression, y in {0, 1}: P(y = 1) = 1/(1 + exp(-eta)), loss (1/n) sum log(1 + e^eta) - y eta. */
  BINOMIAL,
  /** Poisson regression with the log link, y a count: E y = exp(eta), loss (1/n) sum e^eta - y eta. */
  POISSON;

  /**
   * @param eta the linear predictor
   * @return the mean of the response: eta, or the probability 1/(1 + exp(-eta))
   */
  public double mean(double eta) {
    return switch (this) {
      case GAUSSIAN -> eta;
      case BINOMIAL -> eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
      case POISSON -> Math.exp(eta);
    };
  }

  /**
   * The negative log-likelihood of one row up to terms free of eta, the datafit per row: (y - eta)^2/2,
   * log(1 + e^eta) - y eta, or e^eta - y eta.
   *
   * @param y the response
   * @param eta the linear predictor
   * @return the loss of the row
   */
  public double loss(double y, double eta) {
    return switch (this) {
      case GAUSSIAN -> 0.5 * (y - eta) * (y - eta);
      case BINOMIAL -> log1pExp(eta) - y * eta;
      case POISSON -> Math.exp(eta) - y * eta;
    };
  }

  /**
   * The summed loss of every row at the linear predictor eta + t z, and the residuals r_i = y_i -
   * mean(eta_i + t z_i) in the same pass: one exponential per row where {@link #loss} and {@link
   * #mean} take two or three. The values are those of the two methods, bit for bit.
   *
   * @param y responses, not modified
   * @param eta linear predictors, not modified
   * @param z a direction added to eta with factor t, or null for eta itself
   * @param t the factor of z
   * @param r output residuals, modified
   * @param n rows
   * @return sum_i loss(y_i, eta_i + t z_i)
   */
  public double lossAndResidual(double[] y, double[] eta, double[] z, double t, double[] r, int n) {
    double s = 0;
    switch (this) {
      case GAUSSIAN -> {
        for (int i = 0; i < n; i++) {
          double e = z == null ? eta[i] : eta[i] + t * z[i];
          s += 0.5 * (y[i] - e) * (y[i] - e);
          r[i] = y[i] - e;
        }
      }
      case BINOMIAL -> {
        for (int i = 0; i < n; i++) {
          double e = z == null ? eta[i] : eta[i] + t * z[i];
          double x = Math.exp(-Math.abs(e));
          s += Math.max(e, 0) + log1p(x) - y[i] * e;
          r[i] = y[i] - (e >= 0 ? 1 / (1 + x) : x / (1 + x));
        }
      }
      case POISSON -> {
        for (int i = 0; i < n; i++) {
          double e = z == null ? eta[i] : eta[i] + t * z[i];
          double mu = Math.exp(e);
          s += mu - y[i] * e;
          r[i] = y[i] - mu;
        }
      }
    }
    return s;
  }

  /**
   * @param mean the mean response
   * @return the variance function, the curvature of the loss in eta: 1, mu (1 - mu), or mu
   */
  public double variance(double mean) {
    return switch (this) {
      case GAUSSIAN -> 1;
      case BINOMIAL -> mean * (1 - mean);
      case POISSON -> mean;
    };
  }

  /**
   * @return a bound on {@link #variance} over all eta (1, 1/4), or infinity for Poisson, whose
   *     curvature is unbounded
   */
  public double curvatureBound() {
    return switch (this) {
      case GAUSSIAN -> 1;
      case BINOMIAL -> 0.25;
      case POISSON -> Double.POSITIVE_INFINITY;
    };
  }

  /**
   * @param mean the mean of the response over the training rows
   * @return the intercept-only fit: the mean, its log-odds, or its log
   */
  public double link(double mean) {
    return switch (this) {
      case GAUSSIAN -> mean;
      case BINOMIAL -> Math.log(mean / (1 - mean));
      case POISSON -> Math.log(mean);
    };
  }

  /**
   * The unit deviance, the measure of fit of cross-validation (glmnet's {@code type.measure =
   * "deviance"}): (y - eta)^2 for Gaussian; -2 (y eta - log(1 + e^eta)) for binomial, computed
   * without overflow for any eta; 2 (y log(y/mu) - (y - mu)), mu = e^eta, for Poisson.
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
    if (this == BINOMIAL) {
      return 2 * (log1pExp(eta) - y * eta);
    }
    double mu = Math.exp(eta);
    return 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
  }

  /**
   * log(1 + e^x) without overflow or loss of precision at large |x|: max(x, 0) + log1p(e^{-|x|}).
   *
   * @param x any finite number
   * @return log(1 + e^x)
   */
  public static double log1pExp(double x) {
    return Math.max(x, 0) + log1p(Math.exp(-Math.abs(x)));
  }

  /**
   * log(1 + t) for t in [0, 1] by Kahan's formula log(u) t / (u - 1) with u = fl(1 + t) (Goldberg,
   * "What every computer scientist should know about floating-point arithmetic", 1991, theorem 4:
   * accurate to a few ulps). It uses the intrinsic {@link Math#log}; {@link Math#log1p} is a native
   * call on Java 17 and was a quarter of a logistic path's time.
   */
  private static double log1p(double t) {
    double u = 1 + t;
    return u == 1 ? t : Math.log(u) * (t / (u - 1));
  }

  /**
   * @return the name of twice the mean loss, the error reported for this family: "MSE" for
   *     least squares, "deviance" (the mean unit deviance) for binomial and Poisson
   */
  public String errorName() {
    return this == GAUSSIAN ? "MSE" : "deviance";
  }

  /** @return the name used in model files and on the command line */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
