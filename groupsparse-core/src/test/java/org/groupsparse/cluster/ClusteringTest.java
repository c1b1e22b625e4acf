package org.groupsparse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.LanczosEigensolver;
import org.groupsparse.linalg.SparseSymmetricMatrix;
import org.groupsparse.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;

class ClusteringTest {

  /** k Gaussian blobs of sd 0.1 around centres 10 apart in p dimensions. */
  static DenseMatrix blobs(int k, int perCluster, int p, long seed, int[] labelsOut) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[k * perCluster * p];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < perCluster; i++) {
        int row = c * perCluster + i;
        labelsOut[row] = c;
        for (int j = 0; j < p; j++) {
          x[row * p + j] = (j == c % p ? 10.0 * (1 + c / p) : 0) + 0.1 * gaussian(random);
        }
      }
    }
    return new DenseMatrix(k * perCluster, p, x);
  }

  static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  @Test
  void kMeansSeparatesWellSeparatedBlobs() {
    int[] labels = new int[400];
    DenseMatrix data = blobs(4, 100, 5, 7, labels);
    KMeans.Result result = KMeans.withDefaults(4, 1).fit(data);
    assertThat(ClusteringMetrics.accuracy(labels, result.labels())).isEqualTo(1.0);
    assertThat(ClusteringMetrics.normalizedMutualInformation(labels, result.labels())).isCloseTo(1.0, within(1e-12));
    assertThat(ClusteringMetrics.adjustedRandIndex(labels, result.labels())).isCloseTo(1.0, within(1e-12));
    // Inertia equals the within-cluster sum of squares of the returned labels around their means.
    double[] x = data.data();
    double wss = 0;
    for (int c = 0; c < 4; c++) {
      double[] mean = new double[5];
      int count = 0;
      for (int i = 0; i < 400; i++) {
        if (result.labels()[i] == c) {
          count++;
          for (int j = 0; j < 5; j++) {
            mean[j] += x[i * 5 + j];
          }
        }
      }
      for (int i = 0; i < 400; i++) {
        if (result.labels()[i] == c) {
          for (int j = 0; j < 5; j++) {
            double d = x[i * 5 + j] - mean[j] / count;
            wss += d * d;
          }
        }
      }
    }
    assertThat(result.inertia()).isCloseTo(wss, within(1e-9 * wss));
  }

  @Test
  void kMeansIsDeterministicForASeed() {
    int[] labels = new int[300];
    DenseMatrix data = blobs(3, 100, 2, 3, labels);
    assertThat(KMeans.withDefaults(3, 5).fit(data).labels()).isEqualTo(KMeans.withDefaults(3, 5).fit(data).labels());
  }

  /** The restarts run on threads: 1, 2 and 7 threads give the same labels, centres and inertia. */
  @Test
  void kMeansGivesTheSameResultOnAnyNumberOfThreads() {
    int[] labels = new int[600];
    // overlapping blobs: the restarts end in different local optima, so the choice among them matters
    DenseMatrix data = blobs(6, 100, 3, 21, labels);
    KMeans.Result one = new KMeans(6, 9, 300, 1e-4, 5, 1).fit(data);
    for (int threads : new int[] {2, 7}) {
      KMeans.Result many = new KMeans(6, 9, 300, 1e-4, 5, threads).fit(data);
      org.assertj.core.api.Assertions.assertThat(many.labels()).isEqualTo(one.labels());
      org.assertj.core.api.Assertions.assertThat(many.centers().data()).isEqualTo(one.centers().data());
      org.assertj.core.api.Assertions.assertThat(many.inertia()).isEqualTo(one.inertia());
    }
  }

  /**
   * Run to convergence (tolerance 0) on overlapping data of 1,237 rows in 60 dimensions (the
   * assignment pass works in blocks of rows, and 1,237 is not a multiple of any block size), k-means
   * ends at a Lloyd fixed point, checked by direct distances: every row is at least as close to its
   * own centre as to any other, every centre is the mean of its rows, and the inertia is their sum
   * of squared distances.
   */
  @Test
  void kMeansEndsAtALloydFixedPoint() {
    int n = 1237;
    int p = 60;
    int k = 7;
    SplittableRandom random = new SplittableRandom(17);
    double[] x = new double[n * p];
    for (int i = 0; i < n; i++) {
      int blob = i % k;
      for (int j = 0; j < p; j++) {
        x[i * p + j] = (j % k == blob ? 1.0 : 0.0) + gaussian(random);
      }
    }
    KMeans.Result result = new KMeans(k, 3, 1000, 0.0, 3, 2).fit(new DenseMatrix(n, p, x));
    double[] centers = result.centers().data();
    int[] labels = result.labels();
    double[] means = new double[k * p];
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (int j = 0; j < p; j++) {
        means[labels[i] * p + j] += x[i * p + j];
      }
    }
    for (int c = 0; c < k; c++) {
      assertThat(counts[c]).isPositive();
      for (int j = 0; j < p; j++) {
        assertThat(centers[c * p + j]).isCloseTo(means[c * p + j] / counts[c], within(1e-12));
      }
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      double own = 0;
      double[] dist = new double[k];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < p; j++) {
          double d = x[i * p + j] - centers[c * p + j];
          dist[c] += d * d;
        }
      }
      own = dist[labels[i]];
      inertia += own;
      for (int c = 0; c < k; c++) {
        assertThat(own).isLessThanOrEqualTo(dist[c] + 1e-9);
      }
    }
    assertThat(result.inertia()).isCloseTo(inertia, within(1e-9 * inertia));
  }

  @Test
  void metricsOnKnownExamples() {
    int[] labels = {0, 0, 1, 1, 2, 2};
    int[] clusters = {1, 1, 0, 0, 0, 2};
    // best map: 0->1 (2 points), 1->0 (2), 2->2 (1): 5 of 6
    assertThat(ClusteringMetrics.accuracy(labels, clusters)).isCloseTo(5.0 / 6, within(1e-15));
    // scikit-learn documentation examples of adjusted_rand_score
    assertThat(ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}))
        .isCloseTo(0.5714285714285715, within(1e-12));
    assertThat(ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}))
        .isCloseTo(-0.5, within(1e-12));
    // NMI of independent partitions is 0; of a relabelled copy 1
    assertThat(ClusteringMetrics.normalizedMutualInformation(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}))
        .isCloseTo(0.0, within(1e-12));
    assertThat(ClusteringMetrics.normalizedMutualInformation(new int[] {0, 0, 1, 1}, new int[] {5, 5, 3, 3}))
        .isCloseTo(1.0, within(1e-12));
    // more clusters than labels: only matched clusters count
    assertThat(ClusteringMetrics.accuracy(new int[] {0, 0, 0, 1}, new int[] {0, 1, 2, 3})).isEqualTo(0.5);
  }

  @Test
  void metricsAreInvariantToRenamingClusters() {
    SplittableRandom random = new SplittableRandom(11);
    int[] labels = new int[200];
    int[] clusters = new int[200];
    for (int i = 0; i < 200; i++) {
      labels[i] = random.nextInt(5);
      clusters[i] = random.nextBoolean() ? labels[i] : random.nextInt(5);
    }
    int[] renaming = {3, 0, 4, 1, 2};
    int[] renamed = Arrays.stream(clusters).map(c -> renaming[c] + 10).toArray();
    assertThat(ClusteringMetrics.accuracy(labels, renamed)).isEqualTo(ClusteringMetrics.accuracy(labels, clusters));
    assertThat(ClusteringMetrics.normalizedMutualInformation(labels, renamed))
        .isCloseTo(ClusteringMetrics.normalizedMutualInformation(labels, clusters), within(1e-12));
    assertThat(ClusteringMetrics.adjustedRandIndex(labels, renamed))
        .isCloseTo(ClusteringMetrics.adjustedRandIndex(labels, clusters), within(1e-12));
  }

  @Test
  void hungarianMatchesBruteForce() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(6);
      long[][] cost = new long[n][n];
      for (long[] row : cost) {
        for (int j = 0; j < n; j++) {
          row[j] = random.nextInt(20);
        }
      }
      int[] assignment = Hungarian.minimumCostAssignment(cost);
      assertThat(Arrays.stream(assignment).distinct().count()).isEqualTo(n);
      long found = 0;
      for (int i = 0; i < n; i++) {
        found += cost[i][assignment[i]];
      }
      assertThat(found).isEqualTo(bruteForce(cost, 0, new boolean[n]));
    }
  }

  private static long bruteForce(long[][] cost, int row, boolean[] used) {
    if (row == cost.length) {
      return 0;
    }
    long best = Long.MAX_VALUE;
    for (int j = 0; j < cost.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }

  @Test
  void nearestNeighborGraphMatchesSortingAllDistances() {
    int[] labels = new int[60];
    DenseMatrix data = blobs(3, 20, 3, 9, labels);
    int k = 7;
    SparseSymmetricMatrix w = NearestNeighborGraph.build(data, k);
    assertThat(w.isSymmetric()).isTrue();
    // Rebuild C by sorting and compare W = (C + C^T)/2 entry by entry through products with unit vectors.
    int n = 60;
    double[][] c = new double[n][n];
    double[] x = data.data();
    for (int i = 0; i < n; i++) {
      final int row = i;
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        order[j] = j;
      }
      double[] d = new double[n];
      for (int j = 0; j < n; j++) {
        for (int t = 0; t < 3; t++) {
          d[j] += (x[row * 3 + t] - x[j * 3 + t]) * (x[row * 3 + t] - x[j * 3 + t]);
        }
      }
      d[row] = Double.POSITIVE_INFINITY;
      Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      for (int t = 0; t < k; t++) {
        c[row][order[t]] = 1;
      }
    }
    double[] dense = denseByProducts(w);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(dense[i * n + j]).isEqualTo(0.5 * (c[i][j] + c[j][i]));
      }
    }
  }

  /** The matrix read back column by column through products with unit vectors (exercises multiply). */
  private static double[] denseByProducts(SparseSymmetricMatrix w) {
    int n = w.order();
    double[] dense = new double[n * n];
    double[] e = new double[n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      Arrays.fill(e, 0);
      e[j] = 1;
      w.multiply(e, 0, column, 0);
      for (int i = 0; i < n; i++) {
        dense[i * n + j] = column[i];
      }
    }
    return dense;
  }

  @Test
  void lanczosAgreesWithDenseJacobi() {
    int n = 80;
    SplittableRandom random = new SplittableRandom(2);
    int[] start = new int[n + 1];
    List<Integer> cols = new ArrayList<>();
    List<Double> vals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (random.nextDouble() < 0.1) {
          cols.add(j);
          vals.add(random.nextDouble());
        }
      }
      start[i + 1] = cols.size();
    }
    SparseSymmetricMatrix w = SparseSymmetricMatrix.symmetrize(n, start,
        cols.stream().mapToInt(Integer::intValue).toArray(), vals.stream().mapToDouble(Double::doubleValue).toArray());
    double[] dense = denseByProducts(w);
    double[] column = new double[n];
    SymmetricEigen reference = SymmetricEigen.of(dense, n);
    LanczosEigensolver.Eigenpairs pairs = LanczosEigensolver.largest(w::multiply, n, 5, 1e-12, 1000, 3);
    for (int j = 0; j < 5; j++) {
      assertThat(pairs.values()[j]).isCloseTo(reference.values()[n - 1 - j], within(1e-9));
      // W v = lambda v
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = pairs.vectors().get(i, j);
      }
      w.multiply(v, 0, column, 0);
      for (int i = 0; i < n; i++) {
        assertThat(column[i]).isCloseTo(pairs.values()[j] * v[i], within(1e-8));
      }
    }
  }

  @Test
  void spectralClusteringFindsTheComponentsOfADisconnectedGraph() {
    // Three components (sizes 30, 50, 40), each a ring plus random chords; nodes shuffled.
    int[] sizes = {30, 50, 40};
    int n = 120;
    SplittableRandom random = new SplittableRandom(4);
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = t;
    }
    int[] component = new int[n];
    List<List<Integer>> adjacency = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adjacency.add(new ArrayList<>());
    }
    int base = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int t = 0; t < sizes[c]; t++) {
        int a = permutation[base + t];
        int b = permutation[base + (t + 1) % sizes[c]];
        int chord = permutation[base + random.nextInt(sizes[c])];
        component[a] = c;
        adjacency.get(a).add(b);
        if (chord != a) {
          adjacency.get(a).add(chord);
        }
      }
      base += sizes[c];
    }
    int[] start = new int[n + 1];
    List<Integer> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adjacency.get(i).stream().distinct().sorted().forEach(cols::add);
      start[i + 1] = cols.size();
    }
    int[] columns = cols.stream().mapToInt(Integer::intValue).toArray();
    double[] ones = new double[columns.length];
    Arrays.fill(ones, 1.0);
    SparseSymmetricMatrix w = SparseSymmetricMatrix.symmetrize(n, start, columns, ones);
    SpectralClustering.Result result = new SpectralClustering(3, 5, 10, 1).fitAffinity(w);
    assertThat(result.eigenvalues()).containsExactly(new double[] {1, 1, 1}, within(1e-8));
    assertThat(ClusteringMetrics.accuracy(component, result.labels())).isEqualTo(1.0);
  }

  @Test
  void spectralClusteringSeparatesRingsThatKMeansCannot() {
    // Two concentric circles (radius 1 and 4) with small noise: not linearly separable.
    int n = 400;
    SplittableRandom random = new SplittableRandom(8);
    double[] x = new double[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      double radius = labels[i] == 0 ? 1 : 4;
      double angle = 2 * Math.PI * random.nextDouble();
      x[2 * i] = radius * Math.cos(angle) + 0.05 * gaussian(random);
      x[2 * i + 1] = radius * Math.sin(angle) + 0.05 * gaussian(random);
    }
    DenseMatrix data = new DenseMatrix(n, 2, x);
    double kmeans = ClusteringMetrics.accuracy(labels, KMeans.withDefaults(2, 0).fit(data).labels());
    double spectral = ClusteringMetrics.accuracy(labels, new SpectralClustering(2, 10, 10, 0).fit(data).labels());
    assertThat(kmeans).isLessThan(0.8);
    assertThat(spectral).isEqualTo(1.0);
  }

  @Test
  void spectralClusteringSeparatesBlobs() {
    int[] labels = new int[300];
    DenseMatrix data = blobs(3, 100, 4, 21, labels);
    SpectralClustering.Result result = new SpectralClustering(3, 20, 10, 2).fit(data);
    assertThat(ClusteringMetrics.accuracy(labels, result.labels())).isEqualTo(1.0);
  }
}
