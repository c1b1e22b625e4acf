package org.groupsparse.regression.implicit;

import org.groupsparse.groups.GroupOps;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.ResidualCorrelationKernel;
import org.groupsparse.linalg.SpectralNorm;
import org.groupsparse.util.DivergenceException;
import org.groupsparse.regression.internal.EarlyStoppingLoop;
import org.groupsparse.regression.Family;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.StopReason;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.TrainingListener;

/**
 * Trains the diagonally grouped linear network of Li, Nguyen, Hegde and Wong, "Implicit
 * Regularization for Group Sparsity" (ICLR 2023): w_i = u_{g(i)}^2 v_i, minimizing
 *
 * <pre>  L(u, v) = (1/2n) ||y - X w||^2</pre>
 *
 * <p>with no penalty; group sparsity comes from the small initialization u(0) = alpha 1 and early
 * stopping. The gradients (section 2, eq. 3 scaled by 1/n) are, with r = y - X w and
 * c = X^T r / n, grad_v L = -u_{g}^2 c and grad_{u_l} L = -2 u_l v_l^T c_l.
 *
 * <ul>
 *   <li>Algorithm 1: z = v - (1/u_l^4) grad_v L = v + c_l / u_l^2, evaluated as the direction of
 *       u_l^2 v_l + c_l so that nothing overflows when u_l = 1e-6; v_l = z_l / ||z_l||; then
 *       u_l(t+1) = u_l(t) - gamma grad_{u_l} L(u(t), v(t+1)). (The algorithm box in the paper
 *       writes 1/u^2; the text, Theorem 3 and its proof use 1/u^4, as here.)
 *   <li>Algorithm 2: as Algorithm 1 until max_l |u_l(t+1) - u_l(t)| / (|u_l(t)| + eps) &lt; tau,
 *       then z = v - eta grad_v L.
 *   <li>Plain gradient descent (appendix E.1): u and v both move along their gradients at the same
 *       point, with steps gamma and eta, and no normalization.
 * </ul>
 *
 * <p>Each iteration of Algorithms 1-2 needs two gradients, each one fused pass over X ({@link
 * ResidualCorrelationKernel}); plain gradient descent needs one. Early stopping watches only the
 * validation loss (patience, keep the best iterate), never the true coefficients.
 *
 * <h2>The adaptive schedule (the default, {@link DglnnSchedule#ADAPTIVE})</h2>
 *
 * <p>The paper's constants (gamma = eta = 1e-3, patience 2000) are tuned to its simulations; on
 * standardized data a group then needs tens of thousands of iterations to leave the
 * initialization, and the plateau between two groups (the incremental learning of section 4) is
 * longer than the patience. The adaptive schedule derives every constant from the data, in units
 * that do not depend on how the user scaled it:
 *
 * <ul>
 *   <li><b>gamma</b> = 1/(20 max_l ||X_l^T y||/n): Theorem 3 asks gamma &lt;= c/(u*_max)^2, and
 *       Lemma 3's observable proxy for (u*_max)^2 = ||w*_l|| is ||X_l^T y / n||. With it the
 *       fastest group's u grows by the factor 1 + 2 gamma v^T c = 1.1 per step at the start, so the
 *       number of iterations to learn a group depends only on ratios of correlations, never on the
 *       units of X or y.
 *   <li><b>v step</b>: 1/(L_l u_l^4) with L_l = ||X_l||_2^2 / n, i.e. v_l &lt;- (u_l^2 v_l + c_l /
 *       L_l) / ||.||. This is the paper's 1/u^4 step (Algorithm 1, Theorem 3) scaled by the group's
 *       Lipschitz constant: in terms of w_l = u_l^2 v_l it is a block gradient step of length 1/L_l,
 *       stable for any design (the unscaled step 1 oscillates when the columns of a group are
 *       correlated, L_l &gt; 2, as with spline bases).
 *   <li><b>switch</b> (Algorithm 2): per group, not global. Group l switches to a fixed step, the
 *       1/(L_l u_l^4) it has at that moment, once it is selected (see below) and its relative change
 *       |u_l(t+1) - u_l(t)|/u_l(t) is below tau = 1% of the fastest initial relative growth. A global
 *       switch freezes the directions of groups that have not emerged yet (their fixed step eta u^2
 *       is then about eta alpha^2), so a group still emerging at the switch never grows.
 *   <li><b>stopping</b>: the validation loss with patience P (automatic: 20 e-foldings of the
 *       fastest initial growth, at least 100), and never while a group is emerging. By Theorem 3 a
 *       group grows geometrically, u_l(t+1) = u_l(t)(1 + rho_l) with rho_l = 2 gamma v_l^T c_l; from
 *       the observable rho_l and u_l the time for an unselected group to reach the selection
 *       threshold theta is E_l = ln(theta / u_l^2) / (2 ln(1 + rho_l)). At the best iterate b the
 *       run waits at least 2 min_l E_l (a factor 2 because c_l changes as other groups are learned)
 *       unless that is beyond the iteration cap, and it does not stop while a selected group still
 *       grows faster than 5% of the fastest initial rate. The cap is a safety net; reaching it is
 *       reported as {@link StopReason#MAX_ITERATIONS}.
 *   <li><b>selection</b>: groups above the largest gap, of at least a factor 10, in the sorted
 *       magnitudes u_l^2 (geometric mean of the two sides as threshold). The dynamics make the
 *       magnitudes bimodal: learned groups sit at ||w_l||, the others still grow from alpha^2, so a
 *       gap of many decades separates them even before convergence; without such a gap the
 *       paper's rule sqrt(alpha max u^2) applies. Of the groups above the gap, those whose share of
 *       the fitted signal ||X_l w_l||^2 is below 0.5% are dropped: they emerged late by fitting
 *       noise and do not carry the fit.
 * </ul>
 */
public final class DglnnTrainer implements org.groupsparse.regression.Trainer<GroupLinearModel> {
  private static final String OWNER = "DglnnTrainer";
  private final DglnnOptions options;

  /** @param options the configuration */
  public DglnnTrainer(DglnnOptions options) {
    this.options = options;
  }

  @Override
  public String method() {
    return methodName(options.algorithm());
  }

  @Override
  public DglnnOptions options() {
    return options;
  }

  @Override
  public FitResult<GroupLinearModel> fit(org.groupsparse.regression.Problem problem,
      TrainingListener<? super org.groupsparse.regression.IterationView> listener) {
    return fit(problem.train(), problem.validation(), problem.groups(), listener);
  }

  /**
   * Fits on data in original units: standardizes on the training rows as configured, runs, and
   * maps the kept iterate back to the original scale.
   *
   * @param train training data, at least 2 rows, not modified
   * @param validation validation data with the same columns, or {@code null} for none
   * @param groups the group structure over the features
   * @param listener progress receiver
   * @return the model and the record of the run
   * @throws DivergenceException if the iterates become non-finite
   */
  public FitResult<GroupLinearModel> fit(Dataset train, Dataset validation, GroupStructure groups,
      TrainingListener<? super DglnnIterationView> listener) {
    org.groupsparse.regression.internal.StandardizedFit data = new org.groupsparse.regression.internal.StandardizedFit(train, validation,
        groups, options.fitIntercept(), options.standardize(), options.family());
    Dataset t = data.train();
    Dataset v = data.validation();
    DglnnSolution s = run(t.design(), t.response(), v == null ? null : v.design(), v == null ? null : v.response(),
        groups, listener);
    double[] u = s.groupScales();
    double[] magnitudes = new double[u.length];
    for (int l = 0; l < u.length; l++) {
      magnitudes[l] = u[l] * u[l];
    }
    boolean[] selected = selectGroups(u);
    if (options.schedule() == DglnnSchedule.ADAPTIVE && Double.isNaN(options.selectionThreshold())) {
      dropNegligibleGroups(t, groups, s.coefficients(), selected);
    }
    return data.result(methodName(options.algorithm()), groups, s.coefficients(), s.intercept(), magnitudes, selected,
        s.history()).withOptions(resolved(s));
  }

  /**
   * The options as the run used them: automatic gamma and patience replaced by their values (the
   * model file records these, so a fit can be repeated with fixed numbers).
   */
  private DglnnOptions resolved(DglnnSolution s) {
    DglnnOptions.Builder b = options.toBuilder().stepSizeU(s.stepSizeU());
    if (options.patience() == 0) {
      b.patience(s.patience());
    }
    return b.build();
  }

  /** Smallest share of the fitted signal of a selected group (adaptive selection). */
  static final double SELECTION_SHARE = 0.005;

  /**
   * The second step of the adaptive selection: of the groups above the gap, keep those that carry
   * the fit, i.e. whose share of the fitted signal, ||X_l w_l||^2 / sum_k ||X_k w_k||^2 over the
   * groups above the gap, is at least {@value #SELECTION_SHARE}. A group that emerged late in the
   * run by fitting noise (the validation loss did not object enough to stop before it) sits above
   * the gap in magnitude but explains almost nothing; it is then not reported as selected. Its
   * coefficients stay in the model.
   *
   * @param train the (standardized) training rows the run used
   * @param groups the groups
   * @param w the kept coefficients on that scale, not modified
   * @param selected the gap selection, modified
   */
  static void dropNegligibleGroups(Dataset train, GroupStructure groups, double[] w, boolean[] selected) {
    int n = train.rows();
    int p = train.features();
    int g = groups.groupCount();
    double[] x = train.design().data();
    int[] groupOf = groups.groupIndexPerFeature();
    double[] contribution = new double[g];
    double[] part = new double[g];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(part, 0.0);
      for (int j = 0; j < p; j++) {
        part[groupOf[j]] += x[i * p + j] * w[j];
      }
      for (int l = 0; l < g; l++) {
        contribution[l] += part[l] * part[l];
      }
    }
    double total = 0;
    for (int l = 0; l < g; l++) {
      if (selected[l]) {
        total += contribution[l];
      }
    }
    if (total <= 0) {
      return;
    }
    for (int l = 0; l < g; l++) {
      if (selected[l]) {
        selected[l] = contribution[l] >= SELECTION_SHARE * total;
      }
    }
  }

  /**
   * Which groups a solution keeps: u_l^2 above the configured threshold or, when it is NaN, above
   * sqrt(alpha max_k u_k^2), the midpoint on the logarithmic scale between alpha, the size that
   * Theorem 3 allows for groups outside the support, and the largest group.
   *
   * @param groupScales u, not modified
   * @return one flag per group
   */
  public boolean[] selectGroups(double[] groupScales) {
    double[] magnitudes = new double[groupScales.length];
    for (int l = 0; l < magnitudes.length; l++) {
      magnitudes[l] = groupScales[l] * groupScales[l];
    }
    double threshold = selectionThreshold(magnitudes, new double[magnitudes.length]);
    boolean[] out = new boolean[groupScales.length];
    for (int l = 0; l < out.length; l++) {
      out[l] = groupScales[l] * groupScales[l] > threshold;
    }
    return out;
  }

  /**
   * The gamma this trainer uses on {@code train}: the configured one, or the automatic
   * 1/(20 max_l ||X_l^T y||/n) computed on the training rows as the trainer preprocesses them.
   * Cross-validation fixes it from all rows so that iteration counts mean the same in every fold.
   *
   * @param train the training rows, not modified
   * @param groups the groups
   * @return gamma
   */
  public double resolveStepSizeU(Dataset train, GroupStructure groups) {
    if (!Double.isNaN(options.stepSizeU())) {
      return options.stepSizeU();
    }
    org.groupsparse.regression.internal.StandardizedFit data = new org.groupsparse.regression.internal.StandardizedFit(train, null,
        groups, options.fitIntercept(), options.standardize(), options.family());
    Dataset t = data.train();
    int n = t.rows();
    int p = t.features();
    double[] c = new double[p];
    try (ResidualCorrelationKernel kernel = new ResidualCorrelationKernel(t.design(), t.response(), options.threads())) {
      kernel.evaluate(new double[p], c);
    }
    double max = 0;
    for (double norm : GroupOps.norms(groups, c)) {
      max = Math.max(max, norm / n);
    }
    return max > 0 ? 1.0 / (GAMMA_DIVISOR * max) : 1e-3;
  }

  /** Smallest ratio between consecutive sorted magnitudes that counts as a gap. */
  static final double SELECTION_GAP = 10.0;

  /**
   * The selection threshold on the magnitudes u_l^2: the configured one; else, with the adaptive
   * schedule, the geometric mean of the two magnitudes around the largest gap (ratio at least
   * {@value #SELECTION_GAP}) in their sorted order; else (no such gap, or the paper's schedule)
   * sqrt(alpha max_k u_k^2).
   *
   * @param magnitudes u_l^2 per group, not modified
   * @param scratch work array of the same length, modified
   * @return the threshold: groups with a magnitude above it are selected
   */
  public double selectionThreshold(double[] magnitudes, double[] scratch) {
    double threshold = options.selectionThreshold();
    if (!Double.isNaN(threshold)) {
      return threshold;
    }
    int g = magnitudes.length;
    double max = 0;
    for (double m : magnitudes) {
      max = Math.max(max, m);
    }
    double fallback = Math.sqrt(options.alpha() * max);
    if (options.schedule() != DglnnSchedule.ADAPTIVE || g < 2) {
      return fallback;
    }
    System.arraycopy(magnitudes, 0, scratch, 0, g);
    Arrays.sort(scratch, 0, g);
    double bestRatio = SELECTION_GAP;
    double best = Double.NaN;
    for (int k = g - 1; k > 0; k--) {
      double hi = scratch[k];
      double lo = scratch[k - 1];
      if (lo <= 0) {
        if (hi > 0 && bestRatio < Double.POSITIVE_INFINITY) {
          best = hi / 2;
          bestRatio = Double.POSITIVE_INFINITY;
        }
        break;
      }
      double ratio = hi / lo;
      if (ratio >= bestRatio) {
        bestRatio = ratio;
        best = Math.sqrt(hi * lo);
      }
    }
    return Double.isNaN(best) ? fallback : best;
  }

  /**
   * Runs the configured algorithm on data as given (no centring or scaling).
   *
   * @param x training design, n x p, not modified
   * @param y training response, not modified
   * @param xVal validation design, or {@code null}
   * @param yVal validation response, or {@code null}
   * @param groups the group structure over the p features
   * @param listener progress receiver
   * @return the kept iterate and the record
   * @throws DivergenceException if the iterates become non-finite
   */
  public DglnnSolution run(DenseMatrix x, double[] y, DenseMatrix xVal, double[] yVal, GroupStructure groups,
      TrainingListener<? super DglnnIterationView> listener) {
    if (groups.featureCount() != x.cols()) {
      throw new DimensionMismatchException(
          "groups cover " + groups.featureCount() + " features but the design has " + x.cols() + " columns");
    }
    if (xVal != null && xVal.cols() != x.cols()) {
      throw new DimensionMismatchException(
          "validation design has " + xVal.cols() + " columns, training design " + x.cols());
    }
    try (ResidualCorrelationKernel kernel = new ResidualCorrelationKernel(x, y, options.threads())) {
      Engine e = new Engine(kernel, x, y, xVal, yVal, groups, listener);
      return e.run();
    }
  }

  /** Relative growth, as a fraction of the fastest initial one, below which a selected group has settled. */
  static final double SETTLED_FRACTION = 0.05;
  /** Switch tolerance of the adaptive schedule, as a fraction of the fastest initial relative growth. */
  static final double SWITCH_FRACTION = 0.01;
  /** gamma of the adaptive schedule: 1/(GAMMA_DIVISOR max_l ||X_l^T y / n||) (Theorem 3's bound). */
  static final double GAMMA_DIVISOR = 20.0;
  /** Automatic patience: this many e-foldings of the fastest initial growth. */
  static final double PATIENCE_EFOLDINGS = 20.0;
  /** Smallest automatic patience. */
  static final int MIN_PATIENCE = 100;
  /** The predicted emergence time is multiplied by this before the run may stop. */
  static final double EMERGENCE_SAFETY = 2.0;
  /** The selected set (and with it L_A) is re-examined every this many iterations. */
  static final int ACTIVE_REFRESH = 10;
  /** Newton steps on the logistic intercept per iteration, at most (warm-started: one or two suffice). */
  static final int INTERCEPT_NEWTON_STEPS = 25;
  /** A Newton step on the intercept is clipped to this (the logistic curvature can be tiny far out). */
  static final double MAX_INTERCEPT_STEP = 5.0;
  /** Relative size of a Newton step on the intercept at which it is solved. */
  static final double INTERCEPT_TOLERANCE = 1e-12;
  /**
   * The method name a model trained by {@code algorithm} records (model files, results, progress):
   * "dglnn" for Algorithm 2 (the paper's method), "dglnn-alg1" for Algorithm 1, "dglnn-gd" for
   * plain gradient descent.
   *
   * @param algorithm the algorithm
   * @return its method name
   */
  public static String methodName(DglnnAlgorithm algorithm) {
    return switch (algorithm) {
      case ALGORITHM_2 -> "dglnn";
      case ALGORITHM_1 -> "dglnn-alg1";
      case GRADIENT_DESCENT -> "dglnn-gd";
    };
  }

  /** Power-iteration estimates of L_A are raised by this factor (the method approaches from below). */
  static final double POWER_SAFETY = 1.05;
  /** Iteration cap of the power method for L_A (refreshed during training). */
  static final int ACTIVE_POWER_ITERATIONS = 50;
  /** Relative change at which the power method for L_A stops. */
  static final double ACTIVE_POWER_TOLERANCE = 1e-6;
  /** Groups up to this size get their exact L_l from their Gram block; larger ones the trace bound. */
  static final int EXACT_LIPSCHITZ_MAX_SIZE = 64;

  /**
   * The iteration state, run by the shared {@link EarlyStoppingLoop}; all buffers allocated once.
   */
  private final class Engine implements EarlyStoppingLoop.Iterate<DglnnIterationView> {
    private final ResidualCorrelationKernel kernel;
    private final DenseMatrix design;
    private final DenseMatrix xVal;
    private final double[] yVal;
    /** The datafit's family; for BINOMIAL the response y, X w and y - mu(b + X w). */
    private final Family family;
    private final double[] y;
    private final double[] linear;
    private final double[] residual;
    /** The profiled intercept b (logistic loss only; 0 for least squares). */
    private double intercept;
    private double bestIntercept;
    private final int n;
    private final int p;
    private final int groupCount;
    private final int[] groupOf;
    private final int[] members;
    private final int[] ptr;
    private final TrainingListener<? super DglnnIterationView> listener;
    private final boolean adaptive;
    private final double[] u;
    private final double[] v;
    private final double[] w;
    private final double[] c;
    private final double[] bestU;
    private final double[] bestV;
    private final double[] rho;
    private final double[] magnitudes;
    private final double[] scratch;
    private final double[] lipschitz;
    private final double[] groupStep;
    private final boolean[] groupSwitched;
    private final boolean[] activeMask;
    private double activeLipschitz;
    private double gamma;
    private double eta;
    private double tau;
    private double initialRate;
    private int patience;
    private double waitAtBest;
    private boolean switched;
    private int switchIteration = -1;

    Engine(ResidualCorrelationKernel kernel, DenseMatrix x, double[] y, DenseMatrix xVal, double[] yVal,
        GroupStructure groups, TrainingListener<? super DglnnIterationView> listener) {
      this.kernel = kernel;
      this.design = x;
      this.xVal = xVal;
      this.yVal = yVal;
      this.family = options.family();
      this.y = y;
      this.linear = family == Family.GAUSSIAN ? null : new double[kernel.rows()];
      this.residual = family == Family.GAUSSIAN ? null : new double[kernel.rows()];
      this.n = kernel.rows();
      this.p = kernel.cols();
      this.groupCount = groups.groupCount();
      this.groupOf = groups.groupIndexPerFeature();
      this.members = groups.members();
      this.ptr = groups.groupStarts();
      this.listener = listener;
      this.adaptive = options.schedule() == DglnnSchedule.ADAPTIVE;
      u = new double[groupCount];
      v = new double[p];
      w = new double[p];
      c = new double[p];
      bestU = new double[groupCount];
      bestV = new double[p];
      rho = new double[groupCount];
      magnitudes = new double[groupCount];
      scratch = new double[groupCount];
      lipschitz = new double[groupCount];
      groupStep = new double[groupCount];
      groupSwitched = new boolean[groupCount];
      activeMask = new boolean[groupCount];
    }

    /** Resolves the automatic constants from the data (one gradient at w = 0, one pass for L_l). */
    private void resolveConstants() {
      Arrays.fill(w, 0.0);
      if (family == Family.GAUSSIAN) {
        kernel.evaluate(w, c);
      } else {
        // the intercept-only fit b = logit(ybar); c = X^T (y - mu) (unnormalized, as the kernel's)
        double mean = 0;
        for (double v : y) {
          mean += v;
        }
        mean /= n;
        intercept = mean > 0 && mean < 1 ? family.link(mean) : 0.0;
        logisticGradient();
        for (int j = 0; j < p; j++) {
          c[j] *= n;
        }
      }
      double maxCorrelation = 0;
      for (int l = 0; l < groupCount; l++) {
        maxCorrelation = Math.max(maxCorrelation, groupNorm(c, l) / n);
      }
      gamma = !Double.isNaN(options.stepSizeU()) ? options.stepSizeU()
          : maxCorrelation > 0 ? 1.0 / (GAMMA_DIVISOR * maxCorrelation) : 1e-3;
      initialRate = 2 * gamma * maxCorrelation;
      if (options.algorithm() == DglnnAlgorithm.GRADIENT_DESCENT) {
        eta = Double.isNaN(options.stepSizeV()) ? gamma : options.stepSizeV();
      } else {
        eta = Double.isNaN(options.stepSizeV()) ? Double.NaN : options.stepSizeV();
      }
      if (!Double.isNaN(options.switchTolerance())) {
        tau = options.switchTolerance();
      } else {
        tau = adaptive ? SWITCH_FRACTION * initialRate : gamma;
      }
      if (options.patience() > 0) {
        patience = options.patience();
      } else {
        patience = initialRate > 0 ? (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_PATIENCE,
            Math.ceil(PATIENCE_EFOLDINGS / Math.log1p(initialRate)))) : MIN_PATIENCE;
      }
      if (adaptive && options.algorithm() != DglnnAlgorithm.GRADIENT_DESCENT) {
        groupLipschitz();
        // the logistic loss's curvature is at most 1/4 of the least-squares one
        for (int l = 0; l < groupCount; l++) {
          lipschitz[l] *= family.curvatureBound();
        }
      } else {
        Arrays.fill(lipschitz, 1.0);
      }
    }

    /** L_l = ||X_l||_2^2 / n: exact from the Gram block for groups up to 64 columns, else the trace bound. */
    private void groupLipschitz() {
      double[] x = design.data();
      int[] offset = new int[groupCount + 1];
      for (int l = 0; l < groupCount; l++) {
        int m = ptr[l + 1] - ptr[l];
        offset[l + 1] = offset[l] + (m <= EXACT_LIPSCHITZ_MAX_SIZE ? m * m : 0);
      }
      double[] gram = new double[offset[groupCount]];
      double[] trace = new double[groupCount];
      for (int i = 0; i < n; i++) {
        int row = i * p;
        for (int l = 0; l < groupCount; l++) {
          int a0 = ptr[l];
          int m = ptr[l + 1] - a0;
          if (m > EXACT_LIPSCHITZ_MAX_SIZE) {
            for (int a = 0; a < m; a++) {
              double xa = x[row + members[a0 + a]];
              trace[l] += xa * xa;
            }
            continue;
          }
          int off = offset[l];
          for (int a = 0; a < m; a++) {
            double xa = x[row + members[a0 + a]];
            for (int b = 0; b <= a; b++) {
              gram[off + a * m + b] += xa * x[row + members[a0 + b]];
            }
          }
        }
      }
      for (int l = 0; l < groupCount; l++) {
        int m = ptr[l + 1] - ptr[l];
        double value;
        if (m > EXACT_LIPSCHITZ_MAX_SIZE) {
          value = trace[l] / n;
        } else {
          double[] block = new double[m * m];
          for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
              double g = gram[offset[l] + a * m + b] / n;
              block[a * m + b] = g;
              block[b * m + a] = g;
            }
          }
          double[] start = new double[m];
          Arrays.fill(start, 1.0);
          value = m == 1 ? block[0] : SpectralNorm.largestEigenvalue(block, m, start);
        }
        // a zero (constant, removed) group keeps step 1: its correlation is 0 anyway
        lipschitz[l] = value > 0 && Double.isFinite(value) ? value : 1.0;
      }
    }

    DglnnSolution run() {
      initialize();
      resolveConstants();
      String method = methodName(options.algorithm());
      TrainingHistory history = EarlyStoppingLoop.run(new EarlyStoppingLoop.Stopping(method, xVal, yVal,
          options.maxIterations(), options.minIterations(), patience, "try a smaller step size (gamma = " + gamma
          + ", eta = " + eta + ")"), this, listener);
      double[] wBest = new double[p];
      for (int j = 0; j < p; j++) {
        double s = bestU[groupOf[j]];
        wBest[j] = s * s * bestV[j];
      }
      return new DglnnSolution(bestU.clone(), bestV.clone(), wBest, history, gamma, patience, bestIntercept);
    }

    @Override
    public double evaluate() {
      return gradient();
    }

    @Override
    public double[] coefficientsView() {
      return w;
    }

    @Override
    public void step(int t) {
      DglnnAlgorithm algorithm = options.algorithm();
      if (algorithm == DglnnAlgorithm.GRADIENT_DESCENT) {
        plainGradientStep();
      } else {
        weightNormalizedStep(algorithm == DglnnAlgorithm.ALGORITHM_2, t);
      }
    }

    @Override
    public void keepBest() {
      bestIntercept = intercept;
      System.arraycopy(u, 0, bestU, 0, groupCount);
      System.arraycopy(v, 0, bestV, 0, p);
      if (adaptive) {
        waitAtBest = emergenceWait();
      }
    }

    @Override
    public int switchIteration() {
      return switchIteration;
    }

    /**
     * The adaptive schedule's reasons to continue once the patience has run out: a group predicted
     * to emerge within the budget, or a selected group still growing (its effect on the validation
     * loss is not seen yet).
     */
    @Override
    public boolean keepWaiting(int t, int bestIteration) {
      if (!adaptive) {
        return false;
      }
      int since = t - bestIteration;
      // a group predicted to emerge within the budget: wait for it
      if (since < waitAtBest && bestIteration + waitAtBest <= options.maxIterations()) {
        return true;
      }
      // a selected group still growing: its effect on the validation loss is not seen yet
      double threshold = currentThreshold();
      double settled = SETTLED_FRACTION * initialRate;
      for (int l = 0; l < groupCount; l++) {
        if (magnitudes[l] > threshold && rho[l] > settled) {
          return true;
        }
      }
      return false;
    }

    /** Current magnitudes u_l^2 into {@code magnitudes}; returns the selection threshold. */
    private double currentThreshold() {
      for (int l = 0; l < groupCount; l++) {
        magnitudes[l] = u[l] * u[l];
      }
      return selectionThreshold(magnitudes, scratch);
    }

    /**
     * EMERGENCE_SAFETY x the predicted number of iterations until the fastest-growing unselected
     * group reaches the selection threshold (0 when none grows).
     */
    private double emergenceWait() {
      double threshold = currentThreshold();
      double soonest = Double.POSITIVE_INFINITY;
      for (int l = 0; l < groupCount; l++) {
        double m = magnitudes[l];
        if (m <= threshold && rho[l] > 0 && m > 0) {
          double steps = Math.log(threshold / m) / (2 * Math.log1p(rho[l]));
          soonest = Math.min(soonest, steps);
        }
      }
      return Double.isFinite(soonest) ? EMERGENCE_SAFETY * soonest : 0;
    }

    private void initialize() {
      Arrays.fill(u, options.alpha());
      switch (options.directionInit()) {
        case UNIFORM_UNIT:
          for (int l = 0; l < groupCount; l++) {
            double e = 1.0 / Math.sqrt(ptr[l + 1] - ptr[l]);
            for (int k = ptr[l]; k < ptr[l + 1]; k++) {
              v[members[k]] = e;
            }
          }
          break;
        case CORRELATION:
          kernel.evaluate(w, c); // w = 0: c = X^T y
          for (int l = 0; l < groupCount; l++) {
            double norm = groupNorm(c, l);
            double fallback = 1.0 / Math.sqrt(ptr[l + 1] - ptr[l]);
            for (int k = ptr[l]; k < ptr[l + 1]; k++) {
              int j = members[k];
              v[j] = norm > 0 ? c[j] / norm : fallback;
            }
          }
          break;
        case ZERO:
          Arrays.fill(v, 0.0);
          break;
        case CONSTANT:
          Arrays.fill(v, options.directionInitScale());
          break;
        case RANDOM_UNIFORM:
          SplittableRandom rng = new SplittableRandom(options.seed());
          for (int j = 0; j < p; j++) {
            v[j] = options.directionInitScale() * (2 * rng.nextDouble() - 1);
          }
          break;
        default:
          throw new IllegalStateException();
      }
      if (options.algorithm() != DglnnAlgorithm.GRADIENT_DESCENT
          && (options.directionInit() == DirectionInit.CONSTANT
              || options.directionInit() == DirectionInit.RANDOM_UNIFORM)) {
        for (int l = 0; l < groupCount; l++) {
          normalizeGroup(v, l);
        }
      }
    }

    /**
     * The logistic datafit at the current w: eta = X w (+ b), the intercept b profiled out by Newton
     * steps on (1/n) sum log(1 + e^eta_i) - y_i eta_i (warm-started, so one or two per iteration),
     * the residual y - sigmoid(eta) and c = X^T (y - mu) / n, the negative gradient in w.
     *
     * @return the mean logistic loss
     */
    private double logisticGradient() {
      MatrixOps.multiply(design, w, linear);
      for (int it = 0; it < INTERCEPT_NEWTON_STEPS; it++) {
        double g = 0;
        double h = 0;
        for (int i = 0; i < n; i++) {
          double mu = family.mean(linear[i] + intercept);
          g += y[i] - mu;
          h += family.variance(mu);
        }
        if (!(h > 0)) {
          break;
        }
        double step = Math.max(-MAX_INTERCEPT_STEP, Math.min(MAX_INTERCEPT_STEP, g / h));
        intercept += step;
        if (Math.abs(step) <= INTERCEPT_TOLERANCE * (1 + Math.abs(intercept))) {
          break;
        }
      }
      double loss = 0;
      for (int i = 0; i < n; i++) {
        double e = linear[i] + intercept;
        residual[i] = y[i] - family.mean(e);
        loss += family.loss(y[i], e);
      }
      MatrixOps.transposeMultiply(design, residual, c);
      double inv = 1.0 / n;
      for (int j = 0; j < p; j++) {
        c[j] *= inv;
      }
      return loss * inv;
    }

    @Override
    public double validationLoss(DenseMatrix x, double[] response) {
      if (family == Family.GAUSSIAN) {
        return EarlyStoppingLoop.Iterate.super.validationLoss(x, response);
      }
      double[] xv = x.data();
      int rows = x.rows();
      double loss = 0;
      for (int i = 0; i < rows; i++) {
        double e = intercept;
        int off = i * p;
        for (int j = 0; j < p; j++) {
          e += xv[off + j] * w[j];
        }
        loss += family.loss(response[i], e);
      }
      return loss / rows;
    }

    /** w = u_g^2 v; c = X^T (y - Xw) / n; returns (1/2n)||y - Xw||^2. */
    private double gradient() {
      for (int j = 0; j < p; j++) {
        double s = u[groupOf[j]];
        w[j] = s * s * v[j];
      }
      if (family != Family.GAUSSIAN) {
        return logisticGradient();
      }
      double rss = kernel.evaluate(w, c);
      double inv = 1.0 / n;
      // the same arithmetic as before for the paper's (1/2n) loss; the authors' (1/n) doubles c
      double scale = options.lossScaling() == LossScaling.HALF_MEAN ? inv : options.lossScaling().gradientFactor() * inv;
      for (int j = 0; j < p; j++) {
        c[j] *= scale;
      }
      return rss * 0.5 * inv;
    }

    /**
     * Every {@value #ACTIVE_REFRESH} iterations: when the selected set A has changed, L_A =
     * ||X_A||_2^2 / n by the power method. All groups move at once, so a block step 1/L_l is
     * stable only when the groups are nearly orthogonal; the joint step on w_A needs 1/L_A.
     */
    private void refreshActiveLipschitz(int t) {
      if (t % ACTIVE_REFRESH != 0) {
        return;
      }
      double threshold = currentThreshold();
      boolean changed = false;
      int columns = 0;
      for (int l = 0; l < groupCount; l++) {
        boolean a = magnitudes[l] > threshold;
        changed |= a != activeMask[l];
        activeMask[l] = a;
        if (a) {
          columns += ptr[l + 1] - ptr[l];
        }
      }
      if (!changed) {
        return;
      }
      int[] cols = new int[columns];
      int q = 0;
      for (int l = 0; l < groupCount; l++) {
        if (activeMask[l]) {
          for (int k = ptr[l]; k < ptr[l + 1]; k++) {
            cols[q++] = members[k];
          }
        }
      }
      activeLipschitz = columns == 0 ? 0 : POWER_SAFETY * family.curvatureBound() * activeSpectralNorm(cols);
    }

    /**
     * ||X_A||_2^2 / n for the columns {@code cols}, by the power method of {@link SpectralNorm}
     * capped at {@value #ACTIVE_POWER_ITERATIONS} iterations and stopped at relative change
     * {@value #ACTIVE_POWER_TOLERANCE}: it is refreshed during training, so it is kept cheap and
     * raised by {@link #POWER_SAFETY} instead (allocates; called rarely).
     */
    private double activeSpectralNorm(int[] cols) {
      double[] x = design.data();
      int m = cols.length;
      double[] vec = new double[m];
      Arrays.fill(vec, 1.0 / Math.sqrt(m));
      return SpectralNorm.largestEigenvalue((v, next) -> {
        Arrays.fill(next, 0.0);
        for (int i = 0; i < n; i++) {
          int row = i * p;
          double z = 0;
          for (int a = 0; a < m; a++) {
            z += x[row + cols[a]] * v[a];
          }
          for (int a = 0; a < m; a++) {
            next[a] += x[row + cols[a]] * z;
          }
        }
        for (int a = 0; a < m; a++) {
          next[a] /= n;
        }
      }, vec, ACTIVE_POWER_ITERATIONS, ACTIVE_POWER_TOLERANCE);
    }

    private void weightNormalizedStep(boolean algorithm2, int t) {
      if (adaptive) {
        refreshActiveLipschitz(t);
      }
      for (int l = 0; l < groupCount; l++) {
        double u2 = u[l] * u[l];
        if (adaptive) {
          // before the group's switch: z = u^2 v + c / L, the step 1/(L u^4) on v, with
          // L = max(L_l, L_A); after it: z = v + h_l u^2 c / L with h_l = 1/u_l^4 frozen at the switch
          double inverseL = 1.0 / Math.max(lipschitz[l], activeLipschitz);
          double h = groupStep[l];
          boolean fixed = groupSwitched[l];
          for (int k = ptr[l]; k < ptr[l + 1]; k++) {
            int j = members[k];
            v[j] = fixed ? v[j] + h * inverseL * u2 * c[j] : u2 * v[j] + inverseL * c[j];
          }
        } else {
          for (int k = ptr[l]; k < ptr[l + 1]; k++) {
            int j = members[k];
            // switched: z = v + eta u^2 c; before: z ∝ u^2 z = u^2 v + c (the step 1/u^4 times grad u^2 c)
            v[j] = switched ? v[j] + eta * u2 * c[j] : u2 * v[j] + c[j];
          }
        }
        normalizeGroup(v, l);
      }
      gradient(); // at (u(t), v(t+1))
      double maxRelative = 0;
      double eps = options.switchEpsilon();
      boolean candidates = false;
      for (int l = 0; l < groupCount; l++) {
        double vc = 0;
        for (int k = ptr[l]; k < ptr[l + 1]; k++) {
          int j = members[k];
          vc += v[j] * c[j];
        }
        double old = u[l];
        double next = old + gamma * 2.0 * old * vc;
        u[l] = next;
        double relative = Math.abs(next - old) / (Math.abs(old) + eps);
        rho[l] = (next - old) / (Math.abs(old) + eps);
        maxRelative = Math.max(maxRelative, relative);
        candidates |= !groupSwitched[l] && relative < tau;
      }
      if (!algorithm2) {
        return;
      }
      if (!adaptive) {
        if (!switched && maxRelative < tau) {
          switched = true;
          switchIteration = t;
        }
        return;
      }
      if (candidates) {
        double threshold = currentThreshold();
        for (int l = 0; l < groupCount; l++) {
          if (!groupSwitched[l] && magnitudes[l] > threshold && Math.abs(rho[l]) < tau) {
            groupSwitched[l] = true;
            groupStep[l] = 1.0 / (magnitudes[l] * magnitudes[l]);
            if (!switched) {
              switched = true;
              switchIteration = t;
            }
          }
        }
      }
    }

    private void plainGradientStep() {
      for (int l = 0; l < groupCount; l++) {
        double ul = u[l];
        double u2 = ul * ul;
        double vc = 0;
        for (int k = ptr[l]; k < ptr[l + 1]; k++) {
          int j = members[k];
          vc += v[j] * c[j];
          v[j] += eta * u2 * c[j];
        }
        u[l] = ul + gamma * 2.0 * ul * vc;
        rho[l] = ul != 0 ? 2.0 * gamma * vc : 0;
      }
    }

    private double groupNorm(double[] a, int l) {
      return GroupOps.norm(a, 0, members, ptr[l], ptr[l + 1]);
    }

    private void normalizeGroup(double[] a, int l) {
      GroupOps.normalize(a, members, ptr[l], ptr[l + 1]);
    }

    @Override
    public DglnnIterationView view(EarlyStoppingLoop.LossRecord losses) {
      return new DglnnView(losses);
    }

    /** The loop's view plus the DGLNN's own state. */
    private final class DglnnView extends EarlyStoppingLoop.LossView implements DglnnIterationView {
      DglnnView(EarlyStoppingLoop.LossRecord losses) {
        super(losses, Engine.this);
      }

      @Override
      public void groupScales(double[] out) {
        System.arraycopy(u, 0, out, 0, groupCount);
      }

      @Override
      public void directions(double[] out) {
        System.arraycopy(v, 0, out, 0, p);
      }

      @Override
      public boolean switched() {
        return switched;
      }
    }
  }

  @Override
  public String toString() {
    return OWNER + options;
  }
}
