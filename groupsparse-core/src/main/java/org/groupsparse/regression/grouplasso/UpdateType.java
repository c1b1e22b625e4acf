package org.groupsparse.regression.grouplasso;

/**
 * How {@link BlockCoordinateDescent} keeps the correlations c_l = X_l^T r / n current as blocks move
 * (glmnet's {@code type.gaussian}; Friedman, Hastie and Tibshirani 2010, section 2.2).
 */
public enum UpdateType {
  /**
   * Covariance updates when the working set's columns q satisfy n &gt;= 2q and q is at most
   * {@link CovarianceCache#MAX_COLUMNS}; naive updates otherwise (the default).
   */
  AUTO,
  /**
   * Covariance updates: the Gram matrix G = X_W^T X_W / n of the working set's columns is formed
   * once per column (as columns enter), c_W is computed once per solve, and a move d_l of block l
   * updates c_W -= G_{W,l} d_l at a cost of q m_l instead of two passes over n rows. The residual
   * is brought up to date once at the end of the solve.
   */
  COVARIANCE,
  /** Naive updates: c_l = X_l^T r / n and r -= X_l d_l at every visit, two passes over n rows. */
  NAIVE
}
