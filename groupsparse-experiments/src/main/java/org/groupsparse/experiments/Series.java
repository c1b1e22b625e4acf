package org.groupsparse.experiments;

import java.util.Arrays;
import java.util.List;

/** Small statistics over experiment results: errors against the truth, means, spreads, percentiles. */
final class Series {
  private Series() {}

  /** @return ||w - truth||_2^2 */
  static double errorSquared(double[] w, double[] truth) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      double d = w[j] - truth[j];
      s += d * d;
    }
    return s;
  }

  /** @return the arithmetic mean */
  static double mean(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s / a.length;
  }

  /** @return the sample standard deviation (n - 1), 0 for one value */
  static double sd(double[] a) {
    if (a.length < 2) {
      return 0;
    }
    double m = mean(a);
    double s = 0;
    for (double x : a) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (a.length - 1));
  }

  /** @return the q-quantile (0..1) by linear interpolation between order statistics (R's type 7) */
  static double quantile(double[] a, double q) {
    double[] s = a.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  /** @return column c of the rows, floored at the smallest normal double (for log axes) */
  static double[] positiveColumn(List<double[]> rows, int c) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(rows.get(i)[c], Double.MIN_NORMAL);
    }
    return out;
  }

  /** @return column c of the rows */
  static double[] column(List<double[]> rows, int c) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i)[c];
    }
    return out;
  }

  /** @return max_j |a_j| over the indices where mask is false */
  static double maxAbsOutside(double[] a, double[] truth) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      if (truth[j] == 0) {
        m = Math.max(m, Math.abs(a[j]));
      }
    }
    return m;
  }
}
