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
  /**
   * Multiply-adds k^2 m of a block append from which its forward substitutions are one BLAS dtrsm
   * (blocked and on the cores: rounding differs from {@link #append}'s) instead of dot products in
   * Java (the same bits as {@link #append}); below it the native library is not loaded for them.
   */
  static final long BLAS_MIN_WORK = 1L << 22;
  private int maxOrder;
  private double[] l = new double[0];
  private int capacity;
  private int order;
  /** The rotations of a delete, and the running sums of squares of a block append. */
  private double[] cosines = new double[0];
  private double[] sines = new double[0];
  private double[] squares = new double[0];

  /** A factor that grows as needed (its storage doubling). */
  public UpdatableCholesky() {
    this(Integer.MAX_VALUE);
  }

  /**
   * @param maxOrder the order the caller will not exceed: the storage, doubling as the factor grows,
   *     stops at maxOrder^2 entries
   */
  public UpdatableCholesky(int maxOrder) {
    this.maxOrder = maxOrder;
  }

  /**
   * Lowers the bound on the storage's growth to the order the caller now knows it will not exceed
   * (the columns of the problem at hand): the storage, doubling as the factor grows, then stops at
   * that order squared instead of the next power of two (on n = 2000, p = 1500, 18 MB instead of 32
   * MB to zero and fault in). Orders past it still fit, grown exactly.
   *
   * @param max the new bound, at least 1
   */
  public void limitOrder(int max) {
    maxOrder = Math.max(1, max);
  }

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
   * Appends m rows and columns at once: the same factor, bit for bit, as m calls of {@link #append}
   * in order, but the forward substitutions of all m new columns against the current k rows share
   * one pass over L (each row of L is read once for all of them, as a triangular solve with m
   * right-hand sides), where m appends read the triangle m times.
   *
   * @param rows row c (at c * stride) holds new column c's entries against the current k columns,
   *     then against the m new columns (its diagonal entry at k + c); not modified
   * @param stride row stride of {@code rows}, at least k + m
   * @param m columns to append
   * @return the number appended: m, or the index of the first column whose pivot is not above
   *     {@link #DEPENDENT} times its diagonal entry (the columns before it are appended, it and the
   *     later ones are not)
   */
  public int appendAll(double[] rows, int stride, int m) {
    int k = order;
    ensureCapacity(k + m);
    if (squares.length < m) {
      squares = new double[Math.max(m, 2 * squares.length)];
    }
    java.util.Arrays.fill(squares, 0, m, 0.0);
    if ((long) k * k * m >= BLAS_MIN_WORK) {
      // one BLAS triangular solve with m right-hand sides (dtrsm), blocked for the cache and run on
      // the cores, where the loop below reads the triangle once but makes m dot products per row
      for (int c = 0; c < m; c++) {
        System.arraycopy(rows, c * stride, l, (k + c) * capacity, k);
      }
      RowMajorBlas.forwardSubstituteRows(m, k, l, 0, capacity, l, k * capacity, capacity);
      for (int c = 0; c < m; c++) {
        squares[c] = MatrixOps.fastDot(l, (k + c) * capacity, l, (k + c) * capacity, k);
      }
      return finishAppend(rows, stride, m, k);
    }
    for (int i = 0; i < k; i++) {
      int ri = i * capacity;
      double diagonal = l[ri + i];
      for (int c = 0; c < m; c++) {
        int row = (k + c) * capacity;
        double zi = (rows[c * stride + i] - MatrixOps.fastDot(l, ri, l, row, i)) / diagonal;
        l[row + i] = zi;
        squares[c] += zi * zi;
      }
    }
    return finishAppend(rows, stride, m, k);
  }

  /** The new columns against each other and their pivots, after their forward substitutions against the k held rows. */
  private int finishAppend(double[] rows, int stride, int m, int k) {
    for (int c = 0; c < m; c++) {
      int row = (k + c) * capacity;
      double zz = squares[c];
      for (int i = k; i < k + c; i++) {
        int ri = i * capacity;
        double zi = (rows[c * stride + i] - MatrixOps.fastDot(l, ri, l, row, i)) / l[ri + i];
        l[row + i] = zi;
        zz += zi * zi;
      }
      double gkk = rows[c * stride + k + c];
      double pivot = gkk - zz;
      if (!(pivot > DEPENDENT * gkk)) {
        order = k + c;
        return c;
      }
      l[row + k + c] = Math.sqrt(pivot);
    }
    order = k + m;
    return m;
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
    ensureRotations(k);
    // row by row (each row read once, contiguously): row t takes old row t + 1 (entries 0 .. t + 1),
    // receives the rotations of the rows above it in order, then fixes its own rotation, which zeroes
    // its entry right of the diagonal; the same operations, entry by entry, as rotating column pairs
    // over all rows in turn. Four rows at a time share the loop over the rotations already fixed, so
    // that their four chains of dependent rotations overlap; each row still sees the same operations
    // in the same order, so the factor is the same bit for bit.
    int t = j;
    for (; t + 4 <= k - 1; t += 4) {
      int r0 = t * capacity;
      int r1 = r0 + capacity;
      int r2 = r1 + capacity;
      int r3 = r2 + capacity;
      System.arraycopy(l, r1, l, r0, t + 2);
      System.arraycopy(l, r2, l, r1, t + 3);
      System.arraycopy(l, r3, l, r2, t + 4);
      System.arraycopy(l, r3 + capacity, l, r3, t + 5);
      for (int i = j; i < t; i++) {
        double c = cosines[i];
        double s = sines[i];
        double x0 = l[r0 + i];
        double y0 = l[r0 + i + 1];
        double x1 = l[r1 + i];
        double y1 = l[r1 + i + 1];
        double x2 = l[r2 + i];
        double y2 = l[r2 + i + 1];
        double x3 = l[r3 + i];
        double y3 = l[r3 + i + 1];
        l[r0 + i] = c * x0 + s * y0;
        l[r0 + i + 1] = -s * x0 + c * y0;
        l[r1 + i] = c * x1 + s * y1;
        l[r1 + i + 1] = -s * x1 + c * y1;
        l[r2 + i] = c * x2 + s * y2;
        l[r2 + i + 1] = -s * x2 + c * y2;
        l[r3 + i] = c * x3 + s * y3;
        l[r3 + i + 1] = -s * x3 + c * y3;
      }
      // the block's own rotations, each fixed by its row and passed to the rows below it
      fixRotation(r0, t);
      rotate(r1, t);
      rotate(r2, t);
      rotate(r3, t);
      fixRotation(r1, t + 1);
      rotate(r2, t + 1);
      rotate(r3, t + 1);
      fixRotation(r2, t + 2);
      rotate(r3, t + 2);
      fixRotation(r3, t + 3);
    }
    for (; t < k - 1; t++) {
      int rt = t * capacity;
      System.arraycopy(l, rt + capacity, l, rt, t + 2);
      for (int i = j; i < t; i++) {
        rotate(rt, i);
      }
      fixRotation(rt, t);
    }
    order = k - 1;
  }

  /** Applies rotation i to the entry pair (i, i + 1) of the row at {@code row}. */
  private void rotate(int row, int i) {
    double x = l[row + i];
    double y = l[row + i + 1];
    l[row + i] = cosines[i] * x + sines[i] * y;
    l[row + i + 1] = -sines[i] * x + cosines[i] * y;
  }

  /** Fixes rotation t from the row's entries (t, t + 1), which it turns into (r, 0), r &gt;= 0. */
  private void fixRotation(int row, int t) {
    double a = l[row + t];
    double b = l[row + t + 1];
    double rr = Math.hypot(a, b);
    cosines[t] = a / rr;
    sines[t] = b / rr;
    l[row + t] = rr;
    l[row + t + 1] = 0;
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
    // L^T x = y by rows of L, four at a time: their 4 x 4 triangle first, then one pass of four
    // axpys over the entries above them (the same operations in the same order as one row at a time)
    int i = k - 1;
    for (; i >= 3; i -= 4) {
      int r0 = i * capacity;
      int r1 = r0 - capacity;
      int r2 = r1 - capacity;
      int r3 = r2 - capacity;
      double x0 = b[i] / l[r0 + i];
      b[i] = x0;
      b[i - 1] += -x0 * l[r0 + i - 1];
      b[i - 2] += -x0 * l[r0 + i - 2];
      b[i - 3] += -x0 * l[r0 + i - 3];
      double x1 = b[i - 1] / l[r1 + i - 1];
      b[i - 1] = x1;
      b[i - 2] += -x1 * l[r1 + i - 2];
      b[i - 3] += -x1 * l[r1 + i - 3];
      double x2 = b[i - 2] / l[r2 + i - 2];
      b[i - 2] = x2;
      b[i - 3] += -x2 * l[r2 + i - 3];
      double x3 = b[i - 3] / l[r3 + i - 3];
      b[i - 3] = x3;
      MatrixOps.axpy4(-x0, -x1, -x2, -x3, l, r0, r1, r2, r3, b, i - 3);
    }
    for (; i >= 0; i--) {
      int ri = i * capacity;
      double xi = b[i] / l[ri + i];
      b[i] = xi;
      MatrixOps.axpy(-xi, l, ri, b, i);
    }
  }

  /**
   * The product G e = L (L^T e) for a vector e with few nonzero entries, and e^T G e = ||L^T e||^2:
   * L^T e costs one row axpy per nonzero entry (sum of (j + 1) over its indices j), L v one dot
   * product per row over the leading entries where v can be nonzero, at most k^2 / 2 multiply-adds
   * in all, half of a {@link #solve}.
   *
   * @param index the indices j of e's nonzero entries, ascending, each below {@link #order()}
   * @param values e_j for each of them
   * @param count entries of index and values used
   * @param out G e, length at least {@link #order()}, overwritten
   * @param scratch length at least {@link #order()}, overwritten (it holds L^T e)
   * @return e^T G e
   */
  public double gramTimes(int[] index, double[] values, int count, double[] out, double[] scratch) {
    if (count == 0) {
      java.util.Arrays.fill(out, 0, order, 0.0);
      return 0.0;
    }
    int last = index[count - 1];
    java.util.Arrays.fill(scratch, 0, last + 1, 0.0);
    for (int c = 0; c < count; c++) {
      int j = index[c];
      MatrixOps.axpy(values[c], l, j * capacity, scratch, j + 1);
    }
    double quadratic = MatrixOps.fastDot(scratch, 0, scratch, last + 1);
    for (int i = 0; i < order; i++) {
      out[i] = MatrixOps.fastDot(l, i * capacity, scratch, Math.min(i, last) + 1);
    }
    return quadratic;
  }

  /**
   * @param i row
   * @param j column, at most i
   * @return L[i][j]
   */
  public double entry(int i, int j) {
    return j <= i ? l[i * capacity + j] : 0.0;
  }

  private void ensureRotations(int k) {
    if (cosines.length < k) {
      cosines = new double[Math.max(k, 2 * cosines.length)];
      sines = new double[cosines.length];
    }
  }

  private void ensureCapacity(int k) {
    if (k <= capacity) {
      return;
    }
    int next = Math.max(k, Math.min(Math.max(16, 2 * capacity), maxOrder));
    double[] grown = new double[Math.multiplyExact(next, next)];
    for (int i = 0; i < order; i++) {
      System.arraycopy(l, i * capacity, grown, i * next, i + 1);
    }
    l = grown;
    capacity = next;
  }
}
