package org.groupsparse.regression.grouplasso;

/**
 * A block-separable penalty P(w) = sum_l P_l(w_l) as the group-lasso solvers see it: its block prox,
 * its values and slopes for the Newton steps, and its optimality conditions for the KKT checks and
 * the screening rules. {@link GroupNormPenalty} implements the group lasso, group MCP and SCAD and
 * the sparse group lasso; another penalty implements this interface without touching the solvers.
 */
interface BlockPenalty {
  /** @return the penalty's kind */
  PenaltyKind kind();

  /** @return whether this is the group lasso (convex, with the exact block update and Newton polish) */
  boolean isGroupLasso();

  /**
   * The block proximal step of curvature L: w_l = argmin (L / 2) ||w - z||^2 + P_l(w), in place.
   * Group lasso: block soft-thresholding at lambda omega / L. MCP and SCAD: the group norm t = ||z||
   * is mapped by the scalar minimizer of (L / 2)(t - ||z||)^2 + rho(t) (firm thresholding when L = 1;
   * needs L gamma &gt; 1 for MCP and L (gamma - 1) &gt; 1 for SCAD, which standardized columns give).
   * Sparse group lasso: soft-thresholding of each entry at lambda alpha / L, then block
   * soft-thresholding at lambda (1 - alpha) omega / L.
   *
   * @param l group
   * @param z the point, modified in place into the step's result
   * @param from first entry of the block in z
   * @param m block size
   * @param curvature L &gt; 0
   * @param lambda the level
   */
  void prox(int l, double[] z, int from, int m, double curvature, double lambda);

  /**
   * The smallest curvature L for which the block step (L / 2) ||w - z||^2 + rho(||w||) is convex:
   * 1 / gamma for MCP, 1 / (gamma - 1) for SCAD, 0 otherwise. Block steps use at least this (times
   * a margin); a larger curvature still majorizes a smooth loss, it only shortens the step.
   *
   * @return the curvature floor
   */
  double minimumCurvature();

  /**
   * @return whether the active-set Newton polish applies: always, since on the nonzero groups (and,
   *     for the sparse group lasso, on their nonzero entries) every penalty here is twice
   *     differentiable
   */
  boolean smoothOnNonzeroGroups();

  /**
   * rho'(t) of group l at level lambda: lambda omega_l for the group lasso, MCP's and SCAD's slopes.
   *
   * @param l group
   * @param t the group norm, &gt; 0
   * @param lambda the level
   * @return the slope
   */
  double slope(int l, double t, double lambda);

  /**
   * The slope of the group-norm part at t = ||w_l|| &gt; 0: {@link #slope} for the group lasso, MCP
   * and SCAD, lambda (1 - alpha) omega_l for the sparse group lasso.
   *
   * @param l group
   * @param t the group norm
   * @param lambda the level
   * @return the slope
   */
  double groupSlope(int l, double t, double lambda);

  /**
   * @param lambda the level
   * @return the slope of the entrywise part on a nonzero entry: lambda alpha for the sparse group
   *     lasso, 0 otherwise
   */
  double entrySlope(double lambda);

  /**
   * rho''(t) of group l at level lambda: 0 for the group lasso, -1/gamma inside MCP's concave part,
   * -1/(gamma - 1) inside SCAD's, 0 elsewhere.
   *
   * @param l group
   * @param t the group norm, &gt; 0
   * @param lambda the level
   * @return the second derivative
   */
  double curvature(int l, double t, double lambda);

  /**
   * The penalty of one block at level lambda.
   *
   * @param l group
   * @param w coefficients
   * @param from first entry of the block
   * @param m block size
   * @param lambda the level
   * @return P_l(w_l)
   */
  double blockValue(int l, double[] w, int from, int m, double lambda);

  /**
   * The smallest lambda at which w_l = 0 satisfies its optimality condition for correlations c_l:
   * ||c_l|| / omega_l, and for the sparse group lasso the root of ||S(c_l, lambda alpha)|| = lambda
   * (1 - alpha) omega_l (S elementwise soft-thresholding).
   *
   * @param l group (penalized)
   * @param c correlations
   * @param from first entry of the block
   * @param m block size
   * @return the group's lambda_max
   */
  double zeroThreshold(int l, double[] c, int from, int m);

  /**
   * Whether the sequential strong rule keeps a group at the next lambda, given its correlations at
   * the previous solution: ||c_l|| &gt;= omega_l (2 lambda - lambda_prev) (Tibshirani et al. 2012;
   * grpreg uses the same rule for MCP and SCAD), and for the sparse group lasso
   * ||S(c_l, alpha t)|| &gt;= (1 - alpha) omega_l t with t = 2 lambda - lambda_prev.
   *
   * @param l group
   * @param c correlations
   * @param from first entry
   * @param m block size
   * @param threshold t = 2 lambda - lambda_prev
   * @return whether to keep it
   */
  boolean strongRuleKeeps(int l, double[] c, int from, int m, double threshold);

  /**
   * A level such that ||c_l|| at most this certifies that w_l = 0 is optimal at lambda: lambda
   * omega_l, and lambda (1 - alpha) omega_l for the sparse group lasso (as ||S(c, a)|| &lt;= ||c||).
   *
   * @param l group
   * @param lambda the level
   * @return the certifying level
   */
  double zeroLevel(int l, double lambda);

  /**
   * @param l group
   * @return omega_l
   */
  double weight(int l);

  /** @return a copy of the weights */
  double[] weights();

  /**
   * @param l group
   * @return whether omega_l &gt; 0
   */
  boolean isPenalized(int l);

  /**
   * R(w).
   *
   * @param w coefficients by position, not modified
   * @param datafit gives the block layout
   * @return sum_l omega_l ||w_l||
   */
  double value(double[] w, QuadraticDatafit datafit);

  /**
   * The group's optimality violation: the distance of c_l = X_l^T r / n to the (local, for MCP and
   * SCAD) subdifferential of P_l at w_l. Group lasso, MCP, SCAD: ||c_l - rho'(||w_l||) w_l / ||w_l|| ||
   * when w_l != 0, max(0, ||c_l|| - lambda omega_l) when w_l = 0. Sparse group lasso: when w_l = 0,
   * max(0, ||S(c_l, lambda alpha)|| - lambda (1 - alpha) omega_l); otherwise the norm over the entries
   * of c_j - lambda alpha sign(w_j) - lambda (1 - alpha) omega_l w_j / ||w_l|| (w_j != 0) and
   * max(0, |c_j| - lambda alpha) (w_j = 0).
   *
   * @param l group
   * @param w coefficients
   * @param wFrom first entry of the block in w
   * @param c correlations
   * @param cFrom first entry of the block in c
   * @param size block size
   * @param lambda the level
   * @return the violation (absolute)
   */
  double violation(int l, double[] w, int wFrom, double[] c, int cFrom, int size, double lambda);
}
