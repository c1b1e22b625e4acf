package org.groupsparse.linalg;

import dev.ludovic.netlib.lapack.LAPACK;

/**
 * LAPACK for row-major storage, through dev.ludovic.netlib (the system's liblapack.so.3 — OpenBLAS's
 * blocked, multi-threaded LAPACK when it is installed — else its pure-Java fallback).
 */
public final class RowMajorLapack {
  private static final LAPACK LAPACK_INSTANCE = LAPACK.getInstance();

  private RowMajorLapack() {}

  /**
   * Cholesky factor of a symmetric positive definite matrix plus a diagonal shift: A + shift I =
   * U^T U with U upper triangular, written into the upper triangle of {@code u} (row-major m x m;
   * its strictly lower triangle keeps A's entries). LAPACK's dpotrf on the lower triangle of the
   * column-major view, which is this upper triangle.
   *
   * @param a A, row-major m x m, symmetric, not modified
   * @param m order
   * @param shift added to the diagonal
   * @param u output storage of at least m * m entries
   * @return false when A + shift I is not positive definite (numerically)
   */
  public static boolean choleskyUpper(double[] a, int m, double shift, double[] u) {
    System.arraycopy(a, 0, u, 0, m * m);
    for (int k = 0; k < m; k++) {
      u[k * m + k] += shift;
    }
    if (m == 0) {
      return true;
    }
    org.netlib.util.intW info = new org.netlib.util.intW(0);
    LAPACK_INSTANCE.dpotrf("L", m, u, m, info);
    return info.val == 0;
  }

  /**
   * The same factor as {@link #choleskyUpper} (U upper triangular, row-major, U^T U = A + shift I,
   * only the upper triangle written meaningfully), computed on the calling thread as L = U^T row by
   * row: L_ij = (A_ij - L_i,0..j . L_j,0..j) / L_jj and L_ii = sqrt(A_ii - ||L_i,0..i||^2), every sum
   * one contiguous (SIMD) dot product. For the Newton systems of a path, a few hundred columns at a
   * time, where the multi-threaded dpotrf spends most of its time synchronizing its threads.
   *
   * @param a symmetric m x m matrix, row-major, not modified
   * @param m order
   * @param shift added to the diagonal
   * @param u output storage of at least m * m entries
   * @return false when A + shift I is not positive definite (numerically)
   */
  public static boolean choleskyUpperByRows(double[] a, int m, double shift, double[] u) {
    System.arraycopy(a, 0, u, 0, m * m);
    for (int i = 0; i < m; i++) {
      int rowI = i * m;
      for (int j = 0; j < i; j++) {
        int rowJ = j * m;
        u[rowI + j] = (u[rowI + j] - MatrixOps.fastDot(u, rowI, u, rowJ, j)) / u[rowJ + j];
      }
      double pivot = u[rowI + i] + shift - MatrixOps.fastDot(u, rowI, u, rowI, i);
      if (!(pivot > 0)) {
        return false;
      }
      u[rowI + i] = Math.sqrt(pivot);
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < i; j++) {
        double t = u[i * m + j];
        u[i * m + j] = u[j * m + i];
        u[j * m + i] = t;
      }
    }
    return true;
  }
}
