package org.groupsparse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.regression.grouplasso.GroupLassoOptions;
import org.groupsparse.regression.grouplasso.GroupLassoPath;
import org.groupsparse.regression.grouplasso.UpdateType;
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
 * The lasso path (groups of size 1, 100 lambdas, KKT tolerance 1e-6 x lambda) with covariance
 * against naive correlation updates, on the two problems glmnet is compared on: Gaussian X, 20
 * nonzero coefficients +-U(0.5, 1.5), noise sd 1. Run: {@code java -jar
 * groupsparse-bench/target/benchmarks.jar LassoPath}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class LassoPathBenchmark {
  /** n x p (and the smallest lambda / lambda_max). */
  @Param({"20000x500x0.001", "1000x5000x0.01"})
  public String shape;

  @Param({"AUTO", "NAIVE"})
  public String updates;

  private Dataset data;
  private GroupStructure groups;
  private GroupLassoPath path;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split("x");
    int n = Integer.parseInt(parts[0]);
    int p = Integer.parseInt(parts[1]);
    double ratio = Double.parseDouble(parts[2]);
    SplittableRandom rng = new SplittableRandom(1);
    double[] x = new double[n * p];
    for (int k = 0; k < x.length; k++) {
      x[k] = rng.nextGaussian();
    }
    double[] beta = new double[p];
    for (int s = 0; s < 20; s++) {
      beta[(int) ((long) s * p / 20)] = (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble());
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double v = rng.nextGaussian();
      for (int j = 0; j < p; j++) {
        v += x[i * p + j] * beta[j];
      }
      y[i] = v;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    data = new Dataset(new DenseMatrix(n, p, x), y, names, "y");
    groups = GroupStructure.contiguous(1, p, false);
    path = new GroupLassoPath(GroupLassoOptions.builder().lambdaMinRatio(ratio)
        .updates(UpdateType.valueOf(updates)).build());
  }

  /** @return the worst certified violation (kept alive) */
  @Benchmark
  public double path() {
    double[] violation = path.fit(data, groups, null).kktViolation();
    double worst = 0;
    for (double v : violation) {
      worst = Math.max(worst, v);
    }
    return worst;
  }
}
