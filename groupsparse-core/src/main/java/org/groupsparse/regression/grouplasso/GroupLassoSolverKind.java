package org.groupsparse.regression.grouplasso;

/** The solvers of the group lasso (their command-line names belong to the CLI). */
public enum GroupLassoSolverKind {
  /** {@link BlockCoordinateDescent}: the default, fastest along a path. */
  BCD,
  /** {@link ProximalGradient}: FISTA, the paper's "PGD" baseline. */
  FISTA
}
