package org.groupsparse.linalg;

/**
 * A dense n x p matrix of doubles stored row-major in one primitive array: entry (i, j) is
 * {@code data[i * cols + j]}. Rows are contiguous, so a product that visits each row once streams
 * the matrix from memory once.
 *
 * <p>The class is a thin holder for the kernels of {@link MatrixOps}; it does not copy its array.
 */
public final class DenseMatrix {
  private final int rows;
  private final int cols;
  private final double[] data;

  /**
   * Wraps an array.
   *
   * @param rows number of rows, non-negative
   * @param cols number of columns, non-negative
   * @param data row-major entries of length rows * cols; not copied, owned by the matrix after
   */
  public DenseMatrix(int rows, int cols, double[] data) {
    if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
      throw new DimensionMismatchException("a " + rows + " x " + cols + " matrix needs " + ((long) rows * cols)
          + " entries; got " + data.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * A zero matrix.
   *
   * @param rows number of rows
   * @param cols number of columns
   * @return the matrix
   */
  public static DenseMatrix zeros(int rows, int cols) {
    return new DenseMatrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  /** @return number of rows n */
  public int rows() {
    return rows;
  }

  /** @return number of columns p */
  public int cols() {
    return cols;
  }

  /**
   * The backing array, for kernels. Modifying it modifies the matrix.
   *
   * @return the row-major entries
   */
  public double[] data() {
    return data;
  }

  /**
   * @param i row
   * @param j column
   * @return entry (i, j)
   */
  public double get(int i, int j) {
    return data[i * cols + j];
  }

  /**
   * @param i row
   * @param j column
   * @param value new entry (i, j)
   */
  public void set(int i, int j, double value) {
    data[i * cols + j] = value;
  }

  /**
   * The sub-matrix of the given rows, copied.
   *
   * @param rowIndices rows to keep, in the order wanted; not modified
   * @return a new matrix with rowIndices.length rows
   */
  public DenseMatrix selectRows(int[] rowIndices) {
    double[] out = new double[rowIndices.length * cols];
    for (int k = 0; k < rowIndices.length; k++) {
      System.arraycopy(data, rowIndices[k] * cols, out, k * cols, cols);
    }
    return new DenseMatrix(rowIndices.length, cols, out);
  }

  /**
   * The matrix with its columns reordered, copied.
   *
   * @param columnOrder new column j is old column columnOrder[j]; not modified
   * @return a new matrix
   */
  public DenseMatrix selectColumns(int[] columnOrder) {
    double[] out = new double[rows * columnOrder.length];
    int q = columnOrder.length;
    for (int i = 0; i < rows; i++) {
      int src = i * cols;
      int dst = i * q;
      for (int k = 0; k < q; k++) {
        out[dst + k] = data[src + columnOrder[k]];
      }
    }
    return new DenseMatrix(rows, q, out);
  }

  /** @return a deep copy */
  public DenseMatrix copy() {
    return new DenseMatrix(rows, cols, data.clone());
  }
}
