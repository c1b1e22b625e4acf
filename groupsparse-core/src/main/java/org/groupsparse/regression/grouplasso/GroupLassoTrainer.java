package org.groupsparse.regression.grouplasso;

import java.util.Objects;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.Convergence;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.Problem;
import org.groupsparse.regression.StopReason;
import org.groupsparse.regression.Trainer;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.util.Check;

/**
 * The group lasso as one estimator (grpreg's {@code cv.grpreg} + {@code predict}, scikit-learn's
 * {@code GroupLassoCV}): the regularization path of {@link GroupLassoPath},
 * (1/2n)||y - Xw - b||^2 + lambda sum_l omega_l ||w_l||_2, and a rule that picks one lambda from it:
 * a fixed lambda, the smallest validation error, or K-fold cross-validation (lambda_min or
 * lambda_1se).
 */
public final class GroupLassoTrainer implements Trainer<GroupLinearModel> {
  /** How lambda is chosen. */
  public sealed interface LambdaRule permits Fixed, OnValidation, CrossValidated {
    /** @return the rule's name, as recorded in model files: fixed, validation or cross-validation */
    String getKind();
  }

  /**
   * A path of one lambda, no selection.
   *
   * @param lambda the penalty level, &gt; 0
   */
  public record Fixed(double lambda) implements LambdaRule {
    /**
     * Validates lambda.
     *
     * @param lambda the penalty level, &gt; 0
     */
    public Fixed {
      Check.inRange("lambda", "GroupLassoTrainer.Fixed", lambda, 0, Double.POSITIVE_INFINITY, Check.Bounds.OPEN);
    }

    @Override
    public String getKind() {
      return "fixed";
    }
  }

  /** The lambda with the smallest validation error (the smallest lambda without validation rows). */
  public record OnValidation() implements LambdaRule {
    @Override
    public String getKind() {
      return "validation";
    }
  }

  /**
   * K-fold cross-validation on the training rows (seeded folds, the full data's lambdas).
   *
   * @param folds K, at least 2
   * @param seed the fold seed
   * @param oneStandardError lambda_1se instead of lambda_min
   */
  public record CrossValidated(int folds, long seed, boolean oneStandardError) implements LambdaRule {
    /**
     * Validates K.
     *
     * @param folds K, at least 2
     * @param seed seed
     * @param oneStandardError oneStandardError
     */
    public CrossValidated {
      Check.atLeast("folds", "GroupLassoTrainer.CrossValidated", folds, 2);
    }

    @Override
    public String getKind() {
      return "cross-validation";
    }
  }

  /**
   * The trainer's options.
   *
   * @param path the path's options (grid, solver, tolerance, weights, preprocessing)
   * @param rule how lambda is chosen
   */
  public record Options(GroupLassoOptions path, LambdaRule rule) {
    /**
     * Validates presence.
     *
     * @param path path
     * @param rule rule
     */
    public Options {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(rule, "rule");
    }
  }

  /**
   * The fit with what the choice was made from.
   *
   * @param path the path (on the training rows, or all rows for CV)
   * @param index the chosen lambda's index
   * @param how a one-line description of the choice
   * @param selectionError the validation or CV error at the choice, NaN for a fixed lambda
   * @param curve the selection curve over the path (validation or mean CV error), or null
   * @param curveStandardError its standard error (CV), or null
   * @param crossValidation the CV result, or null
   */
  public record PathFit(GroupLassoPathResult path, int index, String how, double selectionError, double[] curve,
      double[] curveStandardError, LambdaSelection.CrossValidation crossValidation) {
    /** @return the chosen model */
    public GroupLinearModel model() {
      return path.model(index);
    }

    /** @return how the chosen lambda ended: its certified KKT violation and whether it converged */
    public Convergence convergence() {
      boolean converged = path.converged()[index];
      return new Convergence(converged, path.iterations()[index], path.kktViolation()[index],
          converged ? StopReason.CONVERGED : StopReason.MAX_ITERATIONS);
    }
  }

  private final Options options;

  /** @param options the options */
  public GroupLassoTrainer(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String method() {
    return GroupLassoPathResult.METHOD;
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  public boolean usesValidation() {
    return options.rule() instanceof OnValidation;
  }

  @Override
  public FitResult<GroupLinearModel> fit(Problem problem, TrainingListener<? super IterationView> listener) {
    PathFit f = fitPath(problem, listener instanceof PathListener p ? p : PathListener.NONE);
    return new FitResult<>(f.model(), null, f.convergence(), options);
  }

  /**
   * Fits the path and chooses lambda.
   *
   * @param problem the rows (validation rows are used by {@link OnValidation} only)
   * @param listener receives progress per lambda
   * @return the path, the choice and what it was made from
   */
  public PathFit fitPath(Problem problem, PathListener listener) {
    LambdaRule rule = options.rule();
    if (rule instanceof Fixed fixed) {
      GroupLassoPathResult path = new GroupLassoPath(options.path().toBuilder().lambdas(fixed.lambda()).build())
          .fit(problem.train(), problem.groups(), listener);
      return new PathFit(path, 0, "fixed (--lambda)", Double.NaN, null, null, null);
    }
    if (rule instanceof CrossValidated cv) {
      LambdaSelection.CrossValidation r = LambdaSelection.crossValidate(problem.train(), problem.groups(),
          options.path(), cv.folds(), cv.seed(), listener);
      int index = cv.oneStandardError() ? r.index1se() : r.indexMin();
      String how = cv.folds() + "-fold cross-validation, lambda_" + (cv.oneStandardError() ? "1se" : "min")
          + " (seed " + cv.seed() + ")";
      return new PathFit(r.path(), index, how, r.meanError()[index], r.meanError(), r.standardError(), r);
    }
    GroupLassoPathResult path = new GroupLassoPath(options.path()).fit(problem.train(), problem.groups(), listener);
    if (!problem.hasValidation()) {
      return new PathFit(path, path.size() - 1, "smallest lambda of the path (no validation rows)", Double.NaN, null,
          null, null);
    }
    LambdaSelection.Validation v = LambdaSelection.onValidation(path, problem.validation());
    return new PathFit(path, v.bestIndex(), "validation (smallest validation " + path.family().errorName() + " over " + path.size()
        + " lambdas)",
        v.validationError()[v.bestIndex()], v.validationError(), null, null);
  }
}
