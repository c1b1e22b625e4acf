package org.groupsparse.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.groupsparse.cluster.KMeans;
import org.groupsparse.linalg.DenseMatrix;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * k-means (10 clusters, 10 restarts, scikit-learn's defaults) on data shaped like the MNIST test
 * images: 10,000 rows of 784 values in [0, 1] drawn around 10 random prototypes, so that the Lloyd
 * iterations run as on real digits (tens per restart). Measures the blocked assignment pass that
 * adds each row to its cluster's sum while the block is in cache.
 * Run: {@code java -jar groupsparse-bench/target/benchmarks.jar KMeans}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class KMeansBenchmark {
  @Param({"1", "2"})
  public int threads;

  private DenseMatrix data;

  @Setup(Level.Trial)
  public void setUp() {
    int n = 10_000;
    int p = 784;
    int k = 10;
    SplittableRandom rng = new SplittableRandom(1);
    double[] prototypes = new double[k * p];
    for (int t = 0; t < prototypes.length; t++) {
      prototypes[t] = rng.nextDouble() < 0.2 ? rng.nextDouble() : 0.0;
    }
    double[] x = new double[n * p];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(k);
      for (int j = 0; j < p; j++) {
        x[i * p + j] = Math.min(1.0, Math.max(0.0, prototypes[c * p + j] + 0.3 * rng.nextGaussian()));
      }
    }
    data = new DenseMatrix(n, p, x);
  }

  @Benchmark
  public KMeans.Result tenRestarts() {
    return new KMeans(10, 10, 300, 1e-4, 0, threads).fit(data);
  }
}
