package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.data.BundledData;
import org.groupsparse.data.Dataset;
import org.groupsparse.io.GroupSpecs;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The group lasso path against optimality conditions (checked by {@link KktChecker}, which works on
 * the row-major data independently of the solvers' kernels), limits with closed forms, an
 * independent lasso, least squares, and agreement between the two solvers.
 */
class GroupLassoPathTest {
  private static final double TOL = 1e-6;

  static Dataset dataset(DenseMatrix x, double[] y) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < x.cols(); j++) {
      names.add("x" + (j + 1));
    }
    return new Dataset(x, y, names, "y");
  }

  /** A design with correlated columns inside and across groups, and a group-sparse truth. */
  static Dataset randomProblem(int n, GroupStructure groups, SplittableRandom rng) {
    int p = groups.featureCount();
    DenseMatrix z = TestData.gaussian(n, p, rng);
    double[] x = z.data();
    double[] shared = TestData.gaussian(n, rng);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i * p + j] = 0.7 * x[i * p + j] + 0.5 * shared[i] + 3.0 * (j % 3 == 0 ? 1 : 0) + (j + 1) * 0.1 * x[i * p + j];
      }
    }
    double[] y = new double[n];
    int[] members = groups.members();
    for (int l = 0; l < Math.min(2, groups.groupCount()); l++) {
      for (int q = groups.start(l); q < groups.end(l); q++) {
        int j = members[q];
        for (int i = 0; i < n; i++) {
          y[i] += (1.0 + l) * x[i * p + j] / (j + 1);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      y[i] += 0.5 * rng.nextGaussian() + 2.0;
    }
    return dataset(new DenseMatrix(n, p, x), y);
  }

  static double objective(GroupLassoPathResult path, int k, Dataset train) {
    Dataset t = path.standardization().apply(train);
    double[] w = path.standardizedCoefficients(k);
    int n = t.rows();
    int p = t.features();
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double r = t.response()[i];
      for (int j = 0; j < p; j++) {
        r -= t.design().data()[i * p + j] * w[j];
      }
      rss += r * r;
    }
    GroupStructure g = path.groups();
    double pen = 0;
    int[] members = g.members();
    for (int l = 0; l < g.groupCount(); l++) {
      double s = 0;
      for (int q = g.start(l); q < g.end(l); q++) {
        s += w[members[q]] * w[members[q]];
      }
      pen += path.weights()[l] * Math.sqrt(s);
    }
    return rss / (2.0 * n) + path.lambdas()[k] * pen;
  }

  static void assertKktAlongPath(GroupLassoPathResult path, Dataset train) {
    assertThat(path.unconvergedCount()).isZero();
    for (int k = 0; k < path.size(); k++) {
      KktChecker.Report report = KktChecker.check(path, k, train);
      assertThat(report.relativeViolation()).as("KKT at lambda %d", k).isLessThanOrEqualTo(TOL);
      assertThat(report.interceptViolation()).isLessThan(1e-10);
      assertThat(path.kktViolation()[k]).isLessThanOrEqualTo(TOL);
    }
  }

  @Test
  void kktHoldsAlongTheWholeBardetPath() {
    Dataset bardet = BundledData.bardet();
    GroupStructure groups = GroupSpecs.parse("prefix:_", bardet.featureNames());
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().build()).fit(bardet, groups, null);
    assertThat(path.size()).isEqualTo(100);
    assertThat(path.lambdas()[99] / path.lambdas()[0]).isCloseTo(1e-3, within(1e-12)); // n = 120 > p = 100
    assertKktAlongPath(path, bardet);
    assertThat(path.activeGroups()[99]).isEqualTo(20);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void kktHoldsOnRandomProblemsWithUnequalGroupsAndWeights(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int p = 15 + rng.nextInt(40);
    int n = seed % 2 == 0 ? p / 2 + 5 : 2 * p; // both n < p and n > p
    GroupStructure groups = TestData.randomGroups(p, 3 + rng.nextInt(8), rng);
    double[] weights = groups.defaultWeights();
    weights[weights.length - 1] = 0.0; // one unpenalized group
    weights[0] *= 1.5;
    Dataset data = randomProblem(n, groups, rng);
    GroupLassoOptions options = GroupLassoOptions.builder().weights(weights).lambdaCount(30).build();
    GroupLassoPathResult path = new GroupLassoPath(options).fit(data, groups, null);
    assertKktAlongPath(path, data);
  }

  @Test
  void lambdaMaxIsTheExactThresholdOfTheNullModel() {
    SplittableRandom rng = new SplittableRandom(7);
    GroupStructure groups = GroupStructure.ofSizes(3, 5, 2, 4);
    Dataset data = randomProblem(40, groups, rng);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(5).build())
        .fit(data, groups, null);
    // independent: centred response, standardized columns, max ||X_l^T y|| / (n sqrt(p_l))
    Dataset t = path.standardization().apply(data);
    double expected = 0;
    int n = t.rows();
    int p = t.features();
    int[] members = groups.members();
    for (int l = 0; l < groups.groupCount(); l++) {
      double s = 0;
      for (int q = groups.start(l); q < groups.end(l); q++) {
        double c = 0;
        for (int i = 0; i < n; i++) {
          c += t.design().data()[i * p + members[q]] * t.response()[i];
        }
        s += (c / n) * (c / n);
      }
      expected = Math.max(expected, Math.sqrt(s) / Math.sqrt(groups.size(l)));
    }
    assertThat(path.lambdaMax()).isCloseTo(expected, within(1e-12 * expected));
    double lambdaMax = path.lambdaMax();
    GroupLassoPathResult at = new GroupLassoPath(GroupLassoOptions.builder()
        .lambdas(lambdaMax, 2 * lambdaMax, 0.999 * lambdaMax).build()).fit(data, groups, null);
    assertThat(at.lambdas()).containsExactly(2 * lambdaMax, lambdaMax, 0.999 * lambdaMax);
    for (int k = 0; k < 2; k++) {
      assertThat(at.coefficients(k)).containsOnly(0.0);
      assertThat(at.activeGroups()[k]).isZero();
    }
    assertThat(at.activeGroups()[2]).isEqualTo(1);
  }

  @Test
  void sizeOneGroupsGiveTheLassoOfAnIndependentCoordinateDescent() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 60;
    int p = 25;
    Dataset data = randomProblem(n, GroupStructure.contiguous(1, p, false), rng);
    GroupStructure groups = GroupStructure.contiguous(1, p, false);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(20).tolerance(1e-9).build())
        .fit(data, groups, null);
    Dataset t = path.standardization().apply(data);
    double[] x = t.design().data();
    double[] y = t.response();
    for (int k : new int[] {3, 10, 19}) {
      double lambda = path.lambdas()[k];
      // naive cyclic coordinate descent for (1/2n)||y - Xw||^2 + lambda ||w||_1, own loops
      double[] w = new double[p];
      double[] r = y.clone();
      for (int sweep = 0; sweep < 200000; sweep++) {
        double change = 0;
        for (int j = 0; j < p; j++) {
          double xr = 0;
          double xx = 0;
          for (int i = 0; i < n; i++) {
            xr += x[i * p + j] * r[i];
            xx += x[i * p + j] * x[i * p + j];
          }
          xr /= n;
          xx /= n;
          double z = xr + xx * w[j];
          double next = Math.signum(z) * Math.max(0, Math.abs(z) - lambda) / xx;
          double d = next - w[j];
          if (d != 0) {
            for (int i = 0; i < n; i++) {
              r[i] -= d * x[i * p + j];
            }
            w[j] = next;
          }
          change = Math.max(change, Math.abs(d));
        }
        if (change < 1e-14) {
          break;
        }
      }
      double[] ours = path.standardizedCoefficients(k);
      for (int j = 0; j < p; j++) {
        assertThat(ours[j]).as("w[%d] at lambda %d", j, k).isCloseTo(w[j], within(1e-6));
      }
    }
  }

  @Test
  void orthonormalDesignGivesBlockSoftThresholding() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 40;
    int p = 12;
    // Gram-Schmidt columns scaled so that X^T X / n = I
    double[][] cols = new double[p][n];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        cols[j][i] = rng.nextGaussian();
      }
      for (int k = 0; k < j; k++) {
        double d = 0;
        for (int i = 0; i < n; i++) {
          d += cols[j][i] * cols[k][i];
        }
        for (int i = 0; i < n; i++) {
          cols[j][i] -= d * cols[k][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += cols[j][i] * cols[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        cols[j][i] /= norm;
      }
    }
    double[] x = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i * p + j] = cols[j][i] * Math.sqrt(n);
      }
    }
    double[] y = TestData.gaussian(n, rng);
    for (int i = 0; i < n; i++) {
      y[i] += 2 * x[i * p] - x[i * p + 1] + 0.5 * x[i * p + 5];
    }
    GroupStructure groups = GroupStructure.ofSizes(3, 4, 5);
    double lambda = 0.2;
    for (GroupLassoSolverKind solver : GroupLassoSolverKind.values()) {
      GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().solver(solver).lambdas(lambda)
          .fitIntercept(false).standardize(false).tolerance(1e-10).build()).fit(dataset(new DenseMatrix(n, p, x), y),
          groups, null);
      double[] w = path.coefficients(0);
      for (int l = 0; l < 3; l++) {
        double[] z = new double[groups.size(l)];
        double norm = 0;
        for (int q = 0; q < z.length; q++) {
          int j = groups.start(l) + q;
          for (int i = 0; i < n; i++) {
            z[q] += x[i * p + j] * y[i] / n;
          }
          norm += z[q] * z[q];
        }
        norm = Math.sqrt(norm);
        double factor = Math.max(0, 1 - lambda * Math.sqrt(z.length) / norm);
        for (int q = 0; q < z.length; q++) {
          assertThat(w[groups.start(l) + q]).as("%s group %d", solver, l).isCloseTo(factor * z[q], within(1e-9));
        }
      }
    }
  }

  @Test
  void tinyLambdaWithMoreRowsThanColumnsApproachesLeastSquares() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 80;
    int p = 10;
    GroupStructure groups = GroupStructure.ofSizes(4, 3, 3);
    Dataset data = randomProblem(n, groups, rng);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(60)
        .lambdaMinRatio(1e-7).build()).fit(data, groups, null);
    assertThat(path.unconvergedCount()).isZero();
    // least squares with intercept by normal equations on [1, X], solved by Gaussian elimination
    int m = p + 1;
    double[][] a = new double[m][m + 1];
    double[] x = data.design().data();
    for (int i = 0; i < n; i++) {
      double[] row = new double[m];
      row[0] = 1;
      System.arraycopy(x, i * p, row, 1, p);
      for (int r = 0; r < m; r++) {
        for (int c = 0; c < m; c++) {
          a[r][c] += row[r] * row[c];
        }
        a[r][m] += row[r] * data.response()[i];
      }
    }
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < m; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= m; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] ols = new double[m];
    for (int r = 0; r < m; r++) {
      ols[r] = a[r][m] / a[r][r];
    }
    double[] w = path.coefficients(path.size() - 1);
    double scale = 0;
    for (int j = 0; j < p; j++) {
      scale = Math.max(scale, Math.abs(ols[j + 1]));
    }
    for (int j = 0; j < p; j++) {
      assertThat(w[j]).isCloseTo(ols[j + 1], within(1e-5 * scale));
    }
    assertThat(path.intercepts()[path.size() - 1]).isCloseTo(ols[0], within(1e-5 * Math.max(1, Math.abs(ols[0]))));
  }

  @Test
  void aToleranceBelowTheRoundingFloorIsReportedNotHidden() {
    SplittableRandom rng = new SplittableRandom(5);
    GroupStructure groups = GroupStructure.ofSizes(4, 3, 3);
    Dataset data = randomProblem(80, groups, rng);
    // at lambda = 1e-9 lambda_max a relative violation of 1e-8 is below double precision
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(60)
        .lambdaMinRatio(1e-9).tolerance(1e-8).build()).fit(data, groups, null);
    assertThat(path.size()).isEqualTo(60);
    assertThat(path.unconvergedCount()).isPositive();
    boolean[] converged = path.converged();
    double[] violation = path.kktViolation();
    for (int k = 0; k < path.size(); k++) {
      assertThat(converged[k]).isEqualTo(violation[k] <= 1e-8);
      // both computations agree up to rounding, which is of order 1e-15 lambda_max in absolute terms
      double absolute = KktChecker.check(path, k, data).maxViolation();
      assertThat(absolute).isCloseTo(violation[k] * path.lambdas()[k], within(1e-12 * path.lambdaMax()));
    }
  }

  @Test
  void fistaAndBlockCoordinateDescentAgreeOnTheObjectiveAlongThePath() {
    SplittableRandom rng = new SplittableRandom(9);
    GroupStructure groups = TestData.randomGroups(30, 7, rng);
    Dataset data = randomProblem(50, groups, rng);
    GroupLassoOptions base = GroupLassoOptions.builder().lambdaCount(25).lambdaMinRatio(0.02).tolerance(1e-8)
        .maxIterations(2_000_000).build();
    GroupLassoPathResult bcd = new GroupLassoPath(base).fit(data, groups, null);
    GroupLassoPathResult fista = new GroupLassoPath(base.toBuilder().solver(GroupLassoSolverKind.FISTA).build())
        .fit(data, groups, null);
    GroupLassoPathResult majorized = new GroupLassoPath(base.toBuilder().blockUpdate(BlockUpdate.MAJORIZED).build())
        .fit(data, groups, null);
    GroupLassoPathResult unscreened = new GroupLassoPath(base.toBuilder().screening(false).build())
        .fit(data, groups, null);
    assertThat(fista.unconvergedCount()).isZero();
    for (int k = 0; k < bcd.size(); k++) {
      double reference = objective(bcd, k, data);
      assertThat(objective(fista, k, data)).as("lambda %d", k).isCloseTo(reference, within(1e-6 * Math.abs(reference)));
      assertThat(objective(majorized, k, data)).isCloseTo(reference, within(1e-6 * Math.abs(reference)));
      assertThat(objective(unscreened, k, data)).isCloseTo(reference, within(1e-6 * Math.abs(reference)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {11, 12, 13, 14})
  void covarianceAndNaiveUpdatesGiveTheSamePath(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int p = 20 + rng.nextInt(30);
    int n = seed % 2 == 0 ? 5 * p : p / 2 + 3; // covariance mode is forced below even when n < p
    GroupStructure groups = seed == 13 ? GroupStructure.contiguous(1, p, false) : TestData.randomGroups(p, 3 + rng.nextInt(8), rng);
    Dataset data = randomProblem(n, groups, rng);
    BlockUpdate block = seed == 14 ? BlockUpdate.MAJORIZED : BlockUpdate.EXACT;
    GroupLassoOptions base = GroupLassoOptions.builder().lambdaCount(30).blockUpdate(block).build();
    GroupLassoPathResult naive = new GroupLassoPath(base.toBuilder().updates(UpdateType.NAIVE).build())
        .fit(data, groups, null);
    GroupLassoPathResult covariance = new GroupLassoPath(base.toBuilder().updates(UpdateType.COVARIANCE).build())
        .fit(data, groups, null);
    assertKktAlongPath(covariance, data);
    assertKktAlongPath(naive, data);
    for (int k = 0; k < naive.size(); k++) {
      double reference = objective(naive, k, data);
      assertThat(objective(covariance, k, data)).as("lambda %d", k)
          .isCloseTo(reference, within(1e-6 * Math.abs(reference)));
      assertThat(covariance.activeGroups()[k]).isEqualTo(naive.activeGroups()[k]);
    }
  }

  /**
   * The rule that puts a deep path on a design with more rows than columns (but fewer than 2p) in
   * full-Gram mode: only from 256 columns, n &gt; p, and a grid below 0.01 lambda_max (the default
   * 1e-3 for n &gt; p); never for explicit lambdas.
   */
  @Test
  void deepTallPathsChooseTheFullGramMatrix() {
    GroupLassoOptions defaults = GroupLassoOptions.builder().build();
    assertThat(GroupLassoPath.deepTallPath(defaults, 1000, 800)).isTrue();
    assertThat(GroupLassoPath.deepTallPath(defaults, 257, 256)).isTrue();
    assertThat(GroupLassoPath.deepTallPath(defaults, 257, 255)).isFalse();
    assertThat(GroupLassoPath.deepTallPath(defaults, 800, 800)).isFalse();
    assertThat(GroupLassoPath.deepTallPath(defaults, 800, 1000)).isFalse();
    assertThat(GroupLassoPath.deepTallPath(defaults.toBuilder().lambdaMinRatio(0.01).build(), 1000, 800)).isFalse();
    assertThat(GroupLassoPath.deepTallPath(defaults.toBuilder().lambdaMinRatio(0.005).build(), 1000, 800)).isTrue();
    assertThat(GroupLassoPath.deepTallPath(defaults.toBuilder().lambdas(new double[] {1, 0.1, 0.0001}).build(), 1000,
        800)).isFalse();
  }

  /**
   * With the default updates such a path runs in full-Gram mode: bit for bit the path that forced
   * covariance updates give (the growing Gram cache's updates would differ in the last bits), and
   * within the tolerance of the naive updates' path.
   */
  @Test
  void aDeepTallPathRunsOnTheFullGramMatrix() {
    SplittableRandom rng = new SplittableRandom(31);
    int p = 260;
    GroupStructure groups = TestData.randomGroups(p, 40, rng);
    Dataset data = randomProblem(300, groups, rng);
    GroupLassoOptions base = GroupLassoOptions.builder().lambdaCount(40).build();
    GroupLassoPathResult auto = new GroupLassoPath(base).fit(data, groups, null);
    GroupLassoPathResult covariance = new GroupLassoPath(base.toBuilder().updates(UpdateType.COVARIANCE).build())
        .fit(data, groups, null);
    GroupLassoPathResult naive = new GroupLassoPath(base.toBuilder().updates(UpdateType.NAIVE).build())
        .fit(data, groups, null);
    assertKktAlongPath(auto, data);
    assertThat(auto.activeGroups()[auto.size() - 1]).as("the path ends with most groups active")
        .isGreaterThan(groups.groupCount() / 2);
    for (int k = 0; k < auto.size(); k++) {
      assertThat(auto.coefficients(k)).as("lambda %d", k).isEqualTo(covariance.coefficients(k));
      double reference = objective(naive, k, data);
      assertThat(objective(auto, k, data)).isCloseTo(reference, within(1e-6 * Math.abs(reference)));
      // the loss recorded from the correlations, against the naive path's from its residual
      assertThat(auto.trainLoss()[k]).as("training loss at lambda %d", k)
          .isCloseTo(naive.trainLoss()[k], within(1e-6 * naive.trainLoss()[k] + 1e-12));
    }
  }

  /** A standardized problem for the solvers: datafit, penalty, every group working, X^T y / n and lambda_max. */
  private record SolverProblem(LeastSquaresDatafit f, GroupNormPenalty penalty, int[] working, double[] b,
      double lambdaMax) {
    static SolverProblem of(Dataset data, GroupStructure groups) {
      org.groupsparse.data.Standardization std = org.groupsparse.data.Standardization.fit(data, true, true, false);
      Dataset t = std.apply(data);
      LeastSquaresDatafit f = new LeastSquaresDatafit(t.design(), t.response(), groups);
      GroupNormPenalty penalty = new GroupNormPenalty(groups.defaultWeights());
      int[] working = new int[groups.groupCount()];
      for (int l = 0; l < working.length; l++) {
        working[l] = l;
      }
      double[] b = new double[groups.featureCount()];
      f.correlation(f.response(), b, null);
      double lambdaMax = 0;
      for (int l = 0; l < working.length; l++) {
        lambdaMax = Math.max(lambdaMax, org.groupsparse.groups.GroupOps.norm(b, f.start(l), f.end(l)) / penalty.weight(l));
      }
      return new SolverProblem(f, penalty, working, b, lambdaMax);
    }
  }

  /**
   * The covariance machinery on its own (the path would hide a wrong update: its exact KKT check
   * sends the solver back until the violations are gone): after a solve, the correlations the
   * solver maintained, the residual it synchronized and a fresh computation from the data agree.
   */
  @ParameterizedTest
  @ValueSource(ints = {21, 22})
  void covarianceUpdatesKeepCorrelationsAndResidualExact(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int p = 30;
    int n = 200;
    GroupStructure groups = seed == 21 ? GroupStructure.contiguous(1, p, false) : TestData.randomGroups(p, 6, rng);
    SolverProblem sp = SolverProblem.of(randomProblem(n, groups, rng), groups);
    LeastSquaresDatafit f = sp.f;
    GroupNormPenalty penalty = sp.penalty;
    int[] working = sp.working;
    double lambda = 0.05 * sp.lambdaMax;
    // full-Gram mode: c maintained by G for every position
    double[] w = new double[p];
    double[] c = sp.b.clone();
    new BlockCoordinateDescent(BlockUpdate.EXACT).solveGram(f, penalty, lambda, working, working.length, w, c, sp.b,
        1e-9 * lambda, 10_000);
    double[] r = new double[n];
    f.residual(w, r);
    double[] exact = new double[p];
    f.correlation(r, exact, null);
    assertThat(java.util.Arrays.stream(w).filter(v -> v != 0).count()).isGreaterThan(0);
    for (int k = 0; k < p; k++) {
      assertThat(c[k]).as("c at %d", k).isCloseTo(exact[k], within(1e-10));
    }
    // incremental covariance mode: the residual is synchronized on exit
    double[] w2 = new double[p];
    double[] r2 = f.response().clone();
    new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.COVARIANCE).solve(f, penalty, lambda, working,
        working.length, w2, r2, 1e-9 * lambda, 10_000);
    double[] fresh = new double[n];
    f.residual(w2, fresh);
    for (int i = 0; i < n; i++) {
      assertThat(r2[i]).isCloseTo(fresh[i], within(1e-10));
    }
    f.correlation(r2, exact, null);
    for (int l = 0; l < working.length; l++) {
      assertThat(penalty.violation(l, w2, f.start(l), exact, f.start(l), f.end(l) - f.start(l), lambda))
          .isLessThanOrEqualTo(1e-8 * lambda);
      for (int k = f.start(l); k < f.end(l); k++) {
        assertThat(w2[k]).isCloseTo(w[k], within(1e-6));
      }
    }
  }

  /**
   * Anderson extrapolation of the sweeps over the nonzero groups: on an ill-conditioned wide problem
   * (shared factor, n = 60 < p = 240, lambda small enough for many nonzero groups; the Newton polish
   * off, so that the sweeps must converge on their own) the accelerated
   * and the plain solver reach the same objective, both certified on the working set, and the
   * accelerated one in fewer sweeps (this fails when the extrapolation is never taken or is wrong),
   * with naive and with covariance updates.
   */
  @ParameterizedTest
  @ValueSource(strings = {"NAIVE", "COVARIANCE"})
  void andersonExtrapolationReachesTheSameSolutionInFewerSweeps(String updates) {
    SplittableRandom rng = new SplittableRandom(5);
    int p = 240;
    int n = 60;
    GroupStructure groups = TestData.randomGroups(p, 120, rng);
    SolverProblem sp = SolverProblem.of(randomProblem(n, groups, rng), groups);
    LeastSquaresDatafit f = sp.f;
    GroupNormPenalty penalty = sp.penalty;
    int[] working = sp.working;
    double lambda = 0.02 * sp.lambdaMax;
    double[] objective = new double[2];
    int[] sweeps = new int[2];
    double[][] solutions = new double[2][];
    for (int run = 0; run < 2; run++) {
      SweepRun s = sweepsFromZero(f, penalty, lambda, working, BlockUpdate.MAJORIZED, UpdateType.valueOf(updates),
          run == 0, 100_000);
      sweeps[run] = s.sweeps();
      double[] w = s.w();
      double[] c = s.c();
      double[] fresh = s.residual();
      double value = 0;
      for (double v : fresh) {
        value += v * v;
      }
      value /= 2 * n;
      for (int l = 0; l < working.length; l++) {
        assertThat(penalty.violation(l, w, f.start(l), c, f.start(l), f.end(l) - f.start(l), lambda))
            .as("run %d group %d", run, l).isLessThanOrEqualTo(1e-8 * lambda);
        value += penalty.blockValue(l, w, f.start(l), f.end(l) - f.start(l), lambda);
      }
      objective[run] = value;
      solutions[run] = w;
    }
    assertThat(java.util.Arrays.stream(solutions[0]).filter(v -> v != 0).count()).isGreaterThan(20);
    assertThat(objective[0]).isCloseTo(objective[1], within(1e-10 * objective[1]));
    assertThat(sweeps[0]).as("accelerated %d vs plain %d sweeps", sweeps[0], sweeps[1])
        .isLessThan((int) (0.8 * sweeps[1]));
  }

  /** A solve from zero with the polish off: its sweeps, solution, residual and correlations from the data. */
  private record SweepRun(int sweeps, double[] w, double[] residual, double[] c) {}

  private static SweepRun sweepsFromZero(LeastSquaresDatafit f, GroupNormPenalty penalty, double lambda, int[] working,
      BlockUpdate block, UpdateType updates, boolean accelerate, int budget) {
    BlockCoordinateDescent solver = new BlockCoordinateDescent(block, updates);
    solver.accelerate(accelerate);
    solver.polish(false);
    double[] w = new double[f.cols()];
    double[] r = f.response().clone();
    int sweeps = solver.solve(f, penalty, lambda, working, working.length, w, r, 1e-9 * lambda, budget);
    double[] fresh = new double[f.rows()];
    f.residual(w, fresh);
    double[] c = new double[f.cols()];
    f.correlation(fresh, c, null);
    return new SweepRun(sweeps, w, fresh, c);
  }

  /**
   * Group MCP and SCAD are accelerated too (their sweeps alone crawl where the nonzero groups have
   * more columns than the Newton polish takes): with the polish off, both runs end at a point that
   * satisfies the local conditions, the accelerated one in fewer sweeps.
   */
  @ParameterizedTest
  @ValueSource(strings = {"GROUP_MCP", "GROUP_SCAD"})
  void andersonExtrapolationAcceleratesTheNonconvexPenalties(String kind) {
    SplittableRandom rng = new SplittableRandom(8);
    int p = 120;
    int n = 300;
    GroupStructure groups = GroupStructure.contiguous(1, p, false); // standardized columns: orthonormal blocks
    SolverProblem sp = SolverProblem.of(randomProblem(n, groups, rng), groups);
    LeastSquaresDatafit f = sp.f;
    PenaltyKind pk = PenaltyKind.valueOf(kind);
    GroupNormPenalty penalty = new GroupNormPenalty(groups.defaultWeights(), pk, pk == PenaltyKind.GROUP_MCP ? 3 : 4,
        0.0);
    int[] working = sp.working;
    double lambda = 0.01 * sp.lambdaMax;
    int[] sweeps = new int[2];
    for (int run = 0; run < 2; run++) {
      SweepRun s = sweepsFromZero(f, penalty, lambda, working, BlockUpdate.EXACT, UpdateType.NAIVE, run == 0,
          1_000_000);
      sweeps[run] = s.sweeps();
      double[] w = s.w();
      double[] c = s.c();
      int nonzero = 0;
      for (int l = 0; l < working.length; l++) {
        assertThat(penalty.violation(l, w, f.start(l), c, f.start(l), 1, lambda)).as("run %d column %d", run, l)
            .isLessThanOrEqualTo(1e-8 * lambda);
        nonzero += w[l] != 0 ? 1 : 0;
      }
      assertThat(nonzero).isGreaterThan(20);
    }
    assertThat(sweeps[0]).as("accelerated %d vs plain %d sweeps", sweeps[0], sweeps[1])
        .isLessThan((int) (0.8 * sweeps[1]));
  }

  @Test
  void invalidSettingsAreRejectedWithTheParameterName() {
    assertThatThrownBy(() -> GroupLassoOptions.builder().lambdas(-1.0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lambdas'");
    assertThatThrownBy(() -> GroupLassoOptions.builder().lambdas(new double[0]).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lambdas'");
    assertThatThrownBy(() -> GroupLassoOptions.builder().lambdas(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GroupLassoOptions.builder().lambdaCount(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lambdaCount'");
    assertThatThrownBy(() -> GroupLassoOptions.builder().weights(new double[] {1, -1}).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'weights'");
    assertThatThrownBy(() -> GroupLassoOptions.builder().lambdaMinRatio(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lambdaMinRatio'");
  }
}
