package org.groupsparse.cli;

import org.groupsparse.regression.baseline.HadamardOptions;
import org.groupsparse.regression.baseline.PrimalDualOptions;
import picocli.CommandLine.Option;

/** Options of the hadamard and primal-dual methods of {@code fit}. */
public final class BaselineCliOptions {
  @Option(names = "--step", defaultValue = "1e-2", description = "hadamard: gradient step on u and v. Default: ${DEFAULT-VALUE}.")
  double step;

  @Option(names = "--rho", defaultValue = "0.99", description = "primal-dual: tau sigma ||X||^2 = rho, in (0, 1). Default: ${DEFAULT-VALUE}.")
  double rho;

  @Option(names = "--balance", defaultValue = "auto",
      description = "primal-dual: primal/dual balance s (tau = sqrt(rho) s/||X||, sigma = sqrt(rho)/(s ||X||)), or auto: "
          + "the best of 1, 10, 100, 1000 on the validation rows. Default: ${DEFAULT-VALUE}.")
  String balance;

  /**
   * @param common the shared iterative options (--alpha, --max-iter, --patience)
   * @param shared preprocessing and threads
   * @return the hadamard options
   */
  HadamardOptions toHadamard(DglnnCliOptions common, SharedFitOptions shared) {
    return OptionNames.rename(() -> new HadamardOptions(common.alpha, step, common.maxIter, common.patienceOr(2000),
        shared.threads, !shared.noIntercept, !shared.noStandardize),
        "alpha", "--alpha", "stepSize", "--step", "maxIterations", "--max-iter", "patience", "--patience",
        "threads", "--threads");
  }

  /**
   * @param common the shared iterative options (--max-iter, --patience)
   * @param shared preprocessing and threads
   * @return the primal-dual options
   */
  PrimalDualOptions toPrimalDual(DglnnCliOptions common, SharedFitOptions shared) {
    double balanceValue = DglnnCliOptions.autoOrNumber("--balance", balance);
    return OptionNames.rename(() -> new PrimalDualOptions(rho, balanceValue, common.maxIter, common.patienceOr(2000),
        shared.threads, !shared.noIntercept, !shared.noStandardize),
        "rho", "--rho", "balance", "--balance", "maxIterations", "--max-iter", "patience", "--patience",
        "threads", "--threads");
  }
}
