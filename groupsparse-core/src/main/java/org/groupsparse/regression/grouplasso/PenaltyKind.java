package org.groupsparse.regression.grouplasso;

/**
 * The penalty of a group-sparse regression path, in the units of the group lasso's lambda omega_l
 * (omega_l = sqrt(p_l) by default), on the group norm t = ||w_l|| (grpreg's definitions; Breheny and
 * Huang 2015) or, for the sparse group lasso, on both norms (Simon, Friedman, Hastie and Tibshirani
 * 2013).
 */
public enum PenaltyKind {
  /** lambda omega_l ||w_l||. */
  GROUP_LASSO,
  /**
   * Group MCP, rho(t) = lambda omega t - t^2 / (2 gamma) for t &lt;= gamma lambda omega, else gamma
   * (lambda omega)^2 / 2; gamma &gt; 1 (default 3). Nonconvex: solutions are local.
   */
  GROUP_MCP,
  /**
   * Group SCAD, rho'(t) = lambda omega for t &lt;= lambda omega, (gamma lambda omega - t) / (gamma - 1)
   * up to gamma lambda omega, 0 beyond; gamma &gt; 2 (default 4). Nonconvex: solutions are local.
   */
  GROUP_SCAD,
  /**
   * Sparse group lasso, lambda (alpha ||w_l||_1 + (1 - alpha) omega_l ||w_l||), alpha in [0, 1]
   * (default 0.95, as the SGL package): alpha = 0 is the group lasso, alpha = 1 the lasso.
   */
  SPARSE_GROUP_LASSO;

  /** @return grpreg's default gamma (3 for MCP, 4 for SCAD), NaN where there is none */
  public double defaultGamma() {
    return this == GROUP_MCP ? 3.0 : this == GROUP_SCAD ? 4.0 : Double.NaN;
  }
}
