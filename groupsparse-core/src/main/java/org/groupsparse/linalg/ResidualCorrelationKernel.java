package org.groupsparse.linalg;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The gradient kernel of least squares: for a fixed design X (n x p) and response y it computes
 * c = X^T (y - X w) and ||y - X w||^2 in one fused pass over the rows of X, optionally split by
 * rows over several threads that each accumulate their own partial c (summed in a fixed order, so
 * the result depends only on the thread count, never on scheduling).
 *
 * <p>All buffers are allocated once, at construction; {@link #evaluate} allocates nothing. Not safe
 * for concurrent use by several callers. Close it to release its threads.
 */
public final class ResidualCorrelationKernel implements AutoCloseable {
  private final double[] x;
  private final double[] y;
  private final int n;
  private final int p;
  private final int threads;
  private final ForkJoinPool pool;
  private final Chunk[] chunks;
  private final Root root;
  private double[] currentW;

  /**
   * Creates the kernel.
   *
   * @param design the n x p design, not modified, not copied (must not change while in use)
   * @param y the response of length n, not modified, not copied
   * @param threads number of threads (1 runs on the caller's thread)
   */
  public ResidualCorrelationKernel(DenseMatrix design, double[] y, int threads) {
    if (y.length != design.rows()) {
      throw new DimensionMismatchException(
          "design has " + design.rows() + " rows but the response has " + y.length + " entries");
    }
    this.x = design.data();
    this.y = y;
    this.n = design.rows();
    this.p = design.cols();
    this.threads = Math.max(1, Math.min(threads, Math.max(1, n)));
    if (this.threads > 1) {
      pool = new ForkJoinPool(this.threads);
      chunks = new Chunk[this.threads];
      for (int k = 0; k < this.threads; k++) {
        int from = (int) ((long) n * k / this.threads);
        int to = (int) ((long) n * (k + 1) / this.threads);
        chunks[k] = new Chunk(from, to, new double[p]);
      }
      root = new Root();
    } else {
      pool = null;
      chunks = null;
      root = null;
    }
  }

  /** @return number of rows n */
  public int rows() {
    return n;
  }

  /** @return number of columns p */
  public int cols() {
    return p;
  }

  /**
   * Computes {@code correlation = X^T (y - X w)} and returns {@code ||y - X w||^2}.
   *
   * @param w coefficients of length p, not modified
   * @param correlation output of length p, modified (overwritten)
   * @return the residual sum of squares
   */
  public double evaluate(double[] w, double[] correlation) {
    if (pool == null) {
      Arrays.fill(correlation, 0, p, 0.0);
      return MatrixOps.residualCorrelation(x, p, 0, n, y, w, correlation);
    }
    currentW = w;
    root.reinitialize();
    pool.invoke(root);
    currentW = null;
    double loss = 0;
    System.arraycopy(chunks[0].partial, 0, correlation, 0, p);
    loss += chunks[0].loss;
    for (int k = 1; k < chunks.length; k++) {
      double[] part = chunks[k].partial;
      for (int j = 0; j < p; j++) {
        correlation[j] += part[j];
      }
      loss += chunks[k].loss;
    }
    return loss;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  private final class Root extends RecursiveAction {
    private static final long serialVersionUID = 1L;

    @Override
    protected void compute() {
      for (Chunk c : chunks) {
        c.reinitialize();
      }
      invokeAll(chunks);
    }
  }

  private final class Chunk extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;
    private final double[] partial;
    private double loss;

    Chunk(int from, int to, double[] partial) {
      this.from = from;
      this.to = to;
      this.partial = partial;
    }

    @Override
    protected void compute() {
      Arrays.fill(partial, 0.0);
      loss = MatrixOps.residualCorrelation(x, p, from, to, y, currentW, partial);
    }
  }
}
