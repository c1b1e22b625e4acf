package org.groupsparse.regression.implicit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.util.DivergenceException;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.StopReason;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recovery on the settings of section 5 of Li et al. (ICLR 2023). The bound checked comes from
 * Theorem 3 (and 4): for t in [T_lb, T_ub], ||w_l(t) - w_l*||_inf &lt;~ ||X^T xi / n||_inf v eps on
 * the support and &lt;~ alpha off it. The constants hidden in &lt;~ are not given; we take 2 on the
 * support (for a near-orthogonal design the least-squares oracle on the support already has error
 * about ||X^T xi / n||_inf) and 1e3 alpha off it (still far below the noise level). Early
 * stopping sees only the validation rows.
 */
class DglnnRecoveryTest {
  static Stream<Arguments> paperSettings() {
    double[] allTen = {10, 10, 10, 10, 10, 10, 10, 10, 10};
    double[] fiveToThirteen = {5, 6, 7, 8, 9, 10, 11, 12, 13};
    List<Arguments> out = new ArrayList<>();
    for (DglnnAlgorithm a : new DglnnAlgorithm[] {DglnnAlgorithm.ALGORITHM_1, DglnnAlgorithm.ALGORITHM_2}) {
      for (DesignKind d : DesignKind.values()) {
        out.add(Arguments.of(a, d, allTen));
        out.add(Arguments.of(a, d, fiveToThirteen));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("paperSettings")
  void findsExactlyTheTrueGroupsWithinTheTheoremBound(DglnnAlgorithm algorithm, DesignKind design, double[] support) {
    SimulatedRegression sim = RegressionSimulator.generate(150, GroupStructure.contiguous(3, 300, false), support,
        false, design, 0.5, 50, 2024);
    DglnnOptions o = DglnnOptions.paperBuilder().algorithm(algorithm).alpha(1e-6).stepSizeU(1e-3).stepSizeV(1e-3)
        .maxIterations(8000).patience(1500).fitIntercept(false).standardize(false).build();
    FitResult<GroupLinearModel> fit = new DglnnTrainer(o).fit(sim.train(), sim.validation(), sim.groups(), null);
    assertThat(fit.model().selectedGroups()).containsExactlyElementsOf(sim.trueGroups());

    double noiseLevel = noiseCorrelation(sim);
    double[] w = fit.model().coefficients();
    for (int j = 0; j < w.length; j++) {
      double err = Math.abs(w[j] - sim.truth()[j]);
      if (sim.truth()[j] != 0) {
        assertThat(err).as("error on support coordinate %d", j).isLessThanOrEqualTo(2 * noiseLevel);
      } else {
        assertThat(err).as("off-support coordinate %d", j).isLessThanOrEqualTo(1e3 * 1e-6);
      }
    }
    if (algorithm == DglnnAlgorithm.ALGORITHM_2) {
      assertThat(fit.history().switchIteration()).isPositive();
    } else {
      assertThat(fit.history().switchIteration()).isEqualTo(-1);
    }
  }

  /** ||X^T xi / n||_inf with xi = y - X w*, the noise the test generated. */
  private static double noiseCorrelation(SimulatedRegression sim) {
    DenseMatrix x = sim.train().design();
    double[] c = new double[x.cols()];
    MatrixOps.residualCorrelation(x.data(), x.cols(), 0, x.rows(), sim.train().response(), sim.truth(), c);
    double max = 0;
    for (double v : c) {
      max = Math.max(max, Math.abs(v) / x.rows());
    }
    return max;
  }

  @Test
  void degenerateCaseOfSizeOneGroupsRecoversSupportAndSigns() {
    double[] support = {1, -1, 1, -1, 1};
    SimulatedRegression sim = RegressionSimulator.generate(80, GroupStructure.contiguous(1, 200, false), support,
        false, DesignKind.RADEMACHER, 0.5, 26, 77);
    DglnnOptions o = DglnnOptions.paperBuilder().maxIterations(20000).patience(3000).fitIntercept(false)
        .standardize(false).build();
    FitResult<GroupLinearModel> fit = new DglnnTrainer(o).fit(sim.train(), sim.validation(), sim.groups(), null);
    assertThat(fit.model().selectedGroups()).containsExactly("1", "2", "3", "4", "5");
    double[] w = fit.model().coefficients();
    for (int j = 0; j < 5; j++) {
      assertThat(Math.signum(w[j])).isEqualTo(Math.signum(support[j]));
    }
  }

  @Test
  void shuffledUnequalGroupsGiveTheEstimateOfTheContiguousProblem() {
    // unequal groups, labels scattered over the columns
    int[] sizes = {3, 1, 4, 2, 5, 3, 2};
    List<String> labels = new ArrayList<>();
    for (int l = 0; l < sizes.length; l++) {
      for (int k = 0; k < sizes[l]; k++) {
        labels.add("grp" + l);
      }
    }
    int p = labels.size();
    int[] scatter = org.groupsparse.data.Splits.permutation(p, 4);
    List<String> shuffled = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      shuffled.add(labels.get(scatter[j]));
    }
    GroupStructure scattered = GroupStructure.ofLabels(shuffled);
    double[] truth = new double[p];
    for (int j = 0; j < p; j++) {
      if (shuffled.get(j).equals("grp2") || shuffled.get(j).equals("grp4")) {
        truth[j] = 3 + j % 3;
      }
    }
    SimulatedRegression base = RegressionSimulator.generate(60, scattered, new double[0], false, DesignKind.GAUSSIAN,
        0.3, 20, 5);
    Dataset train = withTruth(base.train(), truth, 0.3, 6);
    // contiguous: columns sorted by group
    int[] order = scattered.members();
    Dataset trainSorted = train.selectColumns(order);
    GroupStructure sorted = scattered.permuteFeatures(order);
    assertThat(sorted.isContiguous()).isTrue();

    DglnnOptions o = DglnnOptions.paperBuilder().maxIterations(3000).fitIntercept(false).standardize(false).build();
    GroupLinearModel a = new DglnnTrainer(o).fit(train, null, scattered, null).model();
    GroupLinearModel b = new DglnnTrainer(o).fit(trainSorted, null, sorted, null).model();
    double[] wa = a.coefficients();
    double[] wb = b.coefficients();
    for (int k = 0; k < p; k++) {
      assertThat(wb[k]).isCloseTo(wa[order[k]], org.assertj.core.api.Assertions.within(1e-8 * (1 + Math.abs(wa[order[k]]))));
    }
    assertThat(b.selectedGroups()).containsExactlyInAnyOrderElementsOf(a.selectedGroups());
    assertThat(a.selectedGroups()).containsExactlyInAnyOrder("grp2", "grp4");
  }

  private static Dataset withTruth(Dataset d, double[] truth, double noise, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] y = new double[d.rows()];
    double[] x = d.design().data();
    int p = d.features();
    for (int i = 0; i < y.length; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += x[i * p + j] * truth[j];
      }
      y[i] = s + noise * rng.nextGaussian();
    }
    return new Dataset(d.design(), y, d.featureNames(), "y");
  }

  @Test
  void earlyStoppingKeepsTheValidationBestIterateAndStopsAfterPatience() {
    SimulatedRegression sim = RegressionSimulator.generate(60, GroupStructure.contiguous(2, 40, false),
        new double[] {3, 3}, false, DesignKind.GAUSSIAN, 1.0, 30, 8);
    DglnnOptions o = DglnnOptions.paperBuilder().maxIterations(50000).patience(500).stepSizeU(5e-3)
        .fitIntercept(false).standardize(false).build();
    FitResult<GroupLinearModel> fit = new DglnnTrainer(o).fit(sim.train(), sim.validation(), sim.groups(), null);
    var h = fit.history();
    double[] vl = h.validationLoss();
    int argmin = 0;
    for (int t = 0; t < vl.length; t++) {
      if (vl[t] < vl[argmin]) {
        argmin = t;
      }
    }
    assertThat(h.bestIteration()).isEqualTo(argmin);
    if (h.stopReason() == StopReason.EARLY_STOPPING) {
      assertThat(h.iterations() - h.bestIteration()).isEqualTo(500);
    }
    // the kept model predicts the validation rows with the kept validation loss
    double[] pred = fit.model().predict(sim.validation().design());
    double loss = 0;
    for (int i = 0; i < pred.length; i++) {
      double r = sim.validation().response()[i] - pred[i];
      loss += r * r;
    }
    assertThat(loss / (2 * pred.length)).isCloseTo(h.bestValidationLoss(),
        org.assertj.core.api.Assertions.within(1e-9 * h.bestValidationLoss()));
  }

  @Test
  void divergenceIsReportedWithAHint() {
    SimulatedRegression sim = RegressionSimulator.generate(50, GroupStructure.contiguous(2, 20, false),
        new double[] {5, 5}, false, DesignKind.GAUSSIAN, 0.5, 0, 1);
    DglnnOptions o = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.GRADIENT_DESCENT).alpha(1)
        .directionInit(DirectionInit.CONSTANT).directionInitScale(1).stepSizeU(10).stepSizeV(10).maxIterations(1000)
        .fitIntercept(false).standardize(false).build();
    assertThatThrownBy(() -> new DglnnTrainer(o).fit(sim.train(), null, sim.groups(), null))
        .isInstanceOf(DivergenceException.class).hasMessageContaining("smaller step size");
  }

  @Test
  void constantColumnsGetZeroCoefficients() {
    SimulatedRegression sim = RegressionSimulator.generate(60, GroupStructure.contiguous(2, 10, false),
        new double[] {2, 2}, false, DesignKind.GAUSSIAN, 0.3, 0, 3);
    double[] x = sim.train().design().data().clone();
    for (int i = 0; i < 60; i++) {
      x[i * 10 + 1] = 7.0;
      x[i * 10 + 5] = 7.0;
      x[i * 10 + 6] = 7.0;
      x[i * 10 + 7] = -1.5; // group "4" = features 6 and 7 is constant as a whole
    }
    Dataset d = new Dataset(new DenseMatrix(60, 10, x), sim.train().response(), sim.train().featureNames(), "y");
    GroupLinearModel m = new DglnnTrainer(DglnnOptions.paperBuilder().maxIterations(20000).stepSizeU(1e-2).build())
        .fit(d, null, sim.groups(), null).model();
    assertThat(m.coefficients()[1]).isZero();
    assertThat(m.coefficients()[5]).isZero();
    assertThat(m.coefficients()[6]).isZero();
    assertThat(m.coefficients()[7]).isZero();
    assertThat(m.selectedGroups()).doesNotContain("4");
    assertThat(m.selectedGroups()).contains("1");
  }
}
