package org.groupsparse.regression;

/**
 * The record of an iterative fit. Entry t of the loss arrays belongs to the iterate after t updates
 * (entry 0 is the initialization). Losses are the datafit on the respective rows, in the units of
 * the original response: (1/2m)||y - Xw - b||^2 for least squares, the mean logistic loss for the
 * binomial family. The loss arrays are copied in and out: a history cannot be changed through them.
 *
 * @param trainLoss training loss per iterate
 * @param validationLoss validation loss per iterate (empty when there was no validation data)
 * @param bestIteration the iterate that was kept (lowest validation loss, or the last without
 *     validation data)
 * @param switchIteration the update after which Algorithm 2 switched to the fixed step on v, or -1
 * @param iterations number of updates performed
 * @param stopReason why the run stopped
 */
public record TrainingHistory(double[] trainLoss, double[] validationLoss, int bestIteration, int switchIteration,
    int iterations, StopReason stopReason) {

  /**
   * Copies the loss arrays.
   *
   * @param trainLoss training loss per iterate
   * @param validationLoss validation loss per iterate
   * @param bestIteration the kept iterate
   * @param switchIteration Algorithm 2's switch, or -1
   * @param iterations number of updates
   * @param stopReason why the run stopped
   */
  public TrainingHistory {
    trainLoss = trainLoss.clone();
    validationLoss = validationLoss.clone();
  }

  /** @return a copy of the training loss per iterate */
  @Override
  public double[] trainLoss() {
    return trainLoss.clone();
  }

  /** @return a copy of the validation loss per iterate (empty without validation data) */
  @Override
  public double[] validationLoss() {
    return validationLoss.clone();
  }

  /** @return whether validation losses were recorded */
  public boolean hasValidation() {
    return validationLoss.length > 0;
  }

  /** @return the validation loss of the kept iterate, or NaN without validation data */
  public double bestValidationLoss() {
    return hasValidation() ? validationLoss[bestIteration] : Double.NaN;
  }

  /**
   * The same history with losses multiplied by a factor (used to report losses in the units of the
   * original response after fitting a scaled one).
   *
   * @param factor the factor
   * @return the rescaled history
   */
  public TrainingHistory scaleLosses(double factor) {
    double[] t = trainLoss.clone();
    double[] v = validationLoss.clone();
    for (int i = 0; i < t.length; i++) {
      t[i] *= factor;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return new TrainingHistory(t, v, bestIteration, switchIteration, iterations, stopReason);
  }
}
