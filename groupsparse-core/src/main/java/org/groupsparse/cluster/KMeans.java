package org.groupsparse.cluster;

import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.MatrixOps;

/**
 * k-means: minimizes the within-cluster sum of squares {@code sum_i ||x_i - c_{l(i)}||^2} by Lloyd
 * iterations from k-means++ seeds (Arthur and Vassilvitskii, 2007), keeping the best of several
 * seeded restarts (like scikit-learn's {@code KMeans(n_init=...)}).
 *
 * <p>Each Lloyd iteration is one pass over the data, four rows at a time: their inner products with
 * every centre come from a register-blocked kernel ({@link MatrixOps#rowProducts}), and each row is
 * added to its new cluster's sum while it is still in cache (rows in order, so the sums are those
 * of a separate pass). An empty
 * cluster is re-seeded with the point
 * farthest from its centre. Stops when no assignment changes or the centres move by less than
 * {@code tolerance} times the mean feature variance (scikit-learn's rule), or after {@code
 * maxIterations}.
 *
 * <p>The restarts run on several threads: each takes its random stream from the seed's stream by
 * {@code split()} in restart order before any runs, and the best is chosen in restart order (the
 * first of equal inertias), so the result does not depend on the thread count.
 */
public final class KMeans {
  private final int clusters;
  private final int restarts;
  private final int maxIterations;
  private final double tolerance;
  private final long seed;
  private final int threads;

  /**
   * The result of one clustering.
   *
   * @param labels the cluster of each row, 0..k-1
   * @param centers the centres, k x p
   * @param inertia the within-cluster sum of squares
   * @param iterations Lloyd iterations of the kept restart
   */
  public record Result(int[] labels, DenseMatrix centers, double inertia, int iterations) {}

  /**
   * Configures k-means.
   *
   * @param clusters k &ge; 1
   * @param restarts number of seeded k-means++ starts, best inertia kept (&ge; 1)
   * @param maxIterations cap on Lloyd iterations per start
   * @param tolerance relative centre-shift tolerance (scikit-learn's default 1e-4)
   * @param seed seed of the k-means++ draws
   */
  public KMeans(int clusters, int restarts, int maxIterations, double tolerance, long seed) {
    this(clusters, restarts, maxIterations, tolerance, seed, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Configures k-means with a thread count for the restarts (the result does not depend on it).
   *
   * @param clusters k &ge; 1
   * @param restarts number of seeded k-means++ starts, best inertia kept (&ge; 1)
   * @param maxIterations cap on Lloyd iterations per start
   * @param tolerance relative centre-shift tolerance (scikit-learn's default 1e-4)
   * @param seed seed of the k-means++ draws
   * @param threads restarts run at once (&ge; 1; default: the available processors)
   */
  public KMeans(int clusters, int restarts, int maxIterations, double tolerance, long seed, int threads) {
    if (clusters < 1 || restarts < 1 || maxIterations < 1 || !(tolerance >= 0) || threads < 1) {
      throw new IllegalArgumentException("k-means needs k >= 1, restarts >= 1, max iterations >= 1, tolerance >= 0, "
          + "threads >= 1");
    }
    this.clusters = clusters;
    this.restarts = restarts;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.seed = seed;
    this.threads = threads;
  }

  /**
   * k-means with scikit-learn's defaults (10 restarts, 300 iterations, tolerance 1e-4).
   *
   * @param clusters k
   * @param seed seed
   * @return the configured k-means
   */
  public static KMeans withDefaults(int clusters, long seed) {
    return new KMeans(clusters, 10, 300, 1e-4, seed);
  }

  /**
   * Clusters the rows of a matrix.
   *
   * @param data n x p, n &ge; k
   * @return the best of the restarts
   */
  public Result fit(DenseMatrix data) {
    int n = data.rows();
    int p = data.cols();
    if (n < clusters) {
      throw new IllegalArgumentException("k-means needs at least k=" + clusters + " rows, got " + n);
    }
    double[] x = data.data();
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("k-means input has a non-finite value");
      }
    }
    double[] rowNorms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += x[i * p + j] * x[i * p + j];
      }
      rowNorms[i] = s;
    }
    double threshold = tolerance * meanVariance(x, n, p);
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom[] streams = new SplittableRandom[restarts];
    for (int r = 0; r < restarts; r++) {
      streams[r] = random.split();
    }
    Result[] results = new Result[restarts];
    int workers = Math.min(threads, restarts);
    if (workers <= 1) {
      for (int r = 0; r < restarts; r++) {
        results[r] = lloyd(x, rowNorms, n, p, threshold, streams[r]);
      }
    } else {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, task -> {
        Thread t = new Thread(task, "groupsparse-kmeans");
        t.setDaemon(true);
        return t;
      });
      try {
        List<java.util.concurrent.Future<Result>> futures = new java.util.ArrayList<>();
        for (int r = 0; r < restarts; r++) {
          SplittableRandom stream = streams[r];
          futures.add(pool.submit(() -> lloyd(x, rowNorms, n, p, threshold, stream)));
        }
        for (int r = 0; r < restarts; r++) {
          results[r] = futures.get(r).get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("k-means was interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    Result best = null;
    for (Result result : results) {
      if (best == null || result.inertia() < best.inertia()) {
        best = result;
      }
    }
    return best;
  }

  private static double meanVariance(double[] x, int n, int p) {
    double total = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * p + j];
      }
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        double d = x[i * p + j] - mean;
        var += d * d;
      }
      total += var / n;
    }
    return total / p;
  }

  private Result lloyd(double[] x, double[] rowNorms, int n, int p, double threshold, SplittableRandom random) {
    double[] centers = plusPlusSeeds(x, n, p, random);
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, -1);
    double[] distances = new double[n];
    double[] products = new double[4 * clusters];
    double[] centerNorms = new double[clusters];
    double[] sums = new double[clusters * p];
    int[] counts = new int[clusters];
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      java.util.Arrays.fill(sums, 0);
      java.util.Arrays.fill(counts, 0);
      int changed = assign(x, rowNorms, n, p, centers, centerNorms, products, labels, distances, sums, counts);
      double shift = 0;
      for (int l = 0; l < clusters; l++) {
        if (counts[l] == 0) {
          int far = 0;
          for (int i = 1; i < n; i++) {
            if (distances[i] > distances[far]) {
              far = i;
            }
          }
          distances[far] = 0;
          System.arraycopy(x, far * p, sums, l * p, p);
          counts[l] = 1;
        }
        for (int j = 0; j < p; j++) {
          double c = sums[l * p + j] / counts[l];
          double d = c - centers[l * p + j];
          shift += d * d;
          centers[l * p + j] = c;
        }
      }
      if (changed == 0 || shift <= threshold) {
        break;
      }
    }
    assign(x, rowNorms, n, p, centers, centerNorms, products, labels, distances, null, null);
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      inertia += distances[i];
    }
    return new Result(labels, new DenseMatrix(clusters, p, centers), inertia, iteration);
  }

  /**
   * Nearest centre of each row; returns how many labels changed. distances get squared distances,
   * {@code ||x||^2 + ||c||^2 - 2 x.c}, the products four rows at a time against all centres
   * ({@link MatrixOps#rowProducts}: four rows by four centres per pass, in registers). When {@code
   * sums} is given, each row is added to its cluster's sum and count while it is still in cache
   * (rows in order): one pass over the data per Lloyd iteration. The products were one BLAS gemm
   * per block of 8 rows and the sums a plain loop; on 10,000 rows of 784 and 10 centres (one thread
   * of a 2-core AVX-512 machine) a pass took 14-15 ms that way and 9-10 ms this way, the gemm's calls
   * through JNI on blocks that small costing more than its arithmetic.
   */
  private int assign(double[] x, double[] rowNorms, int n, int p, double[] centers, double[] centerNorms,
      double[] products, int[] labels, double[] distances, double[] sums, int[] counts) {
    int k = clusters;
    for (int l = 0; l < k; l++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += centers[l * p + j] * centers[l * p + j];
      }
      centerNorms[l] = s;
    }
    int changed = 0;
    for (int start = 0; start < n; start += 4) {
      int rows = Math.min(4, n - start);
      MatrixOps.rowProducts(x, start * p, rows, p, centers, k, products);
      for (int b = 0; b < rows; b++) {
        int i = start + b;
        int bestLabel = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int l = 0; l < k; l++) {
          double d = centerNorms[l] - 2 * products[b * k + l];
          if (d < bestDistance) {
            bestDistance = d;
            bestLabel = l;
          }
        }
        if (labels[i] != bestLabel) {
          changed++;
          labels[i] = bestLabel;
        }
        distances[i] = Math.max(0.0, bestDistance + rowNorms[i]);
        if (sums != null) {
          counts[bestLabel]++;
          // SIMD, the same bits as sums[to + j] += x[from + j] (1.0 * x is exact)
          MatrixOps.axpy(1.0, x, i * p, sums, bestLabel * p, p);
        }
      }
    }
    return changed;
  }

  /** k-means++: the first centre uniform, each next one with probability proportional to D(x)^2. */
  private double[] plusPlusSeeds(double[] x, int n, int p, SplittableRandom random) {
    double[] centers = new double[clusters * p];
    double[] nearest = new double[n];
    double[] four = new double[4];
    int first = random.nextInt(n);
    System.arraycopy(x, first * p, centers, 0, p);
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    lowerDistances(x, n, p, centers, 0, nearest, four);
    for (int l = 1; l < clusters; l++) {
      double total = 0;
      for (double d : nearest) {
        total += d;
      }
      int chosen;
      if (total <= 0) {
        chosen = random.nextInt(n);
      } else {
        double u = random.nextDouble() * total;
        chosen = n - 1;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
          cumulative += nearest[i];
          if (cumulative > u) {
            chosen = i;
            break;
          }
        }
      }
      System.arraycopy(x, chosen * p, centers, l * p, p);
      lowerDistances(x, n, p, centers, l * p, nearest, four);
    }
    return centers;
  }

  /**
   * nearest[i] = min(nearest[i], ||x_i - c||^2) for every row, four rows at a time on SIMD lanes
   * ({@link MatrixOps#squaredDistances4}; the last n mod 4 rows one at a time). The distances are
   * those of the differences, not ||x||^2 + ||c||^2 - 2 x.c, whose cancellation would misweight the
   * draws near a seed.
   */
  private static void lowerDistances(double[] x, int n, int p, double[] centers, int cOffset, double[] nearest,
      double[] four) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      MatrixOps.squaredDistances4(x, i * p, p, centers, cOffset, four);
      nearest[i] = Math.min(nearest[i], four[0]);
      nearest[i + 1] = Math.min(nearest[i + 1], four[1]);
      nearest[i + 2] = Math.min(nearest[i + 2], four[2]);
      nearest[i + 3] = Math.min(nearest[i + 3], four[3]);
    }
    for (; i < n; i++) {
      nearest[i] = Math.min(nearest[i], squaredDistance(x, i * p, centers, cOffset, p));
    }
  }

  private static double squaredDistance(double[] a, int aOffset, double[] b, int bOffset, int p) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      double d = a[aOffset + j] - b[bOffset + j];
      s += d * d;
    }
    return s;
  }
}
