package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.junit.jupiter.api.Test;

/** The path's datafit of the standardized data, built column by column, against the row-major route. */
class LeastSquaresDatafitTest {
  @Test
  void standardizedColumnsEqualTheStandardizedCopyTransposed() {
    SplittableRandom rng = new SplittableRandom(6);
    int n = 70; // not a multiple of the transposition's tiles
    int p = 45;
    GroupStructure groups = TestData.randomGroups(p, 9, rng); // scattered members: a permuted column order
    Dataset data = GroupLassoPathTest.randomProblem(n, groups, rng);
    Standardization std = Standardization.fit(data, true, true, false);
    Dataset t = std.apply(data);
    LeastSquaresDatafit reference = new LeastSquaresDatafit(t.design(), t.response(), groups);
    LeastSquaresDatafit.Standardized s = LeastSquaresDatafit.standardized(data, groups, true, true);
    assertThat(s.datafit().columnsView()).containsExactly(reference.columnsView());
    assertThat(s.datafit().response()).containsExactly(reference.response());
    assertThat(s.standardization().columnMeans()).containsExactly(std.columnMeans());
    assertThat(s.standardization().columnScales()).containsExactly(std.columnScales());
    assertThat(s.standardization().responseMean()).isEqualTo(std.responseMean());
    for (int l = 0; l < groups.groupCount(); l++) {
      assertThat(s.datafit().blockLipschitz(l)).isEqualTo(reference.blockLipschitz(l));
    }
  }

  /**
   * On a design large enough for the float32 copy, with single-column groups among larger ones: the
   * Lipschitz constants, float copy and norms made while the columns are standardized equal the ones
   * the datafit computes on demand.
   */
  @Test
  void whatIsComputedWhileStandardizingEqualsWhatIsComputedOnDemand() {
    SplittableRandom rng = new SplittableRandom(16);
    int n = 130;
    int p = 8100;
    assertThat((long) n * p).isGreaterThanOrEqualTo(LeastSquaresDatafit.APPROXIMATE_PASS_ENTRIES);
    int[] sizes = new int[p];
    int total = 0;
    int g = 0;
    while (total < p) {
      int size = Math.min(p - total, g % 3 == 0 ? 1 : 1 + rng.nextInt(6));
      sizes[g++] = size;
      total += size;
    }
    GroupStructure groups = GroupStructure.ofSizes(java.util.Arrays.copyOf(sizes, g));
    Dataset data = GroupLassoPathTest.randomProblem(n, groups, rng);
    Standardization std = Standardization.fit(data, true, true, false);
    Dataset t = std.apply(data);
    LeastSquaresDatafit reference = new LeastSquaresDatafit(t.design(), t.response(), groups);
    LeastSquaresDatafit.Standardized s = LeastSquaresDatafit.standardized(data, groups, true, true);
    // (no containsExactly on a million entries: AssertJ's diff of a mismatch is quadratic)
    assertThat(java.util.Arrays.mismatch(s.datafit().columnsView(), reference.columnsView())).isEqualTo(-1);
    for (int l = 0; l < groups.groupCount(); l++) {
      assertThat(s.datafit().blockLipschitz(l)).as("group %d", l).isEqualTo(reference.blockLipschitz(l));
    }
    double[] r = TestData.gaussian(n, rng);
    double[] a = new double[p];
    double[] b = new double[p];
    s.datafit().approximateCorrelation(r, a, null);
    reference.approximateCorrelation(r, b, null);
    assertThat(java.util.Arrays.mismatch(a, b)).isEqualTo(-1);
    for (int k = 0; k < p; k += 97) {
      assertThat(s.datafit().approximationError(k, 3.0, a[k])).isEqualTo(reference.approximationError(k, 3.0, b[k]));
    }
  }

  /**
   * The float32 pass's bound: |c~_k - c_k| (c_k in exact rational arithmetic, through BigDecimal)
   * never exceeds approximationError, and the bound is not vacuous (within a factor 1000 of the
   * largest error seen). A column with entries outside float32's normal range gets no approximation.
   */
  @Test
  void approximateCorrelationsStayWithinTheirCertifiedBound() {
    SplittableRandom rng = new SplittableRandom(15);
    int n = 300;
    int p = 40;
    org.groupsparse.linalg.DenseMatrix x = TestData.gaussian(n, p, rng);
    for (int i = 0; i < n; i++) {
      x.data()[i * p + 3] *= 1e30; // large but representable
      x.data()[i * p + 7] = i == 5 ? 1e-40 : x.data()[i * p + 7]; // subnormal in float32
    }
    GroupStructure groups = GroupStructure.contiguous(1, p, false);
    LeastSquaresDatafit f = new LeastSquaresDatafit(x, TestData.gaussian(n, rng), groups);
    double worstRatio = 0;
    for (int trial = 0; trial < 20; trial++) {
      double[] r = TestData.gaussian(n, rng);
      for (int i = 0; i < n; i++) {
        r[i] *= trial % 3 == 0 ? 1e-3 : 10;
      }
      double rn = 0;
      for (double v : r) {
        rn += v * v;
      }
      rn = Math.sqrt(rn);
      double[] approximate = new double[p];
      f.approximateCorrelation(r, approximate, null);
      double[] columns = f.columnsView();
      for (int k = 0; k < p; k++) {
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
          exact = exact.add(new java.math.BigDecimal(columns[k * n + i]).multiply(new java.math.BigDecimal(r[i])));
        }
        double c = exact.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128).doubleValue();
        double bound = f.approximationError(k, rn, approximate[k]);
        if (k == 7) {
          assertThat(bound).isInfinite();
          continue;
        }
        double error = Math.abs(approximate[k] - c);
        assertThat(error).as("column %d trial %d", k, trial).isLessThanOrEqualTo(bound);
        worstRatio = Math.max(worstRatio, error / bound);
      }
    }
    assertThat(worstRatio).isGreaterThan(1e-3);
  }

  /**
   * The group bound ||c~_l|| + ||delta_l|| is never below the exact ||X_l^T r / n|| (computed here
   * in BigDecimal), for 60 random groups of unequal sizes and residuals of very different sizes, and is
   * tight: above it by at most 1e-6 sqrt(m_l) ||r|| / sqrt(n), a few float32 roundings of the scale.
   */
  @Test
  void theApproximateGroupNormBoundIsCertifiedAndTight() {
    SplittableRandom rng = new SplittableRandom(77);
    int n = 300;
    int p = 210;
    GroupStructure groups = TestData.randomGroups(p, 60, rng);
    Dataset data = GroupLassoPathTest.dataset(TestData.gaussian(n, p, rng), TestData.gaussian(n, rng));
    LeastSquaresDatafit f = LeastSquaresDatafit.standardized(data, groups, true, true).datafit();
    double[] columns = f.columnsView();
    int below = 0;
    for (int trial = 0; trial < 6; trial++) {
      double[] r = TestData.gaussian(n, rng);
      double rn = 0;
      for (int i = 0; i < n; i++) {
        r[i] *= trial % 2 == 0 ? 1e-4 : 30;
        rn += r[i] * r[i];
      }
      rn = Math.sqrt(rn) * (1 + 1e-12);
      double[] approximate = new double[p];
      f.approximateCorrelation(r, approximate, null);
      for (int l = 0; l < f.groupCount(); l++) {
        java.math.BigDecimal squares = java.math.BigDecimal.ZERO;
        for (int k = f.start(l); k < f.end(l); k++) {
          java.math.BigDecimal dot = java.math.BigDecimal.ZERO;
          for (int i = 0; i < n; i++) {
            dot = dot.add(new java.math.BigDecimal(columns[k * n + i]).multiply(new java.math.BigDecimal(r[i])));
          }
          dot = dot.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128);
          squares = squares.add(dot.multiply(dot));
        }
        double exact = squares.sqrt(java.math.MathContext.DECIMAL128).doubleValue();
        double bound = f.approximateGroupNormBound(l, rn, approximate);
        assertThat(bound).as("group %d trial %d", l, trial).isGreaterThanOrEqualTo(exact);
        // tight: above it by at most a few float32 roundings of ||x_k|| ||r|| / n (||x_k|| = sqrt(n))
        double scale = Math.sqrt(f.end(l) - f.start(l)) * rn / Math.sqrt(n);
        assertThat(bound - exact).as("group %d trial %d", l, trial).isLessThanOrEqualTo(1e-6 * scale);
        below += Math.sqrt(sumOfSquares(approximate, f.start(l), f.end(l))) < exact ? 1 : 0;
      }
    }
    // the approximation alone falls below the exact norm for some groups: the error term is needed
    assertThat(below).isPositive();
  }

  private static double sumOfSquares(double[] v, int from, int to) {
    double s = 0;
    for (int k = from; k < to; k++) {
      s += v[k] * v[k];
    }
    return s;
  }
}
