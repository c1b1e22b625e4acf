package org.groupsparse.regression.baseline;

import org.groupsparse.groups.GroupOps;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.SpectralNorm;
import org.groupsparse.regression.internal.EarlyStoppingLoop;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.internal.StandardizedFit;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.TrainingListener;

/**
 * Primal-dual iterative regularization (Molinari, Massias, Rosasco and Villa, 2021; the baseline of
 * Li et al., ICLR 2023, figure 12 and table 3): the Chambolle-Pock iteration for
 *
 * <pre>  min_w R(w) = sum_l ||w_l||_2   subject to   X w = y,</pre>
 *
 * <p>where the iteration count is the regularization parameter. With L = ||X||_2 (power method),
 * tau = sqrt(rho) s / L and sigma = sqrt(rho) / (s L), from w = 0 and theta = theta_old = 0:
 *
 * <pre>  w &lt;- prox_{tau R}(w - tau X^T (2 theta - theta_old))   (group soft-thresholding)
 *  theta_old &lt;- theta,  theta &lt;- theta + sigma (X w - y)</pre>
 *
 * <p>with early stopping on the validation loss. At a solution X w = y and -X^T theta lies in the
 * subdifferential of R at w: {@link Solution#dual()} exposes theta so that callers can check it.
 * Group magnitudes are ||w_l||; the selected groups are the nonzero ones (the prox sets whole groups
 * to zero). Two passes over X per iteration.
 */
public final class PrimalDualTrainer extends BaselineTrainer<PrimalDualOptions> {
  /** The method name recorded in models. */
  public static final String METHOD = "primal-dual";
  /** The balances s tried when {@link PrimalDualOptions#balance()} is NaN (automatic). */
  private static final double[] AUTO_BALANCES = {1, 10, 100, 1000};

  /** @return the balances s tried when {@link PrimalDualOptions#balance()} is NaN (a copy) */
  public static double[] autoBalances() {
    return AUTO_BALANCES.clone();
  }

  /** @param options configuration (rho, balance, iteration cap, patience, preprocessing) */
  public PrimalDualTrainer(PrimalDualOptions options) {
    super(METHOD, options);
  }

  @Override
  public FitResult<GroupLinearModel> fit(Dataset train, Dataset validation, GroupStructure groups,
      TrainingListener<? super IterationView> listener) {
    StandardizedFit data = new StandardizedFit(train, validation, groups, options().fitIntercept(), options().standardize());
    Dataset v = data.validation();
    Solution s = run(data.train().design(), data.train().response(), v == null ? null : v.design(),
        v == null ? null : v.response(), groups, listener);
    double[] w = s.coefficients();
    double[] magnitudes = GroupOps.norms(groups, w);
    boolean[] selected = new boolean[magnitudes.length];
    for (int l = 0; l < magnitudes.length; l++) {
      selected[l] = magnitudes[l] > 0;
    }
    return data.result(METHOD, groups, w, magnitudes, selected, s.history()).withOptions(options());
  }

  /**
   * The kept iterate.
   *
   * @param coefficients w
   * @param dual theta of the same iteration
   * @param history the record
   * @param operatorNorm L = ||X||_2 as estimated
   * @param balance the balance s used (the chosen one when automatic)
   */
  public record Solution(double[] coefficients, double[] dual, TrainingHistory history, double operatorNorm,
      double balance) {}

  /**
   * Runs on data as given.
   *
   * @param x design, not modified
   * @param y response, not modified
   * @param xVal validation design or null
   * @param yVal validation response or null
   * @param groups group structure
   * @param listener progress receiver or null
   * @return the kept iterate
   */
  public Solution run(DenseMatrix x, double[] y, DenseMatrix xVal, double[] yVal, GroupStructure groups,
      TrainingListener<? super IterationView> listener) {
    double norm = operatorNorm(x);
    if (!Double.isNaN(options().balance())) {
      return run(x, y, xVal, yVal, groups, listener, norm, options().balance());
    }
    if (xVal == null) {
      return run(x, y, null, null, groups, listener, norm, 1.0);
    }
    Solution best = null;
    for (double s : AUTO_BALANCES) {
      Solution candidate = run(x, y, xVal, yVal, groups, listener, norm, s);
      if (best == null || candidate.history().bestValidationLoss() < best.history().bestValidationLoss()) {
        best = candidate;
      }
    }
    return best;
  }

  private Solution run(DenseMatrix x, double[] y, DenseMatrix xVal, double[] yVal, GroupStructure groups,
      TrainingListener<? super IterationView> listener, double norm, double balance) {
    int n = x.rows();
    int p = x.cols();
    double tau = Math.sqrt(options().rho()) * balance / norm;
    double sigma = Math.sqrt(options().rho()) / (balance * norm);
    int[] members = groups.members();
    int groupCount = groups.groupCount();
    double[] w = new double[p];
    double[] theta = new double[n];
    double[] thetaOld = new double[n];
    double[] xw = new double[n];
    double[] q = new double[n];
    double[] g = new double[p];
    double[] bestW = new double[p];
    double[] bestTheta = new double[n];
    EarlyStoppingLoop.PlainIterate it = new EarlyStoppingLoop.PlainIterate() {
      private boolean fresh;

      @Override
      public double evaluate() {
        if (!fresh) {
          MatrixOps.multiply(x, w, xw);
        }
        fresh = false;
        double s = 0;
        for (int i = 0; i < n; i++) {
          double r = y[i] - xw[i];
          s += r * r;
        }
        return s / (2.0 * n);
      }

      @Override
      public double[] coefficientsView() {
        return w;
      }

      @Override
      public void step(int iteration) {
        // xw holds X w of the current iterate (evaluate ran); theta update belongs to that w
        for (int i = 0; i < n; i++) {
          q[i] = 2 * theta[i] - thetaOld[i];
        }
        MatrixOps.transposeMultiply(x, q, g);
        for (int j = 0; j < p; j++) {
          w[j] -= tau * g[j];
        }
        for (int l = 0; l < groupCount; l++) {
          GroupOps.blockSoftThreshold(w, 0, members, groups.start(l), groups.end(l), tau, w, 0);
        }
        MatrixOps.multiply(x, w, xw);
        for (int i = 0; i < n; i++) {
          thetaOld[i] = theta[i];
          theta[i] += sigma * (xw[i] - y[i]);
        }
        fresh = true; // xw belongs to the new w
      }

      @Override
      public void keepBest() {
        System.arraycopy(w, 0, bestW, 0, p);
        System.arraycopy(theta, 0, bestTheta, 0, n);
      }
    };
    TrainingHistory history = EarlyStoppingLoop.run(new EarlyStoppingLoop.Stopping(METHOD, xVal, yVal, options().maxIterations(), 0,
        options().patience(), "check the data for extreme values"), it, listener);
    return new Solution(bestW.clone(), bestTheta.clone(), history, norm, balance);
  }

  /** ||X||_2 by the power method of {@link SpectralNorm} on X^T X, enlarged by {@link SpectralNorm#SAFETY}. */
  static double operatorNorm(DenseMatrix x) {
    double[] xv = new double[x.rows()];
    double estimate = SpectralNorm.largestEigenvalue((v, out) -> {
      MatrixOps.multiply(x, v, xv);
      MatrixOps.transposeMultiply(x, xv, out);
    }, SpectralNorm.seededStart(x.cols()));
    return Math.sqrt(estimate) * SpectralNorm.SAFETY;
  }
}
