package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.Family;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Group MCP, group SCAD and the sparse group lasso: optimality, limits, and the group lasso they extend. */
class PenaltyPathTest {
  private static final double TOL = 1e-6;

  /**
   * Independent optimality check on the standardized problem, from the data (not the solver's
   * correlations): for MCP and SCAD the local conditions c_l = rho'(||w_l||) w_l / ||w_l|| (active)
   * and ||c_l|| &lt;= lambda omega (inactive); for the sparse group lasso c_l in lambda alpha
   * d||w_l||_1 + lambda (1 - alpha) omega d||w_l||.
   */
  static double worstRelative(GroupLassoPathResult path, int k, Dataset train) {
    Dataset t = path.standardization().apply(train);
    double[] w = path.standardizedCoefficients(k);
    double lambda = path.lambdas()[k];
    GroupLassoOptions o = path.options();
    int n = t.rows();
    int p = t.features();
    double[] x = t.design().data();
    double[] c = new double[p];
    // the residual y - mean(eta) from the original data and coefficients, correlated with the
    // standardized columns (the gradient of the family's mean loss with respect to the coefficients
    // of the standardized columns, negated)
    double[] beta = path.coefficients(k);
    double[] raw = train.design().data();
    for (int i = 0; i < n; i++) {
      double eta = path.intercepts()[k];
      for (int j = 0; j < p; j++) {
        eta += raw[i * p + j] * beta[j];
      }
      double r = train.response()[i] - o.family().mean(eta);
      for (int j = 0; j < p; j++) {
        c[j] += x[i * p + j] * r / n;
      }
    }
    GroupStructure g = path.groups();
    int[] members = g.members();
    double worst = 0;
    for (int l = 0; l < g.groupCount(); l++) {
      double level = lambda * path.weights()[l];
      double wNorm = 0;
      for (int q = g.start(l); q < g.end(l); q++) {
        wNorm += w[members[q]] * w[members[q]];
      }
      wNorm = Math.sqrt(wNorm);
      double s = 0;
      if (o.penalty() == PenaltyKind.SPARSE_GROUP_LASSO) {
        double a = o.alpha();
        if (wNorm == 0) {
          for (int q = g.start(l); q < g.end(l); q++) {
            double v = Math.max(0, Math.abs(c[members[q]]) - lambda * a);
            s += v * v;
          }
          worst = Math.max(worst, Math.max(0, Math.sqrt(s) - (1 - a) * level));
        } else {
          for (int q = g.start(l); q < g.end(l); q++) {
            int j = members[q];
            double d = w[j] != 0 ? c[j] - lambda * a * Math.signum(w[j]) - (1 - a) * level * w[j] / wNorm
                : Math.max(0, Math.abs(c[j]) - lambda * a);
            s += d * d;
          }
          worst = Math.max(worst, Math.sqrt(s));
        }
      } else {
        // grpreg's coordinates: with G_l = X_l^T X_l / n = V D V^T, theta_l = D^(1/2) V^T w_l and the
        // correlations of the orthonormal columns X_l V D^(-1/2) are D^(-1/2) V^T c_l
        int m = g.end(l) - g.start(l);
        double[] gram = new double[m * m];
        for (int i = 0; i < n; i++) {
          for (int a2 = 0; a2 < m; a2++) {
            for (int b2 = 0; b2 < m; b2++) {
              gram[a2 * m + b2] += x[i * p + members[g.start(l) + a2]] * x[i * p + members[g.start(l) + b2]] / n;
            }
          }
        }
        org.groupsparse.linalg.SymmetricEigen e = org.groupsparse.linalg.SymmetricEigen.of(gram, m);
        double top = e.values()[m - 1];
        double[] theta = new double[m];
        double[] ct = new double[m];
        for (int col = 0; col < m; col++) {
          double d = e.values()[col];
          if (!(d > 1e-10 * top)) {
            continue;
          }
          double vw = 0;
          double vc = 0;
          for (int i = 0; i < m; i++) {
            vw += e.vectors()[i * m + col] * w[members[g.start(l) + i]];
            vc += e.vectors()[i * m + col] * c[members[g.start(l) + i]];
          }
          theta[col] = Math.sqrt(d) * vw;
          ct[col] = vc / Math.sqrt(d);
        }
        double tNorm = norm(theta);
        double gamma = o.gammaPenalty();
        if (tNorm == 0) {
          worst = Math.max(worst, Math.max(0, norm(ct) - level));
        } else {
          double slope = o.penalty() == PenaltyKind.GROUP_MCP ? Math.max(0, level - tNorm / gamma)
              : tNorm <= level ? level : Math.max(0, (gamma * level - tNorm) / (gamma - 1));
          for (int col = 0; col < m; col++) {
            double d = ct[col] - slope * theta[col] / tNorm;
            s += d * d;
          }
          worst = Math.max(worst, Math.sqrt(s));
        }
      }
    }
    return worst / lambda;
  }

  private static Dataset problem(int seed, GroupStructure groups, int n) {
    return GroupLassoPathTest.randomProblem(n, groups, new SplittableRandom(seed));
  }

  @ParameterizedTest
  @EnumSource(value = PenaltyKind.class, names = {"GROUP_MCP", "GROUP_SCAD", "SPARSE_GROUP_LASSO"})
  void optimalityHoldsAlongThePathOnUnequalScatteredGroups(PenaltyKind kind) {
    for (int seed = 1; seed <= 4; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      int p = 20 + rng.nextInt(30);
      int n = seed % 2 == 0 ? p / 2 + 5 : 3 * p; // n < p and n > p (the latter in covariance mode)
      GroupStructure groups = TestData.randomGroups(p, 3 + rng.nextInt(6), rng);
      Dataset data = problem(seed, groups, n);
      GroupLassoOptions options = GroupLassoOptions.builder().penalty(kind).lambdaCount(30).lambdaMinRatio(0.05)
          .build();
      GroupLassoPathResult path = new GroupLassoPath(options).fit(data, groups, null);
      assertThat(path.unconvergedCount()).as("%s seed %d", kind, seed).isZero();
      for (int k = 0; k < path.size(); k++) {
        assertThat(worstRelative(path, k, data)).as("%s seed %d lambda %d", kind, seed, k)
            .isLessThanOrEqualTo(2 * TOL);
        assertThat(path.kktViolation()[k]).isLessThanOrEqualTo(TOL);
      }
      // lambda_max is the exact threshold: zero at the first lambda, a group enters just below it
      assertThat(path.coefficients(0)).containsOnly(0.0);
      GroupLassoPathResult below = new GroupLassoPath(options.toBuilder()
          .lambdas(path.lambdaMax() * 0.999).build()).fit(data, groups, null);
      assertThat(Arrays.stream(below.coefficients(0)).anyMatch(v -> v != 0)).as("%s enters below", kind).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(value = PenaltyKind.class, names = {"GROUP_MCP", "GROUP_SCAD"})
  void aHugeGammaGivesTheGroupLassoOfTheOrthonormalizedGroups(PenaltyKind kind) {
    SplittableRandom rng = new SplittableRandom(7);
    GroupStructure groups = TestData.randomGroups(30, 6, rng);
    Dataset data = problem(7, groups, 60);
    GroupLassoOptions base = GroupLassoOptions.builder().lambdaCount(20).lambdaMinRatio(0.05).tolerance(1e-9).build();
    GroupLassoPathResult other = new GroupLassoPath(base.toBuilder().penalty(kind).gammaPenalty(1e9).build())
        .fit(data, groups, null);
    // the group lasso on grpreg's orthonormalized columns, mapped back
    Dataset t = other.standardization().apply(data);
    GroupOrthonormalization ortho = GroupOrthonormalization.of(t.design(), groups);
    Dataset q = GroupLassoPathTest.dataset(ortho.design(), t.response());
    GroupLassoPathResult lasso = new GroupLassoPath(base.toBuilder().standardize(false).lambdas(other.lambdas())
        .build()).fit(q, ortho.groups(), null);
    assertThat(lasso.lambdaMax()).isCloseTo(other.lambdaMax(), within(1e-9 * other.lambdaMax()));
    for (int k = 0; k < lasso.size(); k++) {
      double[] a = new double[30];
      ortho.toFeatures(lasso.standardizedCoefficients(k), a);
      double[] b = other.standardizedCoefficients(k);
      for (int j = 0; j < a.length; j++) {
        assertThat(b[j]).as("%s lambda %d coefficient %d", kind, k, j).isCloseTo(a[j], within(1e-5));
      }
    }
  }

  @Test
  void mcpIsLessBiasedThanTheGroupLassoOnLargeEffects() {
    // with a strong signal, the group lasso shrinks the fitted groups; MCP (gamma = 3) leaves large
    // groups unpenalized, so at the same lambda its coefficients are larger in norm
    SplittableRandom rng = new SplittableRandom(8);
    GroupStructure groups = TestData.randomGroups(24, 6, rng);
    Dataset data = problem(8, groups, 200);
    GroupLassoOptions base = GroupLassoOptions.builder().lambdaCount(15).lambdaMinRatio(0.2).build();
    GroupLassoPathResult lasso = new GroupLassoPath(base).fit(data, groups, null);
    GroupLassoPathResult mcp = new GroupLassoPath(base.toBuilder().penalty(PenaltyKind.GROUP_MCP).build())
        .fit(data, groups, null);
    int last = lasso.size() - 1;
    assertThat(norm(mcp.standardizedCoefficients(last))).isGreaterThan(norm(lasso.standardizedCoefficients(last)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0})
  void sparseGroupLassoLimitsAreTheGroupLassoAndTheLasso(double alpha) {
    SplittableRandom rng = new SplittableRandom(9);
    GroupStructure groups = TestData.randomGroups(25, 5, rng);
    Dataset data = problem(9, groups, 70);
    GroupLassoOptions base = GroupLassoOptions.builder().lambdaCount(20).lambdaMinRatio(0.05).tolerance(1e-9).build();
    GroupLassoPathResult sgl = new GroupLassoPath(base.toBuilder().penalty(PenaltyKind.SPARSE_GROUP_LASSO)
        .alpha(alpha).build()).fit(data, groups, null);
    GroupLassoPathResult reference;
    if (alpha == 0.0) {
      reference = new GroupLassoPath(base).fit(data, groups, null);
    } else {
      // the lasso: singleton groups with weight 1, on the same columns (the scattered groups' order is irrelevant)
      double[] ones = new double[25];
      Arrays.fill(ones, 1.0);
      reference = new GroupLassoPath(base.toBuilder().weights(ones).build())
          .fit(data, GroupStructure.contiguous(1, 25, false), null);
    }
    assertThat(sgl.lambdaMax()).isCloseTo(reference.lambdaMax(), within(1e-9 * reference.lambdaMax()));
    for (int k = 0; k < sgl.size(); k++) {
      double[] a = reference.standardizedCoefficients(k);
      double[] b = sgl.standardizedCoefficients(k);
      for (int j = 0; j < a.length; j++) {
        assertThat(b[j]).as("alpha %s lambda %d coefficient %d", alpha, k, j).isCloseTo(a[j], within(1e-6));
      }
    }
  }

  @Test
  void sparseGroupLassoZeroesEntriesInsideActiveGroups() {
    SplittableRandom rng = new SplittableRandom(10);
    GroupStructure groups = GroupStructure.contiguous(6, 30, false);
    Dataset data = problem(10, groups, 120);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder()
        .penalty(PenaltyKind.SPARSE_GROUP_LASSO).alpha(0.5).lambdaCount(30).build()).fit(data, groups, null);
    boolean partial = false;
    for (int k = 0; k < path.size() && !partial; k++) {
      double[] w = path.standardizedCoefficients(k);
      for (int l = 0; l < groups.groupCount(); l++) {
        int nonzero = 0;
        for (int q = groups.start(l); q < groups.end(l); q++) {
          nonzero += w[groups.member(q)] != 0 ? 1 : 0;
        }
        partial |= nonzero > 0 && nonzero < 6;
      }
    }
    assertThat(partial).as("some active group with zero entries").isTrue();
  }

  @Test
  void invalidPenaltySettingsAreRejectedWithTheirNames() {
    assertThatThrownBy(() -> GroupLassoOptions.builder().penalty(PenaltyKind.GROUP_MCP).gammaPenalty(1.0).build())
        .hasMessageContaining("gammaPenalty");
    assertThatThrownBy(() -> GroupLassoOptions.builder().penalty(PenaltyKind.GROUP_SCAD).gammaPenalty(2.0).build())
        .hasMessageContaining("gammaPenalty");
    assertThatThrownBy(() -> GroupLassoOptions.builder().penalty(PenaltyKind.SPARSE_GROUP_LASSO).alpha(1.5).build())
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> GroupLassoOptions.builder().penalty(PenaltyKind.GROUP_MCP)
        .solver(GroupLassoSolverKind.FISTA).build()).hasMessageContaining("BCD");
  }

  @Test
  void theSparseGroupLassoIsRefusedForGlmFamilies() {
    SplittableRandom rng = new SplittableRandom(13);
    GroupStructure groups = TestData.randomGroups(10, 3, rng);
    double[] y = new double[30];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 2;
    }
    Dataset binary = GroupLassoPathTest.dataset(TestData.gaussian(30, 10, rng), y);
    assertThatThrownBy(() -> new GroupLassoPath(GroupLassoOptions.builder().family(Family.BINOMIAL)
        .penalty(PenaltyKind.SPARSE_GROUP_LASSO).build()).fit(binary, groups, null)).hasMessageContaining("gaussian");
  }

  @ParameterizedTest
  @EnumSource(value = PenaltyKind.class, names = {"GROUP_MCP", "GROUP_SCAD"})
  void mcpAndScadWorkWithTheLogisticAndPoissonLosses(PenaltyKind kind) {
    for (Family family : new Family[] {Family.BINOMIAL, Family.POISSON}) {
      // a Gaussian design with unequal scattered groups; the linear predictor uses two groups
      SplittableRandom rng = new SplittableRandom(12);
      int n = 150;
      int p = 24;
      GroupStructure groups = TestData.randomGroups(p, 6, rng);
      org.groupsparse.linalg.DenseMatrix x = TestData.gaussian(n, p, rng);
      int[] members = groups.members();
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double eta = 0.2;
        for (int l = 0; l < 2; l++) {
          for (int q = groups.start(l); q < groups.end(l); q++) {
            eta += (l == 0 ? 0.5 : -0.4) * x.data()[i * p + members[q]];
          }
        }
        double mu = family.mean(eta);
        y[i] = family == Family.BINOMIAL ? (rng.nextDouble() < mu ? 1 : 0) : Math.floor(mu + rng.nextDouble());
      }
      Dataset data = GroupLassoPathTest.dataset(x, y);
      Dataset glm = data;
      GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().family(family).penalty(kind)
          .lambdaCount(25).lambdaMinRatio(0.05).build()).fit(glm, groups, null);
      assertThat(path.unconvergedCount()).as("%s %s", kind, family).isZero();
      assertThat(path.coefficients(0)).containsOnly(0.0);
      for (int k = 0; k < path.size(); k++) {
        assertThat(worstRelative(path, k, glm)).as("%s %s lambda %d", kind, family, k).isLessThanOrEqualTo(2 * TOL);
      }
      assertThat(path.activeGroups()[path.size() - 1]).as("%s %s selects something", kind, family).isPositive();
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
