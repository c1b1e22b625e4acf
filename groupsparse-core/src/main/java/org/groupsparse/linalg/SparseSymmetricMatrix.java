package org.groupsparse.linalg;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A symmetric sparse matrix in compressed sparse row form (both triangles stored), for graph
 * affinities: {@code y = W x} in one pass over the nonzeros, split over threads by row blocks.
 */
public final class SparseSymmetricMatrix {
  private final int order;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  /**
   * Wraps CSR arrays; the caller guarantees symmetry and sorted columns within each row (checked by
   * {@link #isSymmetric()} in tests).
   *
   * @param order the number of rows = columns
   * @param rowStart row pointers, {@code order + 1} of them
   * @param columns column index of each nonzero
   * @param values value of each nonzero
   */
  public SparseSymmetricMatrix(int order, int[] rowStart, int[] columns, double[] values) {
    if (rowStart.length != order + 1 || columns.length != values.length || rowStart[order] != columns.length) {
      throw new IllegalArgumentException("inconsistent CSR arrays");
    }
    this.order = order;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /**
   * The symmetric part {@code (C + C^T) / 2} of a matrix given by its rows' column lists and values
   * (each row's columns sorted ascending, no duplicates).
   *
   * @param order the order
   * @param rowStart row pointers of C
   * @param columns column indices of C
   * @param values values of C
   * @return the symmetrized matrix
   */
  public static SparseSymmetricMatrix symmetrize(int order, int[] rowStart, int[] columns, double[] values) {
    // Transpose by counting sort: the columns of each transposed row come out sorted.
    int[] tStart = new int[order + 1];
    for (int c : columns) {
      tStart[c + 1]++;
    }
    for (int i = 0; i < order; i++) {
      tStart[i + 1] += tStart[i];
    }
    int[] fill = Arrays.copyOf(tStart, order);
    int[] tColumns = new int[columns.length];
    double[] tValues = new double[columns.length];
    for (int i = 0; i < order; i++) {
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        int q = fill[columns[p]]++;
        tColumns[q] = i;
        tValues[q] = values[p];
      }
    }
    // Merge row i of C with row i of C^T.
    int[] start = new int[order + 1];
    for (int i = 0; i < order; i++) {
      start[i + 1] = start[i] + mergedLength(columns, rowStart[i], rowStart[i + 1], tColumns, tStart[i], tStart[i + 1]);
    }
    int[] outColumns = new int[start[order]];
    double[] outValues = new double[start[order]];
    for (int i = 0; i < order; i++) {
      int a = rowStart[i];
      int aEnd = rowStart[i + 1];
      int b = tStart[i];
      int bEnd = tStart[i + 1];
      int out = start[i];
      while (a < aEnd || b < bEnd) {
        int ca = a < aEnd ? columns[a] : Integer.MAX_VALUE;
        int cb = b < bEnd ? tColumns[b] : Integer.MAX_VALUE;
        if (ca == cb) {
          outColumns[out] = ca;
          outValues[out++] = 0.5 * (values[a++] + tValues[b++]);
        } else if (ca < cb) {
          outColumns[out] = ca;
          outValues[out++] = 0.5 * values[a++];
        } else {
          outColumns[out] = cb;
          outValues[out++] = 0.5 * tValues[b++];
        }
      }
    }
    return new SparseSymmetricMatrix(order, start, outColumns, outValues);
  }

  private static int mergedLength(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
    int count = 0;
    while (aFrom < aTo || bFrom < bTo) {
      int ca = aFrom < aTo ? a[aFrom] : Integer.MAX_VALUE;
      int cb = bFrom < bTo ? b[bFrom] : Integer.MAX_VALUE;
      if (ca <= cb) {
        aFrom++;
      }
      if (cb <= ca) {
        bFrom++;
      }
      count++;
    }
    return count;
  }

  /** @return the order */
  public int order() {
    return order;
  }

  /** @return the number of stored nonzeros */
  public int nonzeros() {
    return columns.length;
  }

  /** @return the row sums (the degrees when this is a graph's affinity matrix) */
  public double[] rowSums() {
    double[] sums = new double[order];
    for (int i = 0; i < order; i++) {
      double s = 0;
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        s += values[p];
      }
      sums[i] = s;
    }
    return sums;
  }

  /**
   * {@code D W D} for a diagonal D given by its entries, as a new matrix.
   *
   * @param diagonal the entries of D
   * @return the scaled matrix
   */
  public SparseSymmetricMatrix scaleSymmetric(double[] diagonal) {
    double[] scaled = new double[values.length];
    for (int i = 0; i < order; i++) {
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        scaled[p] = diagonal[i] * values[p] * diagonal[columns[p]];
      }
    }
    return new SparseSymmetricMatrix(order, rowStart, columns, scaled);
  }

  /**
   * y = W x, from offsets into larger arrays (the reverse-communication work arrays of ARPACK).
   *
   * @param x input storage
   * @param xOffset first entry of x
   * @param y output storage
   * @param yOffset first entry of y
   */
  public void multiply(double[] x, int xOffset, double[] y, int yOffset) {
    int blocks = order < 4096 ? 1 : Runtime.getRuntime().availableProcessors() * 4;
    IntStream.range(0, blocks).parallel().forEach(block -> {
      int from = (int) ((long) order * block / blocks);
      int to = (int) ((long) order * (block + 1) / blocks);
      for (int i = from; i < to; i++) {
        double s = 0;
        for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
          s += values[p] * x[xOffset + columns[p]];
        }
        y[yOffset + i] = s;
      }
    });
  }

  /**
   * The connected components of the graph whose edges are the stored nonzeros.
   *
   * @return the component of each node, numbered 0.. in order of each component's lowest node
   */
  public int[] connectedComponents() {
    int[] component = new int[order];
    Arrays.fill(component, -1);
    int[] queue = new int[order];
    int count = 0;
    for (int root = 0; root < order; root++) {
      if (component[root] >= 0) {
        continue;
      }
      int head = 0;
      int tail = 0;
      queue[tail++] = root;
      component[root] = count;
      while (head < tail) {
        int i = queue[head++];
        for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
          int j = columns[p];
          if (component[j] < 0) {
            component[j] = count;
            queue[tail++] = j;
          }
        }
      }
      count++;
    }
    return component;
  }

  /**
   * The principal submatrix on a set of nodes.
   *
   * @param nodes the nodes, ascending
   * @return the submatrix, node {@code nodes[k]} becoming k
   */
  public SparseSymmetricMatrix submatrix(int[] nodes) {
    int[] local = new int[order];
    Arrays.fill(local, -1);
    for (int k = 0; k < nodes.length; k++) {
      local[nodes[k]] = k;
    }
    int[] start = new int[nodes.length + 1];
    for (int k = 0; k < nodes.length; k++) {
      int count = 0;
      for (int p = rowStart[nodes[k]]; p < rowStart[nodes[k] + 1]; p++) {
        if (local[columns[p]] >= 0) {
          count++;
        }
      }
      start[k + 1] = start[k] + count;
    }
    int[] subColumns = new int[start[nodes.length]];
    double[] subValues = new double[start[nodes.length]];
    int w = 0;
    for (int node : nodes) {
      for (int p = rowStart[node]; p < rowStart[node + 1]; p++) {
        if (local[columns[p]] >= 0) {
          subColumns[w] = local[columns[p]];
          subValues[w++] = values[p];
        }
      }
    }
    return new SparseSymmetricMatrix(nodes.length, start, subColumns, subValues);
  }

  /**
   * The matrix as a dense row-major array (for small matrices and tests).
   *
   * @return order x order entries
   */
  public double[] toDense() {
    double[] dense = new double[order * order];
    for (int i = 0; i < order; i++) {
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        dense[i * order + columns[p]] = values[p];
      }
    }
    return dense;
  }

  /** @return whether W equals its transpose exactly */
  public boolean isSymmetric() {
    for (int i = 0; i < order; i++) {
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        int j = columns[p];
        int q = Arrays.binarySearch(columns, rowStart[j], rowStart[j + 1], i);
        if (q < 0 || values[q] != values[p]) {
          return false;
        }
      }
    }
    return true;
  }
}
