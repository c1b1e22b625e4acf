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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        wn += ws[g.member(q)] * ws[g.member(q)];
      }
      wn = Math.sqrt(wn);
      double gn = 0;
      double dn = 0;
      for (int q = g.start(l); q < g.end(l); q++) {
        int j = g.member(q);
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

  /**
   * Logistic and Poisson paths on designs beyond {@link LeastSquaresDatafit#APPROXIMATE_PASS_ENTRIES},
   * where the full certification passes read the float32 columns and clear zero groups from the
   * approximation's certified bound: every lambda is still optimal by the independent check in
   * double, for the lasso and for groups of 5.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 5})
  void theFloatCertificationPassLeavesEveryLambdaOptimal(int size) {
    int n = 150;
    int p = 7000;
    assertThat((long) n * p).isGreaterThanOrEqualTo(LeastSquaresDatafit.APPROXIMATE_PASS_ENTRIES);
    double[] truth = new double[p];
    for (int j : new int[] {3, 4, 500, 1201, 1202, 4000, 6999}) {
      truth[j] = j % 2 == 0 ? 0.9 : -0.8;
    }
    GroupStructure g = GroupStructure.contiguous(size, p, false);
    Dataset d = logistic(n, p, truth, 41);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().family(Family.BINOMIAL)
        .lambdaCount(20).lambdaMinRatio(0.1).build()).fit(d, g, null);
    for (int k = 0; k < path.size(); k++) {
      assertThat(path.converged()[k]).as("lambda %d", k).isTrue();
      assertThat(kkt(d, g, path, k)).as("lambda %d", k).isLessThan(2e-6);
    }
    assertThat(path.activeGroups()[path.size() - 1]).isGreaterThan(3);
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

  /**
   * A wide problem with many scattered groups, where most certifications clear the zero groups by
   * the bound ||X_l^T r / n|| <= ||X_l^T r_ref / n|| + ||X_l||_2 ||r - r_ref|| / n instead of reading
   * their columns: every lambda must still pass the independent check (this fails when the bound's
   * block norms are understated).
   */
  @Test
  void theBoundThatSkipsZeroGroupsNeverCertifiesAViolator() {
    SplittableRandom rng = new SplittableRandom(8);
    int p = 1500;
    double[] truth = new double[p];
    GroupStructure g = TestData.randomGroups(p, 300, rng);
    for (int l = 0; l < 300; l += 10) {
      for (int q = g.start(l); q < g.end(l); q++) {
        truth[g.member(q)] = rng.nextDouble() < 0.5 ? 0.3 : -0.3;
      }
    }
    Dataset d = logistic(120, p, truth, 21);
    GroupLassoPathResult path = new GroupLassoPath(binomial().toBuilder().lambdaCount(40).build()).fit(d, g, null);
    assertThat(path.size()).isGreaterThan(10);
    for (int k = 0; k < path.size(); k++) {
      assertThat(path.converged()[k]).as("lambda %d", k).isTrue();
      assertThat(kkt(d, g, path, k)).as("lambda %d", k).isLessThan(1e-5);
    }
  }

  /** (1/n) sum loss(y_i, eta_i) + lambda sum_l omega_l ||w_l|| on the standardized scale, from the path's model. */
  static double objective(Dataset d, GroupStructure g, GroupLassoPathResult path, int k) {
    return meanLoss(d, path, k) + path.lambdas()[k] * penalty(g, path.standardizedCoefficients(k), path.weights());
  }

  /** (1/n) sum_i loss(y_i, b + x_i^T w) of the path's model at lambda k, on the data's own columns. */
  static double meanLoss(Dataset d, GroupLassoPathResult path, int k) {
    double[] w = path.coefficients(k);
    int n = d.rows();
    int p = d.features();
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double eta = path.intercepts()[k];
      for (int j = 0; j < p; j++) {
        eta += d.design().data()[i * p + j] * w[j];
      }
      loss += path.family().loss(d.response()[i], eta);
    }
    return loss / n;
  }

  /** sum_l omega_l ||v_l||. */
  static double penalty(GroupStructure g, double[] v, double[] weights) {
    double penalty = 0;
    for (int l = 0; l < g.groupCount(); l++) {
      double s = 0;
      for (int q = g.start(l); q < g.end(l); q++) {
        s += v[g.member(q)] * v[g.member(q)];
      }
      penalty += weights[l] * Math.sqrt(s);
    }
    return penalty;
  }

  @Test
  void theProximalNewtonSolverAgreesWithTheSweepsAndNewtonSteps() {
    // the proximal Newton solver (the group lasso's default) against the hybrid that opens every
    // lambda with 15 iterations of line-searched block sweeps and active-set Newton steps, on a wide
    // and a tall logistic problem and a Poisson one: both certified at every lambda, the same objective
    SplittableRandom rng = new SplittableRandom(17);
    double[] wide = new double[120];
    for (int j : new int[] {3, 4, 40, 41, 42, 90}) {
      wide[j] = j % 2 == 0 ? 1.2 : -0.9;
    }
    double[] tall = new double[24];
    tall[2] = 1.5;
    tall[10] = -1;
    double[] counts = new double[18];
    counts[1] = 0.6;
    counts[8] = -0.4;
    Dataset[] data = {logistic(80, 120, wide, 5), logistic(200, 24, tall, 6), poisson(200, 18, counts, 7)};
    Family[] families = {Family.BINOMIAL, Family.BINOMIAL, Family.POISSON};
    for (int c = 0; c < data.length; c++) {
      Dataset d = data[c];
      GroupStructure g = TestData.randomGroups(d.features(), c == 0 ? 20 : 6, rng);
      GroupLassoOptions options = GroupLassoOptions.builder().family(families[c]).lambdaCount(30).build();
      GroupLassoPathResult prox = new GroupLassoPath(options).fit(d, g, null);
      double[] weights = new double[g.groupCount()];
      for (int l = 0; l < weights.length; l++) {
        weights[l] = Math.sqrt(g.size(l));
      }
      assertThat(GlmGroupLassoPath.PROX_NEWTON_AFTER).isZero();
      GroupLassoPathResult hybrid = new GlmGroupLassoPath(options, 500, 15).fit(d, g, weights, PathListener.NONE);
      // and without the Anderson extrapolation of its inner sweeps
      GroupLassoPathResult plain = new GlmGroupLassoPath(options, 0, 0, 0).fit(d, g, weights, PathListener.NONE);
      assertThat(prox.size()).as("case %d", c).isEqualTo(hybrid.size());
      assertThat(plain.size()).as("case %d", c).isEqualTo(hybrid.size());
      for (int k = 0; k < prox.size(); k++) {
        assertThat(prox.converged()[k]).as("case %d lambda %d", c, k).isTrue();
        assertThat(plain.converged()[k]).as("case %d lambda %d", c, k).isTrue();
        assertThat(kkt(d, g, prox, k)).as("case %d lambda %d", c, k).isLessThan(1e-5);
        double a = objective(d, g, prox, k);
        double b = objective(d, g, hybrid, k);
        assertThat(Math.abs(a - b)).as("case %d lambda %d: %s vs %s", c, k, a, b)
            .isLessThanOrEqualTo(1e-9 * (1 + Math.abs(b)));
        double e = objective(d, g, plain, k);
        assertThat(Math.abs(a - e)).as("case %d lambda %d: %s vs %s without Anderson", c, k, a, e)
            .isLessThanOrEqualTo(1e-9 * (1 + Math.abs(e)));
      }
    }
  }

  /** bardet with y = 1 above R's median of the response, else 0. */
  static Dataset bardetDichotomized() {
    Dataset bardet = org.groupsparse.data.BundledData.bardet();
    double[] sorted = bardet.response().clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 0 ? (sorted[n / 2 - 1] + sorted[n / 2]) / 2 : sorted[n / 2]; // R's median
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = bardet.response()[i] > median ? 1 : 0;
    }
    return new Dataset(bardet.design(), y, bardet.featureNames(), "y");
  }

  /** Rows of a reference file: lambda, the peer's objective (first two columns after the header). */
  static List<double[]> reference(String name) throws Exception {
    List<double[]> rows = new ArrayList<>();
    try (var in = GlmGroupLassoTest.class.getResourceAsStream(name)) {
      String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] c = lines[i].trim().split(",");
        rows.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1])});
      }
    }
    return rows;
  }

  @Test
  void onGrpregsOrthonormalizedGroupsOurObjectiveIsNeverAboveGrpregsOnBardetDichotomized() throws Exception {
    // reference: scripts/grpreg_reference.R, grpreg 3.6.0 grLasso binomial, its default lambdas (74:
    // it stops at saturation), its objective in its orthonormalized coordinates. The same problem
    // here: centred groups orthonormalized (Q_l^T Q_l / n = I, grpreg's; a rotation within a group
    // does not change the objective), then the group lasso on Q with standardize(false)
    Dataset d = bardetDichotomized();
    neverAboveGrpreg(d, GroupStructure.contiguous(5, d.features(), false), "grpreg-bardet-logit.csv", 74);
  }

  @Test
  void onGrpregsOrthonormalizedGroupsOurObjectiveIsNeverAboveGrpregsOnTheBreastCancerData() throws Exception {
    // the same comparison on the shipped public binary data set (scripts/grpreg_reference.R ... breast-cancer)
    Dataset d = org.groupsparse.data.BundledData.breastCancer();
    neverAboveGrpreg(d, org.groupsparse.io.GroupSpecs.parse(org.groupsparse.data.BundledData.BREAST_CANCER_GROUPS,
        d.featureNames()), "grpreg-breast-cancer-logit.csv", 100);
  }

  /**
   * grpreg's group lasso is ours on its orthonormalized groups: centre the columns, orthonormalize each
   * group (Q_l^T Q_l / n = I; a rotation within a group does not change the objective), fit with
   * standardize(false) at grpreg's lambdas; our objective must never be above grpreg's, and below it at
   * most lambdas (grpreg stops at a looser optimality).
   */
  static void neverAboveGrpreg(Dataset d, GroupStructure groups, String resource, int lambdas0) throws Exception {
    DenseMatrix centred = Standardization.fit(d, true, false, false).apply(d).design();
    GroupOrthonormalization ortho = GroupOrthonormalization.of(centred, groups);
    GroupStructure g = ortho.groups();
    for (int l = 0; l < g.groupCount(); l++) {
      assertThat(g.size(l)).as("rank of group %d", l).isEqualTo(groups.size(l));
    }
    DenseMatrix q = ortho.design();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < q.cols(); j++) {
      names.add("q" + j);
    }
    Dataset dq = new Dataset(q, d.response(), names, "y");
    neverAbovePeer(dq, g, resource, lambdas0);
  }

  @Test
  void atGglassosLambdasOurObjectiveIsNeverAboveGglassosOnTheBreastCancerData() throws Exception {
    // a public binary data set shipped with the library; reference: scripts/gglasso_reference.R ... breast-cancer,
    // gglasso 1.4 logit on the columns centred and scaled by their sample sd (R's scale()), groups = the
    // 10 measurements; the same columns here, standardize(false)
    Dataset raw = org.groupsparse.data.BundledData.breastCancer();
    int n = raw.rows();
    int p = raw.features();
    assertThat(n).isEqualTo(569);
    assertThat(p).isEqualTo(30);
    double[] x = raw.design().data();
    double[] z = new double[n * p];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * p + j] / n;
      }
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (x[i * p + j] - mean) * (x[i * p + j] - mean);
      }
      double sd = Math.sqrt(ss / (n - 1));
      for (int i = 0; i < n; i++) {
        z[i * p + j] = (x[i * p + j] - mean) / sd;
      }
    }
    Dataset d = new Dataset(new DenseMatrix(n, p, z), raw.response(), raw.featureNames(), raw.targetName());
    GroupStructure g = org.groupsparse.io.GroupSpecs.parse(org.groupsparse.data.BundledData.BREAST_CANCER_GROUPS,
        d.featureNames());
    assertThat(g.groupCount()).isEqualTo(10);
    neverAbovePeer(d, g, "gglasso-breast-cancer-logit.csv", 100);
  }

  /** (1/n) sum loss + lambda sum_l sqrt(p_l) ||w_l|| on the data's own columns (standardize(false)). */
  static double rawObjective(Dataset d, GroupStructure g, GroupLassoPathResult path, int k) {
    double[] sqrtSizes = new double[g.groupCount()];
    for (int l = 0; l < sqrtSizes.length; l++) {
      sqrtSizes[l] = Math.sqrt(g.size(l));
    }
    return meanLoss(d, path, k) + path.lambdas()[k] * penalty(g, path.coefficients(k), sqrtSizes);
  }


  @Test
  void atGglassosLambdasOurObjectiveIsNeverAboveGglassosOnBardetDichotomized() throws Exception {
    // reference: scripts/gglasso_reference.R, gglasso 1.4 loss = "logit" on the raw columns (its
    // objective (1/n) sum log(1 + e^{-y eta}) + lambda sum sqrt(5) ||b_l||, y in {-1, 1}, is ours with
    // y in {0, 1} and standardize(false)), its default 100 lambdas
    Dataset d = bardetDichotomized();
    neverAbovePeer(d, GroupStructure.contiguous(5, d.features(), false), "gglasso-bardet-logit.csv", 100);
  }

  /**
   * At the peer's lambdas (a reference file: lambda, the peer's objective) our objective on the data's
   * own columns (standardize(false)) is never above the peer's, and below it at most of them.
   */
  static void neverAbovePeer(Dataset d, GroupStructure g, String resource, int count) throws Exception {
    List<double[]> rows = reference(resource);
    assertThat(rows).hasSize(count);
    double[] lambdas = rows.stream().mapToDouble(r -> r[0]).toArray();
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().family(Family.BINOMIAL)
        .standardize(false).lambdas(lambdas).build()).fit(d, g, null);
    assertThat(path.size()).isEqualTo(count);
    int lower = 0;
    for (int k = 0; k < path.size(); k++) {
      assertThat(path.converged()[k]).as("lambda %d", k).isTrue();
      double ours = rawObjective(d, g, path, k);
      double theirs = rows.get(k)[1];
      assertThat(ours).as("lambda %d (%s)", k, lambdas[k]).isLessThanOrEqualTo(theirs + 1e-12 * (1 + theirs));
      lower += ours < theirs ? 1 : 0;
    }
    // the peer stops at a looser optimality: ours is strictly lower at most lambdas
    assertThat(lower).isGreaterThan(path.size() / 2);
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
