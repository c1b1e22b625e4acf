package org.groupsparse.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelsTest {
  /** Naive two-pass reference: r = y - Xw, c = X^T r, summed in the plainest order. */
  private static double reference(DenseMatrix x, double[] y, double[] w, double[] c) {
    int n = x.rows();
    int p = x.cols();
    double loss = 0;
    java.util.Arrays.fill(c, 0);
    for (int i = 0; i < n; i++) {
      double d = 0;
      for (int j = 0; j < p; j++) {
        d += x.get(i, j) * w[j];
      }
      double r = y[i] - d;
      loss += r * r;
      for (int j = 0; j < p; j++) {
        c[j] += x.get(i, j) * r;
      }
    }
    return loss;
  }

  /**
   * k-means' row-centre products: 1 to 4 rows (at an offset) against k rows, k and p drawn so that the
   * 4 x 4 tiles, the remaining centres and the vector tails all run, against plain dot products. A
   * product written to the wrong slot, a lost tail term or a stale accumulator differs by O(1).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void rowProductsAgreeWithPlainDotProducts(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int rows = 1 + (int) (seed % 4);
    int k = 1 + rng.nextInt(11);
    int p = 1 + rng.nextInt(70);
    int first = rng.nextInt(3);
    double[] x = TestData.gaussian((first + rows) * p, rng);
    double[] c = TestData.gaussian(k * p, rng);
    double[] out = new double[rows * k + 3];
    java.util.Arrays.fill(out, Double.NaN);
    MatrixOps.rowProducts(x, first * p, rows, p, c, k, out);
    for (int b = 0; b < rows; b++) {
      for (int l = 0; l < k; l++) {
        double expected = 0;
        double scale = 0;
        for (int j = 0; j < p; j++) {
          expected += x[(first + b) * p + j] * c[l * p + j];
          scale += Math.abs(x[(first + b) * p + j] * c[l * p + j]);
        }
        assertThat(out[b * k + l]).as("row %d, centre %d (rows %d, k %d, p %d)", b, l, rows, k, p)
            .isCloseTo(expected, within(TestData.ROUNDING * Math.max(1, scale)));
      }
    }
    for (int t = rows * k; t < out.length; t++) {
      assertThat(out[t]).as("beyond rows * k").isNaN();
    }
  }

  /** k-means++'s squared distances of four rows to a point at an offset, p with vector tails, against plain sums. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void squaredDistancesOfFourRowsAgreeWithPlainSums(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int p = 1 + rng.nextInt(70);
    int first = rng.nextInt(3);
    int cOff = rng.nextInt(5);
    double[] x = TestData.gaussian((first + 4) * p, rng);
    double[] c = TestData.gaussian(cOff + p, rng);
    double[] out = new double[5];
    out[4] = Double.NaN;
    MatrixOps.squaredDistances4(x, first * p, p, c, cOff, out);
    for (int t = 0; t < 4; t++) {
      double expected = 0;
      for (int j = 0; j < p; j++) {
        double d = x[(first + t) * p + j] - c[cOff + j];
        expected += d * d;
      }
      assertThat(out[t]).as("row %d (p %d)", t, p).isCloseTo(expected, within(TestData.ROUNDING * Math.max(1, expected)));
    }
    assertThat(out[4]).isNaN();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void fusedKernelsAgreeWithNaiveProductsOnRandomShapes(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 1 + rng.nextInt(37);
    int p = 1 + rng.nextInt(45);
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] y = TestData.gaussian(n, rng);
    double[] w = TestData.gaussian(p, rng);
    double[] expected = new double[p];
    double loss = reference(x, y, w, expected);
    double scale = Math.max(1, Math.abs(loss));

    double[] simdOrDefault = new double[p];
    double l1 = MatrixOps.residualCorrelation(x.data(), p, 0, n, y, w, simdOrDefault);
    double[] scalar = new double[p];
    double l2 = MatrixOps.residualCorrelationScalar(x.data(), p, 0, n, y, w, scalar);
    assertThat(l1).isCloseTo(loss, within(TestData.ROUNDING * scale));
    assertThat(l2).isCloseTo(loss, within(TestData.ROUNDING * scale));
    assertThat(MatrixOps.residualSumOfSquares(x.data(), p, 0, n, y, w)).isCloseTo(loss, within(TestData.ROUNDING * scale));
    for (int j = 0; j < p; j++) {
      assertThat(simdOrDefault[j]).isCloseTo(expected[j], within(TestData.ROUNDING * scale));
      assertThat(scalar[j]).isCloseTo(expected[j], within(TestData.ROUNDING * scale));
    }
    for (int threads : new int[] {1, 2, 3}) {
      double[] c = new double[p];
      try (ResidualCorrelationKernel k = new ResidualCorrelationKernel(x, y, threads)) {
        assertThat(k.evaluate(w, c)).isCloseTo(loss, within(TestData.ROUNDING * scale));
        // a second call overwrites, it does not accumulate
        double again = k.evaluate(w, c);
        assertThat(again).isCloseTo(loss, within(TestData.ROUNDING * scale));
      }
      for (int j = 0; j < p; j++) {
        assertThat(c[j]).isCloseTo(expected[j], within(TestData.ROUNDING * scale));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void testsRunWithTheSimdKernels() {
    // the build passes --add-modules jdk.incubator.vector to the tests so that the SIMD path is the one tested
    assertThat(MatrixOps.SIMD).isTrue();
  }

  /** The proximal Newton block update: z += X_l d and q -= h X_l d, against the plain loops, odd lengths included. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void weightedGroupUpdateAgreesWithPlainLoops(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 1 + rng.nextInt(41);
    int m = 1 + rng.nextInt(7);
    int before = rng.nextInt(3); // the block need not start the storage
    double[] x = TestData.gaussian((before + m) * n, rng);
    double[] d = TestData.gaussian(m, rng);
    double[] h = TestData.gaussian(n, rng);
    double[] z = TestData.gaussian(n, rng);
    double[] q = TestData.gaussian(n, rng);
    double[] zExpected = z.clone();
    double[] qExpected = q.clone();
    for (int i = 0; i < n; i++) {
      double t = 0;
      for (int a = 0; a < m; a++) {
        t += d[a] * x[(before + a) * n + i];
      }
      zExpected[i] += t;
      qExpected[i] -= h[i] * t;
    }
    MatrixOps.weightedGroupUpdate(x, before * n, n, m, d, h, z, q);
    for (int i = 0; i < n; i++) {
      assertThat(z[i]).isCloseTo(zExpected[i], within(1e-12));
      assertThat(q[i]).isCloseTo(qExpected[i], within(1e-12));
    }
  }

  /** The proximal Newton single-column update: q -= h d x, against the plain loop, odd lengths included. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void weightedColumnUpdateAgreesWithThePlainLoop(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 1 + rng.nextInt(41);
    int before = rng.nextInt(3); // the column need not start the storage
    double[] x = TestData.gaussian((before + 1) * n, rng);
    double d = rng.nextGaussian();
    double[] h = TestData.gaussian(n, rng);
    double[] q = TestData.gaussian(n, rng);
    double[] qExpected = q.clone();
    for (int i = 0; i < n; i++) {
      qExpected[i] -= h[i] * (d * x[before * n + i]);
    }
    MatrixOps.weightedColumnUpdate(x, before * n, n, d, h, q);
    for (int i = 0; i < n; i++) {
      assertThat(q[i]).isCloseTo(qExpected[i], within(1e-12));
    }
  }

  /** Four columns per pass: the block correlation equals the plain dot products, odd shapes included. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void blockCorrelationAgreesWithPlainDots(long seed) {
    SplittableRandom rng = new SplittableRandom(seed + 100);
    int n = 1 + rng.nextInt(41);
    int m = 1 + rng.nextInt(9);
    int before = rng.nextInt(3);
    double[] x = TestData.gaussian((before + m) * n, rng);
    double[] q = TestData.gaussian(n, rng);
    double[] out = new double[m + 2];
    MatrixOps.blockCorrelation(x, before * n, n, m, q, 0.5, out, 1);
    for (int a = 0; a < m; a++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[(before + a) * n + i] * q[i];
      }
      assertThat(out[1 + a]).isCloseTo(0.5 * s, within(1e-12));
    }
    assertThat(out[0]).isZero();
    assertThat(out[m + 1]).isZero();
  }

  /** LAPACK's Cholesky in row-major form: U^T U reproduces A + shift I; an indefinite matrix is refused. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void choleskyUpperReproducesTheMatrix(long seed) {
    SplittableRandom rng = new SplittableRandom(seed + 200);
    int m = 1 + rng.nextInt(90);
    int k = m + 3;
    double[] b = TestData.gaussian(k * m, rng);
    double[] a = new double[m * m];
    RowMajorBlas.gemm(true, false, m, m, k, 1.0 / k, b, 0, m, b, 0, m, 0.0, a, 0, m); // B^T B / k: SPD
    double[] u = new double[m * m];
    assertThat(RowMajorLapack.choleskyUpper(a, m, 0.5, u)).isTrue();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int t = 0; t <= Math.min(i, j); t++) {
          s += u[t * m + i] * u[t * m + j]; // (U^T U)_ij over the upper triangle
        }
        assertThat(s).isCloseTo(a[i * m + j] + (i == j ? 0.5 : 0), within(1e-10));
      }
    }
    double[] indefinite = a.clone();
    indefinite[0] = -1;
    assertThat(RowMajorLapack.choleskyUpper(indefinite, m, 0, u)).isFalse();
  }

  /** The bandwidth floor's read: every entry of the range summed once, any length and offset. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 15, 16, 17, 63, 1001})
  void streamSumAddsEveryEntryOfTheRangeOnce(int length) {
    SplittableRandom random = new SplittableRandom(length);
    double[] a = new double[length + 10];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextInt(1000) - 500; // integers: every order of summation is exact
    }
    double expected = 0;
    for (int i = 5; i < 5 + length; i++) {
      expected += a[i];
    }
    assertThat(MatrixOps.streamSum(a, 5, 5 + length)).isEqualTo(expected);
  }

  /**
   * The row-by-row Cholesky factor equals LAPACK's (upper triangle, to rounding) for orders on both
   * sides of a vector width, reproduces A + shift I as U^T U, and refuses a matrix that is not
   * positive definite.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 130, 300})
  void rowByRowCholeskyMatchesLapack(int m) {
    SplittableRandom random = new SplittableRandom(m);
    int n = m + 5;
    double[] b = new double[n * m];
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextGaussian();
    }
    double[] a = new double[m * m];
    RowMajorBlas.gemm(true, false, m, m, n, 1.0 / n, b, 0, m, b, 0, m, 0.0, a, 0, m);
    double shift = 0.25;
    double[] u = new double[m * m];
    double[] reference = new double[m * m];
    assertThat(RowMajorLapack.choleskyUpperByRows(a, m, shift, u)).isTrue();
    assertThat(RowMajorLapack.choleskyUpper(a, m, shift, reference)).isTrue();
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) {
        assertThat(u[i * m + j]).isCloseTo(reference[i * m + j], within(1e-12));
        double s = 0;
        for (int k = 0; k <= i; k++) {
          s += u[k * m + i] * u[k * m + j];
        }
        assertThat(s).isCloseTo(a[i * m + j] + (i == j ? shift : 0), within(1e-12 * (1 + Math.abs(a[i * m + j]))));
      }
    }
    double[] indefinite = a.clone();
    indefinite[(m - 1) * m + (m - 1)] = -1;
    assertThat(RowMajorLapack.choleskyUpperByRows(indefinite, m, 0.0, u)).isFalse();
  }

  /**
   * The blocked Gram product equals one dot product per entry (the same order: bit for bit) for
   * column counts around the 4 x 4 blocking and lengths around a vector width, symmetric, scaled.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 5, 8, 11, 17})
  void blockedGramEqualsOneDotPerEntry(int count) {
    SplittableRandom random = new SplittableRandom(count);
    for (int n : new int[] {1, 7, 8, 9, 300}) {
      double[] x = new double[count * n];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      int ldo = count + 2;
      double[] out = new double[count * ldo];
      MatrixOps.gram(x, count, n, 0.5, out, ldo);
      for (int a = 0; a < count; a++) {
        for (int c = 0; c < count; c++) {
          double expected = MatrixOps.fastDot(x, a * n, x, c * n, n) * 0.5;
          assertThat(out[a * ldo + c]).as("n=%d a=%d c=%d", n, a, c).isEqualTo(expected);
        }
      }
    }
  }
}
