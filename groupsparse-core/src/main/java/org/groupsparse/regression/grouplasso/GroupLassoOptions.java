package org.groupsparse.regression.grouplasso;

import static org.groupsparse.util.Check.Bounds.CLOSED_LEFT;
import static org.groupsparse.util.Check.Bounds.OPEN;

import java.util.Arrays;
import org.groupsparse.regression.Family;
import org.groupsparse.util.Check;

/**
 * Configuration of {@link GroupLassoPath}, validated on construction. The defaults follow grpreg.
 *
 * @param solver block coordinate descent (default) or FISTA
 * @param blockUpdate exact (default) or majorized block updates for block coordinate descent
 * @param lambdaCount number of lambdas of the default grid, at least 1 (default 100)
 * @param lambdaMinRatio smallest lambda over lambda_max, in (0, 1]; NaN (default) means 1e-3 when
 *     n &gt; p and 5e-2 otherwise, as grpreg
 * @param lambdas explicit penalty levels (each finite and &gt; 0; used in descending order) instead of
 *     the grid, or null (default)
 * @param tolerance the path stops at each lambda when the largest KKT violation over all groups is at
 *     most tolerance x lambda, in (0, inf) (default 1e-6)
 * @param maxIterations budget per lambda in sweeps (BCD) or gradient steps (FISTA), at least 1
 *     (default 100000); a lambda that runs out is reported as unconverged, never dropped
 * @param screening whether to solve on the sequential strong-rule set first (Tibshirani et al. 2012)
 *     and add the groups the full KKT check finds (default true); off means every group is visited
 * @param weights omega_l per group (finite, &gt;= 0; 0 = unpenalized), or null (default) for
 *     sqrt(p_l)
 * @param fitIntercept whether to centre columns and response and fit an unpenalized intercept
 *     (default true)
 * @param standardize whether to scale columns to unit population variance on the training rows, as
 *     grpreg and glmnet do (default true); the penalty then applies to the coefficients of the scaled
 *     columns, and coefficients are reported on the original scale. The response is only centred, so
 *     lambda is in the units of the response
 * @param threads threads for the full gradient pass, at least 1 (default 1)
 * @param updates covariance or naive correlation updates in block coordinate descent ({@link
 *     UpdateType}; default automatic)
 * @param penalty the group lasso (default), group MCP, group SCAD or the sparse group lasso ({@link
 *     PenaltyKind}; the others need the BCD solver and the Gaussian family)
 * @param gammaPenalty MCP's gamma &gt; 1 or SCAD's gamma &gt; 2 (NaN: grpreg's 3 and 4; NaN for the
 *     other penalties)
 * @param alpha the sparse group lasso's l1 share in [0, 1] (NaN: 0.95; NaN for the other penalties)
 * @param family the datafit: least squares ({@link Family#GAUSSIAN}, default) or the logistic loss
 *     (1/n) sum log(1 + e^eta_i) - y_i eta_i ({@link Family#BINOMIAL}, y in {0, 1})
 */
public record GroupLassoOptions(GroupLassoSolverKind solver, BlockUpdate blockUpdate, int lambdaCount,
    double lambdaMinRatio, double[] lambdas, double tolerance, int maxIterations, boolean screening, double[] weights,
    boolean fitIntercept, boolean standardize, int threads, Family family, UpdateType updates, PenaltyKind penalty,
    double gammaPenalty, double alpha) {
  private static final String OWNER = "GroupLassoOptions";
  /** The default budget per lambda (sweeps or gradient steps). */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;
  /** The sparse group lasso's default l1 share (the SGL package's). */
  public static final double DEFAULT_ALPHA = 0.95;

  /**
   * Validates every field.
   *
   * @param solver block coordinate descent (default) or FISTA
   * @param blockUpdate exact (default) or majorized block updates for block coordinate descent
   * @param lambdaCount number of lambdas of the default grid, at least 1 (default 100)
   * @param lambdaMinRatio smallest lambda over lambda_max, in (0, 1]; NaN (default) means 1e-3 when n &gt; p and 5e-2 otherwise, as grpreg
   * @param lambdas explicit penalty levels (each finite and &gt; 0; used in descending order) instead of the grid, or null (default)
   * @param tolerance the path stops at each lambda when the largest KKT violation over all groups is at most tolerance x lambda, in (0, inf) (default 1e-6)
   * @param maxIterations budget per lambda in sweeps (BCD) or gradient steps (FISTA), at least 1 (default 100000); a lambda that runs out is reported as unconverged, never dropped
   * @param screening whether to solve on the sequential strong-rule set first (Tibshirani et al. 2012) and add the groups the full KKT check finds (default true); off means every group is visited
   * @param weights omega_l per group (finite, &gt;= 0; 0 = unpenalized), or null (default) for sqrt(p_l)
   * @param fitIntercept whether to centre columns and response and fit an unpenalized intercept (default true)
   * @param standardize whether to scale columns to unit population variance on the training rows, as grpreg and glmnet do (default true); the penalty then applies to the coefficients of the scaled columns, and coefficients are reported on the original scale. The response is only centred, so lambda is in the units of the response
   * @param threads threads for the full gradient pass, at least 1 (default 1)
   * @param family the datafit (default {@link Family#GAUSSIAN})
   * @param updates covariance or naive correlation updates in block coordinate descent, or the
   *     automatic choice (default; null means AUTO)
   * @param penalty group lasso (default; null means it), group MCP, group SCAD or sparse group lasso
   * @param gammaPenalty MCP's gamma &gt; 1 or SCAD's &gt; 2 (NaN: 3 and 4)
   * @param alpha the sparse group lasso's l1 share in [0, 1] (NaN: 0.95)
   */
  public GroupLassoOptions {
    updates = updates == null ? UpdateType.AUTO : updates;
    penalty = penalty == null ? PenaltyKind.GROUP_LASSO : penalty;
    if (penalty == PenaltyKind.GROUP_MCP || penalty == PenaltyKind.GROUP_SCAD) {
      gammaPenalty = Double.isNaN(gammaPenalty) ? penalty.defaultGamma() : gammaPenalty;
      Check.inRange("gammaPenalty", OWNER, gammaPenalty, penalty == PenaltyKind.GROUP_MCP ? 1 : 2,
          Double.POSITIVE_INFINITY, OPEN);
    } else {
      gammaPenalty = Double.NaN;
    }
    if (penalty == PenaltyKind.SPARSE_GROUP_LASSO) {
      alpha = Double.isNaN(alpha) ? DEFAULT_ALPHA : alpha;
      Check.inRange("alpha", OWNER, alpha, 0, 1, Check.Bounds.CLOSED);
    } else {
      alpha = Double.NaN;
    }
    if (penalty != PenaltyKind.GROUP_LASSO && solver != null && solver != GroupLassoSolverKind.BCD) {
      throw new IllegalArgumentException("'penalty' " + penalty + " of GroupLassoOptions needs the BCD solver");
    }
    // copied in and out (below): a caller's array cannot change the options or a result's lambdas
    lambdas = lambdas == null ? null : lambdas.clone();
    weights = weights == null ? null : weights.clone();
    if (family == null) {
      throw new IllegalArgumentException("'family' of GroupLassoOptions must not be null");
    }
    if (solver == null || blockUpdate == null) {
      throw new IllegalArgumentException("'solver' and 'blockUpdate' of GroupLassoOptions must not be null");
    }
    Check.atLeast("lambdaCount", OWNER, lambdaCount, 1);
    if (!Double.isNaN(lambdaMinRatio)) {
      Check.inRange("lambdaMinRatio", OWNER, lambdaMinRatio, 0, 1, Check.Bounds.CLOSED_RIGHT);
    }
    if (lambdas != null) {
      if (lambdas.length == 0) {
        throw new IllegalArgumentException("'lambdas' of GroupLassoOptions must not be empty");
      }
      for (double l : lambdas) {
        Check.inRange("lambdas", OWNER, l, 0, Double.POSITIVE_INFINITY, OPEN);
      }
      lambdas = lambdas.clone();
      Arrays.sort(lambdas);
      for (int i = 0, j = lambdas.length - 1; i < j; i++, j--) {
        double t = lambdas[i];
        lambdas[i] = lambdas[j];
        lambdas[j] = t;
      }
    }
    Check.inRange("tolerance", OWNER, tolerance, 0, Double.POSITIVE_INFINITY, OPEN);
    Check.atLeast("maxIterations", OWNER, maxIterations, 1);
    if (weights != null) {
      for (double v : weights) {
        Check.inRange("weights", OWNER, v, 0, Double.POSITIVE_INFINITY, CLOSED_LEFT);
      }
      weights = weights.clone();
    }
    Check.atLeast("threads", OWNER, threads, 1);
  }
  /** @return the explicit lambdas (a copy), or null for the default grid */
  @Override
  public double[] lambdas() {
    return lambdas == null ? null : lambdas.clone();
  }

  /** @return the group weights (a copy), or null for sqrt(p_l) */
  @Override
  public double[] weights() {
    return weights == null ? null : weights.clone();
  }


  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.solver = solver;
    b.blockUpdate = blockUpdate;
    b.lambdaCount = lambdaCount;
    b.lambdaMinRatio = lambdaMinRatio;
    b.lambdas = lambdas;
    b.tolerance = tolerance;
    b.maxIterations = maxIterations;
    b.screening = screening;
    b.updates = updates;
    b.penalty = penalty;
    b.gammaPenalty = gammaPenalty;
    b.alpha = alpha;
    b.weights = weights;
    b.fitIntercept = fitIntercept;
    b.standardize = standardize;
    b.threads = threads;
    b.family = family;
    return b;
  }

  /** Builder of {@link GroupLassoOptions}. */
  public static final class Builder {
    private GroupLassoSolverKind solver = GroupLassoSolverKind.BCD;
    private BlockUpdate blockUpdate = BlockUpdate.EXACT;
    private int lambdaCount = 100;
    private double lambdaMinRatio = Double.NaN;
    private double[] lambdas;
    private double tolerance = 1e-6;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private boolean screening = true;
    private UpdateType updates = UpdateType.AUTO;
    private PenaltyKind penalty = PenaltyKind.GROUP_LASSO;
    private double gammaPenalty = Double.NaN;
    private double alpha = Double.NaN;
    private double[] weights;
    private boolean fitIntercept = true;
    private boolean standardize = true;
    private int threads = 1;
    private Family family = Family.GAUSSIAN;

    private Builder() {}

    /**
     * @param v solver
     * @return this
     */
    public Builder solver(GroupLassoSolverKind v) {
      solver = v;
      return this;
    }

    /**
     * @param v block update
     * @return this
     */
    public Builder blockUpdate(BlockUpdate v) {
      blockUpdate = v;
      return this;
    }

    /**
     * @param v number of lambdas
     * @return this
     */
    public Builder lambdaCount(int v) {
      lambdaCount = v;
      return this;
    }

    /**
     * @param v lambda_min / lambda_max, NaN for the default
     * @return this
     */
    public Builder lambdaMinRatio(double v) {
      lambdaMinRatio = v;
      return this;
    }

    /**
     * @param v explicit lambdas or null
     * @return this
     */
    public Builder lambdas(double... v) {
      lambdas = v;
      return this;
    }

    /**
     * @param v relative KKT tolerance
     * @return this
     */
    public Builder tolerance(double v) {
      tolerance = v;
      return this;
    }

    /**
     * @param v budget per lambda
     * @return this
     */
    public Builder maxIterations(int v) {
      maxIterations = v;
      return this;
    }

    /**
     * @param v strong-rule screening on or off
     * @return this
     */
    public Builder screening(boolean v) {
      screening = v;
      return this;
    }

    /**
     * @param v group weights or null
     * @return this
     */
    public Builder weights(double[] v) {
      weights = v;
      return this;
    }

    /**
     * @param v fit an intercept
     * @return this
     */
    public Builder fitIntercept(boolean v) {
      fitIntercept = v;
      return this;
    }

    /**
     * @param v standardize columns
     * @return this
     */
    public Builder standardize(boolean v) {
      standardize = v;
      return this;
    }

    /**
     * @param v threads
     * @return this
     */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * @param v the penalty (default the group lasso)
     * @return this
     */
    public Builder penalty(PenaltyKind v) {
      penalty = v;
      return this;
    }

    /**
     * @param v MCP's gamma &gt; 1 or SCAD's &gt; 2 (NaN: 3 and 4)
     * @return this
     */
    public Builder gammaPenalty(double v) {
      gammaPenalty = v;
      return this;
    }

    /**
     * @param v the sparse group lasso's l1 share in [0, 1] (NaN: 0.95)
     * @return this
     */
    public Builder alpha(double v) {
      alpha = v;
      return this;
    }

    /**
     * @param v covariance, naive or automatic correlation updates
     * @return this
     */
    public Builder updates(UpdateType v) {
      updates = v;
      return this;
    }

    /**
     * @param v the family of the datafit
     * @return this
     */
    public Builder family(Family v) {
      family = v;
      return this;
    }

    /** @return the validated options */
    public GroupLassoOptions build() {
      return new GroupLassoOptions(solver, blockUpdate, lambdaCount, lambdaMinRatio, lambdas, tolerance, maxIterations,
          screening, weights, fitIntercept, standardize, threads, family, updates, penalty, gammaPenalty, alpha);
    }
  }
}
