package org.groupsparse.regression.grouplasso;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.SpectralNorm;
import org.groupsparse.linalg.SymmetricEigen;

/**
 * The least-squares datafit F(w) = (1/2n) ||y - X w||^2 of the group lasso, over a copy of the
 * design stored column-major with the columns of each group next to each other, so that every
 * group product X_l^T r and update r -= X_l d is one contiguous stream.
 *
 * <p>Coefficients are indexed by <em>column position</em> k (group order): position k holds
 * feature {@link #featureOfPosition(int)}. Its gradient is -X^T r / n; the solvers work with the
 * correlation c = X^T r / n = -grad F, and the block curvature G_l = X_l^T X_l / n (its
 * eigendecomposition, computed on first use, gives the exact block update).
 *
 * <p>Not safe for concurrent use; {@link #correlation} may use the pool given to it.
 */
final class LeastSquaresDatafit implements QuadraticDatafit {
  private static final int EXACT_BLOCK_LIMIT = 128;
  private final int n;
  private final int p;
  private final double[] columns;
  private final double[] y;
  private final int[] ptr;
  private final int[] featureOfPosition;
  private final SymmetricEigen[] gram;
  private final double[] blockLipschitz;
  private double lipschitz = Double.NaN;
  private double[] fullGram;
  /**
   * Designs of at least this many entries (8 MiB of doubles, beyond the caches) certify along the
   * path from the float32 copy; {@link #standardized} makes it while it builds the columns.
   */
  static final long APPROXIMATE_PASS_ENTRIES = 1L << 20;
  /** A float32 copy of the columns and their norms ||x_k||, for certified approximate correlations. */
  private float[] floatColumns;
  private double[] columnNorms;
  /** One column's copy for the block Gram products (the datafit is not shared between threads). */
  private double[] scratchColumn;

  /**
   * Copies the design into group order.
   *
   * @param design n x p design (row-major), not modified
   * @param y response of length n, copied
   * @param groups group structure over the p columns
   */
  public LeastSquaresDatafit(DenseMatrix design, double[] y, GroupStructure groups) {
    this(checked(design, y, groups), design.rows(), y.clone(), groups);
  }

  /** Takes ownership of the group-ordered columns. */
  private LeastSquaresDatafit(double[] columns, int n, double[] y, GroupStructure groups) {
    this.n = n;
    this.p = groups.featureCount();
    this.y = y;
    this.columns = columns;
    ptr = groups.groupStarts();
    featureOfPosition = groups.members();
    gram = new SymmetricEigen[groups.groupCount()];
    blockLipschitz = new double[groups.groupCount()];
    java.util.Arrays.fill(blockLipschitz, Double.NaN);
  }

  /** The datafit of a standardized design, and the standardization (by feature). */
  record Standardized(LeastSquaresDatafit datafit, Standardization standardization) {}

  /**
   * The datafit of the standardized training data without a standardized row-major copy: the
   * design is transposed into group order, then standardized column by column in place
   * ({@link Standardization#fitAndApplyToColumns}). The same columns, response and standardization
   * as {@code new LeastSquaresDatafit(s.apply(train).design(), s.apply(train).response(), groups)}
   * with {@code s = Standardization.fit(train, center, scaleFeatures, false)}.
   *
   * @param train training data, not modified
   * @param groups group structure over its features
   * @param center whether to centre columns and response
   * @param scaleFeatures whether to scale columns to unit population variance
   * @return the datafit and the standardization
   */
  static Standardized standardized(Dataset train, GroupStructure groups, boolean center, boolean scaleFeatures) {
    double[] columns = checked(train.design(), train.response(), groups);
    int n = train.rows();
    int p = groups.featureCount();
    double[] y = train.response();
    // while each standardized column is in cache: its Lipschitz constant when it is a group of its
    // own (as blockLipschitz computes it), and its float32 copy and norm on large designs
    int[] ptr = groups.groupStarts();
    int[] singleton = new int[p];
    java.util.Arrays.fill(singleton, -1);
    for (int l = 0; l + 1 < ptr.length; l++) {
      if (ptr[l + 1] - ptr[l] == 1) {
        singleton[ptr[l]] = l;
      }
    }
    double[] lipschitz = new double[groups.groupCount()];
    java.util.Arrays.fill(lipschitz, Double.NaN);
    boolean approximate = (long) n * p >= APPROXIMATE_PASS_ENTRIES;
    float[] floats = approximate ? new float[columns.length] : null;
    double[] norms = approximate ? new double[p] : null;
    double[] scratch = new double[n];
    Standardization std = Standardization.fitAndApplyToColumns(columns, n, groups.members(), y, center, scaleFeatures,
        (k, offset) -> {
          if (singleton[k] >= 0) {
            System.arraycopy(columns, offset, scratch, 0, n);
            lipschitz[singleton[k]] = Math.max(0.0, MatrixOps.fastDot(columns, offset, scratch, n) * (1.0 / n));
          }
          if (floats != null) {
            norms[k] = floatColumn(columns, offset, n, floats);
          }
        });
    double[] centred = new double[n];
    for (int i = 0; i < n; i++) {
      centred[i] = (y[i] - std.responseMean()) / std.responseScale();
    }
    LeastSquaresDatafit f = new LeastSquaresDatafit(columns, n, centred, groups);
    System.arraycopy(lipschitz, 0, f.blockLipschitz, 0, lipschitz.length);
    f.floatColumns = floats;
    f.columnNorms = norms;
    f.scratchColumn = scratch;
    return new Standardized(f, std);
  }

  /** Checks the shapes and returns the design's columns in group order (column-major, a copy). */
  private static double[] checked(DenseMatrix design, double[] y, GroupStructure groups) {
    if (groups.featureCount() != design.cols()) {
      throw new DimensionMismatchException("groups cover " + groups.featureCount() + " features but the design has "
          + design.cols() + " columns");
    }
    if (y.length != design.rows()) {
      throw new DimensionMismatchException("design has " + design.rows() + " rows, response " + y.length);
    }
    int n = design.rows();
    int p = design.cols();
    int[] featureOfPosition = groups.members();
    double[] columns = new double[Math.multiplyExact(n, p)];
    double[] x = design.data();
    int[] positionOfFeature = new int[p];
    for (int k = 0; k < p; k++) {
      positionOfFeature[featureOfPosition[k]] = k;
    }
    // transpose in square tiles so that the rows read and the columns written both stay in cache
    final int tile = 32;
    for (int i0 = 0; i0 < n; i0 += tile) {
      int i1 = Math.min(n, i0 + tile);
      for (int j0 = 0; j0 < p; j0 += tile) {
        int j1 = Math.min(p, j0 + tile);
        for (int j = j0; j < j1; j++) {
          int base = positionOfFeature[j] * n;
          for (int i = i0; i < i1; i++) {
            columns[base + i] = x[i * p + j];
          }
        }
      }
    }
    return columns;
  }

  private double[] columnScratch() {
    if (scratchColumn == null) {
      scratchColumn = new double[n];
    }
    return scratchColumn;
  }

  /** @return rows n */
  public int rows() {
    return n;
  }

  /** @return columns p */
  public int cols() {
    return p;
  }

  /** @return number of groups */
  public int groupCount() {
    return ptr.length - 1;
  }

  /**
   * @param l group
   * @return first column position of the group
   */
  public int start(int l) {
    return ptr[l];
  }

  /**
   * @param l group
   * @return one past the last column position of the group
   */
  public int end(int l) {
    return ptr[l + 1];
  }

  /**
   * @param position column position in group order
   * @return the feature index in the original column order
   */
  public int featureOfPosition(int position) {
    return featureOfPosition[position];
  }

  /** @return the column-major design in group order (a view, do not modify) */
  public double[] columnsView() {
    return columns;
  }

  /**
   * The full Gram matrix X^T X / n in column positions (p x p, row-major, exactly symmetric),
   * computed on first use by one BLAS symmetric product and kept.
   *
   * @return the matrix (a view, do not modify)
   */
  public double[] gram() {
    if (fullGram == null) {
      double[] g = new double[Math.multiplyExact(p, p)];
      // the group-ordered columns, read row-major, are the p x n matrix X^T: G = X^T (X^T)^T / n, one
      // triangle by dsyrk (half the multiply-adds of a general product), mirrored
      org.groupsparse.linalg.RowMajorBlas.syrkRows(p, n, 1.0 / n, columns, 0, n, g, 0, p);
      fullGram = g;
    }
    return fullGram;
  }

  /**
   * c = b - G w over all positions, from the full Gram matrix: the exact correlations X^T (y - X w) / n
   * when b = X^T y / n, at a cost of p per nonzero coefficient.
   *
   * @param b X^T y / n by position
   * @param w coefficients by position
   * @param out receives c (length p)
   */
  public void gramCorrelation(double[] b, double[] w, double[] out) {
    double[] g = gram();
    System.arraycopy(b, 0, out, 0, p);
    for (int k = 0; k < p; k++) {
      if (w[k] != 0) {
        MatrixOps.axpy(-w[k], g, k * p, out, p);
      }
    }
  }

  /**
   * r = y - X w.
   *
   * @param w coefficients by position
   * @param out receives r (length n)
   */
  public void residual(double[] w, double[] out) {
    System.arraycopy(y, 0, out, 0, n);
    for (int k = 0; k < p; k++) {
      if (w[k] != 0) {
        MatrixOps.axpy(-w[k], columns, k * n, out, n);
      }
    }
  }

  /**
   * The loss (1/2n) ||y - X w||^2 from the Gram matrix: (1/2n) y^T y - b^T w + (1/2) w^T G w.
   *
   * @param yy y^T y / n
   * @param b X^T y / n by position
   * @param w coefficients by position
   * @return the loss
   */
  public double gramValue(double yy, double[] b, double[] w) {
    double[] g = gram();
    double quadratic = 0;
    double linear = 0;
    for (int k = 0; k < p; k++) {
      if (w[k] != 0) {
        linear += b[k] * w[k];
        double s = 0;
        for (int j = 0; j < p; j++) {
          s += g[k * p + j] * w[j];
        }
        quadratic += w[k] * s;
      }
    }
    return Math.max(0.0, 0.5 * yy - linear + 0.5 * quadratic);
  }

  public double[] response() {
    return y;
  }

  /**
   * F(w) from the residual.
   *
   * @param residual r = y - X w, not modified
   * @return (1/2n) ||r||^2
   */
  public double value(double[] residual) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += residual[i] * residual[i];
    }
    return s / (2.0 * n);
  }

  /**
   * Approximate correlations c~ = X~^T r / n from a float32 copy X~ of the columns (made on first
   * use, half the memory traffic of the exact pass), accumulated in double; with
   * {@link #approximationError} they certify |c_k| without reading the double columns. Columns are
   * split over the pool's threads when given.
   *
   * @param residual r, not modified
   * @param out c~ by column position, overwritten
   * @param pool threads, or null for the calling thread
   * @return an upper bound on ||r||_2 (its computed value enlarged by 1e-12 for its rounding), the
   *     residual norm that {@link #approximationError} and {@link #approximateGroupNormBound} take
   */
  public double approximateCorrelation(double[] residual, double[] out, ForkJoinPool pool) {
    ensureFloatColumns();
    double inv = 1.0 / n;
    overColumns(pool, (from, to) -> {
      for (int k = from; k < to; k++) {
        out[k] = MatrixOps.dotWidened(floatColumns, k * n, residual, n) * inv;
      }
    });
    double rn = 0;
    for (int i = 0; i < n; i++) {
      rn += residual[i] * residual[i];
    }
    return Math.sqrt(rn) * (1 + 1e-12);
  }

  /**
   * A bound on |c~_k - c_k| for {@link #approximateCorrelation} at a residual of norm ||r||: with
   * x~ the float32 rounding of x_k (|x~_i - x_i| &lt;= 2^-24 |x_i|) and the double accumulation
   * error of {@link MatrixOps#dotWidened},
   *
   * <pre>  |c~_k - c_k| &lt;= (2^-24 + 2 (n + 2) 2^-53 (1 + 2^-24)) ||x_k|| ||r|| / n + 2^-52 |c~_k|,</pre>
   *
   * <p>by Cauchy-Schwarz on sum |x_i r_i|; enlarged by a factor 1 + 1e-6 for the rounding of the
   * norms themselves.
   *
   * @param position column position
   * @param residualNorm ||r||_2
   * @param approximate c~_k
   * @return the bound
   */
  public double approximationError(int position, double residualNorm, double approximate) {
    ensureFloatColumns();
    double u = 0x1p-53;
    double kappa = 0x1p-24 + 2.0 * (n + 2) * u * (1 + 0x1p-24);
    return (1 + 1e-6) * (kappa * columnNorms[position] * residualNorm / n + 2 * u * Math.abs(approximate));
  }

  /**
   * A certified upper bound on ||c_l|| = ||X_l^T r / n|| from the approximations c~ of
   * {@link #approximateCorrelation} at r: ||c~_l|| + ||delta_l||, delta_k = {@link #approximationError}
   * (the triangle inequality), each norm enlarged by 1e-15 for its own rounding. A zero group whose
   * bound is at most its level lambda omega_l satisfies its KKT condition.
   *
   * @param l group
   * @param residualNorm an upper bound on ||r||_2
   * @param approximate c~ by column position
   * @return the bound
   */
  public double approximateGroupNormBound(int l, double residualNorm, double[] approximate) {
    double sum = 0;
    double error = 0;
    for (int q = ptr[l]; q < ptr[l + 1]; q++) {
      sum += approximate[q] * approximate[q];
      double e = approximationError(q, residualNorm, approximate[q]);
      error += e * e;
    }
    return Math.sqrt(sum) * (1 + 1e-15) + Math.sqrt(error) * (1 + 1e-15);
  }

  private void ensureFloatColumns() {
    if (floatColumns != null) {
      return;
    }
    float[] fc = new float[columns.length];
    double[] norms = new double[p];
    for (int k = 0; k < p; k++) {
      norms[k] = floatColumn(columns, k * n, n, fc);
    }
    columnNorms = norms;
    floatColumns = fc;
  }

  /**
   * Writes the float32 rounding of one column and returns its norm ||x_k||, or +infinity when an
   * entry is outside float32's normal range (where the relative rounding bound fails: the column
   * gets no approximation).
   */
  private static double floatColumn(double[] columns, int offset, int n, float[] out) {
    double s = 0;
    boolean representable = true;
    for (int i = 0; i < n; i++) {
      double v = columns[offset + i];
      out[offset + i] = (float) v;
      s += v * v;
      double a = Math.abs(v);
      representable &= a <= Float.MAX_VALUE && (a >= Float.MIN_NORMAL || a == 0);
    }
    return representable ? Math.sqrt(s) : Double.POSITIVE_INFINITY;
  }

  /**
   * c_l = X_l^T r / n for one group.
   *
   * @param l group
   * @param residual r, not modified
   * @param out output, written at {@code out[outOffset ..]}, modified
   * @param outOffset start in {@code out}
   */
  public void groupCorrelation(int l, double[] residual, double[] out, int outOffset) {
    double inv = 1.0 / n;
    for (int k = ptr[l]; k < ptr[l + 1]; k++) {
      out[outOffset + k - ptr[l]] = MatrixOps.fastDot(columns, k * n, residual, n) * inv;
    }
  }

  /**
   * r -= X_l d for one group.
   *
   * @param l group
   * @param delta the change d_l, read at {@code delta[deltaOffset ..]}, not modified
   * @param deltaOffset start in {@code delta}
   * @param residual r, modified
   */
  public void subtractGroup(int l, double[] delta, int deltaOffset, double[] residual) {
    // the nonzero moves in order, four columns per pass over r (MatrixOps.axpy4: the same bits as
    // one axpy each; on n = 1000, p = 5000, groups of 10 to 0.01 lambda_max, 2.49-2.51 s against
    // 2.66-2.69 s for the path)
    int base = deltaOffset - ptr[l]; // delta[base + k] is column k's move
    int held = 0;
    for (int k = ptr[l]; k < ptr[l + 1]; k++) {
      if (delta[base + k] != 0) {
        pendingColumns[held++] = k;
        if (held == 4) {
          int[] c = pendingColumns;
          MatrixOps.axpy4(-delta[base + c[0]], -delta[base + c[1]], -delta[base + c[2]], -delta[base + c[3]],
              columns, c[0] * n, c[1] * n, c[2] * n, c[3] * n, residual, n);
          held = 0;
        }
      }
    }
    for (int t = 0; t < held; t++) {
      MatrixOps.axpy(-delta[base + pendingColumns[t]], columns, pendingColumns[t] * n, residual, n);
    }
  }

  /** Columns waiting for {@link #subtractGroup}'s next four-column pass. */
  private final int[] pendingColumns = new int[4];

  /**
   * out = X w restricted to some groups (out is overwritten).
   *
   * @param w coefficients by position, not modified
   * @param groupsToUse group indices, not modified
   * @param count how many of them to use
   * @param out length n, modified
   */
  public void multiply(double[] w, int[] groupsToUse, int count, double[] out) {
    java.util.Arrays.fill(out, 0, n, 0.0);
    for (int a = 0; a < count; a++) {
      int l = groupsToUse[a];
      for (int k = ptr[l]; k < ptr[l + 1]; k++) {
        if (w[k] != 0) {
          MatrixOps.axpy(w[k], columns, k * n, out, n);
        }
      }
    }
  }

  /**
   * The full correlation c = X^T r / n, split over the pool's threads by groups when a pool is
   * given. Each entry is one dot product, so the result does not depend on the thread count.
   *
   * @param residual r, not modified
   * @param out length p, modified
   * @param pool the pool, or {@code null} to run on the caller's thread
   */
  public void correlation(double[] residual, double[] out, ForkJoinPool pool) {
    double inv = 1.0 / n;
    overColumns(pool, (from, to) -> {
      for (int k = from; k < to; k++) {
        out[k] = MatrixOps.fastDot(columns, k * n, residual, n) * inv;
      }
    });
  }

  /** Work on the column positions [from, to). */
  @FunctionalInterface
  private interface ColumnRange {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over all column positions: on the calling thread without a pool (or with one
   * thread, or fewer than 64 columns), else in four ranges per thread of the pool. Each column's
   * result is computed by one thread alone, so the split never changes a result.
   */
  private void overColumns(ForkJoinPool pool, ColumnRange body) {
    if (pool == null || pool.getParallelism() < 2 || p < 64) {
      body.run(0, p);
      return;
    }
    int parts = pool.getParallelism() * 4;
    RecursiveAction[] tasks = new RecursiveAction[parts];
    for (int t = 0; t < parts; t++) {
      final int from = (int) ((long) p * t / parts);
      final int to = (int) ((long) p * (t + 1) / parts);
      tasks[t] = new RecursiveAction() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void compute() {
          body.run(from, to);
        }
      };
    }
    pool.invoke(new RecursiveAction() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void compute() {
        invokeAll(tasks);
      }
    });
  }

  /**
   * The eigendecomposition of G_l = X_l^T X_l / n, computed on first use, or {@code null} for
   * groups larger than the exact-update limit (128 columns).
   *
   * @param l group
   * @return the decomposition or null
   */
  public SymmetricEigen blockGram(int l) {
    int m = ptr[l + 1] - ptr[l];
    if (m > EXACT_BLOCK_LIMIT) {
      return null;
    }
    SymmetricEigen e = gram[l];
    if (e == null) {
      double[] g = new double[m * m];
      double inv = 1.0 / n;
      double[] column = columnScratch();
      for (int b = 0; b < m; b++) {
        System.arraycopy(columns, (ptr[l] + b) * n, column, 0, n);
        for (int a = 0; a <= b; a++) {
          double v = MatrixOps.fastDot(columns, (ptr[l] + a) * n, column, n) * inv;
          g[a * m + b] = v;
          g[b * m + a] = v;
        }
      }
      e = SymmetricEigen.of(g, m);
      gram[l] = e;
      blockLipschitz[l] = Math.max(0.0, e.values()[m - 1]);
    }
    return e;
  }

  /**
   * The largest eigenvalue of G_l = X_l^T X_l / n (exactly from the eigendecomposition for small
   * groups, by the power method of {@link SpectralNorm} for large ones, enlarged by
   * {@link SpectralNorm#SAFETY}).
   *
   * @param l group
   * @return L_l
   */
  public double blockLipschitz(int l) {
    if (Double.isNaN(blockLipschitz[l])) {
      if (ptr[l + 1] - ptr[l] == 1) {
        // a single column: ||x||^2 / n, the value its 1 x 1 eigendecomposition would give
        double[] column = columnScratch();
        System.arraycopy(columns, ptr[l] * n, column, 0, n);
        blockLipschitz[l] = Math.max(0.0, MatrixOps.fastDot(columns, ptr[l] * n, column, n) * (1.0 / n));
      } else if (blockGram(l) == null) {
        int m = ptr[l + 1] - ptr[l];
        int first = ptr[l];
        double[] xv = new double[n];
        double[] start = new double[m];
        java.util.Arrays.fill(start, 1.0 / Math.sqrt(m));
        double est = SpectralNorm.largestEigenvalue((v, out) -> {
          java.util.Arrays.fill(xv, 0.0);
          for (int k = 0; k < m; k++) {
            MatrixOps.axpy(v[k], columns, (first + k) * n, xv, n);
          }
          for (int k = 0; k < m; k++) {
            out[k] = MatrixOps.fastDot(columns, (first + k) * n, xv, n) / n;
          }
        }, start);
        blockLipschitz[l] = est * SpectralNorm.SAFETY;
      }
    }
    return blockLipschitz[l];
  }

  /**
   * L = ||X||_2^2 / n, the Lipschitz constant of grad F, by the power method of
   * {@link SpectralNorm} on X^T X / n from its seeded start, enlarged by {@link SpectralNorm#SAFETY}
   * so that 1/L is a safe step despite the method approaching from below.
   *
   * @return L
   */
  public double lipschitz() {
    if (Double.isNaN(lipschitz)) {
      double[] xv = new double[n];
      double est = SpectralNorm.largestEigenvalue((v, out) -> {
        java.util.Arrays.fill(xv, 0.0);
        for (int k = 0; k < p; k++) {
          MatrixOps.axpy(v[k], columns, k * n, xv, n);
        }
        correlation(xv, out, null); // out = X^T X v / n
      }, SpectralNorm.seededStart(p));
      lipschitz = est * SpectralNorm.SAFETY;
    }
    return lipschitz;
  }
}
