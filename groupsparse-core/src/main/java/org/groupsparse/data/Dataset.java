package org.groupsparse.data;

import java.util.List;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;

/**
 * A regression data set: the design X (n x p, row-major), the response y (length n) and the names
 * of the features and of the target. The arrays are shared, not copied; treat them as read-only.
 *
 * @param design the n x p design
 * @param response the response of length n
 * @param featureNames p column names
 * @param targetName the response column name
 * @param hasResponse whether the rows carry a response: false for unlabeled data (autoencoders,
 *     clustering, new rows to predict without their target), whose response holds NaN placeholders
 */
public record Dataset(DenseMatrix design, double[] response, List<String> featureNames, String targetName,
    boolean hasResponse) {
  /**
   * Validates the shapes.
   *
   * @param design the n x p design
   * @param response the response of length n
   * @param featureNames p column names
   * @param targetName the response column name
   * @param hasResponse whether the rows carry a response
   */
  public Dataset {
    featureNames = List.copyOf(featureNames);
    if (response.length != design.rows()) {
      throw new DimensionMismatchException(
          "design has " + design.rows() + " rows but the response has " + response.length);
    }
    if (featureNames.size() != design.cols()) {
      throw new DimensionMismatchException(
          "design has " + design.cols() + " columns but " + featureNames.size() + " feature names were given");
    }
  }

  /**
   * Labeled data: rows with a response.
   *
   * @param design the n x p design
   * @param response the response of length n
   * @param featureNames p column names
   * @param targetName the response column name
   */
  public Dataset(DenseMatrix design, double[] response, List<String> featureNames, String targetName) {
    this(design, response, featureNames, targetName, true);
  }

  /**
   * Unlabeled data: rows without a response (the response array holds NaN placeholders).
   *
   * @param design the n x p design
   * @param featureNames p column names
   * @return the data set, {@link #hasResponse()} false
   */
  public static Dataset unlabeled(DenseMatrix design, List<String> featureNames) {
    double[] none = new double[design.rows()];
    java.util.Arrays.fill(none, Double.NaN);
    return new Dataset(design, none, featureNames, null, false);
  }

  /** @return the number of rows */
  public int rows() {
    return design.rows();
  }

  /** @return number of features p */
  public int features() {
    return design.cols();
  }

  /**
   * The rows with the given indices, copied, in the order given.
   *
   * @param rowIndices row indices, not modified
   * @return the subset
   */
  public Dataset selectRows(int[] rowIndices) {
    double[] y = new double[rowIndices.length];
    for (int k = 0; k < rowIndices.length; k++) {
      y[k] = response[rowIndices[k]];
    }
    return new Dataset(design.selectRows(rowIndices), y, featureNames, targetName, hasResponse);
  }

  /**
   * The data set with its columns reordered.
   *
   * @param columnOrder new column j is old column columnOrder[j], not modified
   * @return the reordered data set, copied
   */
  public Dataset selectColumns(int[] columnOrder) {
    String[] names = new String[columnOrder.length];
    for (int k = 0; k < columnOrder.length; k++) {
      names[k] = featureNames.get(columnOrder[k]);
    }
    return new Dataset(design.selectColumns(columnOrder), response, List.of(names), targetName, hasResponse);
  }
}
