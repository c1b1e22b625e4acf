package org.groupsparse.regression.baseline;

import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.Problem;
import org.groupsparse.regression.Trainer;
import org.groupsparse.regression.TrainingListener;

/**
 * What the two early-stopped baselines share as trainers: a method name, typed options, and a fit
 * on (training rows, optional validation rows, groups) in original units.
 *
 * @param <O> the options record
 */
public abstract class BaselineTrainer<O extends Record> implements Trainer<GroupLinearModel> {
  private final String method;
  private final O options;

  BaselineTrainer(String method, O options) {
    this.method = method;
    this.options = options;
  }

  @Override
  public final String method() {
    return method;
  }

  @Override
  public final O options() {
    return options;
  }

  @Override
  public final FitResult<GroupLinearModel> fit(Problem problem, TrainingListener<? super IterationView> listener) {
    return fit(problem.train(), problem.validation(), problem.groups(), listener);
  }

  /**
   * Fits on data in original units.
   *
   * @param train training rows, not modified
   * @param validation validation rows for early stopping, or null (then the last iterate is kept)
   * @param groups group structure
   * @param listener progress receiver, or null
   * @return the model and the record
   */
  public abstract FitResult<GroupLinearModel> fit(Dataset train, Dataset validation, GroupStructure groups,
      TrainingListener<? super IterationView> listener);
}
