package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupOps;
import java.util.Arrays;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.regression.Family;

/**
 * The group lasso path for the logistic and Poisson datafits (grpreg's {@code family = "binomial"}
 * and {@code "poisson"}, gglasso's {@code loss = "logit"}):
 *
 * <pre>  min_{w, b} (1/n) sum_i loss(y_i, eta_i) + lambda sum_l omega_l ||w_l||_2,  eta_i = b + x_i^T w,
 *   binomial: loss = log(1 + e^eta) - y eta, y in {0, 1};  poisson: loss = e^eta - y eta, y a count,</pre>
 *
 * <p>on standardized columns (centred and scaled on the training rows, as for least squares; the
 * response is not touched), the intercept unpenalized. The group lasso (the lasso included) is solved
 * at every lambda by proximal Newton ({@code Run.proxNewton}: a weighted quadratic model of the loss,
 * as glmnet's IRLS and skglm, minimized on the working set by block coordinate descent, then a line
 * search on the true objective; {@link #PROX_NEWTON_AFTER}). Group MCP and SCAD use block coordinate
 * descent with proximal block steps: with g_l = X_l^T r / n, r = y - p, p_i = 1/(1 + e^{-eta_i}),
 *
 * <pre>  w_l &lt;- S(w_l + g_l / M, lambda omega_l / M),  S(z, t) = z max(0, 1 - t/||z||),</pre>
 *
 * <p>where r = y - mu, mu the family's mean, and M starts from a local estimate of the block's
 * curvature and is doubled until the loss lies under its quadratic model (for the logistic loss
 * gglasso's fixed M_l = ||X_l||_2^2 / (4n), the global bound from p(1 - p) &lt;= 1/4, is always
 * accepted but crawls when the probabilities approach 0 or 1, as on nearly separable data; the
 * Poisson loss has no global bound); the intercept takes a damped Newton step, and after a few
 * sweeps over the nonzero groups an active-set Newton step (Hessian [X_A 1]^T diag(var(mu)) [X_A 1]/n
 * plus the penalty's curvature) polishes them. Each lambda is
 * certified like the least-squares path: the largest KKT violation over all groups (||X_l^T r/n||
 * - lambda omega_l for zero groups, ||X_l^T r/n - lambda omega_l w_l/||w_l|| || for the others) and
 * the intercept's |mean(r)|, divided by lambda, must be at most the tolerance; a lambda whose budget
 * runs out is reported as unconverged, never dropped (the default budget is {@value
 * #GLM_DEFAULT_BUDGET} sweeps per lambda). As glmnet does, the path ends at the first lambda whose
 * deviance is below 0.1% of the null deviance: beyond it the logistic coefficients of separable
 * classes grow without bound. lambda_max = max_l ||X_l^T (y - ybar)|| / (n omega_l), from the
 * intercept-only fit b = link(ybar) (logit or log).
 */
final class GlmGroupLassoPath {
  /** The path ends when the deviance falls below this fraction of the null deviance (glmnet's 0.999 rule). */
  private static final double SATURATION = 1e-3;
  /**
   * Budget per lambda (sweeps and Newton steps) when the options keep the least-squares default:
   * the GLM solver's steps cost more and converge more slowly near saturation.
   */
  static final int GLM_DEFAULT_BUDGET = 500;
  /** Block steps of MCP and SCAD use a curvature at least this multiple of the penalty's concavity. */
  private static final double CONVEXITY_MARGIN = 1.01;
  /** Block sweeps over the nonzero groups before the Newton polish. */
  private static final int NEWTON_AFTER = 4;
  /** A Newton step that must be halved more often than this is abandoned for block sweeps. */
  private static final int NEWTON_HALVINGS = 3;
  /** The Newton polish runs when the nonzero groups have at most this many columns together. */
  private static final int NEWTON_MAX_COLUMNS = 500;
  /** Local curvature estimates are kept above this fraction of the global bound L_l / 4. */
  private static final double MIN_CURVATURE_FRACTION = 1e-8;
  /** Inner sweeps of a proximal Newton step stop when the largest block move is below this fraction of the outer violation. */
  private static final double INNER_FRACTION = 0.1;
  /**
   * The active-set Newton step forms X_A^T W X_A in Java (SIMD dot products of the weighted columns,
   * half of them by symmetry) when cols^2 n is at most this, and factors it in Java up to
   * MEDIUM_FACTOR columns (the right-looking loop up to SMALL_FACTOR, row-by-row dot products above):
   * below these sizes a call into the multi-threaded BLAS or LAPACK costs more than the work between
   * other Java steps — its threads spin, yield and wake for each call (measured on bardet
   * dichotomized, 120 x 100: 0.085 s for the path with one BLAS thread against 0.13 s with two; on
   * n = 300, p = 600, groups of 10: 0.40 s with the threaded dpotrf and products above 2e6, 0.21 s
   * with these limits; n = 1000, p = 10000: 1.13 -> 1.04 s).
   */
  private static final long SMALL_PRODUCT = 30_000_000;
  /** Up to this many multiply-adds the Newton product is one dot product per entry (blocked above). */
  private static final long SMALL_DOTS = 2_000_000;
  private static final int SMALL_FACTOR = 128;
  private static final int MEDIUM_FACTOR = 512;
  /** A certification reads every group when more than 1/FULL_PASS_SHARE of them are not certified by the bound. */
  private static final int FULL_PASS_SHARE = 4;
  /**
   * Iterations of the block sweeps and active-set Newton steps at one lambda before the group lasso
   * switches to proximal Newton: none, the group lasso runs proximal Newton from the start. The block
   * sweeps' line search evaluates the loss (n exponentials) for every block step, which made them
   * the path's whole cost on wide problems: on n = 1000, p = 10000 (the logistic simulation of the
   * performance table) the logistic lasso path took 3.6 s with 15 such iterations first and 0.61 s
   * without, its groups of 10 0.94 s and 0.73 s, bardet dichotomized as a lasso 0.27 s and 0.145 s;
   * bardet dichotomized with its groups of 5, nearly separable, 0.081 s and 0.100 s (the inner sweeps
   * of the quadratic model are slow there). MCP and SCAD keep the block sweeps.
   */
  static final int PROX_NEWTON_AFTER = 0;
  /** Cap on the inner block sweeps of one proximal Newton step. */
  private static final int MAX_INNER_SWEEPS = 200;
  /**
   * Inner sweeps between two Anderson extrapolations of the proximal Newton step's block coordinate
   * descent (skglm's K). Measured on the n = 1000, p = 10000 logistic path (1000 groups of 10): the
   * inner block updates fall from 130,572 to 47,856 and the proximal Newton steps from 97 to 59, at
   * the same certified KKT tolerance.
   */
  static final int ANDERSON_MEMORY = 5;
  /** Armijo constant of the proximal Newton line search. */
  private static final double ARMIJO = 1e-4;
  /** Predicted decreases below this fraction of the objective are within its rounding: the line search takes the full step. */
  private static final double RESOLVABLE_DECREASE = 1e-12;
  /** Step halvings of the proximal Newton line search before it gives up. */
  private static final int LINE_SEARCH_HALVINGS = 40;
  /** Iteration cap of the warm-started power method for a block's weighted curvature. */
  private static final int CURVATURE_POWER_ITERATIONS = 200;
  /** Relative change of the Rayleigh quotient at which that power method stops. */
  private static final double CURVATURE_POWER_TOLERANCE = 1e-7;
  /** Relative margin below which a block at its threshold stays zero (rounding of the intercept step). */
  private static final double THRESHOLD_ROUNDING = 1e-10;

  private final GroupLassoOptions options;
  private final Family family;

  /** Nonzero columns above which the active-set Newton step is not used (the proximal Newton solver is). */
  private final int newtonMaxColumns;
  /** Iterations at one lambda after which the group lasso switches to the proximal Newton solver. */
  private final int proxNewtonAfter;
  /** Anderson memory of the inner sweeps (0: none). */
  private final int andersonMemory;

  GlmGroupLassoPath(GroupLassoOptions options) {
    this(options, NEWTON_MAX_COLUMNS, PROX_NEWTON_AFTER, ANDERSON_MEMORY);
  }

  /**
   * With the solver switch set by the caller (tests: 0 and 0 run the proximal Newton solver at every
   * lambda, so that its path can be compared with the default hybrid's).
   */
  GlmGroupLassoPath(GroupLassoOptions options, int newtonMaxColumns, int proxNewtonAfter) {
    this(options, newtonMaxColumns, proxNewtonAfter, ANDERSON_MEMORY);
  }

  /** With the Anderson memory set too (tests: 0 turns the extrapolation off). */
  GlmGroupLassoPath(GroupLassoOptions options, int newtonMaxColumns, int proxNewtonAfter, int andersonMemory) {
    this.options = options;
    this.family = options.family();
    this.newtonMaxColumns = newtonMaxColumns;
    this.proxNewtonAfter = proxNewtonAfter;
    this.andersonMemory = andersonMemory;
  }

  GroupLassoPathResult fit(Dataset train, GroupStructure groups, double[] weights, PathListener listener) {
    double[] y = train.response();
    int n = train.rows();
    double mean = 0;
    for (int i = 0; i < n; i++) {
      if (family == Family.BINOMIAL && y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("the binomial family needs a 0/1 response; row " + (i + 1) + " has " + y[i]);
      }
      if (family == Family.POISSON && !(y[i] >= 0 && y[i] == Math.rint(y[i]))) {
        throw new IllegalArgumentException("the poisson family needs counts (whole numbers >= 0); row " + (i + 1)
            + " has " + y[i]);
      }
      mean += y[i];
    }
    mean /= n;
    if (family == Family.BINOMIAL && (mean == 0 || mean == 1)) {
      throw new IllegalArgumentException("the binomial family needs both classes among the training rows; all are "
          + (int) mean);
    }
    if (family == Family.POISSON && mean == 0) {
      throw new IllegalArgumentException("the poisson family needs a positive count among the training rows; all are 0");
    }
    if (!options.fitIntercept()) {
      throw new IllegalArgumentException("the " + family.label() + " family always fits an unpenalized intercept; "
          + "'--no-intercept' applies to least squares only");
    }
    if (options.solver() != GroupLassoSolverKind.BCD) {
      throw new IllegalArgumentException("the " + family.label() + " family is solved by block coordinate descent; "
          + "'--solver fista' applies to least squares only");
    }
    // the datafit's column-major copy in group order and its block norms serve the logistic loss too
    // (its response is not used: the loss reads y); group MCP and SCAD are grpreg's, on orthonormalized
    // groups (grpreg does the same for its GLMs)
    if (options.penalty() == PenaltyKind.GROUP_MCP || options.penalty() == PenaltyKind.GROUP_SCAD) {
      Standardization std = Standardization.fit(train, true, options.standardize(), false);
      GroupOrthonormalization ortho = GroupOrthonormalization.of(std.apply(train).design(), groups);
      LeastSquaresDatafit f = new LeastSquaresDatafit(ortho.design(), new double[n], ortho.groups());
      return new Run(f, y, weights, listener, std, ortho).run(train, groups, mean);
    }
    // the standardized columns built straight from the rows, with their float32 copy while in cache
    // (the same columns and standardization as fit + apply + the datafit's transposition)
    LeastSquaresDatafit.Standardized s = LeastSquaresDatafit.standardized(train, groups, true, options.standardize());
    return new Run(s.datafit(), y, weights, listener, s.standardization(), null).run(train, groups, mean);
  }

  /** Work arrays of the active-set Newton step: allocated for the largest active set so far, reused. */
  private static final class NewtonScratch {
    final int[] pos;
    final int[] activeGroups;
    final int[] firstColumn;
    final double[] weights;
    final double[] sqrtWeights;
    final double[] hessian;
    final double[] factor;
    final double[] gradient;
    final double[] direction;
    final double[] weighted;
    final double[] start;
    final double[] eta;

    NewtonScratch(int n, int groups, int cols) {
      int m = cols + 1;
      pos = new int[cols];
      activeGroups = new int[groups];
      firstColumn = new int[groups + 1];
      weights = new double[n];
      sqrtWeights = new double[n];
      hessian = new double[m * m];
      factor = new double[m * m];
      gradient = new double[m];
      direction = new double[m];
      weighted = new double[cols * n];
      start = new double[cols];
      eta = new double[n];
    }
  }

  /** One path. */
  private final class Run {
    private final QuadraticDatafit f;
    private final double[] y;
    private final double[] weights;
    private final PathListener listener;
    private final Standardization std;
    private final int n;
    private final int p;
    private final int groupCount;
    private final double[] w;
    private final double[] eta;
    private double[] r;
    private double[] rTrial;
    private final double[] grad;
    private final double[] step;
    private final double[] delta;
    private final double[] curvature;
    private final double[] localCurvature;
    private final boolean[] working;
    private final boolean[] boundCertified;
    private NewtonScratch newtonScratch;
    /** Proximal Newton state (group lasso only): weights h, model change z = X d + db, q = r - h z, scratch u, direction d, block curvatures. */
    private double[] hw;
    private double[] z;
    private double[] q;
    private double[] u;
    private double[] dw;
    private double[] blockH;
    private boolean[] moving;
    /** Anderson acceleration of the inner sweeps: the working positions and the last iterates (d on them, db). */
    private int[] workingPositions;
    private double[][] iterates;
    private double[] andersonZ;
    /** The columns {@link #addColumn} holds until four are: their factors and offsets. */
    private final double[] heldFactors = new double[4];
    private final int[] heldOffsets = new int[4];
    /** The extrapolation's weights and scratch. */
    private AndersonExtrapolation anderson;
    /** sqrt(h) of the proximal Newton weights, the weighted columns of one block, each block's last top eigenvector. */
    private double[] hs;
    private double[] curvatureColumns;
    private double[][] topVectors;
    /**
     * ||X_l^T r / n|| of every group at the last certification (the previous lambda's solution), or
     * the upper bound that certified it: the strong rule reads it.
     */
    private final double[] gradientNorm;
    /** Every group one column: the inner sweeps keep q only and form z when needed ({@link #modelPredictor}). */
    private final boolean lasso;
    /** c~ = X~^T r / n by column position, from the float32 columns ({@link #approximatePass}). */
    private double[] approximate;
    /** Bounds on the gradient norms from the last full pass: certifications skip the zero groups they clear. */
    private final GradientNormBound normBound;
    private final BlockPenalty penalty;
    private final GroupOrthonormalization ortho;
    private double b;

    Run(QuadraticDatafit f, double[] y, double[] weights, PathListener listener, Standardization std,
        GroupOrthonormalization ortho) {
      this.f = f;
      this.ortho = ortho;
      this.penalty = new GroupNormPenalty(weights, options.penalty(), options.gammaPenalty(), options.alpha());
      this.y = y;
      this.weights = weights;
      this.listener = listener;
      this.std = std;
      this.n = f.rows();
      this.p = f.cols();
      this.lasso = f.cols() == f.groupCount();
      this.groupCount = f.groupCount();
      this.w = new double[p];
      this.eta = new double[n];
      this.r = new double[n];
      this.rTrial = new double[n];
      int maxSize = 0;
      for (int l = 0; l < groupCount; l++) {
        maxSize = Math.max(maxSize, f.end(l) - f.start(l));
      }
      this.grad = new double[maxSize];
      this.step = new double[maxSize];
      this.delta = new double[maxSize];
      this.curvature = new double[groupCount];
      this.localCurvature = new double[groupCount];
      this.working = new boolean[groupCount];
      this.boundCertified = new boolean[groupCount];
      this.gradientNorm = new double[groupCount];
      for (int l = 0; l < groupCount; l++) {
        curvature[l] = family.curvatureBound() * f.blockLipschitz(l);
        localCurvature[l] = Double.isFinite(curvature[l]) ? curvature[l] : f.blockLipschitz(l);
      }
      this.normBound = new GradientNormBound(f);
    }

    GroupLassoPathResult run(Dataset train, GroupStructure groups, double ybar) {
      b = family.link(ybar);
      Arrays.fill(eta, b);
      updateResidual();
      double lambdaMax = 0;
      for (int l = 0; l < groupCount; l++) {
        if (weights[l] > 0) {
          f.groupCorrelation(l, r, grad, 0);
          gradientNorm[l] = GroupOps.norm(grad, 0, f.end(l) - f.start(l));
          lambdaMax = Math.max(lambdaMax, penalty.zeroThreshold(l, grad, 0, f.end(l) - f.start(l)));
        }
      }
      for (int l = 0; l < groupCount; l++) {
        if (weights[l] == 0) {
          f.groupCorrelation(l, r, grad, 0);
          gradientNorm[l] = GroupOps.norm(grad, 0, f.end(l) - f.start(l));
        }
      }
      normBound.reset(r, gradientNorm);
      double[] lambdas = GroupLassoPath.grid(options, lambdaMax, n, train.features());
      int count = lambdas.length;
      PathRecord rec = new PathRecord(lambdas);
      listener.onStart(count);
      double previous = lambdaMax;
      double nullDeviance = 0;
      for (int i = 0; i < n; i++) {
        nullDeviance += family.deviance(y[i], family.link(ybar));
      }
      int budget = options.maxIterations() == GroupLassoOptions.DEFAULT_MAX_ITERATIONS ? GLM_DEFAULT_BUDGET
          : options.maxIterations();
      int computed = count;
      for (int k = 0; k < count; k++) {
        double lambda = lambdas[k];
        int used = 0;
        double worst = Double.POSITIVE_INFINITY;
        // the sequential strong rule (Tibshirani et al. 2012) at the previous solution: the nonzero
        // groups and those whose gradient norm is at least (2 lambda - lambda_prev) omega_l; the norms
        // are those of the last full pass, which certified the previous solution (the GLM path
        // refuses the sparse group lasso, whose rule would need the soft-thresholded gradient)
        for (int l = 0; l < groupCount; l++) {
          if (!options.screening() || !isZero(l)) {
            working[l] = true;
          } else if (!working[l]) {
            double strong = weights[l] * (2 * lambda - previous);
            if (boundCertified[l] && gradientNorm[l] >= strong) {
              // the certification's upper bound is too loose for the strong rule: the exact norm
              groupViolation(l, lambda);
              gradientNorm[l] = GroupOps.norm(grad, 0, f.end(l) - f.start(l));
              boundCertified[l] = false;
            }
            working[l] = gradientNorm[l] >= strong;
          }
        }
        previous = lambda;
        if (blockH != null) {
          // the block curvatures of the quadratic model are computed once per lambda, when a group
          // first needs a step: the weights h change little between its Newton steps, and the line
          // search keeps the objective decreasing if they do
          Arrays.fill(blockH, Double.NaN);
        }
        while (used < budget) {
          if (penalty.isGroupLasso() && (used >= proxNewtonAfter || nonzeroColumns() > newtonColumnLimit())) {
            // the group lasso (by default from the first iteration, PROX_NEWTON_AFTER; otherwise when
            // the nonzero groups have too many columns for the active-set Newton step, or the sweeps
            // have not converged): proximal Newton (skglm, glmnet's IRLS), a quadratic model of the
            // loss at the current point solved on the working set by block coordinate descent, then a
            // line search on the true objective; until the working set is optimal, then certify every
            // group
            double v = violationOnWorkingSet(lambda);
            while (used < budget && v > options.tolerance() * lambda) {
              used++;
              if (!proxNewton(lambda, v)) {
                sweep(lambda, false);
              }
              v = violationOnWorkingSet(lambda);
            }
            worst = certify(lambda);
            if (worst <= options.tolerance() * lambda) {
              break;
            }
            continue;
          }
          // a sweep over the working set, then sweeps over its nonzero groups until they are solved,
          // then certify every group; violators join the working set
          sweep(lambda, false);
          used++;
          int inner = 0;
          int nextNewton = NEWTON_AFTER;
          while (used < budget && !(penalty.isGroupLasso() && used >= proxNewtonAfter)
              && nonzeroViolation(lambda) > options.tolerance() * lambda) {
            // correlated groups make block steps zigzag: after a few sweeps, Newton on the nonzero
            // groups; a Newton step that needs a short step hands back to the sweeps for a while
            if (inner >= nextNewton) {
              used++;
              if (newton(lambda)) {
                continue;
              }
              nextNewton = inner + NEWTON_AFTER;
            }
            sweep(lambda, true);
            used++;
            inner++;
          }
          worst = certify(lambda);
          if (worst <= options.tolerance() * lambda) {
            break;
          }
        }
        rec.violation[k] = worst / lambda;
        rec.converged[k] = worst <= options.tolerance() * lambda;
        rec.iterations[k] = used;
        double[] byFeature = new double[train.features()];
        GroupOrthonormalization.byFeature(ortho, f, w, byFeature);
        rec.coefStd[k] = byFeature;
        rec.coef[k] = std.coefficientsToOriginal(byFeature);
        double shift = 0;
        double[] means = std.columnMeans();
        for (int j = 0; j < rec.coef[k].length; j++) {
          shift += means[j] * rec.coef[k][j];
        }
        rec.intercepts[k] = b - shift;
        int a = 0;
        for (int l = 0; l < groupCount; l++) {
          a += isZero(l) ? 0 : 1;
        }
        rec.active[k] = a;
        double nll = 0;
        for (int i = 0; i < n; i++) {
          nll += family.loss(y[i], eta[i]);
        }
        rec.loss[k] = nll / n;
        listener.onLambda(k, lambda, a, rec.violation[k], rec.converged[k]);
        double deviance = 0;
        for (int i = 0; i < n; i++) {
          deviance += family.deviance(y[i], eta[i]);
        }
        if (k > 0 && deviance < SATURATION * nullDeviance) {
          // as glmnet: the model explains 99.9% of the null deviance (for the logistic loss, the
          // classes are nearly separated and the coefficients grow without bound): the path ends
          computed = k + 1;
          break;
        }
      }
      listener.onFinish();
      return rec.result(computed, lambdaMax, weights, groups, train, std, options);
    }

    /**
     * One pass of proximal block updates (over every group, or the nonzero ones), then the
     * intercept. Each block step is a proximal gradient step with a local curvature estimate M,
     * accepted when the loss lies under its quadratic model with M (backtracking doubles M, and
     * the global bound L_l/4 is always accepted), so the objective never rises and steps stay long
     * where the probabilities are near 0 or 1 and the global bound 1/4 would crawl.
     */
    private void sweep(double lambda, boolean nonzeroOnly) {
      double loss = loss();
      for (int l = 0; l < groupCount; l++) {
        if (!working[l] || (nonzeroOnly && isZero(l))) {
          continue;
        }
        int from = f.start(l);
        int m = f.end(l) - from;
        double bound = curvature[l];
        if (!(f.blockLipschitz(l) > 0)) {
          continue; // a constant (standardized to zero) group: nothing to fit
        }
        MatrixOps.blockCorrelation(f.columnsView(), from * n, n, m, r, 1.0 / n, grad, 0);
        // nonconvex penalties need a curvature above their concavity for the block step to be a prox
        double convex = CONVEXITY_MARGIN * penalty.minimumCurvature();
        bound = Math.max(bound, convex);
        double floor = Math.max(f.blockLipschitz(l) * MIN_CURVATURE_FRACTION, convex);
        double c = Math.max(floor, Math.min(bound, localCurvature[l]));
        while (true) {
          for (int a = 0; a < m; a++) {
            step[a] = w[from + a] + grad[a] / c;
          }
          double shrink = 1;
          if (penalty.isGroupLasso()) {
            double z = GroupOps.norm(step, 0, m);
            double threshold = lambda * weights[l] / c;
            // a group exactly at its threshold (the first group at lambda_max) stays zero despite rounding
            shrink = z > threshold * (1 + THRESHOLD_ROUNDING) ? 1 - threshold / z : 0;
          } else {
            penalty.prox(l, step, 0, m, c, lambda);
          }
          boolean moved = false;
          double gd = 0;
          double dd = 0;
          for (int a = 0; a < m; a++) {
            double next = step[a] * shrink;
            delta[a] = w[from + a] - next;
            moved |= delta[a] != 0;
            gd -= grad[a] * -delta[a];
            dd += delta[a] * delta[a];
          }
          if (!moved) {
            break;
          }
          f.subtractGroup(l, delta, 0, eta); // eta -= X_l (w_old - w_new)
          double trial = trialLoss(null, 0);
          // quadratic model: loss(w + d) <= loss(w) - g^T d + (c/2)||d||^2 with d = -delta, g = X_l^T r / n
          if (trial <= loss + gd + 0.5 * c * dd + 1e-14 * Math.abs(loss) || c >= bound) {
            for (int a = 0; a < m; a++) {
              w[from + a] -= delta[a];
            }
            loss = trial;
            acceptTrial();
            localCurvature[l] = c / 2; // try a longer step next time
            break;
          }
          for (int a = 0; a < m; a++) {
            delta[a] = -delta[a];
          }
          f.subtractGroup(l, delta, 0, eta); // undo
          c = Math.min(bound, 2 * c);
        }
      }
      // intercept: a Newton step on b, halved until the loss does not rise
      double s = 0;
      double h = 0;
      for (int i = 0; i < n; i++) {
        s += r[i];
        h += family.variance(y[i] - r[i]);
      }
      double shift = s / Math.max(h, n * MIN_CURVATURE_FRACTION);
      for (int tries = 0; tries < 60 && shift != 0; tries++) {
        for (int i = 0; i < n; i++) {
          eta[i] += shift;
        }
        double trial = trialLoss(null, 0);
        if (trial <= loss) {
          b += shift;
          acceptTrial();
          break;
        }
        for (int i = 0; i < n; i++) {
          eta[i] -= shift;
        }
        shift /= 2;
      }
    }

    /**
     * One damped Newton step on the smooth problem of the nonzero groups and the intercept, F = loss
     * + lambda sum_l omega_l ||w_l||: Hessian [X_A 1]^T W [X_A 1] / n (W = diag p(1 - p)) plus the
     * penalty's lambda omega_l (I - u u^T)/||w_l||, u = w_l/||w_l||; step halved until F decreases
     * and no group crosses zero (those are left to the block steps).
     *
     * @return false when there is nothing to do or the step failed (the caller sweeps instead)
     */
    private boolean newton(double lambda) {
      if (penalty.kind() == PenaltyKind.SPARSE_GROUP_LASSO) {
        return false; // this Newton step treats whole groups; the sparse group lasso is refused for GLMs
      }
      int groupsActive = 0;
      int cols = 0;
      for (int l = 0; l < groupCount; l++) {
        if (!isZero(l)) {
          groupsActive++;
          cols += f.end(l) - f.start(l);
        }
      }
      int m = cols + 1;
      if (groupsActive == 0 || m > newtonColumnLimit()) {
        return false;
      }
      NewtonScratch sc = newtonScratch(groupsActive, cols);
      int[] pos = sc.pos;
      int[] active = sc.activeGroups;
      int[] firstCol = sc.firstColumn;
      int q = 0;
      int ga = 0;
      for (int l = 0; l < groupCount; l++) {
        if (!isZero(l)) {
          active[ga] = l;
          firstCol[ga++] = q;
          for (int k = f.start(l); k < f.end(l); k++) {
            pos[q++] = k;
          }
        }
      }
      firstCol[ga] = q;
      double[] x = f.columnsView();
      double[] wgt = sc.weights;
      double[] sqrtWeight = sc.sqrtWeights;
      for (int i = 0; i < n; i++) {
        wgt[i] = family.variance(y[i] - r[i]);
        sqrtWeight[i] = Math.sqrt(wgt[i]);
      }
      double[] h = sc.hessian;
      double[] g = sc.gradient;
      // X_A^T diag(h) X_A / n by one BLAS product of the weighted columns (sqrt(h_i) x_ij, stored as
      // the rows of a cols x n matrix), written straight into the leading block of the Hessian
      double[] weighted = sc.weighted;
      for (int a = 0; a < cols; a++) {
        int ca = pos[a] * n;
        int wa = a * n;
        double sb = 0;
        double gr = 0;
        for (int i = 0; i < n; i++) {
          double v = x[ca + i];
          weighted[wa + i] = v * sqrtWeight[i];
          sb += v * wgt[i];
          gr += v * r[i];
        }
        h[a * m + cols] = sb / n;
        h[cols * m + a] = sb / n;
        g[a] = -gr / n;
      }
      long product = (long) cols * cols * n;
      if (product > SMALL_DOTS && product <= SMALL_PRODUCT) {
        // medium systems in Java, 4 x 4 blocks of columns sharing their loads
        MatrixOps.gram(weighted, cols, n, 1.0 / n, h, m);
      } else if (product <= SMALL_PRODUCT) {
        // small systems in Java: a BLAS call's thread start-up and spinning cost more than the product
        for (int a = 0; a < cols; a++) {
          for (int c = 0; c <= a; c++) {
            double v = MatrixOps.fastDot(weighted, a * n, weighted, c * n, n) / n;
            h[a * m + c] = v;
            h[c * m + a] = v;
          }
        }
      } else {
        org.groupsparse.linalg.RowMajorBlas.gemm(false, true, cols, cols, n, 1.0 / n, weighted, 0, n, weighted, 0, n,
            0.0, h, 0, m);
      }
      double sw = 0;
      double sr = 0;
      for (int i = 0; i < n; i++) {
        sw += wgt[i];
        sr += r[i];
      }
      h[cols * m + cols] = sw / n;
      g[cols] = -sr / n;
      // penalty: gradient rho'(t) u, Hessian rho'(t) (I - u u^T) / t + rho''(t) u u^T, t = ||w_l||, on
      // each group's diagonal block
      for (int t = 0; t < groupsActive; t++) {
        int l = active[t];
        if (weights[l] == 0) {
          continue;
        }
        double norm = GroupOps.norm(w, f.start(l), f.end(l));
        double slope = penalty.slope(l, norm, lambda);
        double second = penalty.curvature(l, norm, lambda);
        for (int a = firstCol[t]; a < firstCol[t + 1]; a++) {
          double ua = w[pos[a]] / norm;
          g[a] += slope * ua;
          for (int c = firstCol[t]; c < firstCol[t + 1]; c++) {
            double uc = w[pos[c]] / norm;
            h[a * m + c] += slope * ((a == c ? 1 : 0) - ua * uc) / norm + second * ua * uc;
          }
        }
      }
      double[] u = sc.factor;
      double trace = 0;
      for (int a = 0; a < m; a++) {
        trace += h[a * m + a];
      }
      double shift = 0;
      boolean ok = false;
      for (int tries = 0; tries < 8 && !ok; tries++) {
        ok = m <= SMALL_FACTOR ? ActiveSetNewton.factor(h, m, u, shift)
            : m <= MEDIUM_FACTOR ? org.groupsparse.linalg.RowMajorLapack.choleskyUpperByRows(h, m, shift, u)
            : org.groupsparse.linalg.RowMajorLapack.choleskyUpper(h, m, shift, u); // blocked LAPACK dpotrf
        shift = shift == 0 ? 1e-12 * trace / m : shift * 100;
      }
      if (!ok) {
        return false;
      }
      double[] d = sc.direction;
      System.arraycopy(g, 0, d, 0, m);
      ActiveSetNewton.solveFactored(u, m, d);
      double objective = loss() + penaltyValue(lambda);
      double[] w0 = sc.start;
      for (int a = 0; a < cols; a++) {
        w0[a] = w[pos[a]];
      }
      double b0 = b;
      double[] eta0 = sc.eta;
      System.arraycopy(eta, 0, eta0, 0, n);
      double t = 1;
      for (int halvings = 0; halvings <= NEWTON_HALVINGS; halvings++, t /= 2) {
        for (int a = 0; a < cols; a++) {
          w[pos[a]] = w0[a] - t * d[a];
        }
        b = b0 - t * d[cols];
        boolean crossed = false;
        for (int c = 0; c < groupsActive && !crossed; c++) {
          int l = active[c];
          double before = GroupOps.norm(w0, firstCol[c], firstCol[c + 1]);
          crossed = GroupOps.norm(w, f.start(l), f.end(l)) < 1e-3 * before;
        }
        // eta = eta0 + X_A (w - w0) + (b - b0)
        System.arraycopy(eta0, 0, eta, 0, n);
        for (int a = 0; a < cols; a++) {
          double change = w[pos[a]] - w0[a];
          if (change != 0) {
            MatrixOps.axpy(change, x, pos[a] * n, eta, n);
          }
        }
        double db = b - b0;
        for (int i = 0; i < n; i++) {
          eta[i] += db;
        }
        if (!crossed && trialLoss(null, 0) + penaltyValue(lambda) < objective) {
          acceptTrial();
          return true;
        }
      }
      for (int a = 0; a < cols; a++) {
        w[pos[a]] = w0[a];
      }
      b = b0;
      System.arraycopy(eta0, 0, eta, 0, n); // r still belongs to these eta
      return false;
    }

    /** The active-set Newton step's scratch, grown to the largest active set of the path. */
    private NewtonScratch newtonScratch(int groupsActive, int cols) {
      if (newtonScratch == null || newtonScratch.pos.length < cols || newtonScratch.activeGroups.length < groupsActive) {
        newtonScratch = new NewtonScratch(n, groupsActive, cols);
      }
      return newtonScratch;
    }

    private double penaltyValue(double lambda) {
      double s = 0;
      for (int l = 0; l < groupCount; l++) {
        s += penalty.blockValue(l, w, f.start(l), f.end(l) - f.start(l), lambda);
      }
      return s;
    }

    /**
     * The mean loss at eta + t z (eta when z is null), with the residuals there kept aside for
     * {@link #acceptTrial}: one exponential per row.
     */
    private double trialLoss(double[] direction, double t) {
      return family.lossAndResidual(y, eta, direction, t, rTrial, n) / n;
    }

    /** The residuals of the last {@link #trialLoss} become r (eta must now be the trial's). */
    private void acceptTrial() {
      double[] swap = r;
      r = rTrial;
      rTrial = swap;
    }

    /** (1/n) sum log(1 + e^eta) - y eta at the current eta. */
    private double loss() {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += family.loss(y[i], eta[i]);
      }
      return s / n;
    }

    /** The number of columns of the nonzero groups. */
    private int nonzeroColumns() {
      int cols = 0;
      for (int l = 0; l < groupCount; l++) {
        if (!isZero(l)) {
          cols += f.end(l) - f.start(l);
        }
      }
      return cols;
    }

    /**
     * The most nonzero columns for the active-set Newton step: {@value #NEWTON_MAX_COLUMNS}, and no
     * more than the rows (with more columns than rows X_A^T W X_A is singular, the Newton system
     * rests on the penalty's curvature alone, and its steps were measured to crawl: on a logistic
     * path with n = 300, p = 600 the limit took the time from 0.35 s to 0.18 s; unchanged on bardet).
     */
    private int newtonColumnLimit() {
      return Math.min(newtonMaxColumns, n);
    }

    /** The largest KKT violation over the intercept and the groups of the working set. */
    private double violationOnWorkingSet(double lambda) {
      double worst = interceptViolation();
      for (int l = 0; l < groupCount; l++) {
        if (working[l]) {
          worst = Math.max(worst, groupViolation(l, lambda));
        }
      }
      return worst;
    }

    /** |(1/n) sum_i r_i|, the intercept's KKT violation. */
    private double interceptViolation() {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += r[i];
      }
      return Math.abs(s / n);
    }

    /** Group l's KKT violation at lambda; leaves X_l^T r / n in grad. */
    private double groupViolation(int l, double lambda) {
      int from = f.start(l);
      int m = f.end(l) - from;
      MatrixOps.blockCorrelation(f.columnsView(), from * n, n, m, r, 1.0 / n, grad, 0);
      return penalty.violation(l, w, from, grad, 0, m, lambda);
    }

    /**
     * One proximal Newton step for the group lasso on the working set. At the current (w, b), with
     * h_i = var(mu_i) and r = y - mu, the loss is modelled by
     *
     * <pre>  Q(d, db) = loss - (1/n) sum_i r_i z_i + (1/2n) sum_i h_i z_i^2,  z = X d + db,</pre>
     *
     * <p>and Q + lambda sum_l omega_l ||w_l + d_l|| is minimized over the working groups by block
     * coordinate descent (block curvature H_l = lambda_max(X_l^T diag(h) X_l / n), the intercept
     * exactly; H_l from the weights of the lambda's first Newton step), keeping q = r - h z so that a block's gradient is X_l^T q / n: no exp or log inside
     * the sweeps. The inner sweeps stop when the largest block move, in gradient units, is below
     * {@value #INNER_FRACTION} of the outer violation. A backtracking line search with the Armijo
     * condition on the true objective then takes (w, b) + t (d, db).
     *
     * @param lambda the level
     * @param outerViolation the working set's KKT violation at the current point
     * @return whether the objective decreased
     */
    private boolean proxNewton(double lambda, double outerViolation) {
      if (hw == null) {
        hw = new double[n];
        z = new double[n];
        q = new double[n];
        u = new double[n];
        dw = new double[p];
        blockH = new double[groupCount];
        Arrays.fill(blockH, Double.NaN);
        moving = new boolean[groupCount];
      }
      double hsum = 0;
      if (hs == null) {
        hs = new double[n];
      }
      for (int i = 0; i < n; i++) {
        hw[i] = family.variance(y[i] - r[i]);
        hs[i] = Math.sqrt(hw[i]);
        hsum += hw[i];
        q[i] = r[i];
        z[i] = 0;
      }
      if (!(hsum > 0)) {
        return false;
      }
      int positions = 0;
      for (int l = 0; l < groupCount; l++) {
        if (working[l]) {
          Arrays.fill(dw, f.start(l), f.end(l), 0.0);
          moving[l] = !isZero(l);
          positions += f.end(l) - f.start(l);
        }
      }
      if (andersonMemory > 0 && (workingPositions == null || workingPositions.length < positions)) {
        workingPositions = new int[Math.max(positions, 16)];
        iterates = new double[andersonMemory + 1][workingPositions.length + 1];
        andersonZ = new double[n];
      }
      if (andersonMemory > 0) {
        int k = 0;
        for (int l = 0; l < groupCount; l++) {
          if (working[l]) {
            for (int j = f.start(l); j < f.end(l); j++) {
              workingPositions[k++] = j;
            }
          }
        }
      }
      int stored = 0;
      double db = 0;
      double innerTol = Math.max(INNER_FRACTION * outerViolation, 0.1 * options.tolerance() * lambda);
      // glmnet's active-set cycling: a sweep over the working set, then sweeps over the groups that are
      // nonzero in w + d until they settle, then the working set again; done when a full sweep settles
      boolean full = true;
      for (int sweep = 0; sweep < MAX_INNER_SWEEPS; sweep++) {
        double biggest = 0;
        for (int l = 0; l < groupCount; l++) {
          if (!working[l] || (!full && !moving[l]) || !(f.blockLipschitz(l) > 0)) {
            continue;
          }
          int from = f.start(l);
          int m = f.end(l) - from;
          MatrixOps.blockCorrelation(f.columnsView(), from * n, n, m, q, 1.0 / n, grad, 0);
          if (!moving[l]) {
            // a zero block stays zero when its model gradient is below its threshold, whatever H_l is
            if (GroupOps.norm(grad, 0, m) <= lambda * weights[l] * (1 + THRESHOLD_ROUNDING)) {
              continue;
            }
          }
          if (Double.isNaN(blockH[l])) {
            blockH[l] = weightedCurvature(l);
          }
          double curv = blockH[l];
          if (!(curv > 0)) {
            continue;
          }
          for (int a = 0; a < m; a++) {
            step[a] = w[from + a] + dw[from + a] + grad[a] / curv;
          }
          double norm = GroupOps.norm(step, 0, m);
          double threshold = lambda * weights[l] / curv;
          double shrink = norm > threshold * (1 + THRESHOLD_ROUNDING) ? 1 - threshold / norm : 0;
          moving[l] = shrink > 0;
          boolean moved = false;
          double change = 0;
          for (int a = 0; a < m; a++) {
            delta[a] = w[from + a] + dw[from + a] - step[a] * shrink; // old - new
            moved |= delta[a] != 0;
            change += delta[a] * delta[a];
          }
          if (!moved) {
            continue;
          }
          for (int a = 0; a < m; a++) {
            dw[from + a] -= delta[a];
            delta[a] = -delta[a]; // new - old
          }
          // z += X_l (new - old), q -= h X_l (new - old), the block's columns read once
          if (lasso) {
            MatrixOps.weightedColumnUpdate(f.columnsView(), from * n, n, delta[0], hw, q);
          } else {
            MatrixOps.weightedGroupUpdate(f.columnsView(), from * n, n, m, delta, hw, z, q);
          }
          biggest = Math.max(biggest, curv * Math.sqrt(change));
        }
        double sq = 0;
        for (int i = 0; i < n; i++) {
          sq += q[i];
        }
        double shift = sq / hsum;
        db += shift;
        for (int i = 0; i < n; i++) {
          q[i] -= hw[i] * shift;
        }
        if (!lasso) {
          for (int i = 0; i < n; i++) {
            z[i] += shift;
          }
        }
        biggest = Math.max(biggest, Math.abs(sq) / n);
        if (andersonMemory > 0) {
          double[] x = iterates[stored];
          for (int k = 0; k < positions; k++) {
            x[k] = dw[workingPositions[k]];
          }
          x[positions] = db;
          if (++stored == andersonMemory + 1) {
            stored = 0;
            double extrapolated = extrapolate(lambda, positions);
            if (!Double.isNaN(extrapolated)) {
              db = extrapolated;
            }
          }
        }
        if (biggest <= innerTol) {
          if (full) {
            break;
          }
          full = true;
        } else {
          full = false;
        }
      }
      if (lasso) {
        modelPredictor(db);
      }
      // the model's predicted decrease: -(1/n) r^T z + lambda (P(w + d) - P(w)) over the working groups
      double linear = 0;
      for (int i = 0; i < n; i++) {
        linear -= r[i] * z[i];
      }
      linear /= n;
      double penaltyNow = workingPenalty(0);
      double decrease = linear + lambda * (workingPenalty(1) - penaltyNow);
      if (!(decrease < 0)) {
        return false;
      }
      double before = loss() + lambda * penaltyNow;
      // a predicted decrease below the rounding of the objective cannot be checked: near the solution
      // the model is exact to second order, so the full step is taken (the KKT check still decides)
      boolean checkable = -decrease > RESOLVABLE_DECREASE * Math.abs(before);
      double t = 1;
      for (int halving = 0; halving <= LINE_SEARCH_HALVINGS; halving++, t /= 2) {
        double trial = trialLoss(z, t) + lambda * workingPenalty(t);
        if (!checkable || trial <= before + ARMIJO * t * decrease) {
          for (int l = 0; l < groupCount; l++) {
            if (working[l]) {
              for (int k = f.start(l); k < f.end(l); k++) {
                w[k] += t * dw[k];
              }
            }
          }
          b += t * db;
          for (int i = 0; i < n; i++) {
            eta[i] += t * z[i];
          }
          acceptTrial(); // computed at eta + t z, the same doubles
          return true;
        }
      }
      return false;
    }

    /**
     * Anderson extrapolation of the inner block coordinate descent (as skglm's solvers): with the
     * last K + 1 iterates x_0..x_K of (d on the working set, db) and U = [x_1 - x_0, ..., x_K -
     * x_{K-1}], the weights c solve (U^T U) c = 1 normalized to sum 1, and x_e = sum_k c_k x_{k+1}
     * replaces the current iterate when its model objective (the quadratic model plus the penalty)
     * is lower. z and q are recomputed for it (one product with the working columns).
     *
     * @return the new db when the extrapolation was taken, else NaN
     */
    private double extrapolate(double lambda, int positions) {
      int k = andersonMemory;
      if (anderson == null) {
        anderson = new AndersonExtrapolation(k);
      }
      // the model objective at the current iterate (x_K: its z formed from d and db)
      if (lasso) {
        modelPredictor(iterates[k][positions]);
      }
      double current = modelObjective(lambda, z, 0);
      // the extrapolated iterate into iterates[0] (x_0 is no longer needed)
      double[] e = iterates[0];
      if (!anderson.extrapolate(iterates, positions + 1, e)) {
        return Double.NaN;
      }
      double[] saved = iterates[k];
      // try it: write d_e into dw, compute z_e = X d_e + db_e
      for (int j = 0; j < positions; j++) {
        dw[workingPositions[j]] = e[j];
      }
      Arrays.fill(andersonZ, e[positions]);
      int held = 0;
      for (int j = 0; j < positions; j++) {
        double v = e[j];
        if (v != 0) {
          held = addColumn(v, workingPositions[j] * n, andersonZ, held);
        }
      }
      flushColumns(andersonZ, held);
      double trial = modelObjective(lambda, andersonZ, 0);
      if (trial < current) {
        for (int i = 0; i < n; i++) {
          z[i] = andersonZ[i];
          q[i] = r[i] - hw[i] * andersonZ[i];
        }
        for (int l = 0; l < groupCount; l++) {
          if (working[l]) {
            boolean nonzero = false;
            for (int j = f.start(l); j < f.end(l); j++) {
              nonzero |= w[j] + dw[j] != 0;
            }
            moving[l] = nonzero;
          }
        }
        return e[positions];
      }
      for (int j = 0; j < positions; j++) { // keep the current iterate
        dw[workingPositions[j]] = saved[j];
      }
      return Double.NaN;
    }

    /**
     * z = X_W d + db for the current inner iterate: one axpy per working column whose d is nonzero.
     * For the lasso the inner sweeps keep only q = r - h z up to date (a move reads x_j, h and q and
     * writes q, where keeping z as well read and wrote it too: the moves were a third of the logistic
     * lasso path, n = 1000, p = 10000; 1.04-1.10 -> 0.92-0.95 s, the Poisson lasso n = 500, p = 2000
     * 0.153-0.157 -> 0.118-0.122 s), and z is formed when the model's value or the line search needs it. Groups keep z in
     * their moves: one pass over a group's m columns updates both, where forming z costs m axpys per
     * nonzero group (groups of 10 on the logistic problem: 0.65 s keeping z, 0.69 s forming it).
     */
    private void modelPredictor(double db) {
      Arrays.fill(z, db);
      double[] cols = f.columnsView();
      int held = 0;
      for (int l = 0; l < groupCount; l++) {
        if (!working[l]) {
          continue;
        }
        for (int j = f.start(l); j < f.end(l); j++) {
          if (dw[j] != 0) {
            held = addColumn(dw[j], j * n, z, held);
          }
        }
      }
      flushColumns(z, held);
    }

    /**
     * Adds v x_j (x_j at {@code offset} of the columns) to {@code out} four columns per pass over it
     * ({@link MatrixOps#axpy4}: each product rounded, then added, in column order, so the same bits
     * as one axpy per column, with out read and written a quarter as often; forming z was 45% of the
     * logistic lasso path on n = 1000, p = 800): the column is held until four are, then added.
     *
     * @return the columns now held
     */
    private int addColumn(double v, int offset, double[] out, int held) {
      heldFactors[held] = v;
      heldOffsets[held++] = offset;
      if (held == 4) {
        MatrixOps.axpy4(heldFactors[0], heldFactors[1], heldFactors[2], heldFactors[3], f.columnsView(),
            heldOffsets[0], heldOffsets[1], heldOffsets[2], heldOffsets[3], out, n);
        return 0;
      }
      return held;
    }

    /** Adds the columns {@link #addColumn} still holds, one axpy each, in order. */
    private void flushColumns(double[] out, int held) {
      for (int c = 0; c < held; c++) {
        MatrixOps.axpy(heldFactors[c], f.columnsView(), heldOffsets[c], out, n);
      }
    }

    /** The quadratic model's value minus the loss, plus lambda times the working penalty at w + d: -(1/n) r.z + (1/2n) sum h z^2 + lambda P_W(w + d). */
    private double modelObjective(double lambda, double[] zz, int unused) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += -r[i] * zz[i] + 0.5 * hw[i] * zz[i] * zz[i];
      }
      return s / n + lambda * workingPenalty(1);
    }

    /** sum over the working groups of omega_l ||w_l + t d_l||. */
    private double workingPenalty(double t) {
      double sum = 0;
      for (int l = 0; l < groupCount; l++) {
        if (working[l] && weights[l] > 0) {
          int from = f.start(l);
          int m = f.end(l) - from;
          for (int a = 0; a < m; a++) {
            step[a] = w[from + a] + t * dw[from + a];
          }
          sum += weights[l] * GroupOps.norm(step, 0, m);
        }
      }
      return sum;
    }

    /** lambda_max(X_l^T diag(h) X_l / n), the block's curvature in the quadratic model. */
    private double weightedCurvature(int l) {
      int from = f.start(l);
      int m = f.end(l) - from;
      double[] x = f.columnsView();
      if (m == 1) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          double v = x[from * n + i];
          s += v * v * hw[i];
        }
        return s / n;
      }
      // the weighted Gram X_l^T diag(h) X_l / n by one BLAS product of the columns scaled by sqrt(h)
      if (curvatureColumns == null || curvatureColumns.length < m * n) {
        curvatureColumns = new double[m * n];
      }
      for (int a = 0; a < m; a++) {
        int ca = (from + a) * n;
        for (int i = 0; i < n; i++) {
          curvatureColumns[a * n + i] = x[ca + i] * hs[i];
        }
      }
      double[] gram = new double[m * m];
      org.groupsparse.linalg.RowMajorBlas.gemm(false, true, m, m, n, 1.0 / n, curvatureColumns, 0, n, curvatureColumns,
          0, n, 0.0, gram, 0, m);
      // its largest eigenvalue by the power method, warm-started from the group's last top eigenvector
      // (the weights change little between the lambdas), raised by the power method's safety factor
      if (topVectors == null) {
        topVectors = new double[groupCount][];
      }
      if (topVectors[l] == null) {
        topVectors[l] = org.groupsparse.linalg.SpectralNorm.seededStart(m);
      }
      double value = org.groupsparse.linalg.SpectralNorm.largestEigenvalue((v, out) -> {
        for (int a = 0; a < m; a++) {
          double sum = 0;
          for (int c = 0; c < m; c++) {
            sum += gram[a * m + c] * v[c];
          }
          out[a] = sum;
        }
      }, topVectors[l], CURVATURE_POWER_ITERATIONS, CURVATURE_POWER_TOLERANCE);
      return value * org.groupsparse.linalg.SpectralNorm.SAFETY;
    }

    /**
     * The largest KKT violation over every group and the intercept; zero groups outside the working
     * set that violate join it.
     */
    private double certify(double lambda) {
      double worst = certifiedViolation(lambda);
      if (worst > options.tolerance() * lambda) {
        // groups outside the working set are zero: their violation is max(0, ||X_l^T r/n|| - lambda
        // omega_l), from the norms the full pass just computed
        for (int l = 0; l < groupCount; l++) {
          if (!working[l] && gradientNorm[l] - penalty.zeroLevel(l, lambda) > options.tolerance() * lambda) {
            working[l] = true;
          }
        }
      }
      return worst;
    }

    /**
     * The largest KKT violation over every group and the intercept, with the gradient norms of
     * every group. A zero group's violation is max(0, ||X_l^T r / n|| - lambda omega_l), and it is 0
     * without reading the group's columns when its {@link GradientNormBound} is below lambda omega_l.
     * When more than a quarter of the groups need their columns anyway, every group is computed and
     * the bound's reference moves to r.
     */
    private double certifiedViolation(double lambda) {
      boolean bounds = penalty.kind() != PenaltyKind.SPARSE_GROUP_LASSO;
      normBound.moveTo(r);
      int exact = 0;
      for (int l = 0; l < groupCount; l++) {
        double level = penalty.zeroLevel(l, lambda);
        boolean certified = bounds && level > 0 && isZero(l) && normBound.upper(l) < level;
        boundCertified[l] = certified;
        exact += certified ? 0 : 1;
      }
      boolean full = exact > groupCount / FULL_PASS_SHARE;
      double worst = interceptViolation();
      if (full && bounds && (long) n * p >= LeastSquaresDatafit.APPROXIMATE_PASS_ENTRIES) {
        return approximatePass(lambda, worst);
      }
      for (int l = 0; l < groupCount; l++) {
        if (!full && boundCertified[l]) {
          gradientNorm[l] = normBound.upper(l);
          continue;
        }
        worst = Math.max(worst, groupViolation(l, lambda));
        gradientNorm[l] = GroupOps.norm(grad, 0, f.end(l) - f.start(l));
      }
      if (full) {
        Arrays.fill(boundCertified, false);
        normBound.reset(r, gradientNorm);
      }
      return worst;
    }

    /**
     * The full pass at half its memory traffic, as the least-squares path's: c~ = X~^T r / n from the
     * float32 copy of the columns ({@link LeastSquaresDatafit#approximateCorrelation}, with its
     * certified bound delta_k on |c~_k - c_k|). A zero group with ||c~_l|| + ||delta_l|| &lt;=
     * lambda omega_l satisfies its KKT condition (violation 0) and keeps that upper bound as its
     * gradient norm, marked as a bound for the strong rule; every other group gets its exact
     * gradient. The bound's reference moves to r. On the logistic lasso n = 1000, p = 10000 the exact
     * passes were a third of the path.
     *
     * @param worst the intercept's violation
     * @return the largest violation
     */
    private double approximatePass(double lambda, double worst) {
      LeastSquaresDatafit ls = (LeastSquaresDatafit) f;
      if (approximate == null) {
        approximate = new double[p];
      }
      double rn = ls.approximateCorrelation(r, approximate, null);
      for (int l = 0; l < groupCount; l++) {
        int from = f.start(l);
        int to = f.end(l);
        double level = penalty.zeroLevel(l, lambda);
        if (level > 0 && isZero(l)) {
          double upper = ls.approximateGroupNormBound(l, rn, approximate);
          if (upper <= level) {
            gradientNorm[l] = upper;
            boundCertified[l] = true;
            continue;
          }
        }
        worst = Math.max(worst, groupViolation(l, lambda));
        gradientNorm[l] = GroupOps.norm(grad, 0, to - from);
        boundCertified[l] = false;
      }
      normBound.reset(r, gradientNorm);
      return worst;
    }

    /** The largest KKT violation over the intercept and the nonzero groups. */
    private double nonzeroViolation(double lambda) {
      double worst = interceptViolation();
      for (int l = 0; l < groupCount; l++) {
        if (!isZero(l)) {
          worst = Math.max(worst, groupViolation(l, lambda));
        }
      }
      return worst;
    }

    private boolean isZero(int l) {
      for (int q = f.start(l); q < f.end(l); q++) {
        if (w[q] != 0) {
          return false;
        }
      }
      return true;
    }

    private void updateResidual() {
      for (int i = 0; i < n; i++) {
        r[i] = y[i] - family.mean(eta[i]);
      }
    }
  }
}
