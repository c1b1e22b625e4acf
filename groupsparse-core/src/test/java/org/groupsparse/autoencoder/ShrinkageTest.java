package org.groupsparse.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.groupsparse.groups.GroupStructure;
import org.junit.jupiter.api.Test;

class ShrinkageTest {
  private static final GroupStructure GROUPS = GroupStructure.ofSizes(3, 1, 2, 4);
  private static final Shrinkage[] KINDS = {new GroupSoftThreshold(GROUPS), new SoftThreshold(10),
      new GroupSoftThreshold(GROUPS, true)};

  /**
   * The fast path for consecutive equal groups and the general member-list path agree: the same
   * five pairs stored interleaved (entries j and j + 5 form group j, general path) and consecutive
   * (fast path); likewise for the float versions, which agree with double to float rounding.
   */
  @Test
  void consecutiveEqualGroupsAgreeWithTheGeneralPath() {
    java.util.List<String> interleaved = new java.util.ArrayList<>();
    for (int j = 0; j < 10; j++) {
      interleaved.add("g" + (j % 5));
    }
    GroupSoftThreshold general = new GroupSoftThreshold(GroupStructure.ofLabels(interleaved));
    GroupSoftThreshold consecutive = new GroupSoftThreshold(GroupStructure.contiguous(2, 10, false));
    SplittableRandom rng = new SplittableRandom(5);
    for (int trial = 0; trial < 100; trial++) {
      double[] z = gaussian(rng, 10, 1.2);
      double[] u = gaussian(rng, 10, 1);
      if (trial % 10 == 0) {
        z[trial / 10 % 5] = 0; // an all-zero group (entries g and g + 5 of the interleaved layout)
        z[trial / 10 % 5 + 5] = 0;
      }
      double[] zc = new double[10];
      double[] uc = new double[10];
      for (int g = 0; g < 5; g++) {
        zc[2 * g] = z[g];
        zc[2 * g + 1] = z[g + 5];
        uc[2 * g] = u[g];
        uc[2 * g + 1] = u[g + 5];
      }
      double[] x = new double[10];
      double[] xc = new double[10];
      double[] b = new double[10];
      double[] bc = new double[10];
      general.apply(z, 0, 1.0, x, 0);
      consecutive.apply(zc, 0, 1.0, xc, 0);
      general.backward(z, 0, 1.0, u, 0, b, 0);
      consecutive.backward(zc, 0, 1.0, uc, 0, bc, 0);
      float[] zf = new float[10];
      float[] uf = new float[10];
      for (int j = 0; j < 10; j++) {
        zf[j] = (float) zc[j];
        uf[j] = (float) uc[j];
      }
      float[] xf = new float[10];
      float[] bf = new float[10];
      consecutive.apply(zf, 0, 1f, xf, 0);
      consecutive.backward(zf, 0, 1f, uf, 0, bf, 0);
      for (int g = 0; g < 5; g++) {
        for (int k = 0; k < 2; k++) {
          int j = g + 5 * k;
          assertThat(xc[2 * g + k]).isCloseTo(x[j], within(1e-15));
          assertThat(bc[2 * g + k]).isCloseTo(b[j], within(1e-14));
          assertThat((double) xf[2 * g + k]).isCloseTo(x[j], within(1e-5));
          assertThat((double) bf[2 * g + k]).isCloseTo(b[j], within(1e-4));
        }
      }
    }
  }

  @Test
  void isNonExpansive() {
    SplittableRandom rng = new SplittableRandom(1);
    for (Shrinkage s : KINDS) {
      for (int trial = 0; trial < 200; trial++) {
        double[] a = gaussian(rng, 10, 2);
        double[] b = gaussian(rng, 10, 2);
        double[] sa = new double[10];
        double[] sb = new double[10];
        s.apply(a, 0, 1.3, sa, 0);
        s.apply(b, 0, 1.3, sb, 0);
        assertThat(distance(sa, sb)).isLessThanOrEqualTo(distance(a, b) + 1e-12);
      }
    }
  }

  @Test
  void zeroesGroupsBelowTheThresholdAndShrinksTheOthersByExactlyIt() {
    double[] z = {3, 4, 0, 0.5, 0.1, 0.2, 1, 1, 1, 1};
    double[] x = new double[10];
    new GroupSoftThreshold(GROUPS).apply(z, 0, 1.0, x, 0);
    // group 0: norm 5 -> 4, same direction
    assertThat(x[0]).isCloseTo(3 * 0.8, within(1e-15));
    assertThat(x[1]).isCloseTo(4 * 0.8, within(1e-15));
    assertThat(x[2]).isZero();
    // group 1: |0.5| < 1 -> 0; group 2: norm sqrt(0.05) < 1 -> 0
    assertThat(x[3]).isZero();
    assertThat(x[4]).isZero();
    assertThat(x[5]).isZero();
    // group 3: norm 2 -> 1
    for (int j = 6; j < 10; j++) {
      assertThat(x[j]).isCloseTo(0.5, within(1e-15));
    }
    double[] e = new double[10];
    new SoftThreshold(10).apply(z, 0, 1.0, e, 0);
    assertThat(e).containsExactly(new double[] {2, 3, 0, 0, 0, 0, 0, 0, 0, 0}, within(1e-15));
  }

  @Test
  void isTheProximalOperator() {
    // x = prox(z) minimizes (1/2)||x - z||^2 + t sum ||x_g||: no random perturbation does better
    SplittableRandom rng = new SplittableRandom(2);
    GroupSoftThreshold s = new GroupSoftThreshold(GROUPS);
    for (int trial = 0; trial < 50; trial++) {
      double[] z = gaussian(rng, 10, 1.5);
      double[] x = new double[10];
      s.apply(z, 0, 1.0, x, 0);
      double best = objective(z, x, 1.0);
      for (int k = 0; k < 50; k++) {
        double[] other = x.clone();
        double[] step = gaussian(rng, 10, 0.05);
        for (int j = 0; j < 10; j++) {
          other[j] += step[j];
        }
        assertThat(objective(z, other, 1.0)).isGreaterThanOrEqualTo(best - 1e-12);
      }
    }
  }

  /**
   * The one-sided shrinkage is the proximal operator of t sum ||x_g|| plus the indicator of
   * x &gt;= 0: its output is nonnegative and no feasible perturbation does better; it equals the
   * two-sided shrinkage of the positive part; the float path agrees.
   */
  @Test
  void oneSidedIsTheProximalOperatorOnTheNonnegativeOrthant() {
    SplittableRandom rng = new SplittableRandom(4);
    GroupSoftThreshold oneSided = new GroupSoftThreshold(GROUPS, true);
    GroupSoftThreshold twoSided = new GroupSoftThreshold(GROUPS);
    assertThat(oneSided.kind()).isEqualTo("nonnegative-group");
    int active = 0;
    for (int trial = 0; trial < 50; trial++) {
      double[] z = gaussian(rng, 10, 1.5);
      double[] x = new double[10];
      oneSided.apply(z, 0, 0.7, x, 0);
      double[] positive = new double[10];
      for (int j = 0; j < 10; j++) {
        assertThat(x[j]).isGreaterThanOrEqualTo(0);
        positive[j] = Math.max(0, z[j]);
        active += x[j] > 0 ? 1 : 0;
      }
      double[] expected = new double[10];
      twoSided.apply(positive, 0, 0.7, expected, 0);
      assertThat(x).containsExactly(expected, within(1e-15));
      float[] zf = new float[10];
      for (int j = 0; j < 10; j++) {
        zf[j] = (float) z[j];
      }
      float[] xf = new float[10];
      oneSided.apply(zf, 0, 0.7f, xf, 0);
      for (int j = 0; j < 10; j++) {
        assertThat((double) xf[j]).isCloseTo(x[j], within(1e-5));
      }
      double best = objective(z, x, 0.7);
      for (int k = 0; k < 50; k++) {
        double[] other = x.clone();
        double[] step = gaussian(rng, 10, 0.05);
        for (int j = 0; j < 10; j++) {
          other[j] = Math.max(0, other[j] + step[j]);
        }
        assertThat(objective(z, other, 0.7)).isGreaterThanOrEqualTo(best - 1e-12);
      }
    }
    assertThat(active).isGreaterThan(50); // not vacuous: many entries survive
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    double h = 1e-6;
    for (Shrinkage s : KINDS) {
      for (int trial = 0; trial < 20; trial++) {
        double[] z = gaussian(rng, 10, 1.5);
        double[] u = gaussian(rng, 10, 1);
        double[] jtu = new double[10];
        s.backward(z, 0, 0.8, u, 0, jtu, 0);
        for (int j = 0; j < 10; j++) {
          double[] plus = z.clone();
          double[] minus = z.clone();
          plus[j] += h;
          minus[j] -= h;
          double[] xp = new double[10];
          double[] xm = new double[10];
          s.apply(plus, 0, 0.8, xp, 0);
          s.apply(minus, 0, 0.8, xm, 0);
          double fd = 0;
          for (int i = 0; i < 10; i++) {
            fd += u[i] * (xp[i] - xm[i]) / (2 * h);
          }
          assertThat(jtu[j]).isCloseTo(fd, within(1e-6));
        }
      }
    }
  }

  private static double objective(double[] z, double[] x, double t) {
    double s = 0;
    for (int j = 0; j < z.length; j++) {
      s += 0.5 * (x[j] - z[j]) * (x[j] - z[j]);
    }
    int[] members = GROUPS.members();
    for (int g = 0; g < GROUPS.groupCount(); g++) {
      double sq = 0;
      for (int k = GROUPS.start(g); k < GROUPS.end(g); k++) {
        sq += x[members[k]] * x[members[k]];
      }
      s += t * Math.sqrt(sq);
    }
    return s;
  }

  static double[] gaussian(SplittableRandom rng, int len, double sd) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = sd * rng.nextGaussian();
    }
    return v;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  /**
   * The SIMD kernels for groups of two equal the scalar formulas bit for bit (each pair computed
   * alone, a row too short for a vector), in both precisions, on rows of 1,002 entries (not a
   * multiple of any vector width) mixing inactive, barely active, zero and large groups and an
   * offset; and they agree with the general member-list path to rounding.
   */
  @Test
  void pairKernelsEqualTheScalarFormulasBitForBit() {
    int width = 1002;
    int offset = 3;
    SplittableRandom rng = new SplittableRandom(11);
    double[] z = new double[offset + width];
    double[] u = new double[offset + width];
    for (int j = offset; j < offset + width; j++) {
      int kind = (j - offset) / 2 % 5;
      z[j] = kind == 0 ? 0.0 : kind == 1 ? 1e-3 * rng.nextGaussian() : kind == 2 ? 1e6 * rng.nextGaussian()
          : rng.nextGaussian();
      u[j] = rng.nextGaussian();
    }
    double threshold = 0.8;
    double[] x = new double[offset + width];
    double[] b = new double[offset + width];
    double[] xs = new double[offset + width];
    double[] bs = new double[offset + width];
    PairShrinkVectorDouble.apply(z, offset, threshold, x, offset, width);
    PairShrinkVectorDouble.backward(z, offset, threshold, u, offset, b, offset, width);
    float[] zf = new float[offset + width];
    float[] uf = new float[offset + width];
    for (int j = 0; j < zf.length; j++) {
      zf[j] = (float) z[j];
      uf[j] = (float) u[j];
    }
    float[] xf = new float[offset + width];
    float[] bf = new float[offset + width];
    float[] xfs = new float[offset + width];
    float[] bfs = new float[offset + width];
    PairShrinkVectorFloat.apply(zf, offset, (float) threshold, xf, offset, width);
    PairShrinkVectorFloat.backward(zf, offset, (float) threshold, uf, offset, bf, offset, width);
    for (int j = offset; j < offset + width; j += 2) {
      PairShrinkVectorDouble.apply(z, j, threshold, xs, j, 2);
      PairShrinkVectorDouble.backward(z, j, threshold, u, j, bs, j, 2);
      PairShrinkVectorFloat.apply(zf, j, (float) threshold, xfs, j, 2);
      PairShrinkVectorFloat.backward(zf, j, (float) threshold, uf, j, bfs, j, 2);
    }
    assertThat(x).isEqualTo(xs);
    assertThat(b).isEqualTo(bs);
    assertThat(xf).isEqualTo(xfs);
    assertThat(bf).isEqualTo(bfs);
    // the general member-list path (a different formula) agrees to rounding
    java.util.List<String> labels = new java.util.ArrayList<>();
    for (int j = 0; j < width; j++) {
      labels.add("g" + (j % (width / 2)));
    }
    GroupSoftThreshold general = new GroupSoftThreshold(GroupStructure.ofLabels(labels));
    double[] zi = new double[width];
    double[] ui = new double[width];
    for (int g = 0; g < width / 2; g++) {
      zi[g] = z[offset + 2 * g];
      zi[g + width / 2] = z[offset + 2 * g + 1];
      ui[g] = u[offset + 2 * g];
      ui[g + width / 2] = u[offset + 2 * g + 1];
    }
    double[] xi = new double[width];
    double[] bi = new double[width];
    general.apply(zi, 0, threshold, xi, 0);
    general.backward(zi, 0, threshold, ui, 0, bi, 0);
    for (int g = 0; g < width / 2; g++) {
      for (int e = 0; e < 2; e++) {
        double expectX = xi[g + e * (width / 2)];
        double expectB = bi[g + e * (width / 2)];
        assertThat(x[offset + 2 * g + e]).isCloseTo(expectX, within(1e-12 * (1 + Math.abs(expectX))));
        assertThat(b[offset + 2 * g + e]).isCloseTo(expectB, within(1e-12 * (1 + Math.abs(expectB))));
      }
    }
  }
}
