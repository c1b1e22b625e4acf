package org.groupsparse.cli;

import java.util.Arrays;
import java.util.Locale;
import org.groupsparse.data.Dataset;

/**
 * The two classes of a binomial response: the data's two distinct values, the smaller coded 0 and
 * the larger 1 (0/1 data stay as they are), recorded in the model's settings so that predictions
 * can name them.
 *
 * @param low the value coded 0
 * @param high the value coded 1
 */
record BinaryResponse(double low, double high) {
  /**
   * Finds the classes of the training response.
   *
   * @param file the file, for messages
   * @param data the training rows
   * @return the classes
   */
  static BinaryResponse of(String file, Dataset data) {
    double[] y = data.response();
    double a = y[0];
    double b = Double.NaN;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == a || y[i] == b) {
        continue;
      }
      if (Double.isNaN(b)) {
        b = y[i];
        continue;
      }
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: row %d has a third value %s of '%s' (after %s "
          + "and %s); --family binomial needs two classes", file, i + 1, fmt(y[i]), data.targetName(), fmt(a), fmt(b)));
    }
    if (Double.isNaN(b)) {
      throw new IllegalArgumentException(file + ": every row has the same value " + fmt(a) + " of '" + data.targetName()
          + "'; --family binomial needs both classes among the training rows");
    }
    return new BinaryResponse(Math.min(a, b), Math.max(a, b));
  }

  /**
   * Codes a data set's response as 0/1.
   *
   * @param file the file, for messages
   * @param data rows whose response holds the two classes
   * @return the same rows with the response coded 0 (low) and 1 (high)
   */
  Dataset encode(String file, Dataset data) {
    double[] y = data.response();
    double[] coded = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i] == low) {
        coded[i] = 0;
      } else if (y[i] == high) {
        coded[i] = 1;
      } else {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: row %d has the value %s of '%s', which is "
            + "neither class of the training rows (%s, %s)", file, i + 1, fmt(y[i]), data.targetName(), fmt(low),
            fmt(high)));
      }
    }
    return new Dataset(data.design(), coded, data.featureNames(), data.targetName());
  }

  /** @return the classes, for the model's settings */
  double[] classes() {
    return new double[] {low, high};
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public String toString() {
    return Arrays.toString(classes());
  }
}
