package org.groupsparse.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.UpdatableCholesky;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels of the wide lasso path (n = 1000, p = 5000, 740 nonzero coefficients at its end): the
 * certification pass over all columns in double against the float32 copy widened to double, and the
 * updated Cholesky factor of G_AA: one solve, and 20 columns appended as one block (then deleted
 * from the end, which restores the factor) against 20 single appends. Run: {@code java -jar
 * groupsparse-bench/target/benchmarks.jar LassoKernels}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LassoKernelsBenchmark {
  private static final int N = 1000;
  private static final int P = 5000;
  private static final int K = 740;
  private static final int ADDED = 20;
  private double[] columns;
  private float[] floats;
  private double[] r;
  private double[] c;
  private UpdatableCholesky factor;
  private double[] rows;
  private double[] rhs;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(1);
    columns = new double[N * P];
    floats = new float[N * P];
    for (int k = 0; k < columns.length; k++) {
      columns[k] = rng.nextGaussian();
      floats[k] = (float) columns[k];
    }
    r = new double[N];
    for (int i = 0; i < N; i++) {
      r[i] = rng.nextGaussian();
    }
    c = new double[P];
    // G = X_A^T X_A / n of the first K + ADDED columns
    int m = K + ADDED;
    double[] g = new double[m * m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b <= a; b++) {
        double v = MatrixOps.fastDot(columns, a * N, columns, b * N, N) / N;
        g[a * m + b] = v;
        g[b * m + a] = v;
      }
    }
    factor = new UpdatableCholesky();
    double[] entries = new double[m];
    for (int j = 0; j < K; j++) {
      System.arraycopy(g, j * m, entries, 0, j);
      factor.append(entries, g[j * m + j]);
    }
    rows = new double[ADDED * m];
    for (int q = 0; q < ADDED; q++) {
      System.arraycopy(g, (K + q) * m, rows, q * m, m);
    }
    rhs = new double[K];
  }

  /** @return a sum (kept alive) */
  @Benchmark
  public double exactPass() {
    for (int k = 0; k < P; k++) {
      c[k] = MatrixOps.fastDot(columns, k * N, r, N);
    }
    return c[P - 1];
  }

  /** @return a sum (kept alive) */
  @Benchmark
  public double float32Pass() {
    for (int k = 0; k < P; k++) {
      c[k] = MatrixOps.dotWidened(floats, k * N, r, N);
    }
    return c[P - 1];
  }

  /** @return an entry (kept alive) */
  @Benchmark
  public double solve() {
    java.util.Arrays.fill(rhs, 1.0);
    factor.solve(rhs);
    return rhs[0];
  }

  /** @return the order reached (kept alive) */
  @Benchmark
  public int blockAppend() {
    int appended = factor.appendAll(rows, K + ADDED, ADDED);
    int order = factor.order();
    for (int q = 0; q < appended; q++) {
      factor.delete(factor.order() - 1);
    }
    return order;
  }

  /** @return the order reached (kept alive) */
  @Benchmark
  public int singleAppends() {
    double[] entries = new double[K + ADDED];
    for (int q = 0; q < ADDED; q++) {
      System.arraycopy(rows, q * (K + ADDED), entries, 0, K + q);
      factor.append(entries, rows[q * (K + ADDED) + K + q]);
    }
    int order = factor.order();
    for (int q = 0; q < ADDED; q++) {
      factor.delete(factor.order() - 1);
    }
    return order;
  }
}
