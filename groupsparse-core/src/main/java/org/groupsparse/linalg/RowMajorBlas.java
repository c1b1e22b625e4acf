package org.groupsparse.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Dense matrix products on row-major arrays through BLAS (dev.ludovic.netlib: the system's
 * libblas.so.3 when it loads — OpenBLAS on a machine with libopenblas0-pthread — otherwise its
 * pure-Java kernels). A row-major r x c matrix is the column-major c x r transpose, so
 * C = op(A) op(B) is computed as C^T = op(B)^T op(A)^T with the operands swapped.
 */
public final class RowMajorBlas {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

  private RowMajorBlas() {}

  /** @return the implementation in use (for the record of a benchmark) */
  public static String implementation() {
    return BLAS_INSTANCE.getClass().getSimpleName();
  }

  /**
   * Forward substitution for many right-hand sides: overwrites each of the m rows b_c of the row-major
   * m x k block B with z_c solving L z_c = b_c, for L lower triangular k x k, row-major (B := B L^{-T}).
   * The row-major L is the column-major upper triangle U = L^T and the row-major B the column-major
   * B^T, so this is BLAS's dtrsm("L", "U", "T", "N"): B^T := U^{-T} B^T.
   *
   * @param m rows of B (right-hand sides)
   * @param k order of L
   * @param l L's storage
   * @param lOffset first entry of L
   * @param ldl row stride of L
   * @param b B's storage, overwritten
   * @param bOffset first entry of B
   * @param ldb row stride of B
   */
  public static void forwardSubstituteRows(int m, int k, double[] l, int lOffset, int ldl, double[] b, int bOffset,
      int ldb) {
    if (m == 0 || k == 0) {
      return;
    }
    BLAS_INSTANCE.dtrsm("L", "U", "T", "N", k, m, 1.0, l, lOffset, ldl, b, bOffset, ldb);
  }

  /**
   * C = alpha op(A) op(B) + beta C, all row-major.
   *
   * @param transA use A^T
   * @param transB use B^T
   * @param rows rows of C (and of op(A))
   * @param cols columns of C (and of op(B))
   * @param inner columns of op(A) = rows of op(B)
   * @param alpha scale of the product
   * @param a A's storage
   * @param aOffset first entry of A
   * @param lda row stride of A as stored
   * @param b B's storage
   * @param bOffset first entry of B
   * @param ldb row stride of B as stored
   * @param beta scale of C's old value (0: C is overwritten, its old value is not read)
   * @param c C's storage
   * @param cOffset first entry of C
   * @param ldc row stride of C
   */
  public static void gemm(boolean transA, boolean transB, int rows, int cols, int inner, double alpha, double[] a,
      int aOffset, int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
    if (rows == 0 || cols == 0) {
      return;
    }
    BLAS_INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", cols, rows, inner, alpha, b, bOffset, ldb, a, aOffset,
        lda, beta, c, cOffset, ldc);
  }

  /**
   * The symmetric product C = alpha A A^T of a row-major rows x inner matrix A, both triangles of C
   * filled (BLAS's dsyrk, half of the multiply-adds of the general product, then mirrored, so C is
   * exactly symmetric). The row-major A is the column-major inner x rows A^T, so A A^T = (A^T)^T A^T
   * is dsyrk("U", "T") on it, which fills the column-major upper triangle, the row-major lower one.
   *
   * @param rows rows of A, order of C
   * @param inner columns of A
   * @param alpha scale of the product
   * @param a A's storage, not modified
   * @param aOffset first entry of A
   * @param lda row stride of A
   * @param c C's storage, overwritten (its old value is not read)
   * @param cOffset first entry of C
   * @param ldc row stride of C
   */
  public static void syrkRows(int rows, int inner, double alpha, double[] a, int aOffset, int lda, double[] c,
      int cOffset, int ldc) {
    if (rows == 0) {
      return;
    }
    BLAS_INSTANCE.dsyrk("U", "T", rows, inner, alpha, a, aOffset, lda, 0.0, c, cOffset, ldc);
    for (int i = 0; i < rows; i++) {
      int rowI = cOffset + i * ldc;
      for (int j = i + 1; j < rows; j++) {
        c[rowI + j] = c[cOffset + j * ldc + i];
      }
    }
  }

  /**
   * C = alpha op(A) op(B) + beta C for densely stored row-major matrices (strides are the column
   * counts as stored).
   *
   * @param transA use A^T (A stored inner x rows)
   * @param transB use B^T (B stored cols x inner)
   * @param rows rows of C
   * @param cols columns of C
   * @param inner the shared dimension
   * @param alpha scale of the product
   * @param a A
   * @param b B
   * @param beta scale of C's old value
   * @param c C, rows x cols
   */
  public static void gemm(boolean transA, boolean transB, int rows, int cols, int inner, double alpha, double[] a,
      double[] b, double beta, double[] c) {
    gemm(transA, transB, rows, cols, inner, alpha, a, 0, transA ? rows : inner, b, 0, transB ? inner : cols, beta, c, 0,
        cols);
  }

  /**
   * Single precision C = alpha op(A) op(B) + beta C, all row-major (sgemm; same conventions as the
   * double version).
   *
   * @param transA use A^T
   * @param transB use B^T
   * @param rows rows of C
   * @param cols columns of C
   * @param inner the shared dimension
   * @param alpha scale of the product
   * @param a A's storage
   * @param aOffset first entry of A
   * @param lda row stride of A as stored
   * @param b B's storage
   * @param bOffset first entry of B
   * @param ldb row stride of B as stored
   * @param beta scale of C's old value (0: overwritten)
   * @param c C's storage
   * @param cOffset first entry of C
   * @param ldc row stride of C
   */
  public static void gemm(boolean transA, boolean transB, int rows, int cols, int inner, float alpha, float[] a,
      int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
    if (rows == 0 || cols == 0) {
      return;
    }
    BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", cols, rows, inner, alpha, b, bOffset, ldb, a, aOffset,
        lda, beta, c, cOffset, ldc);
  }
}
