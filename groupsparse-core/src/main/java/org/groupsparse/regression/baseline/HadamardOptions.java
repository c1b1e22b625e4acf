package org.groupsparse.regression.baseline;

import static org.groupsparse.util.Check.Bounds.OPEN;

import org.groupsparse.util.Check;

/**
 * Configuration of {@link HadamardTrainer}, the Hadamard parameterization w = u o u - v o v of Li et
 * al. (ICLR 2023), section 5, validated on construction.
 *
 * @param alpha initialization u(0) = v(0) = alpha 1, in (0, inf) (default 1e-6)
 * @param stepSize gradient step eta on u and v, in (0, inf) (default 1e-2)
 * @param maxIterations iteration cap, at least 1 (default 20000)
 * @param patience early stopping: iterations without validation improvement, at least 1 (default 2000)
 * @param threads threads for the gradient kernel, at least 1 (default 1)
 * @param fitIntercept centre the data and report an intercept (default true)
 * @param standardize scale columns and response to unit variance on the training rows (default
 *     true)
 */
public record HadamardOptions(double alpha, double stepSize,
    int maxIterations, int patience, int threads, boolean fitIntercept, boolean standardize) {
  private static final String OWNER = "HadamardOptions";

  /**
   * Validates every field.
   *
   * @param alpha initialization u(0) = v(0) = alpha 1, in (0, inf) (default 1e-6)
   * @param stepSize gradient step eta on u and v, in (0, inf) (default 1e-2)
   * @param maxIterations iteration cap, at least 1 (default 20000)
   * @param patience early stopping: iterations without validation improvement, at least 1 (default 2000)
   * @param threads threads for the gradient kernel, at least 1 (default 1)
   * @param fitIntercept centre the data and report an intercept (default true)
   * @param standardize scale columns and response to unit variance on the training rows (default
   *     true)
   */
  public HadamardOptions {
    Check.inRange("alpha", OWNER, alpha, 0, Double.POSITIVE_INFINITY, OPEN);
    Check.inRange("stepSize", OWNER, stepSize, 0, Double.POSITIVE_INFINITY, OPEN);
    Check.atLeast("maxIterations", OWNER, maxIterations, 1);
    Check.atLeast("patience", OWNER, patience, 1);
    Check.atLeast("threads", OWNER, threads, 1);
  }

  /** @return the defaults */
  public static HadamardOptions defaults() {
    return new HadamardOptions(1e-6, 1e-2, 20000, 2000, 1, true, true);
  }

  /**
   * @param v alpha
   * @return a copy with it
   */
  public HadamardOptions withAlpha(double v) {
    return new HadamardOptions(v, stepSize, maxIterations, patience, threads, fitIntercept, standardize);
  }

  /**
   * @param v step size
   * @return a copy with it
   */
  public HadamardOptions withStepSize(double v) {
    return new HadamardOptions(alpha, v, maxIterations, patience, threads, fitIntercept, standardize);
  }

  /**
   * @param v iteration cap
   * @return a copy with it
   */
  public HadamardOptions withMaxIterations(int v) {
    return new HadamardOptions(alpha, stepSize, v, patience, threads, fitIntercept, standardize);
  }

  /**
   * @param v patience
   * @return a copy with it
   */
  public HadamardOptions withPatience(int v) {
    return new HadamardOptions(alpha, stepSize, maxIterations, v, threads, fitIntercept, standardize);
  }

  /**
   * @param v threads
   * @return a copy with it
   */
  public HadamardOptions withThreads(int v) {
    return new HadamardOptions(alpha, stepSize, maxIterations, patience, v, fitIntercept, standardize);
  }

  /**
   * @param intercept fit an intercept
   * @param scale standardize
   * @return a copy with them
   */
  public HadamardOptions withPreprocessing(boolean intercept, boolean scale) {
    return new HadamardOptions(alpha, stepSize, maxIterations, patience, threads, intercept, scale);
  }
}
