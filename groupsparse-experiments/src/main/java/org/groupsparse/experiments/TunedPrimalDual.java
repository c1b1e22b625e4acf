package org.groupsparse.experiments;

import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.baseline.PrimalDualOptions;
import org.groupsparse.regression.baseline.PrimalDualTrainer;

/**
 * Primal-dual iterative regularization with its balance s (tau = sqrt(rho) s / ||X||, sigma =
 * sqrt(rho) / (s ||X||)) chosen on the validation rows together with the iterate: s sets how finely
 * the iterations trace the regularization path (a small dual step makes a fine path), and s = 1 is far
 * too coarse when ||y|| is large relative to ||X||. Each s is run with early stopping; the run with
 * the lowest validation loss wins (ties to the smaller s).
 */
final class TunedPrimalDual {
  /** The balances tried: the library's automatic set, {@link PrimalDualTrainer#autoBalances()}. */
  static final double[] BALANCES = PrimalDualTrainer.autoBalances();

  private TunedPrimalDual() {}

  /** A fit and its balance; {@code untuned} is the fit with s = 1. */
  record Choice(double balance, PrimalDualTrainer.Solution solution, PrimalDualTrainer.Solution untuned) {}

  /** A fitted model on data in original units, with its balance; {@code untuned} is s = 1. */
  record ModelChoice(double balance, GroupLinearModel model, GroupLinearModel untuned) {}

  static Choice run(PrimalDualOptions options, Dataset train, Dataset validation, GroupStructure groups) {
    PrimalDualTrainer.Solution best = null;
    PrimalDualTrainer.Solution first = null;
    double bestBalance = Double.NaN;
    for (double s : BALANCES) {
      PrimalDualTrainer.Solution sol = new PrimalDualTrainer(options.withBalance(s)).run(train.design(),
          train.response(), validation.design(), validation.response(), groups, null);
      if (first == null) {
        first = sol;
      }
      if (best == null || sol.history().bestValidationLoss() < best.history().bestValidationLoss()) {
        best = sol;
        bestBalance = s;
      }
    }
    return new Choice(bestBalance, best, first);
  }

  static ModelChoice fit(PrimalDualOptions options, Dataset train, Dataset validation, GroupStructure groups) {
    FitResult<GroupLinearModel> best = null;
    FitResult<GroupLinearModel> first = null;
    double bestBalance = Double.NaN;
    for (double s : BALANCES) {
      FitResult<GroupLinearModel> r = new PrimalDualTrainer(options.withBalance(s)).fit(train, validation, groups, null);
      if (first == null) {
        first = r;
      }
      if (best == null || r.history().bestValidationLoss() < best.history().bestValidationLoss()) {
        best = r;
        bestBalance = s;
      }
    }
    return new ModelChoice(bestBalance, best.model(), first.model());
  }
}
