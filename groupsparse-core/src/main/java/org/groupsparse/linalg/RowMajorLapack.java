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
}
