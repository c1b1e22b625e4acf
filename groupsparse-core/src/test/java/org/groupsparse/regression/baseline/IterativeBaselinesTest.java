package org.groupsparse.regression.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import org.junit.jupiter.api.Test;

/** The Hadamard parameterization and primal-dual iterative regularization. */
class IterativeBaselinesTest {

  private static SimulatedRegression easyProblem(long seed) {
    GroupStructure groups = GroupStructure.contiguous(4, 60, false);
    return RegressionSimulator.generate(200, groups, new double[] {2, -2, 2, 2, 1.5, 1.5, -1.5, 1.5}, true,
        DesignKind.GAUSSIAN, 0.1, 100, seed);
  }

  @Test
  void hadamardRecoversTheSupportOfAnEasyProblem() {
    SimulatedRegression sim = easyProblem(1);
    HadamardOptions options = HadamardOptions.defaults().withPreprocessing(false, false).withStepSize(0.05)
        .withMaxIterations(5000).withPatience(500);
    FitResult<GroupLinearModel> fit = new HadamardTrainer(options).fit(sim.train(), sim.validation(), sim.groups(),
        null);
    assertThat(fit.model().selectedGroups()).containsExactlyInAnyOrderElementsOf(sim.trueGroups());
    double[] w = fit.model().coefficients();
    double[] truth = sim.truth();
    for (int j = 0; j < w.length; j++) {
      assertThat(Math.abs(w[j] - truth[j])).isLessThan(0.1);
    }
  }

  @Test
  void primalDualRecoversTheSupportOfAnEasyProblem() {
    // the constraint X w = y needs n < p
    SimulatedRegression sim = RegressionSimulator.generate(100, GroupStructure.contiguous(4, 200, false),
        new double[] {2, -2, 2, 2, 1.5, 1.5, -1.5, 1.5}, true, DesignKind.GAUSSIAN, 0.1, 50, 2);
    PrimalDualOptions options = PrimalDualOptions.defaults().withPreprocessing(false, false).withMaxIterations(5000)
        .withPatience(500);
    FitResult<GroupLinearModel> fit = new PrimalDualTrainer(options).fit(sim.train(), sim.validation(), sim.groups(),
        null);
    // the validation-best iterate keeps some noise groups nonzero (iterative regularization stops a
    // little late); the support shows as a gap: the true groups are far larger than all others
    double[] magnitudes = fit.model().groupMagnitudes();
    List<String> labels = sim.groups().labels();
    double smallestTrue = Double.POSITIVE_INFINITY;
    double largestFalse = 0;
    for (int l = 0; l < magnitudes.length; l++) {
      if (sim.trueGroups().contains(labels.get(l))) {
        smallestTrue = Math.min(smallestTrue, magnitudes[l]);
      } else {
        largestFalse = Math.max(largestFalse, magnitudes[l]);
      }
    }
    assertThat(fit.model().selectedGroups()).containsAll(sim.trueGroups());
    assertThat(largestFalse).isLessThan(smallestTrue / 30);
  }

  /**
   * Without noise and with n &lt; p the iterates approach the minimum-group-norm interpolant: the
   * constraint X w = y holds and theta certifies optimality, -X^T theta in the subdifferential of
   * sum_l ||w_l|| (equal to w_l/||w_l|| on nonzero groups, norm at most 1 on zero groups).
   */
  @Test
  void primalDualApproachesTheMinimumGroupNormInterpolant() {
    GroupStructure groups = GroupStructure.contiguous(3, 90, false);
    SimulatedRegression sim = RegressionSimulator.generate(40, groups, new double[] {1, 2, -1, 1, 1, 1}, true,
        DesignKind.GAUSSIAN, 0.0, 0, 3);
    DenseMatrix x = sim.train().design();
    double[] y = sim.train().response();
    double[] gaps = new double[2];
    int[] budgets = {30, 20000};
    for (int b = 0; b < budgets.length; b++) {
      PrimalDualTrainer trainer = new PrimalDualTrainer(PrimalDualOptions.defaults().withPreprocessing(false, false)
          .withMaxIterations(budgets[b]));
      PrimalDualTrainer.Solution s = trainer.run(x, y, null, null, groups, null);
      double[] w = s.coefficients();
      double[] xw = new double[40];
      MatrixOps.multiply(x, w, xw);
      double infeasible = 0;
      double ynorm = 0;
      for (int i = 0; i < 40; i++) {
        infeasible += (xw[i] - y[i]) * (xw[i] - y[i]);
        ynorm += y[i] * y[i];
      }
      double[] g = new double[90];
      MatrixOps.transposeMultiply(x, s.dual(), g);
      double worst = Math.sqrt(infeasible / ynorm);
      for (int l = 0; l < groups.groupCount(); l++) {
        double wn = 0;
        double gn = 0;
        for (int j = groups.start(l); j < groups.end(l); j++) {
          wn += w[j] * w[j];
          gn += g[j] * g[j];
        }
        wn = Math.sqrt(wn);
        if (wn == 0) {
          worst = Math.max(worst, Math.max(0, Math.sqrt(gn) - 1));
        } else {
          double d = 0;
          for (int j = groups.start(l); j < groups.end(l); j++) {
            double e = -g[j] - w[j] / wn;
            d += e * e;
          }
          worst = Math.max(worst, Math.sqrt(d));
        }
      }
      gaps[b] = worst;
    }
    assertThat(gaps[1]).isLessThan(1e-6);
    assertThat(gaps[0]).isGreaterThan(1e-3); // far from it after 30 iterations: the limit is not the start
  }

  @Test
  void automaticBalanceKeepsTheCandidateWithTheLowestValidationLoss() {
    SimulatedRegression sim = easyProblem(5);
    PrimalDualOptions options = PrimalDualOptions.defaults().withPreprocessing(false, false).withMaxIterations(400)
        .withPatience(100);
    DenseMatrix x = sim.train().design();
    DenseMatrix xv = sim.validation().design();
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestBalance = Double.NaN;
    for (double s : PrimalDualTrainer.autoBalances()) {
      PrimalDualTrainer.Solution fixed = new PrimalDualTrainer(options.withBalance(s)).run(x,
          sim.train().response(), xv, sim.validation().response(), sim.groups(), null);
      assertThat(fixed.balance()).isEqualTo(s);
      if (fixed.history().bestValidationLoss() < bestLoss) {
        bestLoss = fixed.history().bestValidationLoss();
        bestBalance = s;
      }
    }
    PrimalDualTrainer.Solution auto = new PrimalDualTrainer(options).run(x, sim.train().response(), xv,
        sim.validation().response(), sim.groups(), null);
    assertThat(auto.balance()).isEqualTo(bestBalance);
    assertThat(auto.history().bestValidationLoss()).isEqualTo(bestLoss);
    PrimalDualTrainer.Solution noValidation = new PrimalDualTrainer(options).run(x, sim.train().response(), null,
        null, sim.groups(), null);
    assertThat(noValidation.balance()).isEqualTo(1.0);
  }

  @Test
  void invalidOptionsNameTheParameter() {
    assertThatThrownBy(() -> PrimalDualOptions.defaults().withRho(1.0)).hasMessageContaining("'rho'");
    assertThatThrownBy(() -> HadamardOptions.defaults().withStepSize(-1)).hasMessageContaining("'stepSize'");
    assertThatThrownBy(() -> PrimalDualOptions.defaults().withBalance(0)).hasMessageContaining("'balance'");
    assertThatThrownBy(() -> PrimalDualOptions.defaults().withBalance(-1)).hasMessageContaining("'balance'");
    assertThatThrownBy(() -> PrimalDualOptions.defaults().withPatience(0)).hasMessageContaining("'patience'");
    assertThatThrownBy(() -> HadamardOptions.defaults().withPatience(0)).hasMessageContaining("'patience'");
  }

  @Test
  void sameInputsGiveIdenticalModels() {
    SimulatedRegression sim = easyProblem(4);
    HadamardOptions hadamard = HadamardOptions.defaults().withMaxIterations(300);
    PrimalDualOptions primalDual = PrimalDualOptions.defaults().withMaxIterations(300);
    for (int rep = 0; rep < 2; rep++) {
      List<double[]> results = new java.util.ArrayList<>();
      for (int k = 0; k < 2; k++) {
        results.add(rep == 0
            ? new HadamardTrainer(hadamard).fit(sim.train(), sim.validation(), sim.groups(), null).model().coefficients()
            : new PrimalDualTrainer(primalDual).fit(sim.train(), sim.validation(), sim.groups(), null).model().coefficients());
      }
      assertThat(results.get(0)).containsExactly(results.get(1));
    }
    new SplittableRandom(0); // seeds are explicit everywhere; nothing random here
  }
}
