package org.groupsparse.regression.implicit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DglnnGradientTest {

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void gradientsMatchCentralFiniteDifferences(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 3 + rng.nextInt(20);
    int p = 2 + rng.nextInt(25);
    GroupStructure groups = TestData.randomGroups(p, 1 + rng.nextInt(p), rng);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = TestData.gaussian(n, rng);
    double[] u = TestData.gaussian(groups.groupCount(), rng);
    double[] v = TestData.gaussian(p, rng);
    double[] gu = new double[u.length];
    double[] gv = new double[p];
    DglnnObjective.gradient(x, y, groups, u, v, gu, gv);
    double h = 1e-6;
    for (int l = 0; l < u.length; l++) {
      double[] up = u.clone();
      double[] um = u.clone();
      up[l] += h;
      um[l] -= h;
      double fd = (DglnnObjective.loss(x, y, groups, up, v) - DglnnObjective.loss(x, y, groups, um, v)) / (2 * h);
      assertThat(gu[l]).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
    }
    for (int j = 0; j < p; j++) {
      double[] vp = v.clone();
      double[] vm = v.clone();
      vp[j] += h;
      vm[j] -= h;
      double fd = (DglnnObjective.loss(x, y, groups, u, vp) - DglnnObjective.loss(x, y, groups, u, vm)) / (2 * h);
      assertThat(gv[j]).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
    }
  }

  @Test
  void oneStepOfPlainGradientDescentMovesAlongTheGradient() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 17;
    int p = 11;
    GroupStructure groups = TestData.randomGroups(p, 4, rng);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = TestData.gaussian(n, rng);
    double alpha = 0.7;
    double scale = 0.3;
    double gamma = 0.01;
    double eta = 0.02;
    DglnnOptions o = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.GRADIENT_DESCENT).alpha(alpha)
        .directionInit(DirectionInit.CONSTANT).directionInitScale(scale).stepSizeU(gamma).stepSizeV(eta)
        .maxIterations(1).fitIntercept(false).standardize(false).build();
    DglnnSolution s = new DglnnTrainer(o).run(x, y, null, null, groups, null);
    double[] u0 = new double[groups.groupCount()];
    Arrays.fill(u0, alpha);
    double[] v0 = new double[p];
    Arrays.fill(v0, scale);
    double[] gu = new double[u0.length];
    double[] gv = new double[p];
    DglnnObjective.gradient(x, y, groups, u0, v0, gu, gv);
    for (int l = 0; l < u0.length; l++) {
      assertThat(s.groupScales()[l]).isCloseTo(u0[l] - gamma * gu[l], within(1e-12));
    }
    for (int j = 0; j < p; j++) {
      assertThat(s.directions()[j]).isCloseTo(v0[j] - eta * gv[j], within(1e-12));
    }
  }

  @Test
  void algorithmOneStepIsTheNormalizedLargeStepThenAGammaStepOnU() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 30;
    int p = 12;
    GroupStructure groups = GroupStructure.ofSizes(5, 3, 4);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = TestData.gaussian(n, rng);
    double alpha = 0.9;
    double gamma = 0.01;
    DglnnOptions o = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.ALGORITHM_1).alpha(alpha).stepSizeU(gamma)
        .maxIterations(1).fitIntercept(false).standardize(false).build();
    DglnnSolution s = new DglnnTrainer(o).run(x, y, null, null, groups, null);
    double[] u0 = {alpha, alpha, alpha};
    double[] v0 = new double[p];
    for (int j = 0; j < p; j++) {
      v0[j] = 1 / Math.sqrt(groups.size(groups.groupOf(j)));
    }
    double[] gu = new double[3];
    double[] gv = new double[p];
    DglnnObjective.gradient(x, y, groups, u0, v0, gu, gv);
    // z = v - grad_v / u^4, then each group normalized
    double[] v1 = new double[p];
    for (int j = 0; j < p; j++) {
      v1[j] = v0[j] - gv[j] / Math.pow(alpha, 4);
    }
    for (int l = 0; l < 3; l++) {
      double norm = 0;
      for (int k = groups.start(l); k < groups.end(l); k++) {
        norm += v1[groups.members()[k]] * v1[groups.members()[k]];
      }
      for (int k = groups.start(l); k < groups.end(l); k++) {
        v1[groups.members()[k]] /= Math.sqrt(norm);
      }
    }
    DglnnObjective.gradient(x, y, groups, u0, v1, gu, gv);
    for (int j = 0; j < p; j++) {
      assertThat(s.directions()[j]).isCloseTo(v1[j], within(1e-12));
    }
    for (int l = 0; l < 3; l++) {
      assertThat(s.groupScales()[l]).isCloseTo(alpha - gamma * gu[l], within(1e-12));
    }
  }

  /**
   * Lemma 2: under gradient flow (1/2) u_l^2 - ||v_l||^2 is constant. Plain gradient descent with
   * equal steps h follows the flow with an O(h) error over a fixed time, so the drift must shrink
   * in proportion to h.
   */
  @Test
  void balanceIsPreservedAsTheStepShrinks() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 40;
    int p = 12;
    GroupStructure groups = GroupStructure.ofSizes(4, 4, 4);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = TestData.gaussian(n, rng);
    double time = 2.0;
    double[] drift = new double[3];
    double[] steps = {4e-2, 1e-2, 2.5e-3};
    for (int k = 0; k < steps.length; k++) {
      double h = steps[k];
      DglnnOptions o = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.GRADIENT_DESCENT).alpha(0.8)
          .directionInit(DirectionInit.RANDOM_UNIFORM).directionInitScale(0.5).seed(9).stepSizeU(h).stepSizeV(h)
          .maxIterations((int) Math.round(time / h)).fitIntercept(false).standardize(false).build();
      double[] u0 = {0.8, 0.8, 0.8};
      double[][] v0 = new double[1][];
      DglnnSolution s = new DglnnTrainer(o).run(x, y, null, null, groups, new org.groupsparse.regression.TrainingListener<DglnnIterationView>() {
        @Override
        public void onIteration(DglnnIterationView view) {
          if (view.iteration() == 0) {
            v0[0] = new double[p];
            view.directions(v0[0]);
          }
        }
      });
      double worst = 0;
      for (int l = 0; l < 3; l++) {
        double before = 0.5 * u0[l] * u0[l];
        double after = 0.5 * s.groupScales()[l] * s.groupScales()[l];
        for (int m = groups.start(l); m < groups.end(l); m++) {
          int j = groups.members()[m];
          before -= v0[0][j] * v0[0][j];
          after -= s.directions()[j] * s.directions()[j];
        }
        worst = Math.max(worst, Math.abs(after - before));
      }
      drift[k] = worst;
    }
    // the flow itself moves u and v by O(1) over this time; the balance drifts only by O(h)
    assertThat(drift[0]).isGreaterThan(0);
    assertThat(drift[1]).isLessThan(drift[0] / 3);
    assertThat(drift[2]).isLessThan(drift[1] / 3);
    assertThat(drift[2]).isLessThan(1e-2);
  }
}
