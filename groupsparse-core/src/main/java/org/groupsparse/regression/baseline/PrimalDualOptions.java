package org.groupsparse.regression.baseline;

import static org.groupsparse.util.Check.Bounds.OPEN;

import org.groupsparse.util.Check;

/**
 * Configuration of {@link PrimalDualTrainer}, primal-dual (Chambolle-Pock) iterative
 * regularization, validated on construction.
 *
 * @param rho tau sigma ||X||^2 = rho, in (0, 1) (default 0.99)
 * @param balance s in tau = sqrt(rho) s / ||X||, sigma = sqrt(rho) / (s ||X||), in
 *     (0, inf), or NaN (default) for automatic: with validation rows, each s of {@link
 *     PrimalDualTrainer#autoBalances()} is run and the one whose kept iterate has the lowest validation
 *     loss wins; without, s = 1. Why: s sets how finely the iterations trace the regularization path
 *     (a small dual step gives a fine path); on the paper's figure 12 problem s = 1 jumps from 0 to
 *     dense iterates within a few steps and its best iterate has 6x the squared error of s = 100
 * @param maxIterations iteration cap, at least 1 (default 20000)
 * @param patience early stopping: iterations without validation improvement, at least 1 (default 2000)
 * @param threads threads for the gradient kernel, at least 1 (default 1)
 * @param fitIntercept centre the data and report an intercept (default true)
 * @param standardize scale columns and response to unit variance on the training rows (default
 *     true)
 */
public record PrimalDualOptions(double rho, double balance,
    int maxIterations, int patience, int threads, boolean fitIntercept, boolean standardize) {
  private static final String OWNER = "PrimalDualOptions";

  /**
   * Validates every field.
   *
   * @param rho tau sigma ||X||^2 = rho, in (0, 1) (default 0.99)
   * @param balance s in tau = sqrt(rho) s / ||X||, sigma = sqrt(rho) / (s ||X||), in
   *     (0, inf), or NaN (default) for automatic: with validation rows, each s of {@link
   *     PrimalDualTrainer#autoBalances()} is run and the one whose kept iterate has the lowest validation
   *     loss wins; without, s = 1. Why: s sets how finely the iterations trace the regularization path
   *     (a small dual step gives a fine path); on the paper's figure 12 problem s = 1 jumps from 0 to
   *     dense iterates within a few steps and its best iterate has 6x the squared error of s = 100
   * @param maxIterations iteration cap, at least 1 (default 20000)
   * @param patience early stopping: iterations without validation improvement, at least 1 (default 2000)
   * @param threads threads for the gradient kernel, at least 1 (default 1)
   * @param fitIntercept centre the data and report an intercept (default true)
   * @param standardize scale columns and response to unit variance on the training rows (default
   *     true)
   */
  public PrimalDualOptions {
    Check.inRange("rho", OWNER, rho, 0, 1, OPEN);
    if (!Double.isNaN(balance)) {
      Check.inRange("balance", OWNER, balance, 0, Double.POSITIVE_INFINITY, OPEN);
    }
    Check.atLeast("maxIterations", OWNER, maxIterations, 1);
    Check.atLeast("patience", OWNER, patience, 1);
    Check.atLeast("threads", OWNER, threads, 1);
  }

  /** @return the defaults */
  public static PrimalDualOptions defaults() {
    return new PrimalDualOptions(0.99, Double.NaN, 20000, 2000, 1, true, true);
  }

  /**
   * @param v rho
   * @return a copy with it
   */
  public PrimalDualOptions withRho(double v) {
    return new PrimalDualOptions(v, balance, maxIterations, patience, threads, fitIntercept, standardize);
  }

  /**
   * @param v balance s
   * @return a copy with it
   */
  public PrimalDualOptions withBalance(double v) {
    return new PrimalDualOptions(rho, v, maxIterations, patience, threads, fitIntercept, standardize);
  }

  /**
   * @param v iteration cap
   * @return a copy with it
   */
  public PrimalDualOptions withMaxIterations(int v) {
    return new PrimalDualOptions(rho, balance, v, patience, threads, fitIntercept, standardize);
  }

  /**
   * @param v patience
   * @return a copy with it
   */
  public PrimalDualOptions withPatience(int v) {
    return new PrimalDualOptions(rho, balance, maxIterations, v, threads, fitIntercept, standardize);
  }

  /**
   * @param v threads
   * @return a copy with it
   */
  public PrimalDualOptions withThreads(int v) {
    return new PrimalDualOptions(rho, balance, maxIterations, patience, v, fitIntercept, standardize);
  }

  /**
   * @param intercept fit an intercept
   * @param scale standardize
   * @return a copy with them
   */
  public PrimalDualOptions withPreprocessing(boolean intercept, boolean scale) {
    return new PrimalDualOptions(rho, balance, maxIterations, patience, threads, intercept, scale);
  }
}
