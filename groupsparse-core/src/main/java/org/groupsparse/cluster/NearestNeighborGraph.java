package org.groupsparse.cluster;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.linalg.SparseSymmetricMatrix;

/**
 * The k-nearest-neighbour affinity graph of the rows of a matrix: {@code C_ij = 1} when j is among
 * the k nearest rows of i in Euclidean distance (i itself excluded; ties broken by the lower index),
 * and the affinity is its symmetric part {@code W = (C + C^T) / 2}, as in scikit-learn's {@code
 * SpectralClustering(affinity="nearest_neighbors")} (which counts i as its own neighbour; we leave
 * self-loops out because they only shift the spectrum of the normalized adjacency).
 *
 * <p>Distances come blockwise from one matrix product, {@code ||x_i||^2 + ||x_j||^2 - 2 x_i . x_j}
 * (BLAS gemm on a block of rows against all rows), so 10,000 rows take a 10,000 x 10,000 product in
 * slices and never the full distance matrix; each row's k smallest are found by selection, not
 * sorting.
 */
public final class NearestNeighborGraph {
  private NearestNeighborGraph() {}

  private static final int BLOCK_ROWS = 512;

  /**
   * Builds the symmetric k-nearest-neighbour affinity.
   *
   * @param data n x p, one point per row
   * @param neighbors k, 1 &le; k &lt; n
   * @return W = (C + C^T) / 2
   */
  public static SparseSymmetricMatrix build(DenseMatrix data, int neighbors) {
    int n = data.rows();
    int p = data.cols();
    if (neighbors < 1 || neighbors >= n) {
      throw new IllegalArgumentException("the number of neighbours must be in [1, n): got " + neighbors + " for n=" + n);
    }
    double[] x = data.data();
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += x[i * p + j] * x[i * p + j];
      }
      norms[i] = s;
    }
    int[] rowStart = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      rowStart[i] = i * neighbors;
    }
    int[] columns = new int[n * neighbors];
    double[] block = new double[BLOCK_ROWS * n];
    ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[2][n]);
    for (int from = 0; from < n; from += BLOCK_ROWS) {
      int rows = Math.min(BLOCK_ROWS, n - from);
      // block = X_rows X^T
      RowMajorBlas.gemm(false, true, rows, n, p, 1.0, x, from * p, p, x, 0, p, 0.0, block, 0, n);
      int first = from;
      IntStream.range(0, rows).parallel().forEach(r -> {
        int i = first + r;
        double[][] work = scratch.get();
        double[] d = work[0];
        int offset = r * n;
        for (int j = 0; j < n; j++) {
          d[j] = Math.max(0.0, norms[i] + norms[j] - 2 * block[offset + j]);
        }
        d[i] = Double.POSITIVE_INFINITY;
        selectNearest(d, work[1], neighbors, columns, i * neighbors);
      });
    }
    double[] ones = new double[columns.length];
    Arrays.fill(ones, 1.0);
    return SparseSymmetricMatrix.symmetrize(n, rowStart, columns, ones);
  }

  /** Writes the indices of the k smallest entries of d (ties: lower index first), sorted ascending. */
  static void selectNearest(double[] d, double[] copy, int k, int[] out, int outOffset) {
    System.arraycopy(d, 0, copy, 0, d.length);
    double kth = quickSelect(copy, k - 1);
    int below = 0;
    for (double v : d) {
      if (v < kth) {
        below++;
      }
    }
    int tiesAllowed = k - below;
    int w = outOffset;
    for (int j = 0; j < d.length; j++) {
      if (d[j] < kth) {
        out[w++] = j;
      } else if (d[j] == kth && tiesAllowed > 0) {
        out[w++] = j;
        tiesAllowed--;
      }
    }
  }

  /** The value of rank r (0-based) of a, rearranging a (Hoare selection with median-of-three). */
  private static double quickSelect(double[] a, int r) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double pivot = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return a[r];
      }
    }
    return a[r];
  }

  private static double median(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
