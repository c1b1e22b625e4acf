package org.groupsparse.cluster;

import org.groupsparse.linalg.DenseMatrix;

/** Transformations of code matrices used before clustering. */
public final class CodeTransforms {
  private CodeTransforms() {}

  /**
   * The "(.)_+" codes of table 1 of Theodosis et al.: each row made nonnegative (absolute values)
   * and scaled to sum to 1; an all-zero row stays zero.
   *
   * @param codes n x m
   * @return a new n x m matrix
   */
  public static DenseMatrix simplex(DenseMatrix codes) {
    int n = codes.rows();
    int m = codes.cols();
    double[] in = codes.data();
    double[] out = new double[n * m];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < m; j++) {
        sum += Math.abs(in[i * m + j]);
      }
      if (sum > 0) {
        for (int j = 0; j < m; j++) {
          out[i * m + j] = Math.abs(in[i * m + j]) / sum;
        }
      }
    }
    return new DenseMatrix(n, m, out);
  }
}
