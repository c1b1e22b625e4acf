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
 */
public record Dataset(DenseMatrix design, double[] response, List<String> featureNames, String targetName) {
  /**
   * Validates the shapes.
   *
   * @param design the n x p design
   * @param response the response of length n
   * @param featureNames p column names
   * @param targetName the response column name
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
   * Whether the rows carry a response: unlabeled data (autoencoders, clustering, new rows to
   * predict without their target) are stored with a NaN response, which no reader accepts as a
   * value.
   *
   * @return true when there is a response column
   */
  public boolean hasResponse() {
    return response.length > 0 && !Double.isNaN(response[0]);
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
    return new Dataset(design.selectRows(rowIndices), y, featureNames, targetName);
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
    return new Dataset(design.selectColumns(columnOrder), response, List.of(names), targetName);
  }
}
