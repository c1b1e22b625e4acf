package org.groupsparse.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.ResidualCorrelationKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused gradient pass c = X^T (y - X w) against one plain read of X (the memory floor).
 * Run: {@code java -jar groupsparse-bench/target/benchmarks.jar ResidualCorrelation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResidualCorrelationBenchmark {
  @Param({"150x300", "2000x20000"})
  public String shape;

  @Param({"1", "2"})
  public int threads;

  private DenseMatrix x;
  private double[] y;
  private double[] w;
  private double[] c;
  private ResidualCorrelationKernel kernel;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split("x");
    int n = Integer.parseInt(parts[0]);
    int p = Integer.parseInt(parts[1]);
    SplittableRandom rng = new SplittableRandom(1);
    double[] data = new double[n * p];
    for (int k = 0; k < data.length; k++) {
      data[k] = rng.nextBoolean() ? 1 : -1;
    }
    x = new DenseMatrix(n, p, data);
    y = new double[n];
    w = new double[p];
    c = new double[p];
    for (int j = 0; j < p; j++) {
      w[j] = rng.nextGaussian();
    }
    kernel = new ResidualCorrelationKernel(x, y, threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    kernel.close();
  }

  /** @return the loss (kept alive) */
  @Benchmark
  public double fusedPass() {
    return kernel.evaluate(w, c);
  }

  /** @return the sum (kept alive) */
  @Benchmark
  public double streamRead() {
    return org.groupsparse.linalg.MatrixOps.sum(x.data());
  }
}
