package org.groupsparse.cluster;

import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.LanczosEigensolver;
import org.groupsparse.linalg.SparseSymmetricMatrix;

/**
 * Spectral clustering (Shi and Malik, 2000; Ng, Jordan and Weiss, 2001; von Luxburg, 2007, section
 * 5), as scikit-learn's {@code SpectralClustering(affinity="nearest_neighbors")} does it:
 *
 * <ol>
 *   <li>the affinity W of the k-nearest-neighbour graph ({@link NearestNeighborGraph});
 *   <li>the {@code c} leading eigenvectors U of the normalized adjacency {@code D^{-1/2} W D^{-1/2}}
 *       (equivalently the smallest of the normalized Laplacian {@code I - D^{-1/2} W D^{-1/2}}), by
 *       Lanczos iterations on sparse products ({@link LanczosEigensolver}; no dense n x n matrix);
 *   <li>the embedding {@code D^{-1/2} U} (the random-walk Laplacian's eigenvectors), each column's
 *       sign fixed so that its largest-magnitude entry is positive;
 *   <li>k-means with k-means++ restarts on the rows of the embedding.
 * </ol>
 */
public final class SpectralClustering {
  private final int clusters;
  private final int neighbors;
  private final int restarts;
  private final long seed;

  /**
   * The clustering and what it was built from.
   *
   * @param labels the cluster of each point
   * @param eigenvalues the leading eigenvalues of the normalized adjacency, descending (1 is the
   *     largest; its multiplicity is the number of connected components)
   * @param embedding the spectral embedding, n x c
   * @param graphNonzeros stored entries of the affinity matrix
   */
  public record Result(int[] labels, double[] eigenvalues, DenseMatrix embedding, int graphNonzeros) {}

  /**
   * Configures spectral clustering.
   *
   * @param clusters the number of clusters c &ge; 2
   * @param neighbors the k of the nearest-neighbour graph
   * @param restarts k-means restarts on the embedding
   * @param seed seed of the Lanczos start and of k-means
   */
  public SpectralClustering(int clusters, int neighbors, int restarts, long seed) {
    if (clusters < 2 || neighbors < 1 || restarts < 1) {
      throw new IllegalArgumentException("spectral clustering needs at least 2 clusters, 1 neighbour and 1 restart");
    }
    this.clusters = clusters;
    this.neighbors = neighbors;
    this.restarts = restarts;
    this.seed = seed;
  }

  /**
   * Clusters the rows of a matrix through their nearest-neighbour graph.
   *
   * @param data n x p
   * @return the clustering
   */
  public Result fit(DenseMatrix data) {
    if (neighbors >= data.rows()) {
      throw new IllegalArgumentException("--neighbors must be smaller than the number of points (" + data.rows() + ")");
    }
    return fitAffinity(NearestNeighborGraph.build(data, neighbors));
  }

  /**
   * Clusters the nodes of a graph given by its symmetric nonnegative affinity matrix.
   *
   * @param affinity W, symmetric, nonnegative, every node with positive degree
   * @return the clustering
   */
  public Result fitAffinity(SparseSymmetricMatrix affinity) {
    int n = affinity.order();
    if (n <= clusters) {
      throw new IllegalArgumentException("spectral clustering needs more points than clusters");
    }
    double[] degrees = affinity.rowSums();
    double[] inverseRoot = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(degrees[i] > 0)) {
        throw new IllegalArgumentException("node " + i + " has no edges; spectral clustering needs positive degrees");
      }
      inverseRoot[i] = 1 / Math.sqrt(degrees[i]);
    }
    SparseSymmetricMatrix normalized = affinity.scaleSymmetric(inverseRoot);
    LanczosEigensolver.Eigenpairs pairs = leadingEigenpairs(normalized);
    double[] u = pairs.vectors().data();
    double[] embedding = new double[n * clusters];
    for (int j = 0; j < clusters; j++) {
      int argMax = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(u[i * clusters + j]) > Math.abs(u[argMax * clusters + j])) {
          argMax = i;
        }
      }
      double sign = Math.signum(u[argMax * clusters + j]) < 0 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        embedding[i * clusters + j] = sign * u[i * clusters + j] * inverseRoot[i];
      }
    }
    DenseMatrix map = new DenseMatrix(n, clusters, embedding);
    int[] labels = new KMeans(clusters, restarts, 300, 1e-4, seed).fit(map).labels();
    return new Result(labels, pairs.values(), map, affinity.nonzeros());
  }

  /** Components up to this size get a dense eigendecomposition. */
  private static final int DENSE_LIMIT = 200;

  /**
   * The c leading eigenpairs of the normalized adjacency. A graph with r components has eigenvalue
   * 1 r times, and a Krylov method started from one vector cannot resolve a repeated eigenvalue;
   * the matrix is block diagonal over components, so each component is solved on its own (Lanczos,
   * or dense Jacobi when small) and the c largest of all their eigenvalues are kept, each vector
   * zero outside its component.
   */
  private LanczosEigensolver.Eigenpairs leadingEigenpairs(SparseSymmetricMatrix normalized) {
    int n = normalized.order();
    int[] component = normalized.connectedComponents();
    int components = java.util.Arrays.stream(component).max().orElse(0) + 1;
    if (components == 1) {
      return LanczosEigensolver.largest(normalized::multiply, n, clusters, 1e-10, 10_000, seed);
    }
    int[][] members = new int[components][];
    int[] sizes = new int[components];
    for (int c : component) {
      sizes[c]++;
    }
    for (int c = 0; c < components; c++) {
      members[c] = new int[sizes[c]];
    }
    int[] fill = new int[components];
    for (int i = 0; i < n; i++) {
      members[component[i]][fill[component[i]]++] = i;
    }
    java.util.List<double[]> candidates = new java.util.ArrayList<>(); // {value, component, local index}
    java.util.List<double[]> vectors = new java.util.ArrayList<>();
    for (int c = 0; c < components; c++) {
      SparseSymmetricMatrix block = normalized.submatrix(members[c]);
      int size = members[c].length;
      int want = Math.min(clusters, size);
      if (size <= DENSE_LIMIT || want >= size) {
        org.groupsparse.linalg.SymmetricEigen eigen = org.groupsparse.linalg.SymmetricEigen.of(block.toDense(), size);
        for (int t = 0; t < want; t++) {
          int col = size - 1 - t;
          double[] v = new double[size];
          for (int i = 0; i < size; i++) {
            v[i] = eigen.vectors()[i * size + col];
          }
          candidates.add(new double[] {eigen.values()[col], c, vectors.size()});
          vectors.add(v);
        }
      } else {
        LanczosEigensolver.Eigenpairs pairs = LanczosEigensolver.largest(block::multiply, size, want, 1e-10, 10_000,
            seed + c);
        for (int t = 0; t < want; t++) {
          double[] v = new double[size];
          for (int i = 0; i < size; i++) {
            v[i] = pairs.vectors().get(i, t);
          }
          candidates.add(new double[] {pairs.values()[t], c, vectors.size()});
          vectors.add(v);
        }
      }
    }
    candidates.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
    double[] values = new double[clusters];
    double[] out = new double[n * clusters];
    for (int j = 0; j < clusters; j++) {
      double[] pick = candidates.get(j);
      values[j] = pick[0];
      int[] nodes = members[(int) pick[1]];
      double[] v = vectors.get((int) pick[2]);
      for (int k = 0; k < nodes.length; k++) {
        out[nodes[k] * clusters + j] = v[k];
      }
    }
    return new LanczosEigensolver.Eigenpairs(values, new DenseMatrix(n, clusters, out), 0, 0);
  }
}
