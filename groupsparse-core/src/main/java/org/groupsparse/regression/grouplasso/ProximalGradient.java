package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupOps;

/**
 * Accelerated proximal gradient (FISTA, Beck and Teboulle 2009) for the group lasso on a working
 * set: with L = ||X||_2^2 / n from the power method, the safe step 1/L, and the extrapolated point
 * z = w + ((t_{k-1} - 1)/t_k)(w - w_prev),
 *
 * <pre>  w_next = prox_{(lambda/L) R}(z + X^T (y - X z) / (n L)),</pre>
 *
 * <p>block soft-thresholding per group. Momentum is reset when it points uphill (the gradient
 * restart of O'Donoghue and Candes 2015). This is the paper's "PGD" baseline (Li et al., ICLR 2023,
 * section 5). Every 10 steps the KKT violation at w is computed exactly (one extra product); that
 * is the stopping test. Each step costs two passes over the working columns (X w_next and X^T r_z),
 * using X z = X w + beta (X w - X w_prev).
 */
final class ProximalGradient implements GroupLassoSolver {
  private static final int CHECK_EVERY = 10;
  private double[] z = new double[0];
  private double[] previous = new double[0];
  private double[] xw = new double[0];
  private double[] xwPrevious = new double[0];
  private double[] rz = new double[0];
  private double[] corr = new double[0];

  @Override
  public int solve(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance, int maxIterations) {
    int n = f.rows();
    int p = f.cols();
    ensureCapacity(n, p);
    double step = 1.0 / f.lipschitz();
    double[] y = f.response();
    for (int i = 0; i < n; i++) {
      xw[i] = y[i] - residual[i];
    }
    System.arraycopy(xw, 0, xwPrevious, 0, n);
    for (int a = 0; a < count; a++) {
      int l = working[a];
      System.arraycopy(w, f.start(l), previous, f.start(l), f.end(l) - f.start(l));
    }
    double t = 1.0;
    double beta = 0.0;
    int iterations = 0;
    while (iterations < maxIterations) {
      if (iterations % CHECK_EVERY == 0 && kktViolation(f, penalty, lambda, working, count, w, residual) <= tolerance) {
        return iterations;
      }
      for (int i = 0; i < n; i++) {
        rz[i] = y[i] - (xw[i] + beta * (xw[i] - xwPrevious[i]));
      }
      double restart = 0;
      for (int a = 0; a < count; a++) {
        int l = working[a];
        int from = f.start(l);
        int to = f.end(l);
        f.groupCorrelation(l, rz, corr, from);
        for (int k = from; k < to; k++) {
          z[k] = w[k] + beta * (w[k] - previous[k]);
          corr[k] = z[k] + step * corr[k];
        }
        GroupOps.blockSoftThreshold(corr, from, to, step * lambda * penalty.weight(l));
        for (int k = from; k < to; k++) {
          previous[k] = w[k];
          w[k] = corr[k];
          restart += (z[k] - w[k]) * (w[k] - previous[k]);
        }
      }
      double[] swap = xwPrevious;
      xwPrevious = xw;
      xw = swap;
      f.multiply(w, working, count, xw);
      for (int i = 0; i < n; i++) {
        residual[i] = y[i] - xw[i];
      }
      iterations++;
      if (restart > 0) {
        t = 1.0;
        beta = 0.0;
      } else {
        double tNext = 0.5 * (1 + Math.sqrt(1 + 4 * t * t));
        beta = (t - 1) / tNext;
        t = tNext;
      }
    }
    return iterations;
  }

  private double kktViolation(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] working,
      int count, double[] w, double[] residual) {
    double worst = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      int from = f.start(l);
      f.groupCorrelation(l, residual, corr, from);
      worst = Math.max(worst, penalty.violation(l, w, from, corr, from, f.end(l) - from, lambda));
    }
    return worst;
  }

  private void ensureCapacity(int n, int p) {
    if (z.length < p) {
      z = new double[p];
      previous = new double[p];
      corr = new double[p];
    }
    if (xw.length < n) {
      xw = new double[n];
      xwPrevious = new double[n];
      rz = new double[n];
    }
  }
}
