package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;

/**
 * The certification bound ||X_l^T r / n|| <= ||X_l^T r_ref / n|| + ||X_l||_2 ||r - r_ref|| / n:
 * it holds for random residuals, and it is attained (so a bound that understated ||X_l||_2 would
 * fail here) when r_ref = 0 and r is the top left singular vector of X_l, computed here by an
 * independent power iteration.
 */
class GradientNormBoundTest {
  private static double exactNorm(DenseMatrix x, GroupStructure g, int l, double[] r) {
    int n = x.rows();
    int p = x.cols();
    double s = 0;
    for (int q = g.start(l); q < g.end(l); q++) {
      int j = g.member(q);
      double c = 0;
      for (int i = 0; i < n; i++) {
        c += x.data()[i * p + j] * r[i];
      }
      c /= n;
      s += c * c;
    }
    return Math.sqrt(s);
  }

  /** u = X_l v / ||X_l v|| for the top eigenvector v of X_l^T X_l, by 2000 power iterations. */
  private static double[] topLeftSingularVector(DenseMatrix x, GroupStructure g, int l) {
    int n = x.rows();
    int p = x.cols();
    int m = g.end(l) - g.start(l);
    double[] v = new double[m];
    java.util.Arrays.fill(v, 1);
    double[] u = new double[n];
    for (int it = 0; it < 2000; it++) {
      java.util.Arrays.fill(u, 0);
      for (int a = 0; a < m; a++) {
        int j = g.member(g.start(l) + a);
        for (int i = 0; i < n; i++) {
          u[i] += x.data()[i * p + j] * v[a];
        }
      }
      double s = 0;
      for (int a = 0; a < m; a++) {
        int j = g.member(g.start(l) + a);
        double c = 0;
        for (int i = 0; i < n; i++) {
          c += x.data()[i * p + j] * u[i];
        }
        v[a] = c;
        s += c * c;
      }
      s = Math.sqrt(s);
      for (int a = 0; a < m; a++) {
        v[a] /= s;
      }
    }
    double s = 0;
    for (double e : u) {
      s += e * e;
    }
    s = Math.sqrt(s);
    for (int i = 0; i < n; i++) {
      u[i] /= s;
    }
    return u;
  }

  @Test
  void theBoundHoldsAndIsAttainedByTheTopSingularDirection() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 40;
    int p = 60;
    DenseMatrix x = TestData.gaussian(n, p, rng);
    GroupStructure g = TestData.randomGroups(p, 12, rng);
    LeastSquaresDatafit f = new LeastSquaresDatafit(x, new double[n], g);
    for (int l = 0; l < g.groupCount(); l++) {
      f.blockGram(l);
    }
    GradientNormBound bound = new GradientNormBound(f);
    double[] norms = new double[g.groupCount()];
    // attained: r_ref = 0, r = 3 u_l
    bound.reset(new double[n], norms);
    for (int l = 0; l < g.groupCount(); l++) {
      double[] r = topLeftSingularVector(x, g, l);
      for (int i = 0; i < n; i++) {
        r[i] *= 3;
      }
      bound.moveTo(r);
      double exact = exactNorm(x, g, l, r);
      assertThat(bound.upper(l)).as("group %d", l).isGreaterThanOrEqualTo(exact).isLessThan(exact * (1 + 1e-6));
    }
    // holds: random references and moves of every size
    for (int trial = 0; trial < 50; trial++) {
      double[] ref = new double[n];
      double[] r = new double[n];
      double scale = Math.pow(10, rng.nextInt(-3, 2));
      for (int i = 0; i < n; i++) {
        ref[i] = rng.nextDouble(-1, 1);
        r[i] = ref[i] + scale * rng.nextDouble(-1, 1);
      }
      for (int l = 0; l < g.groupCount(); l++) {
        norms[l] = exactNorm(x, g, l, ref);
      }
      bound.reset(ref, norms);
      bound.moveTo(r);
      for (int l = 0; l < g.groupCount(); l++) {
        assertThat(bound.upper(l)).isGreaterThanOrEqualTo(exactNorm(x, g, l, r));
      }
    }
  }
}
