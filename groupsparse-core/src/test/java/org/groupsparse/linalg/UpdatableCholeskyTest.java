package org.groupsparse.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The updated factor against the matrix it stands for: after every append and delete, L L^T equals
 * the Gram matrix of the columns held (formed here by plain loops), and solves satisfy G x = b.
 */
class UpdatableCholeskyTest {
  /** G = X^T X / n of a correlated random design, p columns. */
  private static double[] gram(DenseMatrix x) {
    int n = x.rows();
    int p = x.cols();
    double[] g = new double[p * p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x.get(i, a) * x.get(i, b);
        }
        g[a * p + b] = s / n;
      }
    }
    return g;
  }

  private static DenseMatrix design(int n, int p, SplittableRandom rng) {
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] shared = TestData.gaussian(n, rng);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x.data()[i * p + j] += 0.8 * shared[i];
      }
    }
    return x;
  }

  private static void append(UpdatableCholesky f, List<Integer> held, int column, double[] g, int p) {
    double[] entries = new double[held.size()];
    for (int i = 0; i < held.size(); i++) {
      entries[i] = g[held.get(i) * p + column];
    }
    assertThat(f.append(entries, g[column * p + column])).as("append %d", column).isTrue();
    held.add(column);
  }

  private static void assertRepresents(UpdatableCholesky f, List<Integer> held, double[] g, int p,
      SplittableRandom rng) {
    int k = held.size();
    assertThat(f.order()).isEqualTo(k);
    for (int i = 0; i < k; i++) {
      assertThat(f.entry(i, i)).isPositive();
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int t = 0; t <= Math.min(i, j); t++) {
          s += f.entry(i, t) * f.entry(j, t);
        }
        assertThat(s).as("(L L^T)[%d][%d]", i, j).isCloseTo(g[held.get(i) * p + held.get(j)], within(1e-12));
      }
    }
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      b[i] = rng.nextGaussian();
    }
    double[] x = b.clone();
    f.solve(x);
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += g[held.get(i) * p + held.get(j)] * x[j];
      }
      assertThat(s).as("(G x)[%d]", i).isCloseTo(b[i], within(1e-9));
    }
  }

  /**
   * The solve's back substitution takes the rows of L four at a time (their small triangle, then one
   * pass of four axpys): at every order, tails included, it gives the bits of the row-at-a-time
   * back substitution L^T x = y written out here.
   */
  @Test
  void theBlockedSolveGivesTheBitsOfTheRowByRowSubstitution() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int k : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 64, 301}) {
      int n = k + 20;
      double[] x = new double[n * k];
      for (int i = 0; i < x.length; i++) {
        x[i] = rng.nextGaussian();
      }
      double[] g = new double[k * k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double v = 0;
          for (int t = 0; t < n; t++) {
            v += x[t * k + i] * x[t * k + j];
          }
          g[i * k + j] = v / n;
        }
      }
      UpdatableCholesky f = new UpdatableCholesky(k);
      assertThat(f.appendAll(g, k, k)).isEqualTo(k);
      double[] b = new double[k];
      for (int i = 0; i < k; i++) {
        b[i] = rng.nextGaussian();
      }
      double[] expected = b.clone();
      double[] row = new double[k];
      for (int i = 0; i < k; i++) { // the forward substitution as the solve's (its dot products)
        for (int t = 0; t < i; t++) {
          row[t] = f.entry(i, t);
        }
        expected[i] = (expected[i] - MatrixOps.fastDot(row, 0, expected, 0, i)) / f.entry(i, i);
      }
      for (int i = k - 1; i >= 0; i--) {
        double xi = expected[i] / f.entry(i, i);
        expected[i] = xi;
        for (int t = 0; t < i; t++) {
          expected[t] += -xi * f.entry(i, t);
        }
      }
      double[] got = b.clone();
      f.solve(got);
      for (int i = 0; i < k; i++) {
        assertThat(Double.doubleToRawLongBits(got[i])).as("order %d entry %d", k, i)
            .isEqualTo(Double.doubleToRawLongBits(expected[i]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void appendsAndDeletesKeepTheFactorOfTheHeldColumns(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int p = 40;
    double[] g = gram(design(120, p, rng));
    UpdatableCholesky f = new UpdatableCholesky();
    List<Integer> held = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      free.add(j);
    }
    // grow past the initial capacity (16), then mix deletes (first, last, inner) with appends
    for (int step = 0; step < 25; step++) {
      append(f, held, free.remove(rng.nextInt(free.size())), g, p);
    }
    assertRepresents(f, held, g, p, rng);
    for (int step = 0; step < 60; step++) {
      if (!held.isEmpty() && (free.isEmpty() || rng.nextInt(3) == 0)) {
        int index = step % 5 == 0 ? 0 : step % 5 == 1 ? held.size() - 1 : rng.nextInt(held.size());
        f.delete(index);
        free.add(held.remove(index));
      } else {
        append(f, held, free.remove(rng.nextInt(free.size())), g, p);
      }
      assertRepresents(f, held, g, p, rng);
    }
  }

  /**
   * The delete (four rows at a time) gives the bits of the plain row-by-row Givens delete, written out
   * here on a dense copy of the factor, for every deleted index of factors of orders 1-14 and 37, so
   * that every count of rows left after the blocks of four occurs.
   */
  @Test
  void deleteGivesTheRowByRowRotationsBitForBit() {
    SplittableRandom rng = new SplittableRandom(9);
    int p = 40;
    double[] g = gram(design(120, p, rng));
    for (int k : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 37}) {
      for (int j = 0; j < k; j++) {
        UpdatableCholesky f = new UpdatableCholesky();
        List<Integer> held = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          append(f, held, c, g, p);
        }
        double[][] l = new double[k][k];
        for (int r = 0; r < k; r++) {
          for (int c = 0; c <= r; c++) {
            l[r][c] = f.entry(r, c);
          }
        }
        double[][] expected = plainDelete(l, j);
        f.delete(j);
        for (int r = 0; r < k - 1; r++) {
          for (int c = 0; c <= r; c++) {
            assertThat(Double.doubleToRawLongBits(f.entry(r, c))).as("order %d, delete %d, L[%d][%d]", k, j, r, c)
                .isEqualTo(Double.doubleToRawLongBits(expected[r][c]));
          }
        }
      }
    }
  }

  /** Row j removed from L, then row by row: the rotations fixed so far, then the row's own. */
  private static double[][] plainDelete(double[][] l, int j) {
    int k = l.length;
    double[][] out = new double[k - 1][];
    double[] cos = new double[k];
    double[] sin = new double[k];
    for (int t = 0; t < k - 1; t++) {
      double[] row = java.util.Arrays.copyOf(l[t < j ? t : t + 1], k);
      if (t >= j) {
        for (int i = j; i < t; i++) {
          double x = row[i];
          double y = row[i + 1];
          row[i] = cos[i] * x + sin[i] * y;
          row[i + 1] = -sin[i] * x + cos[i] * y;
        }
        double rr = Math.hypot(row[t], row[t + 1]);
        cos[t] = row[t] / rr;
        sin[t] = row[t + 1] / rr;
        row[t] = rr;
        row[t + 1] = 0;
      }
      out[t] = row;
    }
    return out;
  }

  @Test
  void aDependentColumnIsRefusedAndLeavesTheFactorAsItWas() {
    SplittableRandom rng = new SplittableRandom(9);
    int p = 6;
    DenseMatrix x = design(30, p, rng);
    // column 5 = column 0 - 2 column 3
    for (int i = 0; i < 30; i++) {
      x.data()[i * p + 5] = x.get(i, 0) - 2 * x.get(i, 3);
    }
    double[] g = gram(x);
    UpdatableCholesky f = new UpdatableCholesky();
    List<Integer> held = new ArrayList<>();
    for (int j : new int[] {0, 3, 1}) {
      append(f, held, j, g, p);
    }
    double[] entries = {g[0 * p + 5], g[3 * p + 5], g[1 * p + 5]};
    assertThat(f.append(entries, g[5 * p + 5])).isFalse();
    assertRepresents(f, held, g, p, rng);
    // without column 0 the same column is independent of the others
    f.delete(0);
    held.remove(0);
    append(f, held, 5, g, p);
    assertRepresents(f, held, g, p, rng);
  }

  @Test
  void deletingOutsideTheFactorIsAnError() {
    UpdatableCholesky f = new UpdatableCholesky();
    f.append(new double[0], 2.0);
    assertThatThrownBy(() -> f.delete(1)).isInstanceOf(IndexOutOfBoundsException.class);
    f.delete(0);
    assertThat(f.order()).isZero();
  }

  /** The rows a block append reads: each new column against the held ones, then against the new ones. */
  private static double[] blockRows(double[] g, int p, List<Integer> held, int[] fresh) {
    List<Integer> all = new ArrayList<>(held);
    for (int c : fresh) {
      all.add(c);
    }
    int stride = all.size();
    double[] rows = new double[fresh.length * stride];
    for (int c = 0; c < fresh.length; c++) {
      for (int i = 0; i < stride; i++) {
        rows[c * stride + i] = g[fresh[c] * p + all.get(i)];
      }
    }
    return rows;
  }

  /**
   * A block append is m single appends bit for bit (the same operations per entry), and stops at
   * the first dependent column with the ones before it appended; a delete in the middle of a
   * grown factor still represents the held columns.
   */
  @Test
  void aBlockAppendEqualsSingleAppendsBitForBit() {
    SplittableRandom rng = new SplittableRandom(21);
    int p = 30;
    DenseMatrix x = design(90, p, rng);
    for (int i = 0; i < 90; i++) {
      x.data()[i * p + 29] = x.get(i, 2) + x.get(i, 20); // dependent on two columns appended earlier
    }
    double[] g = gram(x);
    UpdatableCholesky single = new UpdatableCholesky();
    UpdatableCholesky block = new UpdatableCholesky();
    List<Integer> held = new ArrayList<>();
    for (int j = 0; j < 9; j++) {
      append(single, held, j, g, p);
    }
    List<Integer> heldBlock = new ArrayList<>(held);
    for (int j = 0; j < 9; j++) {
      double[] entries = new double[j];
      for (int i = 0; i < j; i++) {
        entries[i] = g[i * p + j];
      }
      block.append(entries, g[j * p + j]);
    }
    int[] fresh = {9, 14, 12, 20, 13, 25, 11};
    assertThat(block.appendAll(blockRows(g, p, held, fresh), held.size() + fresh.length, fresh.length))
        .isEqualTo(fresh.length);
    for (int c : fresh) {
      append(single, held, c, g, p);
    }
    heldBlock.addAll(List.of(9, 14, 12, 20, 13, 25, 11));
    for (int i = 0; i < held.size(); i++) {
      for (int j = 0; j <= i; j++) {
        assertThat(Double.doubleToLongBits(block.entry(i, j))).as("L[%d][%d]", i, j)
            .isEqualTo(Double.doubleToLongBits(single.entry(i, j)));
      }
    }
    block.delete(4);
    heldBlock.remove(4);
    assertRepresents(block, heldBlock, g, p, rng);

    // 29 depends on 2 and 20, both held: the block stops there, after appending 27
    int[] more = {27, 29, 28};
    assertThat(block.appendAll(blockRows(g, p, heldBlock, more), heldBlock.size() + more.length, more.length))
        .isEqualTo(1);
    heldBlock.add(27);
    assertRepresents(block, heldBlock, g, p, rng);
  }

  /**
   * G e = L (L^T e) for a sparse e, and e^T G e, against the Gram matrix of the held columns formed
   * by plain loops; first, inner and last indices.
   */
  @Test
  void gramTimesASparseVectorIsTheHeldColumnsGramMatrixTimesIt() {
    SplittableRandom rng = new SplittableRandom(31);
    int p = 50;
    double[] g = gram(design(150, p, rng));
    UpdatableCholesky f = new UpdatableCholesky();
    List<Integer> held = new ArrayList<>();
    for (int j = 0; j < 40; j++) {
      append(f, held, (j * 7) % p, g, p);
    }
    int[] index = {0, 3, 17, 18, 39};
    double[] values = {0.7, -1.3, 2.1, 0.4, -0.9};
    double[] out = new double[40];
    double[] scratch = new double[40];
    double quadratic = f.gramTimes(index, values, index.length, out, scratch);
    double expectedQuadratic = 0;
    for (int i = 0; i < 40; i++) {
      double s = 0;
      for (int c = 0; c < index.length; c++) {
        s += g[held.get(i) * p + held.get(index[c])] * values[c];
      }
      assertThat(out[i]).as("(G e)[%d]", i).isCloseTo(s, within(1e-12));
    }
    for (int a = 0; a < index.length; a++) {
      for (int b = 0; b < index.length; b++) {
        expectedQuadratic += values[a] * g[held.get(index[a]) * p + held.get(index[b])] * values[b];
      }
    }
    assertThat(quadratic).isCloseTo(expectedQuadratic, within(1e-12));
    assertThat(f.gramTimes(index, values, 0, out, scratch)).isZero();
    assertThat(out).containsOnly(0.0);
  }

  /**
   * A block append of k^2 m >= 2^22 multiply-adds (256 held columns, 64 new) is one BLAS triangular
   * solve: the factor still represents the held columns and agrees with single appends to rounding,
   * and a dependent column in the block (x_329 = x_3 - 2 x_100, both held) stops it there with the
   * columns before it appended.
   */
  @Test
  void aLargeBlockAppendRepresentsTheColumnsAndStopsAtADependentOne() {
    SplittableRandom rng = new SplittableRandom(23);
    int p = 330;
    DenseMatrix x = design(600, p, rng);
    for (int i = 0; i < 600; i++) {
      x.data()[i * p + 329] = x.get(i, 3) - 2 * x.get(i, 100);
    }
    double[] g = gram(x);
    UpdatableCholesky single = new UpdatableCholesky();
    UpdatableCholesky block = new UpdatableCholesky();
    List<Integer> held = new ArrayList<>();
    List<Integer> heldBlock = new ArrayList<>();
    for (int j = 0; j < 256; j++) {
      append(single, held, j, g, p);
      append(block, heldBlock, j, g, p);
    }
    int[] fresh = new int[64];
    for (int c = 0; c < 64; c++) {
      fresh[c] = c < 40 ? 256 + c : c == 40 ? 329 : 255 + c;
    }
    assertThat((long) 256 * 256 * fresh.length).isGreaterThanOrEqualTo(UpdatableCholesky.BLAS_MIN_WORK);
    assertThat(block.appendAll(blockRows(g, p, heldBlock, fresh), 256 + 64, 64)).isEqualTo(40);
    for (int c = 0; c < 40; c++) {
      append(single, held, fresh[c], g, p);
      heldBlock.add(fresh[c]);
    }
    for (int i = 0; i < held.size(); i++) {
      for (int j = 0; j <= i; j++) {
        assertThat(block.entry(i, j)).as("L[%d][%d]", i, j).isCloseTo(single.entry(i, j), within(1e-10));
      }
    }
    assertRepresents(block, heldBlock, g, p, rng);
  }

  /**
   * A growth bound changes only the storage: factors grown under limitOrder(5) (and past it, grown
   * exactly) solve bit for bit as one grown freely, at every order.
   */
  @Test
  void aGrowthBoundChangesOnlyTheStorage() {
    SplittableRandom rng = new SplittableRandom(23);
    int p = 9;
    double[] g = gram(design(40, p, rng));
    UpdatableCholesky bounded = new UpdatableCholesky();
    bounded.limitOrder(5);
    UpdatableCholesky free = new UpdatableCholesky();
    List<Integer> heldBounded = new ArrayList<>();
    List<Integer> heldFree = new ArrayList<>();
    for (int column = 0; column < p; column++) {
      append(bounded, heldBounded, column, g, p);
      append(free, heldFree, column, g, p);
      double[] a = new double[column + 1];
      for (int i = 0; i <= column; i++) {
        a[i] = rng.nextDouble(-1, 1);
      }
      double[] b = a.clone();
      bounded.solve(a);
      free.solve(b);
      assertThat(a).as("order %d", column + 1).isEqualTo(b);
    }
  }
}
