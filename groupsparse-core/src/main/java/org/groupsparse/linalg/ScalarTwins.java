package org.groupsparse.linalg;

/**
 * Scalar twins of SIMD kernels of {@link VectorKernels} (the dot products and the fused residual
 * pass): the same fused multiply-adds into the same lane accumulators, reduced in the same order,
 * so the result is bit for bit the SIMD kernel's. {@link MatrixOps} runs them, at every length,
 * until a budget of work is spent: once compiled they cost two to three times the SIMD kernel, but
 * they avoid the Vector API's start-up (until the JIT's last tier has compiled a Vector API kernel,
 * each vector operation runs as an allocating library call, so a short command on a small data set
 * spent most of its fit in them). Being bit-identical, which of the two runs never changes a result.
 *
 * <p>The SIMD kernel ({@code VectorKernels.dot}) with L lanes keeps two vector accumulators p and q,
 * adds a[j+i] b[j+i] (one rounding, {@link Math#fma}) into p_i for the first L entries of each
 * block of 2L and into q_i for the second, then single blocks of L into p, then reduces the lanes
 * in order, s = ((0 + (p_0 + q_0)) + (p_1 + q_1)) + ... (the JDK's ordered floating-point
 * reduction), and adds the last len mod L products one by one (each product rounded, then the
 * sum). The fused residual pass's row dots are single-accumulator dots of the same kind, and its
 * update of c is lanewise (c_j = fma(x_3j, r_3, fma(x_2j, r_2, fma(x_1j, r_1, fma(x_0j, r_0, c_j))))
 * for four rows, each product rounded and summed for the last p mod L columns). Twins exist for
 * L = 4 (AVX2) and L = 8 (AVX-512); for another width there is none.
 */
final class ScalarTwins {
  private ScalarTwins() {}

  /** @return whether a twin exists for this many double lanes */
  static boolean supports(int lanes) {
    return lanes == 4 || lanes == 8;
  }

  /** The twin of {@code VectorKernels.dot(a, off, b, len)} with {@code lanes} lanes (4 or 8). */
  static double dot(int lanes, double[] a, int off, double[] b, int len) {
    return lanes == 8 ? dot8(a, off, b, len) : dot4(a, off, b, len);
  }

  /** The twin of {@code VectorKernels.dot(a, aOff, b, bOff, len)} (one vector accumulator). */
  static double dot(int lanes, double[] a, int aOff, double[] b, int bOff, int len) {
    return lanes == 8 ? dot8(a, aOff, b, bOff, len) : dot4(a, aOff, b, bOff, len);
  }

  /** The twin of {@code VectorKernels.residualCorrelation} with {@code lanes} lanes (4 or 8). */
  static double residualCorrelation(int lanes, double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w,
      double[] c) {
    final int bound = p - p % lanes;
    double loss = 0;
    int i = rowFrom;
    for (; i + 3 < rowTo; i += 4) {
      final int o0 = i * p;
      final int o1 = o0 + p;
      final int o2 = o1 + p;
      final int o3 = o2 + p;
      double r0 = y[i] - dot(lanes, x, o0, w, 0, p);
      double r1 = y[i + 1] - dot(lanes, x, o1, w, 0, p);
      double r2 = y[i + 2] - dot(lanes, x, o2, w, 0, p);
      double r3 = y[i + 3] - dot(lanes, x, o3, w, 0, p);
      loss += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
      int j = 0;
      for (; j < bound; j++) {
        c[j] = Math.fma(x[o3 + j], r3, Math.fma(x[o2 + j], r2, Math.fma(x[o1 + j], r1, Math.fma(x[o0 + j], r0, c[j]))));
      }
      for (; j < p; j++) {
        c[j] += r0 * x[o0 + j] + r1 * x[o1 + j] + r2 * x[o2 + j] + r3 * x[o3 + j];
      }
    }
    for (; i < rowTo; i++) {
      int off = i * p;
      double r = y[i] - dot(lanes, x, off, w, p);
      loss += r * r;
      int j = 0;
      for (; j < bound; j++) {
        c[j] = Math.fma(x[off + j], r, c[j]);
      }
      for (; j < p; j++) {
        c[j] += r * x[off + j];
      }
    }
    return loss;
  }

  /** The twin of {@code VectorKernels.residualSumOfSquares} with {@code lanes} lanes (4 or 8). */
  static double residualSumOfSquares(int lanes, double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w) {
    double loss = 0;
    for (int i = rowFrom; i < rowTo; i++) {
      double r = y[i] - dot(lanes, x, i * p, w, p);
      loss += r * r;
    }
    return loss;
  }

  private static double dot4(double[] a, int off, double[] b, int len) {
    int bound = len - len % 4;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0;
    double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    int j = 0;
    for (; j + 4 < bound; j += 8) {
      int o = off + j;
      p0 = Math.fma(a[o], b[j], p0);
      p1 = Math.fma(a[o + 1], b[j + 1], p1);
      p2 = Math.fma(a[o + 2], b[j + 2], p2);
      p3 = Math.fma(a[o + 3], b[j + 3], p3);
      q0 = Math.fma(a[o + 4], b[j + 4], q0);
      q1 = Math.fma(a[o + 5], b[j + 5], q1);
      q2 = Math.fma(a[o + 6], b[j + 6], q2);
      q3 = Math.fma(a[o + 7], b[j + 7], q3);
    }
    for (; j < bound; j += 4) {
      int o = off + j;
      p0 = Math.fma(a[o], b[j], p0);
      p1 = Math.fma(a[o + 1], b[j + 1], p1);
      p2 = Math.fma(a[o + 2], b[j + 2], p2);
      p3 = Math.fma(a[o + 3], b[j + 3], p3);
    }
    double s = 0.0;
    s += p0 + q0;
    s += p1 + q1;
    s += p2 + q2;
    s += p3 + q3;
    for (; j < len; j++) {
      s += a[off + j] * b[j];
    }
    return s;
  }

  private static double dot8(double[] a, int off, double[] b, int len) {
    int bound = len - len % 8;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
    double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
    int j = 0;
    for (; j + 8 < bound; j += 16) {
      int o = off + j;
      p0 = Math.fma(a[o], b[j], p0);
      p1 = Math.fma(a[o + 1], b[j + 1], p1);
      p2 = Math.fma(a[o + 2], b[j + 2], p2);
      p3 = Math.fma(a[o + 3], b[j + 3], p3);
      p4 = Math.fma(a[o + 4], b[j + 4], p4);
      p5 = Math.fma(a[o + 5], b[j + 5], p5);
      p6 = Math.fma(a[o + 6], b[j + 6], p6);
      p7 = Math.fma(a[o + 7], b[j + 7], p7);
      q0 = Math.fma(a[o + 8], b[j + 8], q0);
      q1 = Math.fma(a[o + 9], b[j + 9], q1);
      q2 = Math.fma(a[o + 10], b[j + 10], q2);
      q3 = Math.fma(a[o + 11], b[j + 11], q3);
      q4 = Math.fma(a[o + 12], b[j + 12], q4);
      q5 = Math.fma(a[o + 13], b[j + 13], q5);
      q6 = Math.fma(a[o + 14], b[j + 14], q6);
      q7 = Math.fma(a[o + 15], b[j + 15], q7);
    }
    for (; j < bound; j += 8) {
      int o = off + j;
      p0 = Math.fma(a[o], b[j], p0);
      p1 = Math.fma(a[o + 1], b[j + 1], p1);
      p2 = Math.fma(a[o + 2], b[j + 2], p2);
      p3 = Math.fma(a[o + 3], b[j + 3], p3);
      p4 = Math.fma(a[o + 4], b[j + 4], p4);
      p5 = Math.fma(a[o + 5], b[j + 5], p5);
      p6 = Math.fma(a[o + 6], b[j + 6], p6);
      p7 = Math.fma(a[o + 7], b[j + 7], p7);
    }
    double s = 0.0;
    s += p0 + q0;
    s += p1 + q1;
    s += p2 + q2;
    s += p3 + q3;
    s += p4 + q4;
    s += p5 + q5;
    s += p6 + q6;
    s += p7 + q7;
    for (; j < len; j++) {
      s += a[off + j] * b[j];
    }
    return s;
  }

  private static double dot4(double[] a, int aOff, double[] b, int bOff, int len) {
    int bound = len - len % 4;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0;
    int j = 0;
    for (; j < bound; j += 4) {
      int o = aOff + j;
      int u = bOff + j;
      p0 = Math.fma(a[o], b[u], p0);
      p1 = Math.fma(a[o + 1], b[u + 1], p1);
      p2 = Math.fma(a[o + 2], b[u + 2], p2);
      p3 = Math.fma(a[o + 3], b[u + 3], p3);
    }
    double s = 0.0;
    s += p0;
    s += p1;
    s += p2;
    s += p3;
    for (; j < len; j++) {
      s += a[aOff + j] * b[bOff + j];
    }
    return s;
  }

  private static double dot8(double[] a, int aOff, double[] b, int bOff, int len) {
    int bound = len - len % 8;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
    int j = 0;
    for (; j < bound; j += 8) {
      int o = aOff + j;
      int u = bOff + j;
      p0 = Math.fma(a[o], b[u], p0);
      p1 = Math.fma(a[o + 1], b[u + 1], p1);
      p2 = Math.fma(a[o + 2], b[u + 2], p2);
      p3 = Math.fma(a[o + 3], b[u + 3], p3);
      p4 = Math.fma(a[o + 4], b[u + 4], p4);
      p5 = Math.fma(a[o + 5], b[u + 5], p5);
      p6 = Math.fma(a[o + 6], b[u + 6], p6);
      p7 = Math.fma(a[o + 7], b[u + 7], p7);
    }
    double s = 0.0;
    s += p0;
    s += p1;
    s += p2;
    s += p3;
    s += p4;
    s += p5;
    s += p6;
    s += p7;
    for (; j < len; j++) {
      s += a[aOff + j] * b[bOff + j];
    }
    return s;
  }
}
