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
 * Warm cost of a dot product as the SIMD kernel and as its scalar twin ({@link ScalarTwins}: the same
 * result bit for bit, no Vector API start-up), which {@code MatrixOps.fastDot} runs at every length
 * until its work budget is spent; 120 is bardet's column. In this package to reach the
 * package-private kernels. Run: {@code java --add-modules jdk.incubator.vector -jar
 * groupsparse-bench/target/benchmarks.jar ShortDot}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ShortDotBenchmark {
  @Param({"120", "255", "1000"})
  public int len;
  private double[] a;
  private double[] b;
  private int lanes;

  @Setup
  public void setUp() {
    lanes = VectorKernels.lanes();
    SplittableRandom rng = new SplittableRandom(1);
    a = new double[len];
    b = new double[len];
    for (int i = 0; i < len; i++) {
      a[i] = rng.nextGaussian();
      b[i] = rng.nextGaussian();
    }
  }

  /** @return a . b by the SIMD kernel */
  @Benchmark
  public double simd() {
    return VectorKernels.dot(a, 0, b, len);
  }

  /** @return a . b by its scalar twin (8 or 4 lanes) */
  @Benchmark
  public double twin() {
    return ScalarTwins.dot(lanes, a, 0, b, len);
  }
}
