package org.groupsparse.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.groupsparse.linalg.SpectralNorm;
import org.groupsparse.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;

/** The shared group kernels and the power method, against definitions computed independently. */
class GroupOpsTest {
  @Test
  void normsMatchTheDefinitionAndSurviveOverflowAndUnderflow() {
    double[] a = {3, 4, 0, 12};
    assertThat(GroupOps.norm(a, 0, 2)).isEqualTo(5.0);
    assertThat(GroupOps.norm(a, 0, new int[] {3, 2, 0, 1}, 0, 3)).isEqualTo(Math.hypot(12, 3));
    // the plain sum of squares would overflow to infinity / underflow to zero
    double big = 1e200;
    assertThat(GroupOps.norm(new double[] {3 * big, 4 * big}, 0, 2)).isCloseTo(5 * big, within(1e186));
    double tiny = 1e-200;
    assertThat(GroupOps.norm(new double[] {3 * tiny, 4 * tiny}, 0, 2)).isCloseTo(5 * tiny, within(1e-214));
    assertThat(GroupOps.norm(new double[] {3 * tiny, 4 * tiny}, 0, new int[] {1, 0}, 0, 2))
        .isCloseTo(5 * tiny, within(1e-214));
    assertThat(GroupOps.norm(new double[] {1, Double.NaN}, 0, 2)).isNaN();
    assertThat(GroupOps.norm(new double[0], 0, 0)).isZero();
    assertThat(GroupOps.norm(new double[3], 0, 3)).isZero();
    assertThat(GroupOps.norm(new double[] {1e-170, 0}, 0, 2)).isEqualTo(1e-170);
  }

  @Test
  void blockSoftThresholdingIsTheProxOfTheGroupNorm() {
    // prox_{t||.||}(z) minimizes (1/2)||x - z||^2 + t||x||: check the optimality condition
    SplittableRandom rng = new SplittableRandom(3);
    for (int trial = 0; trial < 50; trial++) {
      int m = 1 + rng.nextInt(6);
      double[] z = new double[m];
      for (int k = 0; k < m; k++) {
        z[k] = rng.nextGaussian();
      }
      double t = 2 * rng.nextDouble();
      double[] x = z.clone();
      GroupOps.blockSoftThreshold(x, 0, m, t);
      double xn = GroupOps.norm(x, 0, m);
      double zn = GroupOps.norm(z, 0, m);
      if (zn <= t) {
        assertThat(xn).isZero();
      } else {
        for (int k = 0; k < m; k++) {
          assertThat(x[k] - z[k] + t * x[k] / xn).isCloseTo(0.0, within(1e-12));
        }
      }
      // the gathered form with offsets gives the same block
      int[] index = new int[m];
      double[] src = new double[m + 2];
      double[] dst = new double[m + 5];
      for (int k = 0; k < m; k++) {
        index[k] = m - 1 - k;
        src[2 + index[k]] = z[k];
      }
      GroupOps.blockSoftThreshold(src, 2, index, 0, m, t, dst, 5);
      for (int k = 0; k < m; k++) {
        assertThat(dst[5 + index[k]]).isEqualTo(x[k]);
      }
    }
  }

  @Test
  void normalizeGivesUnitBlocksAndAUniformDirectionForZero() {
    double[] a = {0, 0, 3, 4};
    int[] index = {2, 3, 0, 1};
    assertThat(GroupOps.normalize(a, index, 0, 2)).isEqualTo(5.0);
    assertThat(a[2]).isCloseTo(0.6, within(1e-15));
    assertThat(a[3]).isCloseTo(0.8, within(1e-15));
    GroupOps.normalize(a, index, 2, 4);
    assertThat(a[0]).isEqualTo(1 / Math.sqrt(2));
    assertThat(a[1]).isEqualTo(1 / Math.sqrt(2));
  }

  @Test
  void thePowerMethodFindsTheLargestEigenvalue() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 30;
    int k = 12;
    double[] x = new double[n * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    double[] gram = new double[k * k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        for (int i = 0; i < n; i++) {
          gram[a * k + b] += x[i * k + a] * x[i * k + b] / n;
        }
      }
    }
    double exact = SymmetricEigen.of(gram.clone(), k).values()[k - 1];
    double dense = SpectralNorm.largestEigenvalue(gram, k, SpectralNorm.seededStart(k));
    // matrix-free: v -> X^T X v / n
    double[] xv = new double[n];
    double free = SpectralNorm.largestEigenvalue((v, out) -> {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int a = 0; a < k; a++) {
          s += x[i * k + a] * v[a];
        }
        xv[i] = s;
      }
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x[i * k + a] * xv[i];
        }
        out[a] = s / n;
      }
    }, SpectralNorm.seededStart(k));
    assertThat(dense).isCloseTo(exact, within(1e-9 * exact));
    assertThat(free).isCloseTo(exact, within(1e-9 * exact));
    assertThat(SpectralNorm.largestEigenvalue((v, out) -> java.util.Arrays.fill(out, 0.0), new double[] {1, 2}))
        .isZero();
  }
}
