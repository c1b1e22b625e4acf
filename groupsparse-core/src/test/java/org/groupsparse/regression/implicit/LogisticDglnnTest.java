package org.groupsparse.regression.implicit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.regression.Family;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.junit.jupiter.api.Test;

/**
 * DGLNN on the logistic datafit (not in Li et al.: the same parameterization and Algorithms 1-2,
 * the gradient changing only through the residual y - sigmoid(b + Xw)). Checked against an
 * independent Newton (IRLS) solver, the intercept's score equation, recovery of scattered groups
 * of unequal sizes on a correlated design, and separable data.
 */
class LogisticDglnnTest {
  /** Scattered groups of unequal sizes over p features: group l gets sizes[l] features in a seeded random order. */
  static GroupStructure scattered(int[] sizes, long seed) {
    int p = 0;
    for (int s : sizes) {
      p += s;
    }
    int[] order = org.groupsparse.data.Splits.permutation(p, seed);
    String[] labels = new String[p];
    int q = 0;
    for (int l = 0; l < sizes.length; l++) {
      for (int k = 0; k < sizes[l]; k++) {
        labels[order[q++]] = "g" + l;
      }
    }
    return GroupStructure.ofLabels(List.of(labels));
  }

  /** Rows of an AR(rho) Gaussian design and 0/1 responses from the logistic model with intercept b. */
  static Dataset logistic(int n, double[] w, double b, double rho, long seed) {
    int p = w.length;
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double prev = 0;
      double eta = b;
      for (int j = 0; j < p; j++) {
        double z = rng.nextGaussian();
        double v = j == 0 ? z : rho * prev + Math.sqrt(1 - rho * rho) * z;
        prev = v;
        x[i * p + j] = 3 + 2 * v; // not centred, not unit variance: the standardization is exercised
        eta += x[i * p + j] * w[j];
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    return new Dataset(new DenseMatrix(n, p, x), y, names, "y");
  }

  /** The unpenalized logistic MLE (b, w) by Newton's method (IRLS), independent of the trainer. */
  static double[] newtonLogistic(Dataset d) {
    int n = d.rows();
    int p = d.features();
    int k = p + 1;
    double[] beta = new double[k];
    double[] x = d.design().data();
    for (int it = 0; it < 100; it++) {
      double[] grad = new double[k];
      double[] hess = new double[k * k];
      for (int i = 0; i < n; i++) {
        double[] row = new double[k];
        row[0] = 1;
        System.arraycopy(x, i * p, row, 1, p);
        double eta = 0;
        for (int a = 0; a < k; a++) {
          eta += row[a] * beta[a];
        }
        double mu = 1 / (1 + Math.exp(-eta));
        for (int a = 0; a < k; a++) {
          grad[a] += (d.response()[i] - mu) * row[a];
          for (int c = 0; c < k; c++) {
            hess[a * k + c] += mu * (1 - mu) * row[a] * row[c];
          }
        }
      }
      double[] step = solve(hess, grad, k);
      double size = 0;
      for (int a = 0; a < k; a++) {
        beta[a] += step[a];
        size = Math.max(size, Math.abs(step[a]));
      }
      if (size < 1e-13) {
        break;
      }
    }
    return beta;
  }

  /** A x = b by Gaussian elimination with partial pivoting (small k). */
  static double[] solve(double[] a, double[] b, int k) {
    double[] m = a.clone();
    double[] r = b.clone();
    for (int c = 0; c < k; c++) {
      int piv = c;
      for (int i = c + 1; i < k; i++) {
        if (Math.abs(m[i * k + c]) > Math.abs(m[piv * k + c])) {
          piv = i;
        }
      }
      for (int j = 0; j < k; j++) {
        double t = m[c * k + j];
        m[c * k + j] = m[piv * k + j];
        m[piv * k + j] = t;
      }
      double t = r[c];
      r[c] = r[piv];
      r[piv] = t;
      for (int i = c + 1; i < k; i++) {
        double f = m[i * k + c] / m[c * k + c];
        for (int j = c; j < k; j++) {
          m[i * k + j] -= f * m[c * k + j];
        }
        r[i] -= f * r[c];
      }
    }
    double[] x = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double s = r[i];
      for (int j = i + 1; j < k; j++) {
        s -= m[i * k + j] * x[j];
      }
      x[i] = s / m[i * k + i];
    }
    return x;
  }

  @Test
  void withoutEarlyStoppingItConvergesToTheLogisticMaximumLikelihood() {
    // all groups in the model and n >> p: the stationary point is the unpenalized MLE, which a
    // wrong gradient, curvature or intercept would miss
    double[] truth = {0.8, -0.5, 0.6, 0.4, -0.7};
    Dataset d = logistic(600, truth, -0.3, 0.3, 11);
    GroupStructure groups = GroupStructure.ofSizes(2, 3);
    DglnnOptions o = DglnnOptions.builder().family(Family.BINOMIAL).alpha(0.5).maxIterations(60000).patience(1)
        .build();
    FitResult<GroupLinearModel> fit = new DglnnTrainer(o).fit(d, null, groups, null);
    double[] mle = newtonLogistic(d);
    GroupLinearModel m = fit.model();
    assertThat(m.family()).isEqualTo(Family.BINOMIAL);
    assertThat(m.intercept()).isCloseTo(mle[0], within(1e-4));
    for (int j = 0; j < truth.length; j++) {
      assertThat(m.coefficients()[j]).as("w_%d", j).isCloseTo(mle[j + 1], within(1e-4));
    }
  }

  @Test
  void theInterceptSolvesItsScoreEquationAtTheKeptIterate() {
    double[] truth = new double[12];
    truth[0] = 1;
    truth[5] = -1;
    Dataset d = logistic(200, truth, 1.5, 0.5, 3);
    GroupStructure groups = scattered(new int[] {2, 3, 4, 3}, 4);
    DglnnOptions o = DglnnOptions.builder().family(Family.BINOMIAL).maxIterations(700).build();
    GroupLinearModel m = new DglnnTrainer(o).fit(d, null, groups, null).model();
    double[] mu = m.predictMean(d.design());
    double score = 0;
    for (int i = 0; i < d.rows(); i++) {
      assertThat(mu[i]).isBetween(0.0, 1.0);
      score += d.response()[i] - mu[i];
    }
    assertThat(score / d.rows()).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void findsScatteredGroupsOfUnequalSizesOnACorrelatedDesign() {
    int[] sizes = {2, 5, 3, 8, 4, 6, 3, 7, 2, 5, 4, 6};
    GroupStructure groups = scattered(sizes, 21);
    int p = groups.featureCount();
    double[] truth = new double[p];
    int[] members = groups.members();
    SplittableRandom rng = new SplittableRandom(5);
    List<String> trueGroups = List.of("g1", "g3", "g7");
    for (String g : trueGroups) {
      int l = groups.labels().indexOf(g);
      for (int k = groups.start(l); k < groups.end(l); k++) {
        truth[members[k]] = (rng.nextBoolean() ? 1 : -1) * (0.4 + 0.4 * rng.nextDouble());
      }
    }
    Dataset train = logistic(400, truth, -0.5, 0.5, 8);
    Dataset validation = logistic(150, truth, -0.5, 0.5, 9);
    DglnnOptions o = DglnnOptions.builder().family(Family.BINOMIAL).build();
    GroupLinearModel m = new DglnnTrainer(o).fit(train, validation, groups, null).model();
    assertThat(m.selectedGroups()).containsExactlyInAnyOrderElementsOf(trueGroups);
  }

  @Test
  void separableDataStayFinite() {
    int n = 60;
    double[] x = new double[n * 4];
    double[] y = new double[n];
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = rng.nextGaussian();
      }
      y[i] = x[i * 4] + x[i * 4 + 1] > 0 ? 1 : 0;
    }
    Dataset d = new Dataset(new DenseMatrix(n, 4, x), y, List.of("a", "b", "c", "d"), "y");
    DglnnOptions o = DglnnOptions.builder().family(Family.BINOMIAL).maxIterations(5000).patience(1).build();
    GroupLinearModel m = new DglnnTrainer(o).fit(d, null, GroupStructure.ofSizes(2, 2), null).model();
    for (double w : m.coefficients()) {
      assertThat(w).isFinite();
    }
    assertThat(m.intercept()).isFinite();
    // the margin grows along the run but every row is classified right
    double[] mu = m.predictMean(d.design());
    for (int i = 0; i < n; i++) {
      assertThat(mu[i] >= 0.5 ? 1.0 : 0.0).isEqualTo(y[i]);
    }
  }

  @Test
  void refusesWhatTheLogisticDatafitCannotDo() {
    assertThatThrownBy(() -> DglnnOptions.builder().family(Family.POISSON).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GAUSSIAN or BINOMIAL");
    assertThatThrownBy(() -> DglnnOptions.builder().family(Family.BINOMIAL).fitIntercept(false).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intercept");
    assertThatThrownBy(() -> DglnnOptions.builder().family(Family.BINOMIAL).lossScaling(LossScaling.MEAN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("least squares only");
  }
}
