package org.groupsparse.regression;

/**
 * What a trainer returns: the immutable model, the record of the run, how it ended and the typed
 * options that produced it.
 *
 * @param model the fitted model
 * @param history the record of an iterative run, or null for methods without one (group lasso)
 * @param convergence how the fit ended
 * @param options the trainer's options (a record), or null when unknown
 * @param <M> the model type
 */
public record FitResult<M>(M model, TrainingHistory history, Convergence convergence, Record options) {
  /**
   * The result of an iterative run, its convergence read from the history, options unknown.
   *
   * @param model the model
   * @param history the record of the run
   */
  public FitResult(M model, TrainingHistory history) {
    this(model, history, Convergence.of(history), null);
  }

  /**
   * @param used the options that produced this result
   * @return the same result recording them
   */
  public FitResult<M> withOptions(Record used) {
    return new FitResult<>(model, history, convergence, used);
  }
}
