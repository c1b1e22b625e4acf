package org.groupsparse.regression.grouplasso;

/** How {@link BlockCoordinateDescent} minimizes over one group with the others fixed. */
public enum BlockUpdate {
  /**
   * The exact minimizer: with G_l = X_l^T X_l / n = V D V^T and b = c_l + G_l w_l, w_l = 0 if
   * ||b|| &lt;= lambda omega_l, else w_l = V (D + mu I)^{-1} V^T b where mu &gt; 0 solves
   * ||mu (D + mu I)^{-1} V^T b|| = lambda omega_l (a one-dimensional monotone equation, solved by
   * bracketed Newton). On an orthonormal block it is block soft-thresholding. This is the block
   * minimization that grpreg reaches by orthonormalizing the groups, without changing the problem.
   */
  EXACT,
  /**
   * One majorized step (gglasso's groupwise majorization descent): w_l &lt;- S(w_l + c_l / L_l,
   * lambda omega_l / L_l), L_l the largest eigenvalue of G_l, S block soft-thresholding.
   */
  MAJORIZED
}
