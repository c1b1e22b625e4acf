package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupOps;
import java.util.concurrent.ForkJoinPool;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DimensionMismatchException;

/**
 * The group lasso regularization path (Yuan and Lin 2006; the paper's "PGD" baseline, Li et al.,
 * ICLR 2023, section 5):
 *
 * <pre>  min_{w, b} (1/2n) ||y - X w - b 1||^2 + lambda sum_l omega_l ||w_l||_2</pre>
 *
 * <p>on the training rows, with columns scaled to unit variance when configured (the penalty then
 * applies to the coefficients of the scaled columns, as in grpreg and glmnet), default weights
 * omega_l = sqrt(p_l) and an unpenalized intercept (handled by centring).
 *
 * <p>lambda_max = max_{l penalized} ||X_l^T r_0|| / (n omega_l), r_0 the residual of the
 * unpenalized part (intercept and groups with omega_l = 0), is the smallest lambda at which every
 * penalized group is zero; the default grid is geometric from lambda_max down to
 * lambdaMinRatio x lambda_max. Each lambda starts from the previous solution (warm start), solves
 * on the sequential strong-rule set {l : ||c_l|| &gt;= omega_l (2 lambda_k - lambda_{k-1})} plus every
 * group that has been nonzero, then computes the full correlation c = X^T r / n once and adds any
 * group that violates its KKT condition, until the largest violation over all groups is at most
 * tolerance x lambda. That certified violation is reported per lambda; a lambda that runs out of
 * budget is reported unconverged, never silently dropped.
 */
public final class GroupLassoPath {
  /** KKT tolerance (relative) for the first fit of the unpenalized groups alone. */
  private static final double UNPENALIZED_TOLERANCE = 1e-12;
  /** A round counts as progress when the worst violation falls below this fraction of the best. */
  private static final double PROGRESS = 0.99;
  /** Rounds without progress at which a lambda is reported at its rounding floor. */
  private static final int STALLED_ROUNDS = 3;
  /** A full pass over X replaces per-group certification when more than 1/this of the columns are uncertain. */
  private static final long FULL_PASS_DIVISOR = 8;

  private final GroupLassoOptions options;

  /** @param options configuration */
  public GroupLassoPath(GroupLassoOptions options) {
    this.options = options;
  }

  /** @return the configuration */
  public GroupLassoOptions options() {
    return options;
  }

  /**
   * Fits the path.
   *
   * @param train training data, at least 2 rows, not modified
   * @param groups group structure over the features
   * @param listener progress receiver, or null
   * @return the path
   */
  public GroupLassoPathResult fit(Dataset train, GroupStructure groups, PathListener listener) {
    if (train.rows() < 2) {
      throw new IllegalArgumentException("training data need at least 2 rows; got " + train.rows());
    }
    if (groups.featureCount() != train.features()) {
      throw new DimensionMismatchException("groups cover " + groups.featureCount() + " features but the data have "
          + train.features());
    }
    double[] weights = options.weights() == null ? groups.defaultWeights() : options.weights();
    if (weights.length != groups.groupCount()) {
      throw new DimensionMismatchException("'weights' has " + weights.length + " entries for "
          + groups.groupCount() + " groups");
    }
    if (options.family() != org.groupsparse.regression.Family.GAUSSIAN
        && options.penalty() == PenaltyKind.SPARSE_GROUP_LASSO) {
      // block proximal steps alone stall near 1e-5 x lambda on the GLM losses (no Newton polish
      // on the nonzero entries yet): refuse rather than report unconverged paths
      throw new IllegalArgumentException("'penalty' SPARSE_GROUP_LASSO is available for the gaussian family only; "
          + "group MCP and group SCAD work with every family");
    }
    if (options.family() != org.groupsparse.regression.Family.GAUSSIAN) {
      return new GlmGroupLassoPath(options).fit(train, groups, weights,
          listener == null ? PathListener.NONE : listener);
    }
    Standardization std;
    GroupOrthonormalization ortho;
    LeastSquaresDatafit datafit;
    if (options.penalty() == PenaltyKind.GROUP_MCP || options.penalty() == PenaltyKind.GROUP_SCAD) {
      // group MCP and SCAD are grpreg's: on orthonormalized groups
      std = Standardization.fit(train, options.fitIntercept(), options.standardize(), false);
      Dataset t = std.apply(train);
      ortho = GroupOrthonormalization.of(t.design(), groups);
      datafit = new LeastSquaresDatafit(ortho.design(), t.response(), ortho.groups());
    } else {
      LeastSquaresDatafit.Standardized s = LeastSquaresDatafit.standardized(train, groups, options.fitIntercept(),
          options.standardize());
      std = s.standardization();
      ortho = null;
      datafit = s.datafit();
    }
    GroupNormPenalty penalty = new GroupNormPenalty(weights, options.penalty(), options.gammaPenalty(),
        options.alpha());
    PathListener l = listener == null ? PathListener.NONE : listener;
    ForkJoinPool pool = options.threads() > 1 ? new ForkJoinPool(options.threads()) : null;
    try {
      return new Run(datafit, penalty, l, pool, ortho).run(train, groups, std, weights);
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  /**
   * The default lambda_min / lambda_max for a problem size (grpreg's rule).
   *
   * @param n training rows
   * @param p features
   * @return 1e-3 when n &gt; p, else 5e-2
   */
  public static double defaultMinRatio(int n, int p) {
    return n > p ? 1e-3 : 5e-2;
  }

  /** Columns from which a deep path on a design with more rows than columns runs in full-Gram mode. */
  static final int DEEP_GRAM_MIN_COLUMNS = 256;

  /**
   * Whether a path ends with most columns active, so that the full Gram matrix, formed once by one
   * BLAS product (n p^2 / 2 multiply-adds), costs less than growing the working set's (up to the same
   * size, by dot products as columns join): n &gt; p, at least {@value #DEEP_GRAM_MIN_COLUMNS}
   * columns, and a grid that goes below 0.01 lambda_max (with more rows than columns the lasso
   * tends to least squares, every column active, as lambda goes to 0: on Gaussian designs with 20
   * true coefficients the default path to 1e-3 ended with 92-98% of the columns nonzero). On the 2-core
   * AVX-512 machine (2026-12-02), medians of ten warm lasso paths, full Gram against the growing
   * cache: n = 1000, p = 800 0.134 against 0.163 s; n = 2000, p = 1500 0.535 against 0.867 s;
   * n = 500, p = 300 0.058 against 0.072 s; groups of 5 on n = 1000, p = 800 0.288 against 0.360
   * s. Not below 256 columns (bardet, n = 120 and p = 100: 0.029 against 0.025 s, and its first path
   * would load the native BLAS), nor on shallow paths (n = 1000, p = 600 to 0.05 lambda_max, 26
   * columns active: 0.059 against 0.032 s).
   *
   * @param options the options (their grid)
   * @param n rows
   * @param p columns
   * @return whether to use the full Gram matrix although n &lt; 2p
   */
  static boolean deepTallPath(GroupLassoOptions options, int n, int p) {
    if (n <= p || p < DEEP_GRAM_MIN_COLUMNS || options.lambdas() != null) {
      return false;
    }
    double ratio = Double.isNaN(options.lambdaMinRatio()) ? defaultMinRatio(n, p) : options.lambdaMinRatio();
    return options.lambdaCount() > 1 && ratio < 1e-2;
  }

  /**
   * The lambdas of a path: the explicit ones of the options, or the geometric grid of lambdaCount
   * values from lambda_max down to lambdaMinRatio x lambda_max (the default ratio by {@link
   * #defaultMinRatio}).
   *
   * @param options the options
   * @param lambdaMax lambda_max of the data
   * @param rows n
   * @param features p
   * @return the lambdas
   */
  static double[] grid(GroupLassoOptions options, double lambdaMax, int rows, int features) {
    if (options.lambdas() != null) {
      return options.lambdas();
    }
    int count = options.lambdaCount();
    double ratio = Double.isNaN(options.lambdaMinRatio()) ? defaultMinRatio(rows, features) : options.lambdaMinRatio();
    double[] out = new double[count];
    for (int k = 0; k < count; k++) {
      out[k] = count == 1 ? lambdaMax : lambdaMax * Math.pow(ratio, (double) k / (count - 1));
    }
    out[0] = lambdaMax;
    return out;
  }

  /** One path computation. */
  private final class Run {
    private final QuadraticDatafit f;
    private final BlockPenalty penalty;
    private final PathListener listener;
    private final ForkJoinPool pool;
    private final GroupLassoSolver solver;
    private final int n;
    private final int p;
    private final int groupCount;
    private final double[] w;
    private final double[] r;
    private final double[] c;
    private final int[] working;
    private final boolean[] inWorking;
    private int workingCount;
    /** Residual at the last full pass, and ||c_l|| there: the base of the certified bounds. */
    /** Bounds on the block gradient norms from the last full pass (certification and screening). */
    private final GradientNormBound bound;
    private final double[] normScratch;
    /** The path index at which c_l was last computed exactly at the current residual. */
    private final int[] stamp;
    /** A stamp no group carries: no correlation is known exact. */
    private static final int NOTHING_EXACT = Integer.MIN_VALUE;
    /** Whether this lambda's secant step moved w and r (the last certification's c is then stale). */
    private boolean extrapolated;
    private final boolean[] pending;
    private final int[] nonzeroGroups;
    /** Solutions at the two previous lambdas, and scratch for the secant predictor. */
    private final double[] previousW;
    private final double[] olderW;
    private final double[] step;
    private final double[] trial;
    private final double[] shift;
    /** Full-Gram (covariance) mode: c = b - G w for every group, no residual passes. */
    private final boolean gramMode;
    private final double[] b;
    private double yy;

    private final GroupOrthonormalization ortho;

    Run(QuadraticDatafit f, BlockPenalty penalty, PathListener listener, ForkJoinPool pool,
        GroupOrthonormalization ortho) {
      this.ortho = ortho;
      this.f = f;
      this.penalty = penalty;
      this.listener = listener;
      this.pool = pool;
      this.solver = options.solver() == GroupLassoSolverKind.BCD ? new BlockCoordinateDescent(options.blockUpdate(), options.updates())
          : new ProximalGradient();
      n = f.rows();
      p = f.cols();
      groupCount = f.groupCount();
      w = new double[p];
      r = f.response().clone();
      c = new double[p];
      working = new int[groupCount];
      inWorking = new boolean[groupCount];
      bound = new GradientNormBound(f);
      normScratch = new double[groupCount];
      stamp = new int[groupCount];
      java.util.Arrays.fill(stamp, -1);
      pending = new boolean[groupCount];
      nonzeroGroups = new int[groupCount];
      previousW = new double[p];
      olderW = new double[p];
      step = new double[p];
      trial = new double[p];
      shift = new double[n];
      gramMode = options.solver() == GroupLassoSolverKind.BCD && options.updates() != UpdateType.NAIVE
          && p <= CovarianceCache.MAX_COLUMNS
          && (options.updates() == UpdateType.COVARIANCE || n >= 2L * p || deepTallPath(options, n, p));
      b = gramMode ? new double[p] : null;
      if (gramMode) {
        f.correlation(f.response(), b, pool);
        double s = 0;
        for (double v : f.response()) {
          s += v * v;
        }
        yy = s / n;
        f.gram();
      }
    }

    /**
     * The loss (1/2n)||y - X w||^2 in full-Gram mode, from the correlations the last round left
     * exact: with b = X^T y / n, c = b - G w and yy = y^T y / n it is yy / 2 - b^T w + w^T G w / 2 =
     * (yy - w^T (b + c)) / 2, p multiply-adds instead of the p q of w^T G w (q nonzero coefficients;
     * {@link QuadraticDatafit#gramValue} gives the same to rounding).
     */
    private double gramLoss() {
      double s = 0;
      for (int j = 0; j < p; j++) {
        if (w[j] != 0) {
          s += w[j] * (b[j] + c[j]);
        }
      }
      return Math.max(0.0, 0.5 * (yy - s));
    }

    /** Solves on the working set: in full-Gram mode c stays exact for every group, else r stays exact. */
    private int solve(double lambda, double tolerance, int budget) {
      if (gramMode) {
        return ((BlockCoordinateDescent) solver).solveGram(f, penalty, lambda, working, workingCount, w, c, b,
            tolerance, budget);
      }
      return solver.solve(f, penalty, lambda, working, workingCount, w, r, tolerance, budget);
    }

    /**
     * A solve of the rounds, after which r is recomputed from w ({@link #refreshResidual}): block
     * coordinate descent takes c of the groups stamped {@code exactStamp} (exact at the current r)
     * instead of recomputing them, and leaves r to that recomputation.
     */
    private int solveBeforeRefresh(double lambda, double tolerance, int budget, int exactStamp) {
      if (!gramMode && solver instanceof BlockCoordinateDescent bcd) {
        bcd.knownCorrelations(c, stamp, exactStamp);
        return bcd.solve(f, penalty, lambda, working, workingCount, w, r, tolerance, budget, false);
      }
      return solve(lambda, tolerance, budget);
    }

    GroupLassoPathResult run(Dataset train, GroupStructure groups, Standardization std, double[] weights) {
      boolean anyPenalized = false;
      for (int l = 0; l < groupCount; l++) {
        if (penalty.isPenalized(l)) {
          anyPenalized = true;
        } else {
          add(l);
        }
      }
      if (!anyPenalized) {
        throw new IllegalArgumentException("every group has weight 0: nothing is penalized, the group lasso is least squares");
      }
      if (gramMode) {
        System.arraycopy(b, 0, c, 0, p);
      }
      if (workingCount > 0) { // fit the unpenalized groups (their level is 0, lambda is irrelevant)
        solve(1.0, UNPENALIZED_TOLERANCE, options.maxIterations());
      }
      if (gramMode) {
        f.gramCorrelation(b, w, c);
      } else {
        fullPass();
      }
      double lambdaMax = 0;
      for (int l = 0; l < groupCount; l++) {
        if (penalty.isPenalized(l)) {
          lambdaMax = Math.max(lambdaMax, penalty.zeroThreshold(l, c, f.start(l), f.end(l) - f.start(l)));
        }
      }
      if (!(lambdaMax > 0)) {
        throw new IllegalArgumentException("lambda_max is 0: the response is constant, or orthogonal to every "
            + "penalized group, on the training rows");
      }
      double[] lambdas = grid(options, lambdaMax, train.rows(), train.features());
      int count = lambdas.length;
      PathRecord rec = new PathRecord(lambdas);
      listener.onStart(count);
      double previousLambda = lambdaMax;
      for (int k = 0; k < count; k++) {
        double lambda = lambdas[k];
        int used = 0;
        double worst;
        if (lambda >= lambdaMax && k == 0) {
          worst = maxViolation(lambda); // the penalized groups are exactly zero; c is current
          java.util.Arrays.fill(stamp, 0);
        } else {
          if (gramMode) {
            screenGram(lambda, previousLambda);
          } else {
            screen(lambda, previousLambda, k);
            extrapolated = false;
            if (k >= 2) {
              extrapolate(lambda);
            }
          }
          Round round = rounds(lambda, k);
          worst = round.worst;
          used = round.used;
        }
        double relative = worst / lambda;
        rec.converged[k] = worst <= options.tolerance() * lambda;
        rec.violation[k] = relative;
        rec.iterations[k] = used;
        double[] wf = new double[train.features()];
        GroupOrthonormalization.byFeature(ortho, f, w, wf);
        rec.coefStd[k] = wf;
        rec.coef[k] = std.coefficientsToOriginal(wf);
        rec.intercepts[k] = options.fitIntercept() ? std.intercept(rec.coef[k]) : 0.0;
        int nonzero = 0;
        for (int l = 0; l < groupCount; l++) {
          if (penalty.isPenalized(l) && GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
            nonzero++;
          }
        }
        rec.active[k] = nonzero;
        rec.loss[k] = gramMode ? gramLoss() : f.value(r);
        listener.onLambda(k, lambda, nonzero, relative, rec.converged[k]);
        previousLambda = lambda;
        System.arraycopy(previousW, 0, olderW, 0, p);
        System.arraycopy(w, 0, previousW, 0, p);
      }
      listener.onFinish();
      return rec.result(count, lambdaMax, weights, groups, train, std, options);
    }

    /**
     * Sequential strong rule; without screening every group joins the working set. A group outside
     * the set whose certified upper bound on ||c_l|| is below the threshold stays out without being
     * computed; otherwise its exact correlation (at the current residual) decides.
     */
    /** The worst violation and the iterations of one lambda. */
    private record Round(double worst, int used) {}

    /** The sequential strong rule in full-Gram mode, on the exact c of the previous solution. */
    private void screenGram(double lambda, double previousLambda) {
      double threshold = 2 * lambda - previousLambda;
      for (int l = 0; l < groupCount; l++) {
        if (!inWorking[l] && (!options.screening()
            || penalty.strongRuleKeeps(l, c, f.start(l), f.end(l) - f.start(l), threshold))) {
          add(l);
        }
      }
    }

    /**
     * One lambda after screening: solve on the working set, bring the correlations up to date (in
     * full-Gram mode c = b - G w for every group, recomputed exactly; otherwise the residual is
     * recomputed and the groups the drift bound cannot certify get their c_l), check every group
     * whose c_l is current and add violators, until no group violates. The working set being right
     * but not solved tightly enough tightens the inner tolerance; three rounds without a 1%
     * improvement are the rounding floor, and the lambda is reported as it stands.
     */
    private Round rounds(double lambda, int k) {
      double innerTolerance = 0.5 * options.tolerance() * lambda;
      double bestWorst = Double.POSITIVE_INFINITY;
      int stalledRounds = 0;
      int used = 0;
      double worst;
      // c is exact at r for the groups the last certification stamped: lambda k - 1's, unless the
      // secant step has moved r since; in later rounds, this lambda's. (Before the first lambda every
      // stamp is -1 and the full pass before the path made every c exact at r, so k = 0 holds too.)
      int exactStamp = extrapolated ? NOTHING_EXACT : k - 1;
      while (true) {
        used += solveBeforeRefresh(lambda, innerTolerance, options.maxIterations() - used, exactStamp);
        exactStamp = k;
        if (gramMode) {
          f.gramCorrelation(b, w, c);
        } else {
          refreshResidual();
          certify(lambda, k);
        }
        int added = 0;
        worst = 0;
        for (int l = 0; l < groupCount; l++) {
          if (!gramMode && stamp[l] != k) {
            continue; // certified by the bound: its KKT condition holds exactly
          }
          double v = violationOf(l, lambda);
          worst = Math.max(worst, v);
          if (!inWorking[l] && v > options.tolerance() * lambda) {
            add(l);
            added++;
          }
        }
        if ((added == 0 && worst <= options.tolerance() * lambda) || used >= options.maxIterations()) {
          break;
        }
        if (added == 0) {
          if (worst < PROGRESS * bestWorst) {
            bestWorst = worst;
            stalledRounds = 0;
          } else if (++stalledRounds >= STALLED_ROUNDS) {
            break;
          }
          innerTolerance *= 0.1;
        }
      }
      return new Round(worst, used);
    }

    private void screen(double lambda, double previousLambda, int k) {
      double threshold = 2 * lambda - previousLambda;
      bound.moveTo(r);
      for (int l = 0; l < groupCount; l++) {
        if (inWorking[l]) {
          continue;
        }
        if (!options.screening()) {
          add(l);
          continue;
        }
        double level = penalty.zeroLevel(l, threshold);
        if (stamp[l] != k - 1 && bound.upper(l) < level) {
          continue;
        }
        if (stamp[l] != k - 1) {
          exactNorm(l);
        }
        if (penalty.strongRuleKeeps(l, c, f.start(l), f.end(l) - f.start(l), threshold)) {
          add(l);
        }
      }
    }

    /**
     * Makes c exact (at the current residual) for every group whose KKT condition the bound
     * ||c_l(r)|| &lt;= ||c_l(r_ref)|| + ||X_l||_2 ||r - r_ref|| / n &lt;= lambda omega_l does not
     * already certify, and stamps them with k. When more than an eighth of the columns would need it,
     * one full pass is cheaper: it computes all of c and moves the reference residual here.
     */
    private void certify(double lambda, int k) {
      bound.moveTo(r);
      int uncertainColumns = 0;
      for (int l = 0; l < groupCount; l++) {
        boolean certified = !inWorking[l] && bound.upper(l) <= penalty.zeroLevel(l, lambda);
        pending[l] = !certified;
        if (!certified) {
          uncertainColumns += f.end(l) - f.start(l);
        }
      }
      if (uncertainColumns * FULL_PASS_DIVISOR > p) {
        if ((long) n * p >= LeastSquaresDatafit.APPROXIMATE_PASS_ENTRIES) {
          approximatePass(lambda, k);
        } else {
          fullPass();
          java.util.Arrays.fill(stamp, k);
        }
        return;
      }
      for (int l = 0; l < groupCount; l++) {
        if (pending[l]) {
          f.groupCorrelation(l, r, c, f.start(l));
          stamp[l] = k;
        } else {
          stamp[l] = -2; // certified by the bound, c_l not current
        }
      }
    }

    /**
     * r = y - X w recomputed from the nonzero groups, so that rounding accumulated by the solvers'
     * updates does not enter the certified violation.
     */
    private void refreshResidual() {
      int nonzero = 0;
      for (int a = 0; a < workingCount; a++) {
        int l = working[a];
        if (GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
          nonzeroGroups[nonzero++] = l;
        }
      }
      f.multiply(w, nonzeroGroups, nonzero, r);
      double[] y = f.response();
      for (int i = 0; i < n; i++) {
        r[i] = y[i] - r[i];
      }
    }

    /**
     * Secant predictor along the path: on a geometric grid, w_{k-1} + (w_{k-1} - w_{k-2}) follows the
     * path to first order in log lambda. Used as the warm start when w_{k-1} and w_{k-2} have the same
     * nonzero groups and it lowers the objective at the new lambda; it saves Newton steps and sweeps
     * where the active set is stable (most of a path).
     */
    private void extrapolate(double lambda) {
      if (!penalty.isGroupLasso()) {
        return; // the extrapolated step is tested on the group lasso's objective
      }
      int nonzero = 0;
      for (int a = 0; a < workingCount; a++) {
        int l = working[a];
        boolean now = GroupOps.norm(previousW, f.start(l), f.end(l)) > 0;
        boolean before = GroupOps.norm(olderW, f.start(l), f.end(l)) > 0;
        if (now != before) {
          return;
        }
        if (now) {
          nonzeroGroups[nonzero++] = l;
        }
      }
      if (nonzero == 0) {
        return;
      }
      double current = f.value(r);
      double candidatePenalty = 0;
      for (int a = 0; a < nonzero; a++) {
        int l = nonzeroGroups[a];
        current += lambda * penalty.weight(l) * GroupOps.norm(w, f.start(l), f.end(l));
        for (int q = f.start(l); q < f.end(l); q++) {
          step[q] = w[q] - olderW[q];
          trial[q] = w[q] + step[q];
        }
        candidatePenalty += lambda * penalty.weight(l) * GroupOps.norm(trial, f.start(l), f.end(l));
      }
      f.multiply(step, nonzeroGroups, nonzero, shift);
      double rss = 0;
      for (int i = 0; i < n; i++) {
        double e = r[i] - shift[i];
        rss += e * e;
      }
      if (rss / (2.0 * n) + candidatePenalty < current) {
        for (int a = 0; a < nonzero; a++) {
          int l = nonzeroGroups[a];
          System.arraycopy(trial, f.start(l), w, f.start(l), f.end(l) - f.start(l));
        }
        for (int i = 0; i < n; i++) {
          r[i] -= shift[i];
        }
        extrapolated = true;
      }
    }

    private double exactNorm(int l) {
      f.groupCorrelation(l, r, c, f.start(l));
      return GroupOps.norm(c, f.start(l), f.end(l));
    }

    /**
     * The full pass at half its memory traffic: c~ = X~^T r / n from the float32 copy of the columns
     * for every group, with the datafit's certified bound delta_k on |c~_k - c_k|. A zero group with
     * ||c~_l|| + ||delta_l|| &lt;= lambda omega_l satisfies its KKT condition and is certified (its
     * c_l is left approximate, stamp -2); every other group, and every nonzero or unpenalized one,
     * gets its exact c_l (stamp k). r becomes the reference residual of the bounds, with the
     * certified upper bound ||c~_l|| + ||delta_l|| as the reference norm of the approximated groups.
     */
    private void approximatePass(double lambda, int k) {
      LeastSquaresDatafit ls = (LeastSquaresDatafit) f;
      double rn = ls.approximateCorrelation(r, c, pool);
      for (int l = 0; l < groupCount; l++) {
        int from = f.start(l);
        int to = f.end(l);
        if (penalty.isPenalized(l) && GroupOps.norm(w, from, to) == 0) {
          double upper = ls.approximateGroupNormBound(l, rn, c);
          if (upper <= penalty.zeroLevel(l, lambda)) {
            stamp[l] = -2; // certified: its KKT condition holds, c_l not exact
            normScratch[l] = upper;
            continue;
          }
        }
        normScratch[l] = exactNorm(l);
        stamp[l] = k;
      }
      bound.reset(r, normScratch);
    }

    /** c = X^T r / n for every group; r becomes the reference residual of the bounds. */
    private void fullPass() {
      f.correlation(r, c, pool);
      for (int l = 0; l < groupCount; l++) {
        normScratch[l] = GroupOps.norm(c, f.start(l), f.end(l));
      }
      bound.reset(r, normScratch);
    }

    private double violationOf(int l, double lambda) {
      int from = f.start(l);
      return penalty.violation(l, w, from, c, from, f.end(l) - from, lambda);
    }

    private double maxViolation(double lambda) {
      double worst = 0;
      for (int l = 0; l < groupCount; l++) {
        worst = Math.max(worst, violationOf(l, lambda));
      }
      return worst;
    }

    private void add(int l) {
      if (!inWorking[l]) {
        inWorking[l] = true;
        working[workingCount++] = l;
      }
    }
  }
}
