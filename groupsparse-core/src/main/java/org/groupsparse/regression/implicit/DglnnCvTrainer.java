package org.groupsparse.regression.implicit;

import java.util.Objects;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.Problem;
import org.groupsparse.regression.Trainer;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.util.Check;

/**
 * DGLNN with its stopping time chosen by K-fold cross-validation ({@link DglnnCrossValidation}) and
 * refitted on all rows: the estimator of {@code fit --method dglnn --cv K}.
 */
public final class DglnnCvTrainer implements Trainer<GroupLinearModel> {
  /**
   * The options.
   *
   * @param dglnn the trainer's options in every fold and in the refit
   * @param folds K, at least 2
   * @param seed the fold seed
   * @param rule the minimum or the one-standard-error rule
   */
  public record Options(DglnnOptions dglnn, int folds, long seed, DglnnCrossValidation.Rule rule) {
    /**
     * Validates the options.
     *
     * @param dglnn the trainer's options in every fold and in the refit
     * @param folds K, at least 2
     * @param seed the fold seed
     * @param rule the minimum or the one-standard-error rule
     */
    public Options {
      Objects.requireNonNull(dglnn, "dglnn");
      Objects.requireNonNull(rule, "rule");
      Check.atLeast("folds", "DglnnCvTrainer", folds, 2);
    }
  }

  private final Options options;

  /** @param options the options */
  public DglnnCvTrainer(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String method() {
    return DglnnTrainer.methodName(options.dglnn().algorithm());
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  public boolean usesValidation() {
    return false;
  }

  @Override
  public FitResult<GroupLinearModel> fit(Problem problem, TrainingListener<? super IterationView> listener) {
    return crossValidate(problem, listener).refit().withOptions(options);
  }

  /**
   * Cross-validates and refits, keeping the curve.
   *
   * @param problem all rows (validation rows, if any, are not used)
   * @param listener receives the refit's iterations
   * @return the CV curve, the chosen iteration and the refit
   */
  public DglnnCrossValidation.Result crossValidate(Problem problem, TrainingListener<? super IterationView> listener) {
    return DglnnCrossValidation.fit(problem.train(), problem.groups(), options.dglnn(), options.folds(),
        options.seed(), options.rule(), listener);
  }
}
