package org.groupsparse.regression.implicit;

import static org.groupsparse.util.Check.Bounds.CLOSED_LEFT;
import static org.groupsparse.util.Check.Bounds.OPEN;

import org.groupsparse.regression.Family;
import org.groupsparse.util.Check;

/**
 * Configuration of {@link DglnnTrainer}, validated on construction. {@link #builder()} gives the
 * defaults for users' data ({@link DglnnSchedule#ADAPTIVE}: every step size, the switch, the
 * patience and the selection derived from the data); {@link #paperBuilder()} gives the constants of
 * section 5 of Li et al. (ICLR 2023) that the reproductions use ({@link DglnnSchedule#PAPER}).
 *
 * @param schedule how steps, stopping and selection are chosen (default {@link
 *     DglnnSchedule#ADAPTIVE}; {@link #paperBuilder()}: {@link DglnnSchedule#PAPER})
 * @param algorithm which training algorithm (default Algorithm 2)
 * @param alpha initialization scale u(0) = alpha 1, in (0, inf) (default 1e-6); the paper's
 *     Theorem 3 asks for it small, and every coordinate outside the support stays within O(alpha)
 * @param stepSizeU gamma, the step on u, in (0, inf), or NaN for automatic (the default; the
 *     paper's value 1e-3 with {@link #paperBuilder()}); Theorem 3
 *     asks gamma &lt;= 1/(20 (u*_max)^2). NaN means automatic: gamma = 1/(20 max_l ||X_l^T y / n||),
 *     Theorem 3's bound with (u*_max)^2 replaced by its observable proxy from Lemma 3 (for the
 *     paper's simulations this is about 2.5e-3; for standardized real data it is about 0.05-0.1,
 *     which learns in hundreds rather than thousands of iterations)
 * @param stepSizeV eta, the fixed step on v after Algorithm 2's switch, and the step on v of plain
 *     gradient descent, in (0, inf) (paper: 1e-3; Theorem 4 asks eta &lt;= 4/(9 (u*_max)^2)). NaN
 *     (the default) means automatic: with {@link DglnnSchedule#ADAPTIVE}, each group switches on
 *     its own and keeps the step 1/(L_l u_l^4) it had at its switch (L_l = ||X_l||_2^2 / n); for
 *     plain gradient descent eta = gamma
 * @param switchTolerance tau of Algorithm 2's switch criterion max_l |u_l(t+1) - u_l(t)| /
 *     (|u_l(t)| + eps) &lt; tau, in (0, inf). Default NaN, meaning tau = gamma (1e-3 with the default gamma). Why: the relative change of u_l in one
 *     step is 2 gamma v_l^T X_l^T r / n, so with gamma = 1e-3 the criterion says that no group has a
 *     correlation with the residual above 0.5 left to learn; at the start a true group with
 *     ||w_l*|| well above 0.5 changes by 2 gamma ||w_l*|| per step (0.02 for the paper's settings),
 *     while pure-noise groups change by 2 gamma ||X_l^T xi / n|| (about 3e-4 there). With
 *     standardized data the same holds in units of the response's standard deviation. The peer
 *     PyTorch script uses 0.1, which is met at the first step for these settings. NaN means tau =
 *     gamma, the same criterion (remaining correlation below 0.5) for any gamma.
 * @param switchEpsilon eps of the switch criterion, in [0, inf) (default 1e-12; only guards the
 *     division, u never approaches 0 in practice)
 * @param directionInit how v starts (default {@link DirectionInit#UNIFORM_UNIT})
 * @param directionInitScale the scale of {@link DirectionInit#CONSTANT} and {@link
 *     DirectionInit#RANDOM_UNIFORM}, any finite number (default 1e-3; negative constants as in the
 *     authors' figure 7)
 * @param maxIterations cap on the number of updates, at least 0 (default 20000; 0 returns the
 *     initial iterate)
 * @param patience early stopping: stop when the validation loss has not improved for this many
 *     iterations (paper: 2000); the iterate with the lowest validation loss is kept. With {@link
 *     DglnnSchedule#ADAPTIVE} 0 (the default) means automatic, 20 e-foldings of the fastest
 *     group's initial growth (at least 100), and the run never stops while a group is emerging
 * @param threads threads for the gradient kernel, at least 1 (default 1)
 * @param seed seed for {@link DirectionInit#RANDOM_UNIFORM}
 * @param fitIntercept whether to centre the columns and the response on the training rows and
 *     report an intercept (default true; simulations use false)
 * @param standardize whether to scale columns and response to unit variance on the training rows
 *     (default true; coefficients and losses are reported on the original scale)
 * @param selectionThreshold a group is selected when its magnitude u_l^2 exceeds this; NaN
 *     (default) means automatic: with {@link DglnnSchedule#PAPER}, sqrt(alpha max_k u_k^2), the
 *     midpoint on the logarithmic scale between alpha (Theorem 3 bounds the entries outside the
 *     support by O(alpha)) and the largest group; with {@link DglnnSchedule#ADAPTIVE}, the largest
 *     gap in the sorted magnitudes (see {@link DglnnTrainer#selectionThreshold})
 * @param minIterations never stop early before this many updates, at least 0 (default 0; used by
 *     cross-validation over the stopping time to run every fold to a common horizon)
 * @param lossScaling the loss whose gradient is followed: (1/2n)||y - Xw||^2 (default, the paper's
 *     text) or the mean (1/n)||y - Xw||^2 of the authors' code ({@link LossScaling})
 * @param family the datafit: {@link Family#GAUSSIAN} (least squares, the paper's) or {@link
 *     Family#BINOMIAL}, the mean logistic loss (1/n) sum_i log(1 + e^{eta_i}) - y_i eta_i with
 *     eta_i = b + x_i^T w, y in {0, 1}, and an unpenalized intercept b profiled out exactly at every
 *     iteration (not in the paper: the same parameterization and Algorithms 1-2, with the gradient
 *     changing only through the residual y - sigmoid(eta)); Poisson is not offered
 */
public record DglnnOptions(DglnnSchedule schedule, DglnnAlgorithm algorithm, double alpha, double stepSizeU, double stepSizeV,
    double switchTolerance, double switchEpsilon, DirectionInit directionInit, double directionInitScale,
    int maxIterations, int patience, int threads, long seed, boolean fitIntercept, boolean standardize,
    double selectionThreshold, int minIterations, LossScaling lossScaling, Family family) {

  private static final String OWNER = "DglnnOptions";

  /**
   * Validates every field.
   *
   * @param schedule how steps, stopping and selection are chosen (default {@link DglnnSchedule#ADAPTIVE}; {@link #paperBuilder()}: {@link DglnnSchedule#PAPER})
   * @param algorithm which training algorithm (default Algorithm 2)
   * @param alpha initialization scale u(0) = alpha 1, in (0, inf) (default 1e-6); the paper's Theorem 3 asks for it small, and every coordinate outside the support stays within O(alpha)
   * @param stepSizeU gamma, the step on u, in (0, inf), or NaN for automatic (the default; the paper's value 1e-3 with {@link #paperBuilder()}); Theorem 3 asks gamma &lt;= 1/(20 (u*_max)^2). NaN means automatic: gamma = 1/(20 max_l ||X_l^T y / n||), Theorem 3's bound with (u*_max)^2 replaced by its observable proxy from Lemma 3 (for the paper's simulations this is about 2.5e-3; for standardized real data it is about 0.05-0.1, which learns in hundreds rather than thousands of iterations)
   * @param stepSizeV eta, the fixed step on v after Algorithm 2's switch, and the step on v of plain gradient descent, in (0, inf) (paper: 1e-3; Theorem 4 asks eta &lt;= 4/(9 (u*_max)^2)). NaN (the default) means automatic: with {@link DglnnSchedule#ADAPTIVE}, each group switches on its own and keeps the step 1/(L_l u_l^4) it had at its switch (L_l = ||X_l||_2^2 / n); for plain gradient descent eta = gamma
   * @param switchTolerance tau of Algorithm 2's switch criterion max_l |u_l(t+1) - u_l(t)| / (|u_l(t)| + eps) &lt; tau, in (0, inf). Default NaN, meaning tau = gamma (1e-3 with the default gamma). Why: the relative change of u_l in one step is 2 gamma v_l^T X_l^T r / n, so with gamma = 1e-3 the criterion says that no group has a correlation with the residual above 0.5 left to learn; at the start a true group with ||w_l*|| well above 0.5 changes by 2 gamma ||w_l*|| per step (0.02 for the paper's settings), while pure-noise groups change by 2 gamma ||X_l^T xi / n|| (about 3e-4 there). With standardized data the same holds in units of the response's standard deviation. The peer PyTorch script uses 0.1, which is met at the first step for these settings. NaN means tau = gamma, the same criterion (remaining correlation below 0.5) for any gamma.
   * @param switchEpsilon eps of the switch criterion, in [0, inf) (default 1e-12; only guards the division, u never approaches 0 in practice)
   * @param directionInit how v starts (default {@link DirectionInit#UNIFORM_UNIT})
   * @param directionInitScale the scale of {@link DirectionInit#CONSTANT} and {@link DirectionInit#RANDOM_UNIFORM}, any finite number (default 1e-3; negative constants as in the authors' figure 7)
   * @param maxIterations cap on the number of updates, at least 0 (default 20000; 0 returns the initial iterate)
   * @param patience early stopping: stop when the validation loss has not improved for this many iterations (paper: 2000); the iterate with the lowest validation loss is kept. With {@link DglnnSchedule#ADAPTIVE} 0 (the default) means automatic, 20 e-foldings of the fastest group's initial growth (at least 100), and the run never stops while a group is emerging
   * @param threads threads for the gradient kernel, at least 1 (default 1)
   * @param seed seed for {@link DirectionInit#RANDOM_UNIFORM}
   * @param fitIntercept whether to centre the columns and the response on the training rows and report an intercept (default true; simulations use false)
   * @param standardize whether to scale columns and response to unit variance on the training rows (default true; coefficients and losses are reported on the original scale)
   * @param selectionThreshold a group is selected when its magnitude u_l^2 exceeds this; NaN (default) means automatic: with {@link DglnnSchedule#PAPER}, sqrt(alpha max_k u_k^2), the midpoint on the logarithmic scale between alpha (Theorem 3 bounds the entries outside the support by O(alpha)) and the largest group; with {@link DglnnSchedule#ADAPTIVE}, the largest gap in the sorted magnitudes (see {@link DglnnTrainer#selectionThreshold})
   * @param minIterations never stop early before this many updates, at least 0 (default 0; used by cross-validation over the stopping time to run every fold to a common horizon)
   * @param lossScaling the loss whose gradient is followed (default {@link LossScaling#HALF_MEAN})
   * @param family the datafit (default {@link Family#GAUSSIAN}; {@link Family#BINOMIAL} needs an intercept and the default loss scaling)
   */
  public DglnnOptions {
    if (schedule == null || algorithm == null || directionInit == null) {
      throw new IllegalArgumentException("'schedule', 'algorithm' and 'directionInit' of DglnnOptions must not be null");
    }
    Check.atLeast("minIterations", OWNER, minIterations, 0);
    if (lossScaling == null) {
      throw new IllegalArgumentException("'lossScaling' of DglnnOptions must not be null");
    }
    if (family == null) {
      throw new IllegalArgumentException("'family' of DglnnOptions must not be null");
    }
    if (family == Family.POISSON) {
      throw new IllegalArgumentException("'family' of DglnnOptions must be GAUSSIAN or BINOMIAL; the Poisson loss has no "
          + "bounded curvature for the DGLNN's step sizes");
    }
    if (family == Family.BINOMIAL && !fitIntercept) {
      throw new IllegalArgumentException("'fitIntercept' of DglnnOptions must be true for the BINOMIAL family "
          + "(the logistic model always has an unpenalized intercept)");
    }
    if (family == Family.BINOMIAL && lossScaling != LossScaling.HALF_MEAN) {
      throw new IllegalArgumentException("'lossScaling' of DglnnOptions applies to least squares only; the BINOMIAL "
          + "family follows the mean logistic loss");
    }
    Check.inRange("alpha", OWNER, alpha, 0, Double.POSITIVE_INFINITY, OPEN);
    if (!Double.isNaN(stepSizeU)) {
      Check.inRange("stepSizeU", OWNER, stepSizeU, 0, Double.POSITIVE_INFINITY, OPEN);
    }
    if (!Double.isNaN(stepSizeV)) {
      Check.inRange("stepSizeV", OWNER, stepSizeV, 0, Double.POSITIVE_INFINITY, OPEN);
    }
    if (!Double.isNaN(switchTolerance)) {
      Check.inRange("switchTolerance", OWNER, switchTolerance, 0, Double.POSITIVE_INFINITY, OPEN);
    }
    Check.inRange("switchEpsilon", OWNER, switchEpsilon, 0, Double.POSITIVE_INFINITY, CLOSED_LEFT);
    // negative constants are allowed: the authors' figure 7 starts plain gradient descent from v(0) < 0
    Check.inRange("directionInitScale", OWNER, directionInitScale, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        OPEN);
    Check.atLeast("maxIterations", OWNER, maxIterations, 0);
    Check.atLeast("patience", OWNER, patience, schedule == DglnnSchedule.ADAPTIVE ? 0 : 1);
    Check.atLeast("threads", OWNER, threads, 1);
    if (!Double.isNaN(selectionThreshold)) {
      Check.inRange("selectionThreshold", OWNER, selectionThreshold, 0, Double.POSITIVE_INFINITY, CLOSED_LEFT);
    }
    if (algorithm != DglnnAlgorithm.GRADIENT_DESCENT && directionInit == DirectionInit.ZERO) {
      throw new IllegalArgumentException(
          "'directionInit' of DglnnOptions must give unit-norm groups for " + DglnnTrainer.methodName(algorithm)
              + "; ZERO is only for plain gradient descent (dglnn-gd)");
    }
  }

  /** @return a builder with the defaults for users' data ({@link DglnnSchedule#ADAPTIVE}) */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The constants of section 5 of Li et al. (ICLR 2023): Algorithm 2, alpha = 1e-6, gamma = eta =
   * 1e-3, tau = gamma, patience 2000, at most 20000 iterations.
   *
   * @return a builder with the paper's settings ({@link DglnnSchedule#PAPER})
   */
  public static Builder paperBuilder() {
    Builder b = new Builder();
    b.schedule = DglnnSchedule.PAPER;
    b.stepSizeU = 1e-3;
    b.stepSizeV = 1e-3;
    b.patience = 2000;
    return b;
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.schedule = schedule;
    b.minIterations = minIterations;
    b.lossScaling = lossScaling;
    b.family = family;
    b.algorithm = algorithm;
    b.alpha = alpha;
    b.stepSizeU = stepSizeU;
    b.stepSizeV = stepSizeV;
    b.switchTolerance = switchTolerance;
    b.switchEpsilon = switchEpsilon;
    b.directionInit = directionInit;
    b.directionInitScale = directionInitScale;
    b.maxIterations = maxIterations;
    b.patience = patience;
    b.threads = threads;
    b.seed = seed;
    b.fitIntercept = fitIntercept;
    b.standardize = standardize;
    b.selectionThreshold = selectionThreshold;
    return b;
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private DglnnSchedule schedule = DglnnSchedule.ADAPTIVE;
    private int minIterations;
    private LossScaling lossScaling = LossScaling.HALF_MEAN;
    private Family family = Family.GAUSSIAN;
    private DglnnAlgorithm algorithm = DglnnAlgorithm.ALGORITHM_2;
    private double alpha = 1e-6;
    private double stepSizeU = Double.NaN;
    private double stepSizeV = Double.NaN;
    private double switchTolerance = Double.NaN;
    private double switchEpsilon = 1e-12;
    private DirectionInit directionInit = DirectionInit.UNIFORM_UNIT;
    private double directionInitScale = 1e-3;
    private int maxIterations = 20000;
    private int patience;
    private int threads = 1;
    private long seed = 0;
    private boolean fitIntercept = true;
    private boolean standardize = true;
    private double selectionThreshold = Double.NaN;

    private Builder() {}

    /**
     * @param v the schedule
     * @return this
     */
    public Builder schedule(DglnnSchedule v) {
      schedule = v;
      return this;
    }

    /**
     * @param v the loss scaling (the authors' code: {@link LossScaling#MEAN})
     * @return this
     */
    public Builder lossScaling(LossScaling v) {
      lossScaling = v;
      return this;
    }

    /**
     * @param v the datafit's family ({@link Family#GAUSSIAN} or {@link Family#BINOMIAL})
     * @return this
     */
    public Builder family(Family v) {
      family = v;
      return this;
    }

    /**
     * @param v iterations before which the run never stops early
     * @return this
     */
    public Builder minIterations(int v) {
      minIterations = v;
      return this;
    }

    /**
     * @param v the algorithm
     * @return this
     */
    public Builder algorithm(DglnnAlgorithm v) {
      algorithm = v;
      return this;
    }

    /**
     * @param v alpha
     * @return this
     */
    public Builder alpha(double v) {
      alpha = v;
      return this;
    }

    /**
     * @param v gamma
     * @return this
     */
    public Builder stepSizeU(double v) {
      stepSizeU = v;
      return this;
    }

    /**
     * @param v eta
     * @return this
     */
    public Builder stepSizeV(double v) {
      stepSizeV = v;
      return this;
    }

    /**
     * @param v tau
     * @return this
     */
    public Builder switchTolerance(double v) {
      switchTolerance = v;
      return this;
    }

    /**
     * @param v eps
     * @return this
     */
    public Builder switchEpsilon(double v) {
      switchEpsilon = v;
      return this;
    }

    /**
     * @param v the initialization of v
     * @return this
     */
    public Builder directionInit(DirectionInit v) {
      directionInit = v;
      return this;
    }

    /**
     * @param v the scale of constant or random initializations
     * @return this
     */
    public Builder directionInitScale(double v) {
      directionInitScale = v;
      return this;
    }

    /**
     * @param v the iteration cap
     * @return this
     */
    public Builder maxIterations(int v) {
      maxIterations = v;
      return this;
    }

    /**
     * @param v the patience
     * @return this
     */
    public Builder patience(int v) {
      patience = v;
      return this;
    }

    /**
     * @param v thread count
     * @return this
     */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * @param v the seed
     * @return this
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * @param v whether to fit an intercept
     * @return this
     */
    public Builder fitIntercept(boolean v) {
      fitIntercept = v;
      return this;
    }

    /**
     * @param v whether to standardize
     * @return this
     */
    public Builder standardize(boolean v) {
      standardize = v;
      return this;
    }

    /**
     * @param v the selection threshold on u_l^2, or NaN for automatic
     * @return this
     */
    public Builder selectionThreshold(double v) {
      selectionThreshold = v;
      return this;
    }

    /** @return the validated options */
    public DglnnOptions build() {
      return new DglnnOptions(schedule, algorithm, alpha, stepSizeU, stepSizeV, switchTolerance, switchEpsilon, directionInit,
          directionInitScale, maxIterations, patience, threads, seed, fitIntercept, standardize, selectionThreshold,
          minIterations, lossScaling, family);
    }
  }
}
