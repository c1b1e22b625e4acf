package org.groupsparse.regression.grouplasso;

import java.util.concurrent.ForkJoinPool;
import org.groupsparse.linalg.SymmetricEigen;

/**
 * The smooth datafit of the group-lasso solvers, F(w) = (1/2n)||y - X w||^2 on a design whose columns
 * are stored group by group: the products with X and X^T, the Gram matrix and its blocks, and the
 * Lipschitz constants. {@link LeastSquaresDatafit} implements it; a weighted one (the quadratic
 * model of a GLM loss at a Newton step) would implement it too, without touching the solvers.
 */
interface QuadraticDatafit {
  /** @return rows n */
  int rows();

  /** @return columns p */
  int cols();

  /** @return number of groups */
  int groupCount();

  /**
   * @param l group
   * @return first column position of the group
   */
  int start(int l);

  /**
   * @param l group
   * @return one past the last column position of the group
   */
  int end(int l);

  /**
   * @param position column position in group order
   * @return the feature index in the original column order
   */
  int featureOfPosition(int position);

  /** @return the column-major design in group order (a view, do not modify) */
  double[] columnsView();

  /**
   * The full Gram matrix X^T X / n in column positions (p x p, row-major), computed on first use
   * by one BLAS product and kept.
   *
   * @return the matrix (a view, do not modify)
   */
  double[] gram();

  /**
   * c = b - G w over all positions, from the full Gram matrix: the exact correlations X^T (y - X w) / n
   * when b = X^T y / n, at a cost of p per nonzero coefficient.
   *
   * @param b X^T y / n by position
   * @param w coefficients by position
   * @param out receives c (length p)
   */
  void gramCorrelation(double[] b, double[] w, double[] out);

  /**
   * r = y - X w.
   *
   * @param w coefficients by position
   * @param out receives r (length n)
   */
  void residual(double[] w, double[] out);

  /**
   * The loss (1/2n) ||y - X w||^2 from the Gram matrix: (1/2n) y^T y - b^T w + (1/2) w^T G w.
   *
   * @param yy y^T y / n
   * @param b X^T y / n by position
   * @param w coefficients by position
   * @return the loss
   */
  double gramValue(double yy, double[] b, double[] w);

  double[] response();

  /**
   * F(w) from the residual.
   *
   * @param residual r = y - X w, not modified
   * @return (1/2n) ||r||^2
   */
  double value(double[] residual);

  /**
   * c_l = X_l^T r / n for one group.
   *
   * @param l group
   * @param residual r, not modified
   * @param out output, written at {@code out[outOffset ..]}, modified
   * @param outOffset start in {@code out}
   */
  void groupCorrelation(int l, double[] residual, double[] out, int outOffset);

  /**
   * r -= X_l d for one group.
   *
   * @param l group
   * @param delta the change d_l, read at {@code delta[deltaOffset ..]}, not modified
   * @param deltaOffset start in {@code delta}
   * @param residual r, modified
   */
  void subtractGroup(int l, double[] delta, int deltaOffset, double[] residual);

  /**
   * out = X w restricted to some groups (out is overwritten).
   *
   * @param w coefficients by position, not modified
   * @param groupsToUse group indices, not modified
   * @param count how many of them to use
   * @param out length n, modified
   */
  void multiply(double[] w, int[] groupsToUse, int count, double[] out);

  /**
   * The full correlation c = X^T r / n, split over the pool's threads by groups when a pool is
   * given. Each entry is one dot product, so the result does not depend on the thread count.
   *
   * @param residual r, not modified
   * @param out length p, modified
   * @param pool the pool, or {@code null} to run on the caller's thread
   */
  void correlation(double[] residual, double[] out, ForkJoinPool pool);

  /**
   * The eigendecomposition of G_l = X_l^T X_l / n, computed on first use, or {@code null} for
   * groups larger than the exact-update limit (128 columns).
   *
   * @param l group
   * @return the decomposition or null
   */
  SymmetricEigen blockGram(int l);

  /**
   * The largest eigenvalue of G_l = X_l^T X_l / n (exactly from the eigendecomposition for small
   * groups, by the power method of {@link SpectralNorm} for large ones, enlarged by
   * {@link SpectralNorm#SAFETY}).
   *
   * @param l group
   * @return L_l
   */
  double blockLipschitz(int l);

  /**
   * L = ||X||_2^2 / n, the Lipschitz constant of grad F, by the power method of
   * {@link SpectralNorm} on X^T X / n from its seeded start, enlarged by {@link SpectralNorm#SAFETY}
   * so that 1/L is a safe step despite the method approaching from below.
   *
   * @return L
   */
  double lipschitz();
}
