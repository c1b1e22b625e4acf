package org.groupsparse.regression;

/**
 * A read-only view of the current iterate of an iterative fit, on the scale the fit works on
 * (standardized, when the data were standardized). Valid only during {@link
 * TrainingListener#onIteration}; copy what must be kept.
 */
public interface IterationView {
  /** @return the number of updates performed so far (0 for the initialization) */
  int iteration();

  /** @return the training loss (1/2n)||y - Xw||^2 of this iterate */
  double trainLoss();

  /** @return the validation loss of this iterate, or NaN without validation data */
  double validationLoss();

  /**
   * Copies the coefficients w of this iterate.
   *
   * @param out array of length p, modified
   */
  void coefficients(double[] out);
}
