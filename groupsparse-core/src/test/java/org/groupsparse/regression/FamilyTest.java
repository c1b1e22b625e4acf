package org.groupsparse.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * log(1 + e^x) by Kahan's log1p against the JDK's StrictMath (fdlibm), and the fused loss and
 * residual pass against the per-row loss and mean it replaces in the GLM path.
 */
class FamilyTest {
  /** The reference: max(x, 0) + StrictMath.log1p(e^{-|x|}), fdlibm's log1p (< 1 ulp). */
  private static double reference(double x) {
    return Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
  }

  @Test
  void log1pExpIsWithinAFewUlpsOfFdlibmAndNeverOverflows() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int k = 0; k < 200_000; k++) {
      double x = k < 100_000 ? rng.nextDouble(-40, 40) : rng.nextDouble(-1e-6, 1e-6) * Math.pow(10, -rng.nextInt(10));
      double expected = reference(x);
      assertThat(Math.abs(Family.log1pExp(x) - expected)).as("x = %s", x).isLessThanOrEqualTo(4 * Math.ulp(expected));
    }
    assertThat(Family.log1pExp(1000)).isEqualTo(1000);
    assertThat(Family.log1pExp(-1000)).isEqualTo(0);
    assertThat(Family.log1pExp(-745)).isGreaterThan(0).isLessThan(1e-300);
    assertThat(Family.log1pExp(0)).isEqualTo(Math.log(2));
  }

  @Test
  void theFusedLossAndResidualEqualLossAndMeanBitForBit() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 500;
    double[] eta = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      eta[i] = rng.nextDouble(-30, 30);
      z[i] = rng.nextGaussian();
    }
    for (Family family : Family.values()) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = switch (family) {
          case GAUSSIAN -> rng.nextGaussian();
          case BINOMIAL -> rng.nextInt(2);
          case POISSON -> rng.nextInt(6);
        };
      }
      double[] etaPoisson = eta.clone();
      if (family == Family.POISSON) {
        for (int i = 0; i < n; i++) {
          etaPoisson[i] = eta[i] / 10; // rates that stay finite
        }
      }
      for (double t : new double[] {0.0, 0.5, 1.0}) {
        double[] r = new double[n];
        double fused = family.lossAndResidual(y, etaPoisson, t == 0 ? null : z, t, r, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
          double e = t == 0 ? etaPoisson[i] : etaPoisson[i] + t * z[i];
          sum += family.loss(y[i], e);
          assertThat(r[i]).as("%s row %d t %s", family, i, t).isEqualTo(y[i] - family.mean(e));
        }
        assertThat(fused).as("%s t %s", family, t).isEqualTo(sum);
      }
    }
  }
}
