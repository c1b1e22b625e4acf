package org.groupsparse.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.implicit.DglnnAlgorithm;
import org.groupsparse.regression.implicit.DglnnIterationView;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.regression.implicit.DirectionInit;
import org.groupsparse.regression.implicit.LossScaling;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;

/**
 * The settings of the authors' public code for figures 6 and 7 of Li et al. (ICLR 2023), beside the
 * paper's text (issue: "the authors' own conventions"). Their trainer minimizes PyTorch's
 * {@code MSELoss()}, the mean (1/n)||y - Xw||^2, whose gradient is twice that of the (1/2n) loss of
 * the text; figure 7's second case starts v at a negative constant. Both are run here with
 * GroupSparse's own trainer ({@link LossScaling#MEAN}, a negative {@link DirectionInit#CONSTANT}).
 */
final class AuthorsConventions {
  private AuthorsConventions() {}

  /** Figure 6 under one loss scaling: late direction steps and the error. */
  record Fig6(LossScaling scaling, double oneStepChange, double twoStepChange, double lastError, double minLateError,
      double maxLateError, List<double[]> rows) {}

  /**
   * Figure 6 as in the authors' notebook: Rademacher, n = 150, p = 300, groups of 3, w* = 10 on the
   * 9 entries of the first 3 groups, noise 0.5, u(0) = 1e-6, v_l(0) = 1/sqrt(3), Algorithm 1 (v
   * step 1/u^4 on the gradient of the chosen loss), u step 1e-3. Late-stage statistics over the last
   * quarter of the run, averaged over the entries of the support groups.
   *
   * @param scaling the loss scaling
   * @param iterations run length (the notebook: 2000)
   * @param seed the problem seed
   * @return the statistics and every 5th iterate's error and first three v entries
   */
  static Fig6 figure6(LossScaling scaling, int iterations, long seed) {
    int p = 300;
    GroupStructure groups = GroupStructure.contiguous(3, p, false);
    double[] support = new double[9];
    Arrays.fill(support, 10.0);
    SimulatedRegression sim = RegressionSimulator.generate(150, groups, support, false, DesignKind.RADEMACHER, 0.5, 0,
        seed);
    DglnnOptions options = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.ALGORITHM_1).alpha(1e-6)
        .stepSizeU(1e-3).maxIterations(iterations).patience(Integer.MAX_VALUE).fitIntercept(false).standardize(false)
        .lossScaling(scaling).build();
    double[] truth = sim.truth();
    double[] w = new double[p];
    double[] v = new double[p];
    double[][] history = new double[3][9];
    double[] acc = new double[5];
    acc[3] = Double.POSITIVE_INFINITY;
    List<double[]> rows = new ArrayList<>();
    int lateFrom = iterations - iterations / 4;
    TrainingListener<DglnnIterationView> recorder = new TrainingListener<>() {
      @Override
      public void onIteration(DglnnIterationView view) {
        view.coefficients(w);
        view.directions(v);
        int t = view.iteration();
        double[] now = Arrays.copyOf(v, 9);
        double e = Series.errorSquared(w, truth);
        if (t >= lateFrom + 2) {
          double one = 0;
          double two = 0;
          for (int j = 0; j < 9; j++) {
            one += Math.abs(now[j] - history[(t - 1) % 3][j]);
            two += Math.abs(now[j] - history[(t - 2) % 3][j]);
          }
          acc[0] += one / 9;
          acc[1] += two / 9;
          acc[2]++;
          acc[3] = Math.min(acc[3], e);
          acc[4] = Math.max(acc[4], e);
        }
        history[t % 3] = now;
        if (t % 5 == 0) {
          rows.add(new double[] {t, e, v[0], v[1], v[2]});
        }
      }
    };
    new DglnnTrainer(options).run(sim.train().design(), sim.train().response(), null, null, groups, recorder);
    double last = rows.isEmpty() ? Double.NaN : Series.errorSquared(w, truth);
    return new Fig6(scaling, acc[0] / acc[2], acc[1] / acc[2], last, acc[3], acc[4], rows);
  }

  /** Figure 7, one case: the end of a plain gradient descent run. */
  record Fig7(String label, double lastError, double maxOffSupport, int offSupportAbove01, double minSupportCosine) {}

  /**
   * Figure 7 as in the authors' notebook: the figure 4 setting (Rademacher, n = 100, p = 500, groups
   * of 4, 16 ones on the first 4 groups, noise 0.5), w_i = u_{g(i)}^2 v_i by plain gradient descent
   * with learning rate 0.05 on the mean (1/n) loss, u(0) = 1e-3.
   *
   * @param label the case's name
   * @param init ZERO (case 1) or CONSTANT (case 2)
   * @param scale the constant of v(0) (case 2: -(1/2) 1e-3)
   * @param iterations run length (the notebook: 8000)
   * @param seed the problem seed
   * @return the final error, the largest entry off the support, the off-support entries above 0.1,
   *     and the smallest cosine between a true group's w_l and its true direction
   */
  static Fig7 figure7(String label, DirectionInit init, double scale, int iterations, long seed) {
    int p = IgsFig7Experiment.P;
    GroupStructure groups = GroupStructure.contiguous(4, p, false);
    SimulatedRegression sim = RegressionSimulator.generate(IgsFig7Experiment.N, groups, IgsFig4Experiment.support(),
        false, DesignKind.RADEMACHER, IgsFig4Experiment.NOISE, 0, seed);
    DglnnOptions options = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.GRADIENT_DESCENT).alpha(1e-3)
        .stepSizeU(0.05).stepSizeV(0.05).maxIterations(iterations).patience(Integer.MAX_VALUE).fitIntercept(false)
        .standardize(false).directionInit(init).directionInitScale(scale).lossScaling(LossScaling.MEAN).build();
    double[] w = new DglnnTrainer(options).run(sim.train().design(), sim.train().response(), null, null, groups,
        null).coefficients();
    double[] truth = sim.truth();
    double maxOff = 0;
    int above = 0;
    for (int j = 0; j < p; j++) {
      if (truth[j] == 0) {
        maxOff = Math.max(maxOff, Math.abs(w[j]));
        above += Math.abs(w[j]) > 0.1 ? 1 : 0;
      }
    }
    double minCos = Double.POSITIVE_INFINITY;
    for (int l = 0; l < 4; l++) {
      double dot = 0;
      double nw = 0;
      double nt = 0;
      for (int j = 4 * l; j < 4 * l + 4; j++) {
        dot += w[j] * truth[j];
        nw += w[j] * w[j];
        nt += truth[j] * truth[j];
      }
      minCos = Math.min(minCos, nw == 0 ? 0 : dot / Math.sqrt(nw * nt));
    }
    return new Fig7(label, Series.errorSquared(w, truth), maxOff, above, minCos);
  }
}
