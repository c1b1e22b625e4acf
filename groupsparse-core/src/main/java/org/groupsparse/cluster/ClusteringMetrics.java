package org.groupsparse.cluster;

import java.util.Arrays;

/**
 * External measures of a clustering against reference labels, all invariant to renaming clusters.
 *
 * <ul>
 *   <li>{@link #accuracy}: the fraction of points whose cluster maps to their label under the best
 *       one-to-one map of clusters to labels (the Hungarian algorithm on the contingency table;
 *       unmatched clusters count as wrong when there are more clusters than labels);
 *   <li>{@link #normalizedMutualInformation}: {@code I(U; V) / ((H(U) + H(V)) / 2)} (the arithmetic
 *       normalization, scikit-learn's default); 1 when both are the same partition;
 *   <li>{@link #adjustedRandIndex}: Hubert and Arabie's (1985) chance-corrected Rand index.
 * </ul>
 */
public final class ClusteringMetrics {
  private ClusteringMetrics() {}

  /**
   * Best-matching accuracy.
   *
   * @param labels reference labels (any integers)
   * @param clusters cluster assignments (any integers)
   * @return accuracy in [0, 1]
   */
  public static double accuracy(int[] labels, int[] clusters) {
    long[][] table = contingency(labels, clusters);
    int rows = table.length;
    int cols = table[0].length;
    int size = Math.max(rows, cols);
    // Maximize matches = minimize (max - count) on a square cost matrix.
    long max = 0;
    for (long[] row : table) {
      for (long v : row) {
        max = Math.max(max, v);
      }
    }
    long[][] cost = new long[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        long count = i < rows && j < cols ? table[i][j] : 0;
        cost[i][j] = max - count;
      }
    }
    int[] match = Hungarian.minimumCostAssignment(cost);
    long correct = 0;
    for (int i = 0; i < rows; i++) {
      if (match[i] < cols) {
        correct += table[i][match[i]];
      }
    }
    return (double) correct / labels.length;
  }

  /**
   * Normalized mutual information, arithmetic-mean normalization.
   *
   * @param labels reference labels
   * @param clusters cluster assignments
   * @return NMI in [0, 1] (1 when both partitions are trivial)
   */
  public static double normalizedMutualInformation(int[] labels, int[] clusters) {
    long[][] table = contingency(labels, clusters);
    double n = labels.length;
    double[] a = new double[table.length];
    double[] b = new double[table[0].length];
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[0].length; j++) {
        a[i] += table[i][j];
        b[j] += table[i][j];
      }
    }
    double mutual = 0;
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[0].length; j++) {
        if (table[i][j] > 0) {
          mutual += table[i][j] / n * Math.log(n * table[i][j] / (a[i] * b[j]));
        }
      }
    }
    double ha = entropy(a, n);
    double hb = entropy(b, n);
    if (ha == 0 && hb == 0) {
      return 1.0;
    }
    return Math.max(0, mutual) / ((ha + hb) / 2);
  }

  private static double entropy(double[] counts, double n) {
    double h = 0;
    for (double c : counts) {
      if (c > 0) {
        h -= c / n * Math.log(c / n);
      }
    }
    return h;
  }

  /**
   * Adjusted Rand index.
   *
   * @param labels reference labels
   * @param clusters cluster assignments
   * @return ARI (1 for identical partitions, about 0 for independent ones)
   */
  public static double adjustedRandIndex(int[] labels, int[] clusters) {
    long[][] table = contingency(labels, clusters);
    double sumCells = 0;
    double[] a = new double[table.length];
    double[] b = new double[table[0].length];
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[0].length; j++) {
        sumCells += pairs(table[i][j]);
        a[i] += table[i][j];
        b[j] += table[i][j];
      }
    }
    double sumA = 0;
    for (double v : a) {
      sumA += pairs(v);
    }
    double sumB = 0;
    for (double v : b) {
      sumB += pairs(v);
    }
    double total = pairs(labels.length);
    double expected = sumA * sumB / total;
    double maximum = (sumA + sumB) / 2;
    if (maximum == expected) {
      return 1.0;
    }
    return (sumCells - expected) / (maximum - expected);
  }

  private static double pairs(double count) {
    return count * (count - 1) / 2;
  }

  /** Rows: distinct labels (sorted), columns: distinct clusters (sorted). */
  static long[][] contingency(int[] labels, int[] clusters) {
    if (labels.length != clusters.length || labels.length == 0) {
      throw new IllegalArgumentException("labels and clusters must have the same, positive length: "
          + labels.length + " vs " + clusters.length);
    }
    int[] labelValues = Arrays.stream(labels).distinct().sorted().toArray();
    int[] clusterValues = Arrays.stream(clusters).distinct().sorted().toArray();
    long[][] table = new long[labelValues.length][clusterValues.length];
    for (int i = 0; i < labels.length; i++) {
      table[Arrays.binarySearch(labelValues, labels[i])][Arrays.binarySearch(clusterValues, clusters[i])]++;
    }
    return table;
  }
}
