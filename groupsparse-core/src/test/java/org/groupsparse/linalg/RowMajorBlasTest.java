package org.groupsparse.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The row-major wrappers of BLAS against plain sums. */
class RowMajorBlasTest {
  /**
   * syrkRows: every entry of alpha A A^T (both triangles, with offsets and strides larger than the
   * matrices) against the plain sum, the result exactly symmetric, and the storage outside C untouched.
   */
  @Test
  void syrkRowsIsTheFullSymmetricProduct() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int[] shape : new int[][] {{1, 1}, {3, 7}, {17, 5}, {40, 33}}) {
      int rows = shape[0];
      int inner = shape[1];
      int lda = inner + 3;
      int aOff = 2;
      int ldc = rows + 4;
      int cOff = 5;
      double[] a = new double[aOff + rows * lda];
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.nextDouble(-1, 1);
      }
      double[] c = new double[cOff + rows * ldc + 3];
      java.util.Arrays.fill(c, 99.0);
      double alpha = 0.37;
      RowMajorBlas.syrkRows(rows, inner, alpha, a, aOff, lda, c, cOff, ldc);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < rows; j++) {
          double s = 0;
          for (int k = 0; k < inner; k++) {
            s += a[aOff + i * lda + k] * a[aOff + j * lda + k];
          }
          double got = c[cOff + i * ldc + j];
          assertThat(got).as("C[%d][%d] of %d x %d", i, j, rows, inner).isCloseTo(alpha * s, within(1e-13 * inner));
          assertThat(got).as("symmetry at %d, %d", i, j).isEqualTo(c[cOff + j * ldc + i]);
        }
        for (int j = rows; j < ldc && cOff + i * ldc + j < c.length; j++) {
          assertThat(c[cOff + i * ldc + j]).as("padding of row %d", i).isEqualTo(99.0);
        }
      }
      for (int i = 0; i < cOff; i++) {
        assertThat(c[i]).isEqualTo(99.0);
      }
    }
  }
}
