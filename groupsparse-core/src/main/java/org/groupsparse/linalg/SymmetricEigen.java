package org.groupsparse.linalg;

/**
 * Eigendecomposition A = V diag(d) V^T of a small dense symmetric matrix by the cyclic Jacobi
 * method (Golub and Van Loan, "Matrix Computations", section 8.5), accurate to a few ulps in
 * relative terms for every eigenvalue. Meant for the p_l x p_l Gram matrices of single groups
 * (a few to a few hundred columns); the cost is O(k^3) per sweep, usually under ten sweeps.
 *
 * @param values eigenvalues d, ascending
 * @param vectors eigenvectors as the columns of a row-major k x k matrix: entry (i, c) at
 *     {@code vectors[i * k + c]}, column c belonging to {@code values[c]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {
  private static final int MAX_SWEEPS = 100;

  /** @return the order k */
  public int order() {
    return values.length;
  }

  /**
   * Decomposes a symmetric matrix (only its upper triangle is read).
   *
   * @param matrix row-major k x k symmetric matrix, not modified
   * @param k order
   * @return the decomposition
   */
  public static SymmetricEigen of(double[] matrix, int k) {
    if (matrix.length != k * k) {
      throw new DimensionMismatchException("a " + k + " x " + k + " matrix needs " + (k * k) + " entries; got "
          + matrix.length);
    }
    double[] a = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        a[i * k + j] = matrix[i * k + j];
        a[j * k + i] = matrix[i * k + j];
      }
    }
    double[] v = new double[k * k];
    for (int i = 0; i < k; i++) {
      v[i * k + i] = 1.0;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < k; i++) {
        diag += a[i * k + i] * a[i * k + i];
        for (int j = i + 1; j < k; j++) {
          off += a[i * k + j] * a[i * k + j];
        }
      }
      if (off <= 1e-32 * diag || off == 0) {
        break;
      }
      for (int pIdx = 0; pIdx < k; pIdx++) {
        for (int q = pIdx + 1; q < k; q++) {
          double apq = a[pIdx * k + q];
          if (apq == 0) {
            continue;
          }
          double app = a[pIdx * k + pIdx];
          double aqq = a[q * k + q];
          double theta = (aqq - app) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < k; r++) {
            double arp = a[r * k + pIdx];
            double arq = a[r * k + q];
            a[r * k + pIdx] = c * arp - s * arq;
            a[r * k + q] = s * arp + c * arq;
          }
          for (int r = 0; r < k; r++) {
            double apr = a[pIdx * k + r];
            double aqr = a[q * k + r];
            a[pIdx * k + r] = c * apr - s * aqr;
            a[q * k + r] = s * apr + c * aqr;
          }
          a[pIdx * k + q] = 0;
          a[q * k + pIdx] = 0;
          for (int r = 0; r < k; r++) {
            double vrp = v[r * k + pIdx];
            double vrq = v[r * k + q];
            v[r * k + pIdx] = c * vrp - s * vrq;
            v[r * k + q] = s * vrp + c * vrq;
          }
        }
      }
    }
    // sort ascending
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    final double[] diagonal = new double[k];
    for (int i = 0; i < k; i++) {
      diagonal[i] = a[i * k + i];
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(diagonal[x], diagonal[y]));
    double[] values = new double[k];
    double[] vectors = new double[k * k];
    for (int c = 0; c < k; c++) {
      values[c] = diagonal[order[c]];
      for (int r = 0; r < k; r++) {
        vectors[r * k + c] = v[r * k + order[c]];
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}
