package org.groupsparse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.groupsparse.cluster.ClusteringMetrics;
import org.groupsparse.cluster.KMeans;
import org.groupsparse.cluster.SpectralClustering;
import org.groupsparse.data.Dataset;
import org.groupsparse.util.InputException;
import org.groupsparse.io.CsvFiles;
import org.groupsparse.linalg.DenseMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse cluster}: k-means or spectral clustering of the rows of a CSV or IDX file. */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Cluster the rows of a CSV (codes from 'autoencoder encode', or any numeric table) or an IDX",
        "image file: k-means (k-means++ restarts) or spectral clustering on a k-nearest-neighbour graph",
        "(normalized adjacency, ARPACK Lanczos eigenvectors, k-means on the embedding). With --labels,",
        "prints accuracy (best one-to-one cluster-label matching), NMI and ARI."})
public final class ClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV with a header, or IDX.")
  Path data;

  @Option(names = "--exclude", split = ",", paramLabel = "COL", description = "CSV columns to leave out.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--k", required = true, description = "Number of clusters.")
  int clusters;

  @Option(names = "--method", defaultValue = "kmeans", description = "kmeans or spectral. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--neighbors", defaultValue = "10",
      description = "Neighbours of the spectral graph (the paper: 1000 on 10,000 MNIST test images). Default: ${DEFAULT-VALUE}.")
  int neighbors;

  @Option(names = "--restarts", defaultValue = "10", description = "k-means++ restarts. Default: ${DEFAULT-VALUE}.")
  int restarts;

  @Option(names = "--simplex", description = "Make each row nonnegative (absolute values) and scale it to sum to 1 first.")
  boolean simplex;

  @Option(names = "--labels", paramLabel = "FILE", description = "Reference labels: IDX label file, or CSV with integer labels in its first column.")
  Path labels;

  @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", description = "CSV of cluster assignments (row, cluster).")
  Path out;

  @Mixin CommonOptions common;

  /** The number of distinct rows, counted up to {@code cap}. */
  static int distinctRows(DenseMatrix x, int cap) {
    java.util.Set<java.nio.DoubleBuffer> seen = new java.util.HashSet<>();
    int p = x.cols();
    double[] a = x.data();
    for (int i = 0; i < x.rows() && seen.size() < cap; i++) {
      seen.add(java.nio.DoubleBuffer.wrap(a, i * p, p).slice());
    }
    return seen.size();
  }

  @Override
  public Integer call() throws Exception {
    new FilePlan().input("--data", data).input("--labels", labels).output("--out", out).check();
    Dataset d = MatrixInput.read(data, Set.copyOf(exclude));
    int[] reference = labels == null ? null : MatrixInput.labels(labels);
    if (reference != null && reference.length != d.rows()) {
      throw new InputException(labels.toString(), 0, 0,
          "has " + reference.length + " labels but " + data + " has " + d.rows() + " rows");
    }
    if (clusters < 1 || clusters > d.rows()) {
      throw new IllegalArgumentException("--k must be between 1 and the number of rows (" + d.rows() + ")");
    }
    DenseMatrix x = simplex ? org.groupsparse.cluster.CodeTransforms.simplex(d.design()) : d.design();
    int distinct = distinctRows(x, clusters);
    if (distinct < clusters) {
      spec.commandLine().getErr().println("warning: " + data + " has only " + distinct + " distinct rows for --k "
          + clusters + "; identical rows are split among clusters arbitrarily (by the seed)");
    }
    String kind = method.toLowerCase(Locale.ROOT);
    long start = System.nanoTime();
    int[] assignment = switch (kind) {
      case "kmeans" -> new KMeans(clusters, restarts, 300, 1e-4, seed).fit(x).labels();
      case "spectral" -> {
        if (neighbors < 1 || neighbors >= d.rows()) {
          throw new IllegalArgumentException("--neighbors must be between 1 and the number of rows - 1");
        }
        MemoryCheck.cells("the neighbour graph (rows x --neighbors)", d.rows(), neighbors);
        MemoryCheck.require("a " + neighbors + "-neighbour graph of " + d.rows() + " rows",
            2.0 * 12.0 * d.rows() * neighbors);
        yield new SpectralClustering(Math.max(2, clusters), neighbors, restarts, seed).fit(x).labels();
      }
      default -> throw new IllegalArgumentException("--method must be kmeans or spectral; got '" + method + "'");
    };
    double seconds = (System.nanoTime() - start) / 1e9;
    if (out != null) {
      CsvFiles.write(out, List.of("row", "cluster"), printer -> {
        for (int i = 0; i < assignment.length; i++) {
          printer.printRecord(i + 1, assignment[i]);
        }
      });
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s clustering of %d rows x %d columns into %d clusters (%.1f s)",
        kind, d.rows(), d.features(), clusters, seconds));
    if (reference != null) {
      line.append(String.format(Locale.ROOT, ": accuracy %.4f, NMI %.4f, ARI %.4f",
          ClusteringMetrics.accuracy(reference, assignment),
          ClusteringMetrics.normalizedMutualInformation(reference, assignment),
          ClusteringMetrics.adjustedRandIndex(reference, assignment)));
    }
    if (out != null) {
      line.append("; wrote ").append(out);
    }
    spec.commandLine().getOut().println(line);
    return 0;
  }
}
