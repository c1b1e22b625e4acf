package org.groupsparse.regression.baseline;

import org.groupsparse.groups.GroupOps;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.ResidualCorrelationKernel;
import org.groupsparse.regression.internal.EarlyStoppingLoop;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.internal.StandardizedFit;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.TrainingListener;

/**
 * The Hadamard parameterization, a diagonal linear network (Vaskevicius, Kanade and Rebeschini,
 * NeurIPS 2019; the "standard sparsity" comparison of Li et al., ICLR 2023, figure 4): w = u∘u -
 * v∘v, u(0) = v(0) = alpha 1, plain gradient descent on L = (1/2n) ||y - X w||^2,
 *
 * <pre>  u &lt;- u + 2 eta u∘c,   v &lt;- v - 2 eta v∘c,   c = X^T (y - X w) / n,</pre>
 *
 * <p>one fused pass over X per iteration, with early stopping on the validation loss. It induces
 * coordinate-wise, not group, sparsity. Group magnitudes are ||w_l||; a group is selected when one of
 * its entries exceeds sqrt(alpha max_j |w_j|) in absolute value: the logarithmic midpoint between
 * alpha, the size that coordinates outside the support stay below (they start at 0 = alpha^2 -
 * alpha^2 and grow from the alpha^2 scale), and the largest entry.
 */
public final class HadamardTrainer extends BaselineTrainer<HadamardOptions> {
  /** The method name recorded in models. */
  public static final String METHOD = "hadamard";

  /** @param options configuration */
  public HadamardTrainer(HadamardOptions options) {
    super(METHOD, options);
  }

  @Override
  public FitResult<GroupLinearModel> fit(Dataset train, Dataset validation, GroupStructure groups,
      TrainingListener<? super IterationView> listener) {
    StandardizedFit data = new StandardizedFit(train, validation, groups, options().fitIntercept(), options().standardize());
    Dataset v = data.validation();
    Solution s = run(data.train().design(), data.train().response(), v == null ? null : v.design(),
        v == null ? null : v.response(), listener);
    double[] w = s.coefficients();
    double max = 0;
    for (double x : w) {
      max = Math.max(max, Math.abs(x));
    }
    double threshold = Math.sqrt(options().alpha() * max);
    double[] magnitudes = GroupOps.norms(groups, w);
    int[] members = groups.members();
    boolean[] selected = new boolean[groups.groupCount()];
    for (int l = 0; l < magnitudes.length; l++) {
      for (int q = groups.start(l); q < groups.end(l); q++) {
        selected[l] |= Math.abs(w[members[q]]) > threshold;
      }
    }
    return data.result(METHOD, groups, w, magnitudes, selected, s.history()).withOptions(options());
  }

  /**
   * The kept iterate and the record.
   *
   * @param coefficients w
   * @param history the record
   */
  public record Solution(double[] coefficients, TrainingHistory history) {}

  /**
   * Runs on data as given.
   *
   * @param x design, not modified
   * @param y response, not modified
   * @param xVal validation design or null
   * @param yVal validation response or null
   * @param listener progress receiver or null
   * @return the kept iterate
   */
  public Solution run(DenseMatrix x, double[] y, DenseMatrix xVal, double[] yVal, TrainingListener<? super IterationView> listener) {
    int n = x.rows();
    int p = x.cols();
    try (ResidualCorrelationKernel kernel = new ResidualCorrelationKernel(x, y, options().threads())) {
      double[] u = new double[p];
      double[] v = new double[p];
      double[] w = new double[p];
      double[] c = new double[p];
      double[] best = new double[p];
      java.util.Arrays.fill(u, options().alpha());
      java.util.Arrays.fill(v, options().alpha());
      double eta = options().stepSize();
      EarlyStoppingLoop.PlainIterate it = new EarlyStoppingLoop.PlainIterate() {
        @Override
        public double evaluate() {
          for (int j = 0; j < p; j++) {
            w[j] = u[j] * u[j] - v[j] * v[j];
          }
          double rss = kernel.evaluate(w, c);
          return rss / (2.0 * n);
        }

        @Override
        public double[] coefficientsView() {
          return w;
        }

        @Override
        public void step(int iteration) {
          double scale = 2.0 * eta / n;
          for (int j = 0; j < p; j++) {
            double g = scale * c[j];
            u[j] += g * u[j];
            v[j] -= g * v[j];
          }
        }

        @Override
        public void keepBest() {
          System.arraycopy(w, 0, best, 0, p);
        }
      };
      TrainingHistory history = EarlyStoppingLoop.run(new EarlyStoppingLoop.Stopping(METHOD, xVal, yVal, options().maxIterations(), 0,
        options().patience(), "try a smaller step size (eta = " + eta + ")"), it, listener);
      return new Solution(best.clone(), history);
    }
  }
}
