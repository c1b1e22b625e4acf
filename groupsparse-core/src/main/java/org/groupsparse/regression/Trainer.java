package org.groupsparse.regression;

/**
 * A regression method with its configuration (Tribuo's Trainer): {@link #fit} never modifies the
 * trainer, so one trainer may fit many problems, also concurrently.
 *
 * @param <M> the model type
 */
public interface Trainer<M> {
  /** @return the method's name as recorded in model files (e.g. "dglnn", "group-lasso") */
  String method();

  /** @return the typed, validated options of this trainer (a record) */
  Record options();

  /**
   * Whether the trainer uses validation rows (early stopping, lambda on validation). Trainers that
   * choose by cross-validation or take a fixed lambda do not; callers then pass all rows.
   *
   * @return true when {@link Problem#validation()} is used
   */
  default boolean usesValidation() {
    return true;
  }

  /**
   * Fits the problem.
   *
   * @param problem training (and validation) rows and groups
   * @param listener progress receiver ({@link TrainingListener#NONE} for none; a group lasso
   *     trainer also reports to it per lambda when it implements {@link
   *     org.groupsparse.regression.grouplasso.PathListener})
   * @return the model, the record of the run, how it ended and the options used
   */
  FitResult<M> fit(Problem problem, TrainingListener<? super IterationView> listener);
}
