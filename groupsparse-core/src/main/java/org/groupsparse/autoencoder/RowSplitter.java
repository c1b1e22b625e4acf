package org.groupsparse.autoencoder;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs a row kernel over rows [0, b) split into contiguous parts: the calling thread takes the
 * first part and the common fork-join pool the others, then the caller waits for all of them. For
 * kernels whose rows are independent (the shrinkage of each code row), so the result does not
 * depend on the split or on scheduling. The tasks are allocated once and reused; a run allocates
 * nothing.
 */
final class RowSplitter {
  /** A kernel over rows [from, to). */
  @FunctionalInterface
  interface Body {
    void rows(int from, int to);
  }

  /** Rows below which a part is not worth a thread. */
  static final int MIN_ROWS_PER_PART = 16;
  private static final int PARTS = Math.max(1,
      Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1));
  private final Body body;
  private final Part[] forked;

  /** @param body the kernel, called with disjoint row ranges, possibly at the same time */
  RowSplitter(Body body) {
    this.body = body;
    this.forked = new Part[PARTS - 1];
    for (int t = 0; t < forked.length; t++) {
      forked[t] = new Part();
    }
  }

  /**
   * Runs the kernel over rows [0, rows).
   *
   * @param rows the row count
   */
  void run(int rows) {
    int parts = Math.min(PARTS, Math.max(1, rows / MIN_ROWS_PER_PART));
    if (parts == 1) {
      body.rows(0, rows);
      return;
    }
    for (int t = 1; t < parts; t++) {
      Part part = forked[t - 1];
      part.from = (int) ((long) rows * t / parts);
      part.to = (int) ((long) rows * (t + 1) / parts);
      part.reinitialize();
      part.fork();
    }
    body.rows(0, (int) ((long) rows / parts));
    for (int t = parts - 1; t >= 1; t--) {
      forked[t - 1].join();
    }
  }

  private final class Part extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private int from;
    private int to;

    @Override
    protected void compute() {
      body.rows(from, to);
    }
  }
}
