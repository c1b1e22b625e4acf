package org.groupsparse.regression;

/**
 * How a fit ended, in the same terms for every method (skglm's stop criterion, scikit-learn's
 * {@code n_iter_} and {@code dual_gap_}).
 *
 * @param converged whether the method's own criterion was met: the KKT tolerance for the group
 *     lasso, early stopping for the implicitly regularized methods (reaching the iteration cap is
 *     not convergence)
 * @param iterations updates (iterative methods) or solver sweeps at the chosen lambda (group lasso)
 * @param optimality the optimality measure the criterion uses (largest KKT violation / lambda), or
 *     NaN for methods stopped on validation data, which have none
 * @param stopReason why the run ended
 */
public record Convergence(boolean converged, int iterations, double optimality, StopReason stopReason) {
  /**
   * @param history the record of an iterative run
   * @return its convergence: converged unless it reached the iteration cap while a validation
   *     loss was watched
   */
  public static Convergence of(TrainingHistory history) {
    boolean converged = history.stopReason() != StopReason.MAX_ITERATIONS || !history.hasValidation();
    return new Convergence(converged, history.iterations(), Double.NaN, history.stopReason());
  }
}
