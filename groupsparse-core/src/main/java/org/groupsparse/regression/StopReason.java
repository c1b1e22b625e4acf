package org.groupsparse.regression;

/** Why an iterative fit stopped. */
public enum StopReason {
  /** The validation loss did not improve for {@code patience} iterations (early stopping). */
  EARLY_STOPPING,
  /** The iteration cap was reached. */
  MAX_ITERATIONS,
  /** An optimality criterion (KKT violation, duality gap) fell below its tolerance. */
  CONVERGED
}
