package org.groupsparse.linalg;

/**
 * A Cholesky factor G = L L^T of a symmetric positive definite matrix whose rows and columns are
 * added and deleted one at a time, the factorization homotopy and LARS keep of the Gram matrix of an
 * active set (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., section 6.5.4): appending a
 * column costs one forward substitution, O(k^2); deleting one costs the Givens rotations that restore
 * the triangle, O(k^2); solving G x = b costs two triangular solves, O(k^2). Forming and factoring the
 * matrix anew would cost O(k^3) each time.
 *
 * <p>L is lower triangular and stored row-major with a row stride equal to the capacity, so that the
 * forward substitution of an append reads rows of L contiguously and the back substitution is a
 * sequence of row axpys. The capacity grows by doubling (the entries are copied once per doubling).
 * Allocates only when it grows.
 */
public final class UpdatableCholesky {
  /**
   * An appended column is refused when its pivot d^2 = g_jj - ||z||^2 falls below this fraction of
   * g_jj: the column is (numerically) in the span of the others and the factor would lose accuracy.
   */
  public static final double DEPENDENT = 1e-10;
  private double[] l = new double[0];
  private int capacity;
  private int order;

  /** @return the current order k */
  public int order() {
    return order;
  }

  /** Forgets the factor (order 0); the storage is kept. */
  public void clear() {
    order = 0;
  }

  /**
   * Appends a row and column: with g = (G_{1,k+1}, ..., G_{k,k+1}) the new column's entries against
   * the current ones and gkk its diagonal entry, solves L z = g and sets the new row of L to
   * (z^T, sqrt(gkk - z^T z)).
   *
   * @param g the new column's off-diagonal entries, length at least {@link #order()}, not modified
   * @param gkk the new diagonal entry
   * @return false (and the factor unchanged) when the pivot is not above {@link #DEPENDENT} x gkk
   */
  public boolean append(double[] g, double gkk) {
    int k = order;
    ensureCapacity(k + 1);
    int row = k * capacity;
    double zz = 0;
    for (int i = 0; i < k; i++) {
      int ri = i * capacity;
      double zi = (g[i] - MatrixOps.fastDot(l, ri, l, row, i)) / l[ri + i];
      l[row + i] = zi;
      zz += zi * zi;
    }
    double pivot = gkk - zz;
    if (!(pivot > DEPENDENT * gkk)) {
      return false;
    }
    l[row + k] = Math.sqrt(pivot);
    order = k + 1;
    return true;
  }

  /**
   * Deletes row and column j: L without its row j is lower triangular but for one entry right of
   * the diagonal in each later row; Givens rotations of the column pairs (i, i + 1), i = j .. k - 2,
   * zero those entries (each rotation chosen so that the diagonal stays positive), and the last
   * column, now zero, is dropped.
   *
   * @param j the index to delete, 0 &lt;= j &lt; order
   */
  public void delete(int j) {
    if (j < 0 || j >= order) {
      throw new IndexOutOfBoundsException("index " + j + " of a factor of order " + order);
    }
    int k = order;
    // shift rows j+1 .. k-1 up by one (each keeps its entries 0 .. its old index)
    for (int i = j + 1; i < k; i++) {
      System.arraycopy(l, i * capacity, l, (i - 1) * capacity, i + 1);
    }
    // now row i (i >= j) has entries in columns 0 .. i + 1; rotate columns (i, i + 1) to zero L[i][i+1]
    for (int i = j; i < k - 1; i++) {
      int ri = i * capacity;
      double a = l[ri + i];
      double b = l[ri + i + 1];
      double rr = Math.hypot(a, b);
      double c = a / rr;
      double s = b / rr;
      l[ri + i] = rr;
      l[ri + i + 1] = 0;
      for (int t = i + 1; t < k - 1; t++) {
        int rt = t * capacity;
        double x = l[rt + i];
        double y = l[rt + i + 1];
        l[rt + i] = c * x + s * y;
        l[rt + i + 1] = -s * x + c * y;
      }
    }
    order = k - 1;
  }

  /**
   * Solves G x = b in place: L y = b by rows, then L^T x = y as row axpys.
   *
   * @param b the right-hand side of length at least {@link #order()}, replaced by x
   */
  public void solve(double[] b) {
    int k = order;
    for (int i = 0; i < k; i++) {
      int ri = i * capacity;
      b[i] = (b[i] - MatrixOps.fastDot(l, ri, b, 0, i)) / l[ri + i];
    }
    for (int i = k - 1; i >= 0; i--) {
      int ri = i * capacity;
      double xi = b[i] / l[ri + i];
      b[i] = xi;
      MatrixOps.axpy(-xi, l, ri, b, i);
    }
  }

  /**
   * @param i row
   * @param j column, at most i
   * @return L[i][j]
   */
  public double entry(int i, int j) {
    return j <= i ? l[i * capacity + j] : 0.0;
  }

  private void ensureCapacity(int k) {
    if (k <= capacity) {
      return;
    }
    int next = Math.max(k, Math.max(16, 2 * capacity));
    double[] grown = new double[Math.multiplyExact(next, next)];
    for (int i = 0; i < order; i++) {
      System.arraycopy(l, i * capacity, grown, i * next, i + 1);
    }
    l = grown;
    capacity = next;
  }
}
