package org.groupsparse.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD forms of the {@link MatrixOps} row kernels on the JDK's Vector API. Only loaded when the
 * JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code groupsparse} launcher and
 * the test build do); {@link MatrixOps} falls back to scalar loops otherwise.
 *
 * <p>Rows are processed four at a time: the four dot products share each load of w, and the four
 * rank-one updates of the correlation share each load and store of c, so each row of X is read
 * from memory once per fused pass (and a second time from cache).
 */
final class VectorKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  /** Floats as many as S has doubles: a load of them widens to one S vector. */
  private static final VectorSpecies<Float> HALF = FloatVector.SPECIES_PREFERRED.length() >= 2 * S.length()
      ? VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2)) : null;

  private VectorKernels() {}

  /** @return the doubles in one SIMD vector of these kernels */
  static int lanes() {
    return S.length();
  }

  static double residualCorrelation(double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w, double[] c) {
    final int lanes = S.length();
    final int bound = S.loopBound(p);
    final double[] d = new double[4];
    double loss = 0;
    int i = rowFrom;
    for (; i + 3 < rowTo; i += 4) {
      final int o0 = i * p;
      final int o1 = o0 + p;
      final int o2 = o1 + p;
      final int o3 = o2 + p;
      dots4(x, o0, p, w, p, d, 0);
      double r0 = y[i] - d[0];
      double r1 = y[i + 1] - d[1];
      double r2 = y[i + 2] - d[2];
      double r3 = y[i + 3] - d[3];
      loss += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      DoubleVector v0 = DoubleVector.broadcast(S, r0);
      DoubleVector v1 = DoubleVector.broadcast(S, r1);
      DoubleVector v2 = DoubleVector.broadcast(S, r2);
      DoubleVector v3 = DoubleVector.broadcast(S, r3);
      int j = 0;
      for (; j < bound; j += lanes) {
        DoubleVector cv = DoubleVector.fromArray(S, c, j);
        cv = DoubleVector.fromArray(S, x, o0 + j).fma(v0, cv);
        cv = DoubleVector.fromArray(S, x, o1 + j).fma(v1, cv);
        cv = DoubleVector.fromArray(S, x, o2 + j).fma(v2, cv);
        cv = DoubleVector.fromArray(S, x, o3 + j).fma(v3, cv);
        cv.intoArray(c, j);
      }
      for (; j < p; j++) {
        c[j] += r0 * x[o0 + j] + r1 * x[o1 + j] + r2 * x[o2 + j] + r3 * x[o3 + j];
      }
    }
    for (; i < rowTo; i++) {
      int off = i * p;
      double r = y[i] - dot(x, off, w, p);
      loss += r * r;
      DoubleVector rv = DoubleVector.broadcast(S, r);
      int j = 0;
      for (; j < bound; j += lanes) {
        DoubleVector.fromArray(S, x, off + j).fma(rv, DoubleVector.fromArray(S, c, j)).intoArray(c, j);
      }
      for (; j < p; j++) {
        c[j] += r * x[off + j];
      }
    }
    return loss;
  }

  static void blockCorrelation(double[] x, int off, int n, int m, double[] q, double scale, double[] out,
      int outOff) {
    int a = 0;
    for (; a + 3 < m; a += 4) {
      dots4(x, off + a * n, n, q, n, out, outOff + a);
      for (int t = 0; t < 4; t++) {
        out[outOff + a + t] *= scale;
      }
    }
    for (; a < m; a++) {
      out[outOff + a] = dot(x, off + a * n, q, n) * scale;
    }
  }

  /**
   * Inner products of up to four consecutive rows of x (row b at {@code o0 + b p}) with the k rows
   * of c: {@code out[b k + l] = x_b . c_l}. Four rows against four centres at a time, sixteen vector
   * accumulators, so that each load of a row's or a centre's vector feeds four multiply-adds.
   */
  static void rowProducts(double[] x, int o0, int rows, int p, double[] c, int k, double[] out) {
    if (rows < 4) {
      for (int b = 0; b < rows; b++) {
        for (int l = 0; l < k; l++) {
          out[b * k + l] = dot(x, o0 + b * p, c, l * p, p);
        }
      }
      return;
    }
    final int lanes = S.length();
    final int bound = S.loopBound(p);
    final int o1 = o0 + p;
    final int o2 = o1 + p;
    final int o3 = o2 + p;
    int l = 0;
    for (; l + 3 < k; l += 4) {
      final int c0 = l * p;
      final int c1 = c0 + p;
      final int c2 = c1 + p;
      final int c3 = c2 + p;
      DoubleVector a00 = DoubleVector.zero(S);
      DoubleVector a01 = a00;
      DoubleVector a02 = a00;
      DoubleVector a03 = a00;
      DoubleVector a10 = a00;
      DoubleVector a11 = a00;
      DoubleVector a12 = a00;
      DoubleVector a13 = a00;
      DoubleVector a20 = a00;
      DoubleVector a21 = a00;
      DoubleVector a22 = a00;
      DoubleVector a23 = a00;
      DoubleVector a30 = a00;
      DoubleVector a31 = a00;
      DoubleVector a32 = a00;
      DoubleVector a33 = a00;
      int j = 0;
      for (; j < bound; j += lanes) {
        DoubleVector v0 = DoubleVector.fromArray(S, c, c0 + j);
        DoubleVector v1 = DoubleVector.fromArray(S, c, c1 + j);
        DoubleVector v2 = DoubleVector.fromArray(S, c, c2 + j);
        DoubleVector v3 = DoubleVector.fromArray(S, c, c3 + j);
        DoubleVector x0 = DoubleVector.fromArray(S, x, o0 + j);
        a00 = x0.fma(v0, a00);
        a01 = x0.fma(v1, a01);
        a02 = x0.fma(v2, a02);
        a03 = x0.fma(v3, a03);
        DoubleVector x1 = DoubleVector.fromArray(S, x, o1 + j);
        a10 = x1.fma(v0, a10);
        a11 = x1.fma(v1, a11);
        a12 = x1.fma(v2, a12);
        a13 = x1.fma(v3, a13);
        DoubleVector x2 = DoubleVector.fromArray(S, x, o2 + j);
        a20 = x2.fma(v0, a20);
        a21 = x2.fma(v1, a21);
        a22 = x2.fma(v2, a22);
        a23 = x2.fma(v3, a23);
        DoubleVector x3 = DoubleVector.fromArray(S, x, o3 + j);
        a30 = x3.fma(v0, a30);
        a31 = x3.fma(v1, a31);
        a32 = x3.fma(v2, a32);
        a33 = x3.fma(v3, a33);
      }
      out[l] = a00.reduceLanes(VectorOperators.ADD);
      out[l + 1] = a01.reduceLanes(VectorOperators.ADD);
      out[l + 2] = a02.reduceLanes(VectorOperators.ADD);
      out[l + 3] = a03.reduceLanes(VectorOperators.ADD);
      out[k + l] = a10.reduceLanes(VectorOperators.ADD);
      out[k + l + 1] = a11.reduceLanes(VectorOperators.ADD);
      out[k + l + 2] = a12.reduceLanes(VectorOperators.ADD);
      out[k + l + 3] = a13.reduceLanes(VectorOperators.ADD);
      out[2 * k + l] = a20.reduceLanes(VectorOperators.ADD);
      out[2 * k + l + 1] = a21.reduceLanes(VectorOperators.ADD);
      out[2 * k + l + 2] = a22.reduceLanes(VectorOperators.ADD);
      out[2 * k + l + 3] = a23.reduceLanes(VectorOperators.ADD);
      out[3 * k + l] = a30.reduceLanes(VectorOperators.ADD);
      out[3 * k + l + 1] = a31.reduceLanes(VectorOperators.ADD);
      out[3 * k + l + 2] = a32.reduceLanes(VectorOperators.ADD);
      out[3 * k + l + 3] = a33.reduceLanes(VectorOperators.ADD);
      for (; j < p; j++) {
        for (int b = 0; b < 4; b++) {
          double xv = x[o0 + b * p + j];
          out[b * k + l] += xv * c[c0 + j];
          out[b * k + l + 1] += xv * c[c1 + j];
          out[b * k + l + 2] += xv * c[c2 + j];
          out[b * k + l + 3] += xv * c[c3 + j];
        }
      }
    }
    for (; l < k; l++) {
      dots4(x, o0, p, c, l * p, p, out, l, k);
    }
  }

  /**
   * Squared distances of four consecutive rows (row t at {@code o0 + t p}) to one point {@code
   * c[cOff ..]}: {@code out[t] = ||x_t - c||^2}, reading c once per vector for the four rows.
   */
  static void squaredDistances4(double[] x, int o0, int p, double[] c, int cOff, double[] out) {
    final int lanes = S.length();
    final int bound = S.loopBound(p);
    final int o1 = o0 + p;
    final int o2 = o1 + p;
    final int o3 = o2 + p;
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int j = 0;
    for (; j < bound; j += lanes) {
      DoubleVector cv = DoubleVector.fromArray(S, c, cOff + j);
      DoubleVector d0 = DoubleVector.fromArray(S, x, o0 + j).sub(cv);
      DoubleVector d1 = DoubleVector.fromArray(S, x, o1 + j).sub(cv);
      DoubleVector d2 = DoubleVector.fromArray(S, x, o2 + j).sub(cv);
      DoubleVector d3 = DoubleVector.fromArray(S, x, o3 + j).sub(cv);
      s0 = d0.fma(d0, s0);
      s1 = d1.fma(d1, s1);
      s2 = d2.fma(d2, s2);
      s3 = d3.fma(d3, s3);
    }
    double t0 = s0.reduceLanes(VectorOperators.ADD);
    double t1 = s1.reduceLanes(VectorOperators.ADD);
    double t2 = s2.reduceLanes(VectorOperators.ADD);
    double t3 = s3.reduceLanes(VectorOperators.ADD);
    for (; j < p; j++) {
      double cj = c[cOff + j];
      double d0 = x[o0 + j] - cj;
      double d1 = x[o1 + j] - cj;
      double d2 = x[o2 + j] - cj;
      double d3 = x[o3 + j] - cj;
      t0 += d0 * d0;
      t1 += d1 * d1;
      t2 += d2 * d2;
      t3 += d3 * d3;
    }
    out[0] = t0;
    out[1] = t1;
    out[2] = t2;
    out[3] = t3;
  }

  /**
   * Four dot products with one vector at {@code v[vOff ..]}: {@code out[outOff + t outStride] =
   * x[o0 + t stride ..] . v[vOff ..]} over {@code len} terms for t = 0..3, reading v once.
   */
  private static void dots4(double[] x, int o0, int stride, double[] v, int vOff, int len, double[] out, int outOff,
      int outStride) {
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    final int o1 = o0 + stride;
    final int o2 = o1 + stride;
    final int o3 = o2 + stride;
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = 0;
    for (; i < bound; i += lanes) {
      DoubleVector vv = DoubleVector.fromArray(S, v, vOff + i);
      s0 = DoubleVector.fromArray(S, x, o0 + i).fma(vv, s0);
      s1 = DoubleVector.fromArray(S, x, o1 + i).fma(vv, s1);
      s2 = DoubleVector.fromArray(S, x, o2 + i).fma(vv, s2);
      s3 = DoubleVector.fromArray(S, x, o3 + i).fma(vv, s3);
    }
    double d0 = s0.reduceLanes(VectorOperators.ADD);
    double d1 = s1.reduceLanes(VectorOperators.ADD);
    double d2 = s2.reduceLanes(VectorOperators.ADD);
    double d3 = s3.reduceLanes(VectorOperators.ADD);
    for (; i < len; i++) {
      double vi = v[vOff + i];
      d0 += x[o0 + i] * vi;
      d1 += x[o1 + i] * vi;
      d2 += x[o2 + i] * vi;
      d3 += x[o3 + i] * vi;
    }
    out[outOff] = d0;
    out[outOff + outStride] = d1;
    out[outOff + 2 * outStride] = d2;
    out[outOff + 3 * outStride] = d3;
  }

  /**
   * Four dot products with one vector, {@code out[outOff + t] = x[o0 + t stride ..] . v[0 ..]} over
   * {@code len} terms for t = 0..3, reading v once: the rows of a row-major block (stride p) or the
   * columns of a column-major one (stride n). Each sum in the same order as a lone SIMD dot with a
   * single accumulator.
   */
  private static void dots4(double[] x, int o0, int stride, double[] v, int len, double[] out, int outOff) {
    dots4(x, o0, stride, v, 0, len, out, outOff, 1);
  }


  static void weightedGroupUpdate(double[] x, int off, int n, int m, double[] delta, double[] h, double[] z,
      double[] q) {
    final int lanes = S.length();
    final int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += lanes) {
      DoubleVector t = DoubleVector.zero(S);
      for (int a = 0; a < m; a++) {
        t = DoubleVector.fromArray(S, x, off + a * n + i).fma(DoubleVector.broadcast(S, delta[a]), t);
      }
      DoubleVector.fromArray(S, z, i).add(t).intoArray(z, i);
      t.neg().fma(DoubleVector.fromArray(S, h, i), DoubleVector.fromArray(S, q, i)).intoArray(q, i);
    }
    for (; i < n; i++) {
      double t = 0;
      for (int a = 0; a < m; a++) {
        t += delta[a] * x[off + a * n + i];
      }
      z[i] += t;
      q[i] -= h[i] * t;
    }
  }

  static void weightedColumnUpdate(double[] x, int off, int n, double d, double[] h, double[] q) {
    final int lanes = S.length();
    final int bound = S.loopBound(n);
    DoubleVector minusD = DoubleVector.broadcast(S, -d);
    int i = 0;
    for (; i < bound; i += lanes) {
      DoubleVector t = DoubleVector.fromArray(S, x, off + i).mul(minusD);
      t.fma(DoubleVector.fromArray(S, h, i), DoubleVector.fromArray(S, q, i)).intoArray(q, i);
    }
    for (; i < n; i++) {
      q[i] -= h[i] * (d * x[off + i]);
    }
  }

  /**
   * out[a ldo + c] = out[c ldo + a] = scale (x_a . x_c) for the columns x_0..x_{count-1} stored one
   * after another (x_a at a n): 4 x 4 blocks of columns with one vector accumulator per pair, so each
   * pair's sum is in the order of {@link #dot(double[], int, double[], int, int)} whatever the
   * blocking.
   */
  static void gram(double[] x, int count, int n, double scale, double[] out, int ldo) {
    final int lanes = S.length();
    final int bound = S.loopBound(n);
    int a0 = 0;
    for (; a0 + 4 <= count; a0 += 4) {
      int c0 = 0;
      for (; c0 + 4 <= a0 + 4; c0 += 4) {
        int oa = a0 * n;
        int oc = c0 * n;
        DoubleVector s00 = DoubleVector.zero(S);
        DoubleVector s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int i = 0;
        for (; i < bound; i += lanes) {
          DoubleVector xa0 = DoubleVector.fromArray(S, x, oa + i);
          DoubleVector xa1 = DoubleVector.fromArray(S, x, oa + n + i);
          DoubleVector xa2 = DoubleVector.fromArray(S, x, oa + 2 * n + i);
          DoubleVector xa3 = DoubleVector.fromArray(S, x, oa + 3 * n + i);
          DoubleVector xc = DoubleVector.fromArray(S, x, oc + i);
          s00 = xa0.fma(xc, s00);
          s10 = xa1.fma(xc, s10);
          s20 = xa2.fma(xc, s20);
          s30 = xa3.fma(xc, s30);
          xc = DoubleVector.fromArray(S, x, oc + n + i);
          s01 = xa0.fma(xc, s01);
          s11 = xa1.fma(xc, s11);
          s21 = xa2.fma(xc, s21);
          s31 = xa3.fma(xc, s31);
          xc = DoubleVector.fromArray(S, x, oc + 2 * n + i);
          s02 = xa0.fma(xc, s02);
          s12 = xa1.fma(xc, s12);
          s22 = xa2.fma(xc, s22);
          s32 = xa3.fma(xc, s32);
          xc = DoubleVector.fromArray(S, x, oc + 3 * n + i);
          s03 = xa0.fma(xc, s03);
          s13 = xa1.fma(xc, s13);
          s23 = xa2.fma(xc, s23);
          s33 = xa3.fma(xc, s33);
        }
        gramEntry(x, n, bound, scale, out, ldo, a0, c0, s00);
        gramEntry(x, n, bound, scale, out, ldo, a0, c0 + 1, s01);
        gramEntry(x, n, bound, scale, out, ldo, a0, c0 + 2, s02);
        gramEntry(x, n, bound, scale, out, ldo, a0, c0 + 3, s03);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 1, c0, s10);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 1, c0 + 1, s11);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 1, c0 + 2, s12);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 1, c0 + 3, s13);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 2, c0, s20);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 2, c0 + 1, s21);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 2, c0 + 2, s22);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 2, c0 + 3, s23);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 3, c0, s30);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 3, c0 + 1, s31);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 3, c0 + 2, s32);
        gramEntry(x, n, bound, scale, out, ldo, a0 + 3, c0 + 3, s33);
      }
    }
    for (int a = a0; a < count; a++) {
      for (int c = 0; c <= a; c++) {
        double v = dot(x, a * n, x, c * n, n) * scale;
        out[a * ldo + c] = v;
        out[c * ldo + a] = v;
      }
    }
  }

  /** One entry of {@link #gram}: the accumulator's lanes, then the tail, scaled, stored both ways (c &lt;= a only). */
  private static void gramEntry(double[] x, int n, int bound, double scale, double[] out, int ldo, int a, int c,
      DoubleVector sum) {
    if (c > a) {
      return;
    }
    double v = sum.reduceLanes(VectorOperators.ADD);
    for (int j = bound; j < n; j++) {
      v += x[a * n + j] * x[c * n + j];
    }
    v *= scale;
    out[a * ldo + c] = v;
    out[c * ldo + a] = v;
  }

  static double streamSum(double[] a, int from, int to) {
    final int lanes = S.length();
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = from;
    for (; i + 4 * lanes <= to; i += 4 * lanes) {
      s0 = s0.add(DoubleVector.fromArray(S, a, i));
      s1 = s1.add(DoubleVector.fromArray(S, a, i + lanes));
      s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * lanes));
      s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * lanes));
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) {
      s += a[i];
    }
    return s;
  }

  /**
   * sum_i a[off + i] b[i] with the float32 entries widened to double and accumulated in double
   * (two accumulators).
   */
  static double dotWidened(float[] a, int off, double[] b, int len) {
    if (HALF == null) {
      double s = 0;
      for (int j = 0; j < len; j++) {
        s += a[off + j] * b[j];
      }
      return s;
    }
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    int j = 0;
    for (; j + lanes < bound; j += 2 * lanes) {
      DoubleVector a0 = (DoubleVector) FloatVector.fromArray(HALF, a, off + j).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector a1 = (DoubleVector) FloatVector.fromArray(HALF, a, off + j + lanes)
          .convertShape(VectorOperators.F2D, S, 0);
      s0 = a0.fma(DoubleVector.fromArray(S, b, j), s0);
      s1 = a1.fma(DoubleVector.fromArray(S, b, j + lanes), s1);
    }
    for (; j < bound; j += lanes) {
      DoubleVector a0 = (DoubleVector) FloatVector.fromArray(HALF, a, off + j).convertShape(VectorOperators.F2D, S, 0);
      s0 = a0.fma(DoubleVector.fromArray(S, b, j), s0);
    }
    double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; j < len; j++) {
      s += a[off + j] * b[j];
    }
    return s;
  }

  /** y_i = y_i + alpha x_{off+i} for i &lt; len, the product rounded then the sum (not fused), as the scalar loop. */
  static void axpy(double alpha, double[] x, int off, double[] y, int len) {
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    DoubleVector a = DoubleVector.broadcast(S, alpha);
    int j = 0;
    for (; j < bound; j += lanes) {
      DoubleVector.fromArray(S, y, j).add(DoubleVector.fromArray(S, x, off + j).mul(a)).intoArray(y, j);
    }
    for (; j < len; j++) {
      y[j] += alpha * x[off + j];
    }
  }

  /** {@link MatrixOps#axpy(double, double[], int, double[], int, int)}: y from an offset. */
  static void axpy(double alpha, double[] x, int off, double[] y, int yOff, int len) {
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    DoubleVector a = DoubleVector.broadcast(S, alpha);
    int j = 0;
    for (; j < bound; j += lanes) {
      DoubleVector.fromArray(S, y, yOff + j).add(DoubleVector.fromArray(S, x, off + j).mul(a)).intoArray(y, yOff + j);
    }
    for (; j < len; j++) {
      y[yOff + j] += alpha * x[off + j];
    }
  }

  /** {@link MatrixOps#axpy4}: four axpys in one pass, in the same order in every lane as one after the other. */
  static void axpy4(double a0, double a1, double a2, double a3, double[] x, int o0, int o1, int o2, int o3,
      double[] y, int len) {
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    DoubleVector b0 = DoubleVector.broadcast(S, a0);
    DoubleVector b1 = DoubleVector.broadcast(S, a1);
    DoubleVector b2 = DoubleVector.broadcast(S, a2);
    DoubleVector b3 = DoubleVector.broadcast(S, a3);
    int j = 0;
    for (; j < bound; j += lanes) {
      DoubleVector.fromArray(S, y, j)
          .add(DoubleVector.fromArray(S, x, o0 + j).mul(b0))
          .add(DoubleVector.fromArray(S, x, o1 + j).mul(b1))
          .add(DoubleVector.fromArray(S, x, o2 + j).mul(b2))
          .add(DoubleVector.fromArray(S, x, o3 + j).mul(b3))
          .intoArray(y, j);
    }
    for (; j < len; j++) {
      y[j] = y[j] + a0 * x[o0 + j] + a1 * x[o1 + j] + a2 * x[o2 + j] + a3 * x[o3 + j];
    }
  }

  static double dot(double[] a, int off, double[] b, int len) {
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    int j = 0;
    for (; j + lanes < bound; j += 2 * lanes) {
      s0 = DoubleVector.fromArray(S, a, off + j).fma(DoubleVector.fromArray(S, b, j), s0);
      s1 = DoubleVector.fromArray(S, a, off + j + lanes).fma(DoubleVector.fromArray(S, b, j + lanes), s1);
    }
    for (; j < bound; j += lanes) {
      s0 = DoubleVector.fromArray(S, a, off + j).fma(DoubleVector.fromArray(S, b, j), s0);
    }
    double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; j < len; j++) {
      s += a[off + j] * b[j];
    }
    return s;
  }

  static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
    final int lanes = S.length();
    final int bound = S.loopBound(len);
    DoubleVector s0 = DoubleVector.zero(S);
    int j = 0;
    for (; j < bound; j += lanes) {
      s0 = DoubleVector.fromArray(S, a, aOff + j).fma(DoubleVector.fromArray(S, b, bOff + j), s0);
    }
    double s = s0.reduceLanes(VectorOperators.ADD);
    for (; j < len; j++) {
      s += a[aOff + j] * b[bOff + j];
    }
    return s;
  }

  static double residualSumOfSquares(double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w) {
    double loss = 0;
    for (int i = rowFrom; i < rowTo; i++) {
      double r = y[i] - dot(x, i * p, w, p);
      loss += r * r;
    }
    return loss;
  }
}
