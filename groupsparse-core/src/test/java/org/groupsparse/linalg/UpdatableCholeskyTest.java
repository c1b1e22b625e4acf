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
}
