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
