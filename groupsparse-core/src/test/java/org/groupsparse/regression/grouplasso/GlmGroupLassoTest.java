package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.regression.Family;
import org.junit.jupiter.api.Test;

/**
 * The logistic and Poisson group lasso: optimality at every lambda checked independently of the solver, the
 * limits (lambda_max gives zero; groups of size 1 give the L1-logistic lasso of an independent
 * proximal-gradient solver), separable data, bad responses.
 */
class GlmGroupLassoTest {
  static Dataset logistic(int n, int p, double[] truth, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double eta = 0.3;
      for (int j = 0; j < p; j++) {
        eta += x.data()[i * p + j] * truth[j];
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= p; j++) {
      names.add("x" + j);
    }
    return new Dataset(x, y, names, "y");
  }

  static GroupLassoOptions binomial() {
    return GroupLassoOptions.builder().family(Family.BINOMIAL).lambdaCount(30).build();
  }

  /** max over groups of the KKT violation / lambda, from the original-scale model, independently. */
  static double kkt(Dataset d, GroupStructure g, GroupLassoPathResult path, int k) {
    Standardization std = Standardization.fit(d, true, true, false);
    double[] xs = std.apply(d).design().data();
    double[] w = path.coefficients(k);
    double[] ws = path.standardizedCoefficients(k);
    int n = d.rows();
    int p = d.features();
    double[] r = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double eta = path.intercepts()[k];
      for (int j = 0; j < p; j++) {
        eta += d.design().data()[i * p + j] * w[j];
      }
      r[i] = d.response()[i] - path.family().mean(eta);
      sum += r[i];
    }
    double lambda = path.lambdas()[k];
    double worst = Math.abs(sum / n);
    for (int l = 0; l < g.groupCount(); l++) {
      double level = lambda * path.weights()[l];
      double wn = 0;
      for (int q = g.start(l); q < g.end(l); q++) {
        wn += ws[g.membersView()[q]] * ws[g.membersView()[q]];
      }
      wn = Math.sqrt(wn);
      double gn = 0;
      double dn = 0;
      for (int q = g.start(l); q < g.end(l); q++) {
        int j = g.membersView()[q];
        double c = 0;
        for (int i = 0; i < n; i++) {
          c += xs[i * p + j] * r[i];
        }
        c /= n;
        gn += c * c;
        double e = wn == 0 ? 0 : c - level * ws[j] / wn;
        dn += e * e;
      }
      worst = Math.max(worst, wn == 0 ? Math.sqrt(gn) - level : Math.sqrt(dn));
    }
    return worst / lambda;
  }

  @Test
  void everyLambdaIsOptimalByAnIndependentCheck() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int trial = 0; trial < 3; trial++) {
      int p = 24;
      double[] truth = new double[p];
      truth[2] = 1.5;
      truth[3] = -1;
      truth[10] = 2;
      Dataset d = logistic(trial == 1 ? 40 : 150, p, truth, 10 + trial);
      GroupStructure g = TestData.randomGroups(p, 7, rng);
      GroupLassoPathResult path = new GroupLassoPath(binomial()).fit(d, g, null);
      assertThat(path.family()).isEqualTo(Family.BINOMIAL);
      for (int k = 0; k < path.size(); k++) {
        assertThat(path.converged()[k]).as("trial %d lambda %d", trial, k).isTrue();
        assertThat(kkt(d, g, path, k)).as("trial %d lambda %d", trial, k).isLessThan(1e-5);
        assertThat(path.kktViolation()[k]).isLessThanOrEqualTo(1e-6);
      }
      // lambda_max: every group zero there, and one group just below it
      assertThat(path.activeGroups()[0]).isZero();
      GroupLassoPathResult below = new GroupLassoPath(binomial().toBuilder().lambdas(0.98 * path.lambdaMax()).build())
          .fit(d, g, null);
      assertThat(below.activeGroups()[0]).isEqualTo(1);
    }
  }

  /** Groups of size 1: the L1-penalized logistic regression, by plain proximal gradient (ISTA). */
  @Test
  void sizeOneGroupsGiveTheL1LogisticLasso() {
    int p = 8;
    double[] truth = {1, 0, -1, 0, 0, 0.5, 0, 0};
    Dataset d = logistic(120, p, truth, 3);
    GroupStructure g = GroupStructure.contiguous(1, p, false);
    GroupLassoPathResult path = new GroupLassoPath(binomial().toBuilder().tolerance(1e-9).build()).fit(d, g, null);
    Standardization std = Standardization.fit(d, true, true, false);
    double[] xs = std.apply(d).design().data();
    int n = d.rows();
    for (int k : new int[] {5, 15, 29}) {
      double lambda = path.lambdas()[k];
      double[] w = new double[p];
      double b = 0;
      double step = 1.0; // 1/L with L <= ||X||^2/(4n) <= p/4 = 2: a safe step is 0.5; ISTA with 0.5
      step = 0.5;
      for (int it = 0; it < 200000; it++) {
        double[] grad = new double[p];
        double gb = 0;
        for (int i = 0; i < n; i++) {
          double eta = b;
          for (int j = 0; j < p; j++) {
            eta += xs[i * p + j] * w[j];
          }
          double r = 1 / (1 + Math.exp(-eta)) - d.response()[i];
          gb += r / n;
          for (int j = 0; j < p; j++) {
            grad[j] += xs[i * p + j] * r / n;
          }
        }
        b -= step * gb;
        for (int j = 0; j < p; j++) {
          double z = w[j] - step * grad[j];
          w[j] = Math.signum(z) * Math.max(0, Math.abs(z) - step * lambda);
        }
      }
      double[] ours = path.standardizedCoefficients(k);
      for (int j = 0; j < p; j++) {
        assertThat(ours[j]).as("lambda %d coefficient %d", k, j).isCloseTo(w[j],
            org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  @Test
  void separableDataStayFiniteAndReportTheirOptimality() {
    int n = 40;
    double[] x = new double[n * 2];
    double[] y = new double[n];
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < n; i++) {
      x[2 * i] = rng.nextGaussian();
      x[2 * i + 1] = rng.nextGaussian();
      y[i] = x[2 * i] > 0 ? 1 : 0;
    }
    Dataset d = new Dataset(new DenseMatrix(n, 2, x), y, List.of("a", "b"), "y");
    GroupLassoPathResult path = new GroupLassoPath(binomial().toBuilder().maxIterations(2000).lambdaMinRatio(1e-4)
        .build()).fit(d, GroupStructure.contiguous(1, 2, false), null);
    for (int k = 0; k < path.size(); k++) {
      for (double c : path.coefficients(k)) {
        assertThat(Double.isFinite(c)).isTrue();
      }
      assertThat(Double.isFinite(path.kktViolation()[k])).isTrue();
    }
    // the separating coefficient grows along the path
    assertThat(Math.abs(path.coefficients(path.size() - 1)[0])).isGreaterThan(Math.abs(path.coefficients(5)[0]));
  }

  static Dataset poisson(int n, int p, double[] truth, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double eta = 0.5;
      for (int j = 0; j < p; j++) {
        eta += x.data()[i * p + j] * truth[j];
      }
      // Poisson(mu) by counting exponential arrivals in [0, mu]
      double mu = Math.exp(eta);
      double t = 0;
      int k = -1;
      while (t <= mu) {
        t -= Math.log(1 - rng.nextDouble());
        k++;
      }
      y[i] = k;
    }
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= p; j++) {
      names.add("x" + j);
    }
    return new Dataset(x, y, names, "y");
  }

  @Test
  void poissonPathIsOptimalAtEveryLambda() {
    int p = 18;
    double[] truth = new double[p];
    truth[1] = 0.6;
    truth[7] = -0.4;
    truth[8] = 0.3;
    Dataset d = poisson(200, p, truth, 21);
    GroupStructure g = TestData.randomGroups(p, 6, new SplittableRandom(8));
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().family(Family.POISSON).lambdaCount(30)
        .build()).fit(d, g, null);
    assertThat(path.activeGroups()[0]).isZero();
    for (int k = 0; k < path.size(); k++) {
      assertThat(path.converged()[k]).as("lambda %d", k).isTrue();
      assertThat(kkt(d, g, path, k)).as("lambda %d", k).isLessThan(1e-5);
    }
    double[] y = d.response().clone();
    y[3] = 1.5;
    Dataset fractional = new Dataset(d.design(), y, d.featureNames(), "y");
    assertThatThrownBy(() -> new GroupLassoPath(GroupLassoOptions.builder().family(Family.POISSON).build())
        .fit(fractional, g, null)).hasMessageContaining("row 4").hasMessageContaining("counts");
    y[3] = -1;
    Dataset negative = new Dataset(d.design(), y, d.featureNames(), "y");
    assertThatThrownBy(() -> new GroupLassoPath(GroupLassoOptions.builder().family(Family.POISSON).build())
        .fit(negative, g, null)).hasMessageContaining("row 4");
  }

  @Test
  void responsesThatAreNotZeroOrOneAreRefusedNamingTheRow() {
    Dataset d = logistic(30, 4, new double[] {1, 0, 0, 0}, 1);
    double[] y = d.response().clone();
    y[6] = 2;
    Dataset bad = new Dataset(d.design(), y, d.featureNames(), "y");
    assertThatThrownBy(() -> new GroupLassoPath(binomial()).fit(bad, GroupStructure.contiguous(2, 4, false), null))
        .hasMessageContaining("row 7").hasMessageContaining("0/1");
  }
}
