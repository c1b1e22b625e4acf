package org.groupsparse.regression.implicit;

import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.util.Check;

/**
 * K-fold cross-validation over the stopping time of DGLNN: the implicit regularization's tuning
 * parameter is the number of iterations (as the number of trees is for boosting), so CV chooses it
 * as cv.glmnet chooses lambda.
 *
 * <ol>
 *   <li>gamma is fixed from all rows ({@link DglnnTrainer#resolveStepSizeU}), so that an
 *       iteration means the same in every fold and in the refit;
 *   <li>each fold trains on the other K-1 folds with the configured early stopping, watching its
 *       own held-out rows, which gives its stopping iteration T_k; folds that stopped before H =
 *       max_k T_k are run again to exactly H (the runs are deterministic, so the common prefix is
 *       the same), so that every fold has a validation curve on 0..H;
 *   <li>the curves of mean squared error (2 x the (1/2m)||y - Xw - b||^2 of the history, in the
 *       units of the response; for the binomial family 2 x the mean logistic loss, the mean
 *       deviance) are averaged over folds with their standard error
 *       sd_k / sqrt(K);
 *   <li>the iteration is the minimum of the mean curve, or by the one-standard-error rule the
 *       earliest iteration whose mean is within one standard error of that minimum (earlier means
 *       fewer groups learned: the simpler model, as lambda_1se is);
 *   <li>the model is refitted on all rows for exactly that many iterations.
 * </ol>
 *
 * <p>Folds are the seeded round-robin assignment of {@link Splits#kFold}, as for the group lasso's
 * CV; the same seed gives the same folds, curves and model.
 */
public final class DglnnCrossValidation {
  private DglnnCrossValidation() {}

  /** How the iteration is chosen from the CV curve. */
  public enum Rule {
    /** The minimum of the mean curve. */
    MIN,
    /** The earliest iteration within one standard error of the minimum. */
    ONE_SE
  }

  /**
   * The outcome.
   *
   * @param refit the model refitted on all rows to the chosen iteration, with its history
   * @param meanError mean over folds of the held-out MSE after t updates, t = 0..H
   * @param standardError its standard error
   * @param foldError per fold, the held-out MSE curve on 0..H
   * @param foldStops the iteration at which each fold's own early stopping ended its first run
   * @param iterationMin argmin of the mean curve
   * @param iteration1se the one-standard-error iteration
   * @param chosenIteration the iteration of the refit
   * @param stepSizeU the gamma used everywhere
   * @param folds K
   * @param seed the fold seed
   */
  public record Result(FitResult<GroupLinearModel> refit, double[] meanError, double[] standardError,
      double[][] foldError, int[] foldStops, int iterationMin, int iteration1se, int chosenIteration,
      double stepSizeU, int folds, long seed) {}

  /**
   * Runs the cross-validation and the refit.
   *
   * @param data all rows, not modified
   * @param groups the groups
   * @param options the trainer's options (early stopping as configured in each fold)
   * @param folds K, 2..n
   * @param seed the fold seed
   * @param rule how to choose the iteration
   * @param listener receives the refit's iterations (folds run silently), may be null
   * @return the result
   */
  public static Result fit(Dataset data, GroupStructure groups, DglnnOptions options, int folds, long seed, Rule rule,
      TrainingListener<? super IterationView> listener) {
    int n = data.rows();
    Check.atLeast("folds", "cross-validation", folds, 2);
    if (folds > n / 2) {
      throw new IllegalArgumentException("'folds' of cross-validation must be at most half the number of rows ("
          + n / 2 + ", so that every fold trains on 2 rows or more); got " + folds);
    }
    double gamma = new DglnnTrainer(options).resolveStepSizeU(data, groups);
    DglnnOptions fixed = options.toBuilder().stepSizeU(gamma).build();
    int[][] held = Splits.kFold(n, folds, seed);
    TrainingHistory[] runs = new TrainingHistory[folds];
    int horizon = 0;
    int[] stops = new int[folds];
    for (int k = 0; k < folds; k++) {
      runs[k] = foldRun(data, groups, fixed, held[k]);
      stops[k] = runs[k].iterations();
      horizon = Math.max(horizon, stops[k]);
    }
    DglnnOptions toHorizon = fixed.toBuilder().minIterations(horizon).maxIterations(horizon).build();
    double[][] curves = new double[folds][];
    for (int k = 0; k < folds; k++) {
      if (runs[k].iterations() < horizon) {
        runs[k] = foldRun(data, groups, toHorizon, held[k]);
      }
      double[] v = runs[k].validationLoss();
      curves[k] = new double[horizon + 1];
      for (int t = 0; t <= horizon; t++) {
        curves[k][t] = 2 * v[t];
      }
    }
    org.groupsparse.regression.CrossValidationCurve curve = org.groupsparse.regression.CrossValidationCurve.of(curves);
    double[] mean = curve.mean();
    double[] se = curve.standardError();
    int best = curve.indexMin();
    int oneSe = curve.index1se();
    int chosen = rule == Rule.ONE_SE ? oneSe : best;
    // chosen = 0 (nothing learned beats the start) gives the initial iterate, u = alpha
    DglnnOptions refitOptions = fixed.toBuilder().minIterations(0).maxIterations(chosen).build();
    FitResult<GroupLinearModel> refit = new DglnnTrainer(refitOptions).fit(data, null, groups, listener);
    return new Result(refit, mean, se, curves, stops, best, oneSe, chosen, gamma, folds, seed);
  }

  private static TrainingHistory foldRun(Dataset data, GroupStructure groups, DglnnOptions options, int[] test) {
    int[] train = Splits.complement(data.rows(), test);
    return new DglnnTrainer(options).fit(data.selectRows(train), data.selectRows(test), groups, null).history();
  }
}
