package org.groupsparse.linalg;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A lasso polish's move of the correlations, c -= G_{:,A} d as one axpy per moved coefficient over
 * the rows of a 700 x len Gram block (the wide lasso's last lambdas: about 700 nonzero coefficients,
 * rows of about 1000), by the SIMD kernel (a multiply and an add per lane, what {@code
 * MatrixOps.axpy} runs), four rows per pass over c ({@code MatrixOps.axpy4}, what the polish's moves
 * run since 2026-12-02) and by the plain loop (left to the JIT's own vectorization). On 2026-12-02:
 * rows of 300, 74 us plain, 33 SIMD, 20 four per pass; rows of 1000 (a 5.6 MB block, read from
 * beyond the core's caches), 252, 192 and 192.
 * Run: {@code java --add-modules jdk.incubator.vector -jar groupsparse-bench/target/benchmarks.jar Axpy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class AxpyBenchmark {
  private static final int ROWS = 700;
  @Param({"300", "1000"})
  public int len;
  private double[] g;
  private double[] c;
  private double[] d;

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(1);
    g = new double[ROWS * len];
    for (int i = 0; i < g.length; i++) {
      g[i] = rng.nextGaussian();
    }
    c = new double[len];
    d = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      d[i] = 1e-3 * rng.nextGaussian();
    }
  }

  /** @return c after the 700 row axpys by the SIMD kernel */
  @Benchmark
  public double[] simd() {
    for (int k = 0; k < ROWS; k++) {
      VectorKernels.axpy(-d[k], g, k * len, c, len);
    }
    return c;
  }

  /** @return c after the same 700 row axpys four per pass over c (MatrixOps.axpy4's kernel: the same bits) */
  @Benchmark
  public double[] simd4() {
    for (int k = 0; k < ROWS; k += 4) {
      VectorKernels.axpy4(-d[k], -d[k + 1], -d[k + 2], -d[k + 3], g, k * len, (k + 1) * len, (k + 2) * len,
          (k + 3) * len, c, len);
    }
    return c;
  }

  /** @return c after the 700 row axpys by the plain loop */
  @Benchmark
  public double[] plain() {
    for (int k = 0; k < ROWS; k++) {
      double a = -d[k];
      int off = k * len;
      for (int i = 0; i < len; i++) {
        c[i] += a * g[off + i];
      }
    }
    return c;
  }
}
