package org.groupsparse.linalg;

import jdk.incubator.vector.DoubleVector;
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

  private VectorKernels() {}

  static double residualCorrelation(double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w, double[] c) {
    final int lanes = S.length();
    final int bound = S.loopBound(p);
    double loss = 0;
    int i = rowFrom;
    for (; i + 3 < rowTo; i += 4) {
      final int o0 = i * p;
      final int o1 = o0 + p;
      final int o2 = o1 + p;
      final int o3 = o2 + p;
      DoubleVector a0 = DoubleVector.zero(S);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      int j = 0;
      for (; j < bound; j += lanes) {
        DoubleVector wv = DoubleVector.fromArray(S, w, j);
        a0 = DoubleVector.fromArray(S, x, o0 + j).fma(wv, a0);
        a1 = DoubleVector.fromArray(S, x, o1 + j).fma(wv, a1);
        a2 = DoubleVector.fromArray(S, x, o2 + j).fma(wv, a2);
        a3 = DoubleVector.fromArray(S, x, o3 + j).fma(wv, a3);
      }
      double d0 = a0.reduceLanes(VectorOperators.ADD);
      double d1 = a1.reduceLanes(VectorOperators.ADD);
      double d2 = a2.reduceLanes(VectorOperators.ADD);
      double d3 = a3.reduceLanes(VectorOperators.ADD);
      for (int k = j; k < p; k++) {
        double wk = w[k];
        d0 += x[o0 + k] * wk;
        d1 += x[o1 + k] * wk;
        d2 += x[o2 + k] * wk;
        d3 += x[o3 + k] * wk;
      }
      double r0 = y[i] - d0;
      double r1 = y[i + 1] - d1;
      double r2 = y[i + 2] - d2;
      double r3 = y[i + 3] - d3;
      loss += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      DoubleVector v0 = DoubleVector.broadcast(S, r0);
      DoubleVector v1 = DoubleVector.broadcast(S, r1);
      DoubleVector v2 = DoubleVector.broadcast(S, r2);
      DoubleVector v3 = DoubleVector.broadcast(S, r3);
      for (j = 0; j < bound; j += lanes) {
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
    final int lanes = S.length();
    final int bound = S.loopBound(n);
    int a = 0;
    for (; a + 3 < m; a += 4) {
      int o0 = off + a * n;
      int o1 = o0 + n;
      int o2 = o1 + n;
      int o3 = o2 + n;
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = s0;
      DoubleVector s2 = s0;
      DoubleVector s3 = s0;
      int i = 0;
      for (; i < bound; i += lanes) {
        DoubleVector qv = DoubleVector.fromArray(S, q, i);
        s0 = DoubleVector.fromArray(S, x, o0 + i).fma(qv, s0);
        s1 = DoubleVector.fromArray(S, x, o1 + i).fma(qv, s1);
        s2 = DoubleVector.fromArray(S, x, o2 + i).fma(qv, s2);
        s3 = DoubleVector.fromArray(S, x, o3 + i).fma(qv, s3);
      }
      double d0 = s0.reduceLanes(VectorOperators.ADD);
      double d1 = s1.reduceLanes(VectorOperators.ADD);
      double d2 = s2.reduceLanes(VectorOperators.ADD);
      double d3 = s3.reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        double qi = q[i];
        d0 += x[o0 + i] * qi;
        d1 += x[o1 + i] * qi;
        d2 += x[o2 + i] * qi;
        d3 += x[o3 + i] * qi;
      }
      out[outOff + a] = d0 * scale;
      out[outOff + a + 1] = d1 * scale;
      out[outOff + a + 2] = d2 * scale;
      out[outOff + a + 3] = d3 * scale;
    }
    for (; a < m; a++) {
      out[outOff + a] = dot(x, off + a * n, q, n) * scale;
    }
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
