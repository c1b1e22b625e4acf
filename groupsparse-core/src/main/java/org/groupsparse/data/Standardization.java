package org.groupsparse.data;

import java.util.ArrayList;
import java.util.List;
import org.groupsparse.linalg.DenseMatrix;

/**
 * Centring and scaling learned on training rows, applied to any data, and the map of coefficients
 * back to the original scale.
 *
 * <p>With column means m_j, column scales s_j (population standard deviation, as grpreg and
 * glmnet use, or 1), response mean m_y and response scale s_y, the model fitted on
 * x'_ij = (x_ij - m_j)/s_j and y'_i = (y_i - m_y)/s_y with coefficients w' has on the original
 * scale the coefficients w_j = w'_j s_y / s_j and the intercept b = m_y - sum_j m_j w_j.
 *
 * <p>A column that is constant on the training rows has s_j = 0: its standardized column is zero
 * and its coefficient is 0 (as grpreg does); {@code constantColumns()} lists it so callers can warn.
 *
 * @param columnMeans m_j (zeros when not centring)
 * @param columnScales s_j (ones when not scaling; 0 for constant columns)
 * @param responseMean m_y
 * @param responseScale s_y
 * @param constant whether each column is constant on the training rows
 */
public record Standardization(double[] columnMeans, double[] columnScales, double responseMean, double responseScale,
    boolean[] constant) {

  /**
   * Learns the transformation from training data.
   *
   * @param train training data, not modified
   * @param center whether to centre the columns and the response (fits an intercept)
   * @param scaleFeatures whether to scale each column to unit population variance
   * @param scaleResponse whether to scale the response to unit population variance
   * @return the transformation
   */
  public static Standardization fit(Dataset train, boolean center, boolean scaleFeatures, boolean scaleResponse) {
    int n = train.rows();
    int p = train.features();
    double[] x = train.design().data();
    double[] mean = new double[p];
    double[] scale = new double[p];
    boolean[] constant = new boolean[p];
    double[] min = new double[p];
    double[] max = new double[p];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int off = i * p;
      for (int j = 0; j < p; j++) {
        double v = x[off + j];
        mean[j] += v;
        min[j] = Math.min(min[j], v);
        max[j] = Math.max(max[j], v);
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= n;
      constant[j] = min[j] == max[j];
    }
    if (scaleFeatures) {
      for (int i = 0; i < n; i++) {
        int off = i * p;
        for (int j = 0; j < p; j++) {
          double d = x[off + j] - mean[j];
          scale[j] += d * d;
        }
      }
      for (int j = 0; j < p; j++) {
        scale[j] = constant[j] ? 0.0 : Math.sqrt(scale[j] / n);
      }
    } else {
      for (int j = 0; j < p; j++) {
        scale[j] = constant[j] && center ? 0.0 : 1.0;
      }
    }
    if (!center) {
      java.util.Arrays.fill(mean, 0.0);
    }
    double[] y = train.response();
    double my = 0;
    for (double v : y) {
      my += v;
    }
    my /= n;
    double sy = 1.0;
    if (scaleResponse) {
      double s = 0;
      for (double v : y) {
        s += (v - my) * (v - my);
      }
      s = Math.sqrt(s / n);
      sy = s > 0 ? s : 1.0;
    }
    return new Standardization(mean, scale, center ? my : 0.0, sy, constant);
  }

  /**
   * Learns the transformation from a design held column by column and applies it in place: the
   * same means, scales and constant columns as {@link #fit} on the same data (each column's sums
   * are taken over the rows in the same order), and the same standardized entries as
   * {@link #apply}, x'_ij = (x_ij - m_j) / s_j, without a row-major copy. Each column is read
   * while it is in cache (four at a time, so that the sequential sums overlap), rather than in two
   * passes over the whole design.
   *
   * @param columns the design column-major, column k at [k n, (k + 1) n), holding feature
   *     {@code featureOfColumn[k]}; replaced by the standardized columns
   * @param n rows
   * @param featureOfColumn the feature held by each column (the returned means and scales are by feature)
   * @param y the response, not modified
   * @param center whether to centre the columns and the response
   * @param scaleFeatures whether to scale each column to unit population variance
   * @return the transformation (the response is not scaled)
   */
  public static Standardization fitAndApplyToColumns(double[] columns, int n, int[] featureOfColumn, double[] y,
      boolean center, boolean scaleFeatures) {
    return fitAndApplyToColumns(columns, n, featureOfColumn, y, center, scaleFeatures, null);
  }

  /** Sees each column just after it is standardized, while it is in cache. */
  @FunctionalInterface
  public interface ColumnVisitor {
    /**
     * @param k the column's index
     * @param offset its first entry, k n
     */
    void standardized(int k, int offset);
  }

  /**
   * {@link #fitAndApplyToColumns(double[], int, int[], double[], boolean, boolean)}, calling
   * {@code visitor} for every column just after it is standardized (columns in increasing order).
   *
   * @param columns the design column-major, replaced by the standardized columns
   * @param n rows
   * @param featureOfColumn the feature held by each column
   * @param y the response, not modified
   * @param center whether to centre
   * @param scaleFeatures whether to scale
   * @param visitor called per column, or null
   * @return the transformation
   */
  public static Standardization fitAndApplyToColumns(double[] columns, int n, int[] featureOfColumn, double[] y,
      boolean center, boolean scaleFeatures, ColumnVisitor visitor) {
    int p = featureOfColumn.length;
    double[] mean = new double[p];
    double[] scale = new double[p];
    boolean[] constant = new boolean[p];
    int k = 0;
    for (; k + 4 <= p; k += 4) {
      int o0 = k * n;
      int o1 = o0 + n;
      int o2 = o1 + n;
      int o3 = o2 + n;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      boolean d0 = false;
      boolean d1 = false;
      boolean d2 = false;
      boolean d3 = false;
      double f0 = columns[o0];
      double f1 = columns[o1];
      double f2 = columns[o2];
      double f3 = columns[o3];
      for (int i = 0; i < n; i++) {
        double v0 = columns[o0 + i];
        double v1 = columns[o1 + i];
        double v2 = columns[o2 + i];
        double v3 = columns[o3 + i];
        s0 += v0;
        s1 += v1;
        s2 += v2;
        s3 += v3;
        d0 |= v0 != f0;
        d1 |= v1 != f1;
        d2 |= v2 != f2;
        d3 |= v3 != f3;
      }
      double m0 = s0 / n;
      double m1 = s1 / n;
      double m2 = s2 / n;
      double m3 = s3 / n;
      double q0 = 0;
      double q1 = 0;
      double q2 = 0;
      double q3 = 0;
      if (scaleFeatures) {
        for (int i = 0; i < n; i++) {
          double e0 = columns[o0 + i] - m0;
          double e1 = columns[o1 + i] - m1;
          double e2 = columns[o2 + i] - m2;
          double e3 = columns[o3 + i] - m3;
          q0 += e0 * e0;
          q1 += e1 * e1;
          q2 += e2 * e2;
          q3 += e3 * e3;
        }
      }
      finishColumn(columns, n, k, featureOfColumn[k], m0, q0, !d0, center, scaleFeatures, mean, scale, constant);
      if (visitor != null) {
        visitor.standardized(k, k * n);
      }
      finishColumn(columns, n, k + 1, featureOfColumn[k + 1], m1, q1, !d1, center, scaleFeatures, mean, scale, constant);
      if (visitor != null) {
        visitor.standardized(k + 1, (k + 1) * n);
      }
      finishColumn(columns, n, k + 2, featureOfColumn[k + 2], m2, q2, !d2, center, scaleFeatures, mean, scale, constant);
      if (visitor != null) {
        visitor.standardized(k + 2, (k + 2) * n);
      }
      finishColumn(columns, n, k + 3, featureOfColumn[k + 3], m3, q3, !d3, center, scaleFeatures, mean, scale, constant);
      if (visitor != null) {
        visitor.standardized(k + 3, (k + 3) * n);
      }
    }
    for (; k < p; k++) {
      int o = k * n;
      double s = 0;
      boolean differs = false;
      double first = columns[o];
      for (int i = 0; i < n; i++) {
        double v = columns[o + i];
        s += v;
        differs |= v != first;
      }
      double m = s / n;
      double q = 0;
      if (scaleFeatures) {
        for (int i = 0; i < n; i++) {
          double e = columns[o + i] - m;
          q += e * e;
        }
      }
      finishColumn(columns, n, k, featureOfColumn[k], m, q, !differs, center, scaleFeatures, mean, scale, constant);
      if (visitor != null) {
        visitor.standardized(k, k * n);
      }
    }
    double my = 0;
    for (double v : y) {
      my += v;
    }
    my /= n;
    return new Standardization(mean, scale, center ? my : 0.0, 1.0, constant);
  }

  /** Records column k's statistics (as {@link #fit} computes them) and standardizes it (as {@link #apply} does). */
  private static void finishColumn(double[] columns, int n, int k, int feature, double m, double sumSquares,
      boolean isConstant, boolean center, boolean scaleFeatures, double[] mean, double[] scale, boolean[] constant) {
    double s;
    if (scaleFeatures) {
      s = isConstant ? 0.0 : Math.sqrt(sumSquares / n);
    } else {
      s = isConstant && center ? 0.0 : 1.0;
    }
    double mj = center ? m : 0.0;
    mean[feature] = mj;
    scale[feature] = s;
    constant[feature] = isConstant;
    double inv = s == 0 ? 0.0 : 1.0 / s;
    int o = k * n;
    for (int i = 0; i < n; i++) {
      columns[o + i] = (columns[o + i] - mj) * inv;
    }
  }

  /**
   * Applies the transformation (a copy; the input is not modified). The response is transformed
   * too; NaN responses stay NaN.
   *
   * @param data data with the same columns as the training data
   * @return the transformed copy
   */
  public Dataset apply(Dataset data) {
    int n = data.rows();
    int p = data.features();
    double[] src = data.design().data();
    double[] out = new double[src.length];
    double[] inv = new double[p];
    for (int j = 0; j < p; j++) {
      inv[j] = columnScales[j] == 0 ? 0.0 : 1.0 / columnScales[j];
    }
    for (int i = 0; i < n; i++) {
      int off = i * p;
      for (int j = 0; j < p; j++) {
        out[off + j] = (src[off + j] - columnMeans[j]) * inv[j];
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = (data.response()[i] - responseMean) / responseScale;
    }
    return new Dataset(new DenseMatrix(n, p, out), y, data.featureNames(), data.targetName(), data.hasResponse());
  }

  /**
   * Maps coefficients of the standardized problem to the original scale.
   *
   * @param standardized w', not modified
   * @return w, with 0 for constant columns
   */
  public double[] coefficientsToOriginal(double[] standardized) {
    double[] w = new double[standardized.length];
    for (int j = 0; j < w.length; j++) {
      w[j] = columnScales[j] == 0 ? 0.0 : standardized[j] * responseScale / columnScales[j];
    }
    return w;
  }

  /**
   * The intercept on the original scale.
   *
   * @param original coefficients on the original scale, not modified
   * @return b = m_y - sum_j m_j w_j
   */
  public double intercept(double[] original) {
    double b = responseMean;
    for (int j = 0; j < original.length; j++) {
      b -= columnMeans[j] * original[j];
    }
    return b;
  }

  /**
   * @param featureNames names of the columns
   * @return the names of the columns that are constant on the training rows
   */
  public List<String> constantColumns(List<String> featureNames) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < constant.length; j++) {
      if (constant[j]) {
        out.add(featureNames.get(j));
      }
    }
    return out;
  }
}
