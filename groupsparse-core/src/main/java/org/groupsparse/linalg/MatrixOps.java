package org.groupsparse.linalg;

/**
 * Dense kernels over row-major primitive arrays. Every method documents which arrays it modifies;
 * none allocates.
 */
public final class MatrixOps {
  /**
   * Whether the SIMD kernels are in use: the JVM has the module {@code jdk.incubator.vector} (run
   * with {@code --add-modules jdk.incubator.vector}) and the system property {@code
   * groupsparse.vector} is not {@code false}. Otherwise scalar loops are used; both give the same
   * results up to rounding (they sum in different orders).
   */
  public static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"false".equalsIgnoreCase(System.getProperty("groupsparse.vector"));

  /**
   * Multiply-adds that the twinned SIMD kernels (the dot products, the axpys, the fused residual
   * passes) run as their scalar twins ({@link ScalarTwins}; the axpys as plain loops) before the
   * SIMD kernels take over for good: bit for bit the same results, without the Vector API's start-up
   * cost (until the JIT's last tier has compiled a Vector API kernel, each of its vector operations
   * is an allocating library call). Vectors of every length count: bardet's first path, 137,000 dot
   * products of 43 and 120 terms, took 0.21 s on the SIMD kernels and 0.12 s on the twins; the first
   * lasso path on n = 1000, p = 800 (rows of 800 and 1000 terms, which ran the SIMD kernels cold
   * until 2026-12-02) 0.38-0.47 s against 0.72-0.75 s, its warm paths level (0.099-0.127 against
   * 0.111-0.120 s). Once compiled, a twin costs about 0.15-0.2 ns more per term than the SIMD kernel
   * (JMH {@code ShortDotBenchmark}, 8 lanes: 39 against 17 ns for 120 terms, 69 against 34 ns for
   * 255; a DGLNN iteration on 150 x 100, 18-20 us against 7.5-8 us), so this budget bounds that cost
   * at about 50 ms, roughly what the Vector API's start-up costs once: a short command (bardet's
   * path, 12 million terms; its 10-fold CV, 126 million) stays on the twins, a long run pays the
   * start-up once and then runs SIMD.
   */
  static final long TWIN_TERM_BUDGET = 1L << 28;
  /** Lanes of the SIMD kernels when {@link ScalarTwins} has their twins, else 0. */
  private static final int TWIN_LANES = SIMD ? twinLanes() : 0;
  /**
   * Terms done by the twins so far. A plain field: concurrent calls may lose increments, which only
   * delays the switch a little; it is written no more once the budget is spent.
   */
  private static long twinTerms;

  private MatrixOps() {}

  private static int twinLanes() {
    int lanes = VectorKernels.lanes();
    return ScalarTwins.supports(lanes) ? lanes : 0;
  }

  /**
   * Whether a twinned SIMD kernel runs as its twin this time (and counts its {@code terms}
   * multiply-adds against {@link #TWIN_TERM_BUDGET}).
   */
  private static boolean twin(long terms) {
    if (TWIN_LANES == 0 || twinTerms >= TWIN_TERM_BUDGET) {
      return false;
    }
    twinTerms += terms;
    return true;
  }

  /**
   * Dot product of {@code a[aOffset .. aOffset+len)} and {@code b[0 .. len)} with four independent
   * accumulators (a fixed summation order, so the result is reproducible).
   *
   * @param a first operand, not modified
   * @param aOffset start in {@code a}
   * @param b second operand, not modified
   * @param len number of terms
   * @return the dot product
   */
  public static double dot(double[] a, int aOffset, double[] b, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += a[aOffset + j] * b[j];
      s1 += a[aOffset + j + 1] * b[j + 1];
      s2 += a[aOffset + j + 2] * b[j + 2];
      s3 += a[aOffset + j + 3] * b[j + 3];
    }
    for (; j < len; j++) {
      s0 += a[aOffset + j] * b[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * The Gram matrix of columns stored one after another: out[a ldo + c] = out[c ldo + a] = scale
   * (x_a . x_c) for a, c &lt; count, x_a = x[a n .. a n + n). Each entry is the dot product of {@link
   * #fastDot(double[], int, double[], int, int)}'s SIMD order, computed in 4 x 4 blocks of columns that
   * share their loads (a small symmetric product on the calling thread).
   *
   * @param x the columns, not modified
   * @param count number of columns
   * @param n length of a column
   * @param scale factor applied to every entry
   * @param out output, row stride ldo, modified
   * @param ldo row stride of out
   */
  public static void gram(double[] x, int count, int n, double scale, double[] out, int ldo) {
    if (SIMD) {
      VectorKernels.gram(x, count, n, scale, out, ldo);
      return;
    }
    for (int a = 0; a < count; a++) {
      for (int c = 0; c <= a; c++) {
        double v = fastDot(x, a * n, x, c * n, n) * scale;
        out[a * ldo + c] = v;
        out[c * ldo + a] = v;
      }
    }
  }

  /**
   * Sum of {@code a[from .. to)} with four independent (vector) accumulators: the cheapest complete
   * read of the range, whose time is the memory-bandwidth floor of any pass over it.
   *
   * @param a the array, not modified
   * @param from first index
   * @param to one past the last index
   * @return the sum
   */
  public static double streamSum(double[] a, int from, int to) {
    if (SIMD) {
      return VectorKernels.streamSum(a, from, to);
    }
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Dot product of {@code a[aOffset .. aOffset+len)} and {@code b[0 .. len)}, with the SIMD kernel
   * when {@link #SIMD} is on (a fixed summation order either way, so results are reproducible).
   *
   * @param a first operand, not modified
   * @param aOffset start in {@code a}
   * @param b second operand, not modified
   * @param len number of terms
   * @return the dot product
   */
  public static double fastDot(double[] a, int aOffset, double[] b, int len) {
    if (SIMD) {
      return twin(len) ? ScalarTwins.dot(TWIN_LANES, a, aOffset, b, len) : VectorKernels.dot(a, aOffset, b, len);
    }
    return dot(a, aOffset, b, len);
  }

  /**
   * Dot product of float32 entries {@code a[aOffset .. aOffset+len)}, each widened to double, and
   * {@code b[0 .. len)}, accumulated in double (SIMD when {@link #SIMD} is on). Widening is exact and
   * each term rounds at most twice (product and sum; once with the SIMD kernel's fused multiply-add),
   * so the result differs from the exact sum of the widened products by at most
   * 2 len 2^-53 sum |a_i b_i| (for len 2^-53 &lt; 0.01).
   *
   * @param a float32 operand, not modified
   * @param aOffset start in {@code a}
   * @param b double operand, not modified
   * @param len number of terms
   * @return the dot product
   */
  public static double dotWidened(float[] a, int aOffset, double[] b, int len) {
    if (SIMD) {
      return VectorKernels.dotWidened(a, aOffset, b, len);
    }
    double s = 0;
    for (int j = 0; j < len; j++) {
      s += a[aOffset + j] * b[j];
    }
    return s;
  }

  /**
   * Dot product of {@code a[aOffset .. aOffset+len)} and {@code b[bOffset .. bOffset+len)}, SIMD
   * when {@link #SIMD} is on (a fixed summation order either way).
   *
   * @param a first operand, not modified
   * @param aOffset start in {@code a}
   * @param b second operand, not modified
   * @param bOffset start in {@code b}
   * @param len number of terms
   * @return the dot product
   */
  public static double fastDot(double[] a, int aOffset, double[] b, int bOffset, int len) {
    if (SIMD) {
      return twin(len) ? ScalarTwins.dot(TWIN_LANES, a, aOffset, b, bOffset, len)
          : VectorKernels.dot(a, aOffset, b, bOffset, len);
    }
    double s = 0;
    for (int j = 0; j < len; j++) {
      s += a[aOffset + j] * b[bOffset + j];
    }
    return s;
  }

  /**
   * {@code out[outOff + a] = scale * x_a . q} for a block of m columns stored one after another
   * (column a at {@code x[off + a n ..]}), four columns per pass over q. SIMD when {@link #SIMD} is
   * on; the summation order differs from {@link #fastDot}'s, so results agree to rounding.
   *
   * @param x column storage, not modified
   * @param off first entry of the block's first column
   * @param n rows
   * @param m columns
   * @param q the vector, not modified
   * @param scale factor of every product
   * @param out results, modified
   * @param outOff first result
   */
  public static void blockCorrelation(double[] x, int off, int n, int m, double[] q, double scale, double[] out,
      int outOff) {
    if (SIMD) {
      VectorKernels.blockCorrelation(x, off, n, m, q, scale, out, outOff);
      return;
    }
    for (int a = 0; a < m; a++) {
      out[outOff + a] = dot(x, off + a * n, q, n) * scale;
    }
  }

  /**
   * Inner products of up to four consecutive rows of a row-major matrix with the k rows of another:
   * {@code out[b k + l] = x[o0 + b p ..] . c[l p ..]} over p terms, for b below {@code rows} and l
   * below k. k-means' point-centre products; SIMD when {@link #SIMD} is on (four rows against four
   * centres at a time).
   *
   * @param x row-major rows of length p, not modified
   * @param o0 first entry of the first row
   * @param rows rows, 1 to 4
   * @param p row length
   * @param c k rows of length p, row-major, not modified
   * @param k rows of c
   * @param out at least rows * k entries, overwritten
   */
  public static void rowProducts(double[] x, int o0, int rows, int p, double[] c, int k, double[] out) {
    if (rows < 1 || rows > 4) {
      throw new IllegalArgumentException("rowProducts takes 1 to 4 rows, got " + rows);
    }
    if (SIMD) {
      VectorKernels.rowProducts(x, o0, rows, p, c, k, out);
      return;
    }
    for (int b = 0; b < rows; b++) {
      for (int l = 0; l < k; l++) {
        out[b * k + l] = fastDot(x, o0 + b * p, c, l * p, p);
      }
    }
  }

  /**
   * Squared distances of four consecutive rows of a row-major matrix to one point: {@code out[t] =
   * ||x[o0 + t p ..] - c[cOff ..]||^2} over p terms for t = 0..3. k-means++'s distances to a new
   * seed; SIMD when {@link #SIMD} is on.
   *
   * @param x row-major rows of length p, not modified
   * @param o0 first entry of the first row
   * @param p row length
   * @param c the point, not modified
   * @param cOff first entry of the point
   * @param out at least 4 entries, overwritten
   */
  public static void squaredDistances4(double[] x, int o0, int p, double[] c, int cOff, double[] out) {
    if (SIMD) {
      VectorKernels.squaredDistances4(x, o0, p, c, cOff, out);
      return;
    }
    for (int t = 0; t < 4; t++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        double d = x[o0 + t * p + j] - c[cOff + j];
        s += d * d;
      }
      out[t] = s;
    }
  }

  /**
   * One pass over n rows for a block of m columns stored one after another (column a at {@code
   * x[off + a n ..]}): with t = sum_a delta_a x_a, {@code z += t} and {@code q -= h * t}
   * (elementwise). The proximal Newton step's block update of its model z = X d and its model
   * residual q = r - h z, with the block's columns read once. SIMD when {@link #SIMD} is on.
   *
   * @param x column storage, not modified
   * @param off first entry of the block's first column
   * @param n rows (entries per column)
   * @param m columns in the block
   * @param delta the block's change d_l (m entries), not modified
   * @param h weights, not modified
   * @param z model linear predictor, modified
   * @param q model residual, modified
   */
  public static void weightedGroupUpdate(double[] x, int off, int n, int m, double[] delta, double[] h, double[] z,
      double[] q) {
    if (SIMD) {
      VectorKernels.weightedGroupUpdate(x, off, n, m, delta, h, z, q);
      return;
    }
    for (int i = 0; i < n; i++) {
      double t = 0;
      for (int a = 0; a < m; a++) {
        t += delta[a] * x[off + a * n + i];
      }
      z[i] += t;
      q[i] -= h[i] * t;
    }
  }

  /**
   * {@code q_i -= h_i d x_i} for one column x (at {@code off}): the model residual's update of a
   * single-column move in the proximal Newton sweeps, without the model predictor z, which the lasso
   * forms only when needed ({@link #weightedGroupUpdate} keeps both, for blocks).
   *
   * @param x column-major storage
   * @param off the column's offset
   * @param n rows
   * @param d the move
   * @param h weights, not modified
   * @param q model residual, modified
   */
  public static void weightedColumnUpdate(double[] x, int off, int n, double d, double[] h, double[] q) {
    if (SIMD) {
      VectorKernels.weightedColumnUpdate(x, off, n, d, h, q);
      return;
    }
    for (int i = 0; i < n; i++) {
      q[i] -= h[i] * (d * x[off + i]);
    }
  }

  /**
   * {@code y[0 .. len) += alpha * x[xOffset .. xOffset+len)}: y_i + alpha x_i, the product rounded and
   * then the sum, entry by entry. With {@link #SIMD} on, once the scalar twins' budget is spent
   * ({@link #TWIN_TERM_BUDGET}) the SIMD kernel runs, which does the same two roundings in its
   * lanes: the operation is lanewise, so both paths give the same bits. The JIT's own vectorization of the
   * plain loop does less: JMH {@code AxpyBenchmark} (700 row axpys, a lasso polish's move of the
   * correlations), 26 against 73 us for rows of 300 entries, 194 against 267 us for rows of 1000
   * read from memory.
   *
   * @param alpha the factor
   * @param x source, not modified
   * @param xOffset start in {@code x}
   * @param y target, modified
   * @param len number of entries
   */
  public static void axpy(double alpha, double[] x, int xOffset, double[] y, int len) {
    if (SIMD && !twin(len)) {
      VectorKernels.axpy(alpha, x, xOffset, y, len);
      return;
    }
    for (int i = 0; i < len; i++) {
      y[i] += alpha * x[xOffset + i];
    }
  }

  /**
   * {@code y[yOffset .. yOffset+len) += alpha * x[xOffset .. xOffset+len)}, entry by entry as
   * {@link #axpy}: the same two roundings on both paths, so the same bits.
   *
   * @param alpha the factor
   * @param x source, not modified
   * @param xOffset start in {@code x}
   * @param y target, modified
   * @param yOffset start in {@code y}
   * @param len number of entries
   */
  public static void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int len) {
    if (SIMD && !twin(len)) {
      VectorKernels.axpy(alpha, x, xOffset, y, yOffset, len);
      return;
    }
    for (int i = 0; i < len; i++) {
      y[yOffset + i] += alpha * x[xOffset + i];
    }
  }

  /**
   * Four {@link #axpy}s in one pass over y: {@code y_i = (((y_i + a0 x_{o0+i}) + a1 x_{o1+i}) +
   * a2 x_{o2+i}) + a3 x_{o3+i}}, each product rounded and then added, in that order, so that the
   * result is the same bits as the four axpys one after the other (and y is read and written once
   * instead of four times: the moves of the lasso polish's residual and the triangular solves with
   * its factor store less).
   *
   * @param a0 first factor
   * @param a1 second factor
   * @param a2 third factor
   * @param a3 fourth factor
   * @param x sources, not modified
   * @param o0 start of the first source in {@code x}
   * @param o1 start of the second
   * @param o2 start of the third
   * @param o3 start of the fourth
   * @param y target, modified
   * @param len number of entries
   */
  public static void axpy4(double a0, double a1, double a2, double a3, double[] x, int o0, int o1, int o2, int o3,
      double[] y, int len) {
    if (SIMD && !twin(4L * len)) {
      VectorKernels.axpy4(a0, a1, a2, a3, x, o0, o1, o2, o3, y, len);
      return;
    }
    for (int i = 0; i < len; i++) {
      y[i] = y[i] + a0 * x[o0 + i] + a1 * x[o1 + i] + a2 * x[o2 + i] + a3 * x[o3 + i];
    }
  }

  /**
   * One fused pass over rows {@code [rowFrom, rowTo)} of X: with r_i = y_i - x_i^T w, adds
   * r_i x_i to {@code correlation} and returns the sum of r_i^2. Each row is read from memory
   * once; it is still in cache when it is used the second time.
   *
   * @param x row-major n x p design, not modified
   * @param p number of columns
   * @param rowFrom first row
   * @param rowTo one past the last row
   * @param y response, not modified
   * @param w coefficients of length p, not modified
   * @param correlation accumulator of length p, modified (added to, not cleared)
   * @return sum over the rows of r_i^2
   */
  public static double residualCorrelation(double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w,
      double[] correlation) {
    if (SIMD) {
      return twin(2L * p * (rowTo - rowFrom))
          ? ScalarTwins.residualCorrelation(TWIN_LANES, x, p, rowFrom, rowTo, y, w, correlation)
          : VectorKernels.residualCorrelation(x, p, rowFrom, rowTo, y, w, correlation);
    }
    return residualCorrelationScalar(x, p, rowFrom, rowTo, y, w, correlation);
  }

  /**
   * The scalar form of {@link #residualCorrelation}, whatever {@link #SIMD} says (for tests and
   * benchmarks).
   *
   * @param x row-major n x p design, not modified
   * @param p number of columns
   * @param rowFrom first row
   * @param rowTo one past the last row
   * @param y response, not modified
   * @param w coefficients of length p, not modified
   * @param correlation accumulator of length p, modified (added to, not cleared)
   * @return sum over the rows of r_i^2
   */
  public static double residualCorrelationScalar(double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w,
      double[] correlation) {
    double loss = 0;
    for (int i = rowFrom; i < rowTo; i++) {
      int off = i * p;
      double r = y[i] - dot(x, off, w, p);
      loss += r * r;
      for (int j = 0; j < p; j++) {
        correlation[j] += r * x[off + j];
      }
    }
    return loss;
  }

  /**
   * Residual sum of squares ||y - X w||^2 over rows {@code [rowFrom, rowTo)}, one pass.
   *
   * @param x row-major design, not modified
   * @param p number of columns
   * @param rowFrom first row
   * @param rowTo one past the last row
   * @param y response, not modified
   * @param w coefficients, not modified
   * @return the residual sum of squares over those rows
   */
  public static double residualSumOfSquares(double[] x, int p, int rowFrom, int rowTo, double[] y, double[] w) {
    if (SIMD) {
      return twin((long) p * (rowTo - rowFrom))
          ? ScalarTwins.residualSumOfSquares(TWIN_LANES, x, p, rowFrom, rowTo, y, w)
          : VectorKernels.residualSumOfSquares(x, p, rowFrom, rowTo, y, w);
    }
    double loss = 0;
    for (int i = rowFrom; i < rowTo; i++) {
      double r = y[i] - dot(x, i * p, w, p);
      loss += r * r;
    }
    return loss;
  }

  /**
   * out = X w.
   *
   * @param x the matrix, not modified
   * @param w vector of length p, not modified
   * @param out vector of length n, modified
   */
  public static void multiply(DenseMatrix x, double[] w, double[] out) {
    int p = x.cols();
    double[] a = x.data();
    for (int i = 0; i < x.rows(); i++) {
      out[i] = dot(a, i * p, w, p);
    }
  }

  /**
   * out = X^T r.
   *
   * @param x the matrix, not modified
   * @param r vector of length n, not modified
   * @param out vector of length p, modified (overwritten)
   */
  public static void transposeMultiply(DenseMatrix x, double[] r, double[] out) {
    int p = x.cols();
    double[] a = x.data();
    java.util.Arrays.fill(out, 0, p, 0.0);
    for (int i = 0; i < x.rows(); i++) {
      double ri = r[i];
      int off = i * p;
      for (int j = 0; j < p; j++) {
        out[j] += ri * a[off + j];
      }
    }
  }

  /**
   * Sum of all entries with four accumulators: one sequential read of the array, the memory floor
   * that the fused passes are measured against.
   *
   * @param a the array, not modified
   * @return the sum
   */
  public static double sum(double[] a) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < a.length; k += 4) {
      s0 += a[k];
      s1 += a[k + 1];
      s2 += a[k + 2];
      s3 += a[k + 3];
    }
    for (; k < a.length; k++) {
      s0 += a[k];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
