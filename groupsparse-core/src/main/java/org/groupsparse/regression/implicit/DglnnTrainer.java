package org.groupsparse.regression.implicit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.ResidualCorrelationKernel;
import org.groupsparse.regression.DivergenceException;
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
 */
public final class DglnnTrainer {
  private static final String OWNER = "DglnnTrainer";
  private final DglnnOptions options;

  /** @param options the configuration */
  public DglnnTrainer(DglnnOptions options) {
    this.options = options;
  }

  /** @return the configuration */
  public DglnnOptions options() {
    return options;
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
      TrainingListener listener) {
    org.groupsparse.regression.StandardizedFit data = new org.groupsparse.regression.StandardizedFit(train, validation,
        groups, options.fitIntercept(), options.standardize());
    Dataset t = data.train();
    Dataset v = data.validation();
    DglnnSolution s = run(t.design(), t.response(), v == null ? null : v.design(), v == null ? null : v.response(),
        groups, listener);
    double[] u = s.groupScales();
    double[] magnitudes = new double[u.length];
    for (int l = 0; l < u.length; l++) {
      magnitudes[l] = u[l] * u[l];
    }
    return data.result(options.algorithm().methodName(), groups, s.coefficients(), magnitudes, selectGroups(u),
        s.history());
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
    double threshold = options.selectionThreshold();
    if (Double.isNaN(threshold)) {
      double max = 0;
      for (double x : groupScales) {
        max = Math.max(max, x * x);
      }
      threshold = Math.sqrt(options.alpha() * max);
    }
    boolean[] out = new boolean[groupScales.length];
    for (int l = 0; l < out.length; l++) {
      out[l] = groupScales[l] * groupScales[l] > threshold;
    }
    return out;
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
      TrainingListener listener) {
    if (groups.featureCount() != x.cols()) {
      throw new DimensionMismatchException(
          "groups cover " + groups.featureCount() + " features but the design has " + x.cols() + " columns");
    }
    if (xVal != null && xVal.cols() != x.cols()) {
      throw new DimensionMismatchException(
          "validation design has " + xVal.cols() + " columns, training design " + x.cols());
    }
    try (ResidualCorrelationKernel kernel = new ResidualCorrelationKernel(x, y, options.threads())) {
      Engine e = new Engine(kernel, xVal, yVal, groups, listener == null ? TrainingListener.NONE : listener);
      return e.run();
    }
  }

  /** The iteration state; all buffers allocated once. */
  private final class Engine implements DglnnIterationView {
    private final ResidualCorrelationKernel kernel;
    private final double[] xVal;
    private final double[] yVal;
    private final int nVal;
    private final int n;
    private final int p;
    private final int groupCount;
    private final int[] groupOf;
    private final int[] members;
    private final int[] ptr;
    private final TrainingListener listener;
    private final double[] u;
    private final double[] v;
    private final double[] w;
    private final double[] c;
    private final double[] bestU;
    private final double[] bestV;
    private final double[] trainLoss;
    private final double[] validationLoss;
    private final double gamma;
    private final double tau;
    private int iteration;
    private boolean switched;
    private int switchIteration = -1;

    Engine(ResidualCorrelationKernel kernel, DenseMatrix xVal, double[] yVal, GroupStructure groups,
        TrainingListener listener) {
      this.kernel = kernel;
      this.xVal = xVal == null ? null : xVal.data();
      this.yVal = yVal;
      this.nVal = xVal == null ? 0 : xVal.rows();
      this.n = kernel.rows();
      this.p = kernel.cols();
      this.groupCount = groups.groupCount();
      this.groupOf = groups.groupOfView();
      this.members = groups.membersView();
      this.ptr = new int[groupCount + 1];
      for (int l = 0; l < groupCount; l++) {
        ptr[l + 1] = groups.end(l);
      }
      this.listener = listener;
      u = new double[groupCount];
      v = new double[p];
      w = new double[p];
      c = new double[p];
      bestU = new double[groupCount];
      bestV = new double[p];
      trainLoss = new double[options.maxIterations() + 1];
      validationLoss = new double[nVal > 0 ? options.maxIterations() + 1 : 0];
      gamma = Double.isNaN(options.stepSizeU()) ? automaticStepSize() : options.stepSizeU();
      tau = Double.isNaN(options.switchTolerance()) ? gamma : options.switchTolerance();
    }

    /** gamma = 1/(20 max_l ||X_l^T y / n||): Theorem 3's bound with Lemma 3's proxy for (u*_max)^2. */
    private double automaticStepSize() {
      java.util.Arrays.fill(w, 0.0);
      kernel.evaluate(w, c);
      double max = 0;
      for (int l = 0; l < groupCount; l++) {
        max = Math.max(max, groupNorm(c, l) / n);
      }
      return max > 0 ? 1.0 / (20.0 * max) : 1e-3;
    }

    DglnnSolution run() {
      initialize();
      DglnnAlgorithm algorithm = options.algorithm();
      listener.onStart(algorithm.methodName(), options.maxIterations());
      double best = Double.POSITIVE_INFINITY;
      int bestIteration = 0;
      StopReason reason = StopReason.MAX_ITERATIONS;
      int t = 0;
      while (true) {
        iteration = t;
        double loss = gradient();
        trainLoss[t] = loss;
        if (!Double.isFinite(loss)) {
          throw new DivergenceException(options.algorithm().methodName() + " diverged at iteration " + t
              + " (the training loss is not finite); try a smaller step size (gamma = " + gamma
              + ", eta = " + options.stepSizeV() + ")");
        }
        if (nVal > 0) {
          double vl = MatrixOps.residualSumOfSquares(xVal, p, 0, nVal, yVal, w) / (2.0 * nVal);
          validationLoss[t] = vl;
          if (vl < best) {
            best = vl;
            bestIteration = t;
            System.arraycopy(u, 0, bestU, 0, groupCount);
            System.arraycopy(v, 0, bestV, 0, p);
          }
        }
        listener.onIteration(this);
        if (nVal > 0 && t - bestIteration >= options.patience()) {
          reason = StopReason.EARLY_STOPPING;
          break;
        }
        if (t == options.maxIterations()) {
          break;
        }
        if (algorithm == DglnnAlgorithm.GRADIENT_DESCENT) {
          plainGradientStep();
        } else {
          weightNormalizedStep(algorithm == DglnnAlgorithm.ALGORITHM_2, t);
        }
        t++;
      }
      if (nVal == 0) {
        bestIteration = t;
        System.arraycopy(u, 0, bestU, 0, groupCount);
        System.arraycopy(v, 0, bestV, 0, p);
      }
      double[] wBest = new double[p];
      for (int j = 0; j < p; j++) {
        double s = bestU[groupOf[j]];
        wBest[j] = s * s * bestV[j];
      }
      TrainingHistory history = new TrainingHistory(Arrays.copyOf(trainLoss, t + 1),
          Arrays.copyOf(validationLoss, nVal > 0 ? t + 1 : 0), bestIteration, switchIteration, t, reason);
      listener.onFinish(history);
      return new DglnnSolution(bestU.clone(), bestV.clone(), wBest, history);
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

    /** w = u_g^2 v; c = X^T (y - Xw) / n; returns (1/2n)||y - Xw||^2. */
    private double gradient() {
      for (int j = 0; j < p; j++) {
        double s = u[groupOf[j]];
        w[j] = s * s * v[j];
      }
      double rss = kernel.evaluate(w, c);
      double inv = 1.0 / n;
      for (int j = 0; j < p; j++) {
        c[j] *= inv;
      }
      return rss * 0.5 * inv;
    }

    private void weightNormalizedStep(boolean algorithm2, int t) {
      double eta = options.stepSizeV();
      for (int l = 0; l < groupCount; l++) {
        double u2 = u[l] * u[l];
        for (int k = ptr[l]; k < ptr[l + 1]; k++) {
          int j = members[k];
          // switched: z = v + eta u^2 c; before: z ∝ u^2 z = u^2 v + c (the step 1/u^4 times grad u^2 c)
          v[j] = switched ? v[j] + eta * u2 * c[j] : u2 * v[j] + c[j];
        }
        normalizeGroup(v, l);
      }
      gradient(); // at (u(t), v(t+1))
      double maxRelative = 0;
      double eps = options.switchEpsilon();
      for (int l = 0; l < groupCount; l++) {
        double vc = 0;
        for (int k = ptr[l]; k < ptr[l + 1]; k++) {
          int j = members[k];
          vc += v[j] * c[j];
        }
        double old = u[l];
        double next = old + gamma * 2.0 * old * vc;
        u[l] = next;
        maxRelative = Math.max(maxRelative, Math.abs(next - old) / (Math.abs(old) + eps));
      }
      if (algorithm2 && !switched && maxRelative < tau) {
        switched = true;
        switchIteration = t;
      }
    }

    private void plainGradientStep() {
      double eta = options.stepSizeV();
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
      }
    }

    private double groupNorm(double[] a, int l) {
      double scale = 0;
      for (int k = ptr[l]; k < ptr[l + 1]; k++) {
        scale = Math.max(scale, Math.abs(a[members[k]]));
      }
      if (scale == 0 || !Double.isFinite(scale)) {
        return scale;
      }
      double s = 0;
      for (int k = ptr[l]; k < ptr[l + 1]; k++) {
        double q = a[members[k]] / scale;
        s += q * q;
      }
      return scale * Math.sqrt(s);
    }

    private void normalizeGroup(double[] a, int l) {
      double norm = groupNorm(a, l);
      if (norm > 0 && Double.isFinite(norm)) {
        double inv = 1.0 / norm;
        for (int k = ptr[l]; k < ptr[l + 1]; k++) {
          a[members[k]] *= inv;
        }
      } else if (norm == 0) {
        double e = 1.0 / Math.sqrt(ptr[l + 1] - ptr[l]);
        for (int k = ptr[l]; k < ptr[l + 1]; k++) {
          a[members[k]] = e;
        }
      }
    }

    @Override
    public int iteration() {
      return iteration;
    }

    @Override
    public double trainLoss() {
      return trainLoss[iteration];
    }

    @Override
    public double validationLoss() {
      return nVal > 0 ? validationLoss[iteration] : Double.NaN;
    }

    @Override
    public void coefficients(double[] out) {
      System.arraycopy(w, 0, out, 0, p);
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

  @Override
  public String toString() {
    return OWNER + options;
  }
}
