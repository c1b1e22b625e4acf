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
}
