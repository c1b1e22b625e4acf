package org.groupsparse.regression.grouplasso;

import java.util.Arrays;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.RowMajorBlas;

/**
 * The Gram matrix G = X_W^T X_W / n of the columns of a working set of groups, grown as groups
 * join: a joining group's m columns cost m q dot products over n rows (q the columns already held),
 * one BLAS product over copies of the held columns while they fit a memory budget.
 * Entries are stored by slot (the order in which columns joined), row-major with a row stride equal
 * to the capacity, so that the column G_{W,k} of a moved coefficient k is one contiguous row.
 */
final class CovarianceCache {
  /** Largest number of columns held (a 2048 x 2048 matrix is 32 MiB). */
  static final int MAX_COLUMNS = 2048;
  /** Entries of the column copies that let one BLAS product form a joining group's Gram rows (64 MiB). */
  private static final long COPY_BUDGET = 8L << 20;
  /**
   * Multiply-adds below which a join's Gram rows are dot products in Java rather than one BLAS
   * product: the first BLAS call loads the native library (about 20 ms in a fresh JVM, a sixth of
   * bardet's first path), which a small problem never earns back; 2^22 multiply-adds take about 1-2 ms
   * as dot products.
   */
  static final long BLAS_MIN_WORK = 1L << 22;
  private int[] slotOf = new int[0];
  private int[] positionOf = new int[0];
  private int[] groupOfSlot = new int[0];
  private boolean[] groupHeld = new boolean[0];
  private boolean[] keep = new boolean[0];
  private boolean[] keptSlot = new boolean[0];
  private double[] g = new double[0];
  /** Copies of the held columns, one per slot, while capacity x n fits {@link #COPY_BUDGET}. */
  private double[] held = new double[0];
  private int capacity;
  private int size;

  /** @return columns held */
  int size() {
    return size;
  }

  /**
   * @param position a column position
   * @return its slot, or -1 when not held
   */
  int slot(int position) {
    return slotOf[position];
  }

  /**
   * @param slot a slot
   * @return the column position held there
   */
  int position(int slot) {
    return positionOf[slot];
  }

  /**
   * @param slot a slot
   * @return the offset of row {@code slot} of G in {@link #matrix()}
   */
  int rowOffset(int slot) {
    return slot * capacity;
  }

  /** @return the row stride of {@link #matrix()} */
  int stride() {
    return capacity;
  }

  /** @return the entries (a view): G[s][t] at s * capacity + t */
  double[] matrix() {
    return g;
  }

  /**
   * @param f the datafit
   * @param working groups of the working set
   * @param count entries of working used
   * @return the columns of these groups together
   */
  static int columns(QuadraticDatafit f, int[] working, int count) {
    int q = 0;
    for (int a = 0; a < count; a++) {
      q += f.end(working[a]) - f.start(working[a]);
    }
    return q;
  }

  /**
   * Adds the working groups not yet held.
   *
   * @param f the datafit
   * @param working groups
   * @param count entries used
   */
  void ensure(QuadraticDatafit f, int[] working, int count) {
    bind(f);
    int needed = size;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      if (!groupHeld[l]) {
        needed += f.end(l) - f.start(l);
      }
    }
    if (needed == size) {
      return;
    }
    grow(needed, f.cols());
    int first = size;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      if (groupHeld[l]) {
        continue;
      }
      groupHeld[l] = true;
      for (int k = f.start(l); k < f.end(l); k++) {
        slotOf[k] = size;
        groupOfSlot[size] = l;
        positionOf[size++] = k;
      }
    }
    double[] columns = f.columnsView();
    int n = f.rows();
    double inv = 1.0 / n;
    boolean copies = (long) capacity * n <= COPY_BUDGET;
    if (copies) {
      // the held columns side by side (row s = column positionOf[s]), kept for the BLAS products
      if (held.length < capacity * n) {
        double[] bigger = new double[capacity * n];
        System.arraycopy(held, 0, bigger, 0, first * n);
        held = bigger;
      }
      for (int s = first; s < size; s++) {
        System.arraycopy(columns, positionOf[s] * n, held, s * n, n);
      }
    } else {
      held = new double[0];
    }
    if (copies && (long) (size - first) * size * n >= BLAS_MIN_WORK) {
      // the new rows of G in one BLAS product G[new, 0..size) = X_new^T X_held / n, then mirrored
      RowMajorBlas.gemm(false, true, size - first, size, n, inv, held, first * n, n, held, 0, n, 0, g,
          first * capacity, capacity);
      // mirrored row by row of the old part: each row t gets its new entries contiguously (the
      // few new rows read stay in cache), instead of a strided walk down each new column
      for (int t = 0; t < size; t++) {
        int rowT = t * capacity;
        for (int s = Math.max(first, t + 1); s < size; s++) {
          g[rowT + s] = g[s * capacity + t];
        }
      }
      return;
    }
    for (int s = first; s < size; s++) {
      int ks = positionOf[s] * n;
      for (int t = 0; t <= s; t++) {
        double v = MatrixOps.fastDot(columns, ks, columns, positionOf[t] * n, n) * inv;
        g[s * capacity + t] = v;
        g[t * capacity + s] = v;
      }
    }
  }

  /**
   * Empties the cache when it was made for another design's shape.
   *
   * @param f the datafit
   */
  void bind(QuadraticDatafit f) {
    if (slotOf.length != f.cols()) {
      slotOf = new int[f.cols()];
      Arrays.fill(slotOf, -1);
      groupHeld = new boolean[f.groupCount()];
      size = 0;
    }
  }

  /**
   * Keeps only the columns of the given groups (the others are evicted; the kept ones keep their
   * order), compacting the matrix and the column copies in place.
   *
   * @param groups groups to keep (held or not)
   * @param count entries of groups used
   * @param n rows of the design
   */
  void retain(int[] groups, int count, int n) {
    if (keep.length < groupHeld.length) {
      keep = new boolean[groupHeld.length];
    }
    if (keptSlot.length < size) {
      keptSlot = new boolean[capacity];
    }
    for (int a = 0; a < count; a++) {
      keep[groups[a]] = true;
    }
    for (int s = 0; s < size; s++) {
      keptSlot[s] = keep[groupOfSlot[s]]; // before the compaction below moves groupOfSlot
    }
    boolean copies = capacity > 0 && held.length >= (long) capacity * n;
    int kept = 0;
    for (int s = 0; s < size; s++) {
      int position = positionOf[s];
      if (!keptSlot[s]) {
        slotOf[position] = -1;
        continue;
      }
      // row s moves to row kept (kept <= s: every entry is read before it is overwritten)
      int column = 0;
      for (int t = 0; t < size; t++) {
        if (keptSlot[t]) {
          g[kept * capacity + column++] = g[s * capacity + t];
        }
      }
      if (copies && kept != s) {
        System.arraycopy(held, s * n, held, kept * n, n);
      }
      positionOf[kept] = position;
      groupOfSlot[kept] = groupOfSlot[s];
      slotOf[position] = kept++;
    }
    for (int l = 0; l < groupHeld.length; l++) {
      groupHeld[l] &= keep[l];
      keep[l] = false;
    }
    size = kept;
  }

  /**
   * @param columns columns to hold
   * @param n rows
   * @return whether copies of that many columns fit the budget under which joins are BLAS products
   */
  boolean fitsCopies(long columns, int n) {
    return Math.max(columns, Math.min(Math.max(2L * capacity, 64), MAX_COLUMNS)) * n <= COPY_BUDGET;
  }

  /** Grows the storage to at least {@code needed} columns, doubling, but never past the design's {@code columns}. */
  private void grow(int needed, int columns) {
    if (needed <= capacity) {
      return;
    }
    int next = Math.max(needed, Math.min(Math.max(2 * capacity, 64), Math.min(MAX_COLUMNS, columns)));
    double[] bigger = new double[Math.multiplyExact(next, next)];
    for (int s = 0; s < size; s++) {
      System.arraycopy(g, s * capacity, bigger, s * next, size);
    }
    g = bigger;
    positionOf = Arrays.copyOf(positionOf, next);
    groupOfSlot = Arrays.copyOf(groupOfSlot, next);
    capacity = next;
  }
}
