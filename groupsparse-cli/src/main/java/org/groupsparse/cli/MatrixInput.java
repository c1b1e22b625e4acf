package org.groupsparse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.IdxFiles;
import org.groupsparse.linalg.DenseMatrix;

/**
 * Reads a data matrix for the unsupervised commands: an IDX file (recognized by content; MNIST
 * images, plain or gzip, pixels divided by 255) or a CSV file with a header (every column an input
 * unless excluded).
 */
final class MatrixInput {
  private MatrixInput() {}

  /**
   * Reads the file.
   *
   * @param file IDX or CSV
   * @param exclude CSV columns to leave out
   * @return the rows with column names (p1..pK for IDX)
   * @throws IOException when the file cannot be read
   */
  static Dataset read(Path file, Set<String> exclude) throws IOException {
    requireFile(file);
    if (IdxFiles.isIdx(file) || looksNamedIdx(file)) {
      // a file named like IDX that is not one gets the IDX reader's message (wrong magic number,
      // too short), not a CSV parser's
      DenseMatrix x = IdxFiles.readMatrix(file);
      List<String> names = new ArrayList<>(x.cols());
      for (int j = 1; j <= x.cols(); j++) {
        names.add("p" + j);
      }
      return Dataset.unlabeled(x, names);
    }
    return CsvDatasetReader.forUnlabeled(exclude).read(file);
  }

  /**
   * @param file a path
   * @return whether its name says IDX (MNIST's {@code -idx3-ubyte}, {@code .idx}, optionally .gz)
   */
  static boolean looksNamedIdx(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.matches(".*(\\.idx\\d?|-ubyte|\\.idx\\d?-ubyte)(\\.gz)?");
  }

  private static void requireFile(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new org.groupsparse.util.InputException(file.toString(), 0, 0, "no such file");
    }
  }

  /**
   * Reads reference labels: an IDX label file, or a CSV whose first column holds integers.
   *
   * @param file the file
   * @return the labels
   * @throws IOException when the file cannot be read
   */
  static int[] labels(Path file) throws IOException {
    requireFile(file);
    if (IdxFiles.isIdx(file) || looksNamedIdx(file)) {
      return IdxFiles.readLabels(file);
    }
    Dataset d = CsvDatasetReader.forUnlabeled(Set.of()).read(file);
    int p = d.features();
    double[] x = d.design().data();
    int[] labels = new int[d.rows()];
    for (int i = 0; i < labels.length; i++) {
      double v = x[i * p];
      if (v != Math.rint(v)) {
        throw new org.groupsparse.util.InputException(file.toString(), i + 2, 1,
            "expected an integer label, found " + v);
      }
      labels[i] = (int) v;
    }
    return labels;
  }
}
