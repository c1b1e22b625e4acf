package org.groupsparse.cli;

import java.util.Map;
import java.util.TreeMap;
import org.groupsparse.regression.grouplasso.BlockUpdate;
import org.groupsparse.regression.Family;
import org.groupsparse.regression.grouplasso.GroupLassoOptions;
import org.groupsparse.regression.grouplasso.GroupLassoSolverKind;
import picocli.CommandLine.Option;

/** The group lasso path options shared by {@code fit}, {@code path}, {@code cv} and {@code bench group-lasso}. */
public final class GroupLassoCliOptions {
  @Option(names = "--family", defaultValue = "gaussian",
      description = "gaussian (least squares), binomial (logistic loss; a response with two classes, coded 0/1) or "
          + "poisson (log link; counts). Default: ${DEFAULT-VALUE}.")
  String family;

  @Option(names = "--solver", defaultValue = "bcd",
      description = "Group lasso solver: bcd (block coordinate descent) or fista (proximal gradient, the paper's PGD). Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(names = "--block-update", defaultValue = "exact",
      description = "BCD block update: exact (block minimizer) or majorized (gglasso's step). Default: ${DEFAULT-VALUE}.")
  String blockUpdate;

  @Option(names = "--penalty", defaultValue = "group-lasso",
      description = "group-lasso, group-mcp, group-scad (grpreg's definitions on the group norm; local solutions) or "
          + "sparse-group-lasso (lambda (a ||w||_1 + (1 - a) sqrt(p_l) ||w_l||); --family gaussian only). All but "
          + "group-lasso need --solver bcd. Default: ${DEFAULT-VALUE}.")
  String penalty;

  @Option(names = "--gamma-penalty", paramLabel = "G",
      description = "Concavity of group MCP (> 1, default 3) or group SCAD (> 2, default 4).")
  Double gammaPenalty;

  @Option(names = "--sgl-alpha", paramLabel = "A",
      description = "Share a of the l1 norm in the sparse group lasso, in [0, 1] (0: group lasso, 1: lasso; "
          + "default 0.95).")
  Double sglAlpha;

  @Option(names = "--updates", defaultValue = "auto",
      description = "BCD correlation updates: covariance (Gram matrix of the working set, for n >> p), naive (two "
          + "passes over the rows per block) or auto (covariance when n is at least twice the working set's "
          + "columns). Default: ${DEFAULT-VALUE}.")
  String updates;

  @Option(names = "--n-lambda", defaultValue = "100", description = "Lambdas on the path. Default: ${DEFAULT-VALUE}.")
  int lambdaCount;

  @Option(names = "--lambda-min-ratio", paramLabel = "R",
      description = "Smallest lambda / lambda_max (default 1e-3 if n > p, else 5e-2, as grpreg).")
  Double lambdaMinRatio;

  @Option(names = "--tol", defaultValue = "1e-6",
      description = "Stop each lambda when the largest KKT violation is at most tol x lambda. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(names = "--max-sweeps", defaultValue = "100000",
      description = "Budget per lambda (BCD sweeps or FISTA steps); unconverged lambdas are reported. Default: ${DEFAULT-VALUE}.")
  int maxIterations;

  @Option(names = "--no-screening", description = "Visit every group (no strong-rule working set).")
  boolean noScreening;

  @Option(names = "--group-weights", paramLabel = "W", split = ",",
      description = "omega_l per group, comma-separated in group order (0 = unpenalized); default sqrt(group size).")
  double[] weights;

  /** @return validated library options */
  GroupLassoOptions toOptions(SharedFitOptions shared) {
    BlockUpdate update;
    switch (blockUpdate.toLowerCase(java.util.Locale.ROOT)) {
      case "exact": update = BlockUpdate.EXACT; break;
      case "majorized": update = BlockUpdate.MAJORIZED; break;
      default: throw new IllegalArgumentException("unknown --block-update '" + blockUpdate + "'; expected exact or majorized");
    }
    org.groupsparse.regression.grouplasso.UpdateType updateType;
    switch (updates.toLowerCase(java.util.Locale.ROOT)) {
      case "auto": updateType = org.groupsparse.regression.grouplasso.UpdateType.AUTO; break;
      case "covariance": updateType = org.groupsparse.regression.grouplasso.UpdateType.COVARIANCE; break;
      case "naive": updateType = org.groupsparse.regression.grouplasso.UpdateType.NAIVE; break;
      default: throw new IllegalArgumentException("unknown --updates '" + updates
          + "'; expected auto, covariance or naive");
    }
    org.groupsparse.regression.grouplasso.PenaltyKind penaltyKind = penaltyKind();
    if (gammaPenalty != null && penaltyKind != org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_MCP
        && penaltyKind != org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_SCAD) {
      throw new IllegalArgumentException("'--gamma-penalty' needs --penalty group-mcp or group-scad");
    }
    if (sglAlpha != null && penaltyKind != org.groupsparse.regression.grouplasso.PenaltyKind.SPARSE_GROUP_LASSO) {
      throw new IllegalArgumentException("'--sgl-alpha' needs --penalty sparse-group-lasso");
    }
    GroupLassoSolverKind kind = CliNames.solver(solver);
    Family fam = family();
    if (penaltyKind != org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_LASSO && kind != GroupLassoSolverKind.BCD) {
      throw new IllegalArgumentException("'--penalty " + penalty + "' needs --solver bcd; got --solver " + solver);
    }
    if (penaltyKind == org.groupsparse.regression.grouplasso.PenaltyKind.SPARSE_GROUP_LASSO && fam != Family.GAUSSIAN) {
      throw new IllegalArgumentException("'--penalty sparse-group-lasso' works with --family gaussian only; got --family "
          + fam.label());
    }
    return OptionNames.rename(() -> GroupLassoOptions.builder().family(fam).solver(kind).blockUpdate(update).updates(updateType)
        .penalty(penaltyKind).gammaPenalty(gammaPenalty == null ? Double.NaN : gammaPenalty)
        .alpha(sglAlpha == null ? Double.NaN : sglAlpha)
        .lambdaCount(lambdaCount).lambdaMinRatio(lambdaMinRatio == null ? Double.NaN : lambdaMinRatio)
        .tolerance(tolerance).maxIterations(maxIterations).screening(!noScreening).weights(weights).threads(shared.threads)
        .fitIntercept(!shared.noIntercept).standardize(!shared.noStandardize).build(),
        "lambdaCount", "--n-lambda", "lambdaMinRatio", "--lambda-min-ratio", "tolerance", "--tol",
        "maxIterations", "--max-sweeps", "weights", "--group-weights", "threads", "--threads",
        "gammaPenalty", "--gamma-penalty", "alpha", "--sgl-alpha");
  }

  /** @return the penalty typed with --penalty */
  org.groupsparse.regression.grouplasso.PenaltyKind penaltyKind() {
    switch (penalty.toLowerCase(java.util.Locale.ROOT)) {
      case "group-lasso": return org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_LASSO;
      case "group-mcp": return org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_MCP;
      case "group-scad": return org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_SCAD;
      case "sparse-group-lasso": return org.groupsparse.regression.grouplasso.PenaltyKind.SPARSE_GROUP_LASSO;
      default: throw new IllegalArgumentException("unknown --penalty '" + penalty
          + "'; expected group-lasso, group-mcp, group-scad or sparse-group-lasso");
    }
  }

  /** @return the family typed with --family */
  Family family() {
    return switch (family.toLowerCase(java.util.Locale.ROOT)) {
      case "gaussian" -> Family.GAUSSIAN;
      case "binomial" -> Family.BINOMIAL;
      case "poisson" -> Family.POISSON;
      default -> throw new IllegalArgumentException("unknown --family '" + family
          + "'; expected gaussian, binomial or poisson");
    };
  }

  /**
   * Refuses a path whose coefficients would not fit in memory (the path keeps p coefficients per
   * lambda, and CV one such path per fold in turn).
   *
   * @param features the number of features p
   */
  void checkMemory(int features) {
    MemoryCheck.cells("the path's coefficients (--n-lambda x features)", lambdaCount, features);
    MemoryCheck.require("a path of --n-lambda " + lambdaCount + " lambdas over " + features + " features",
        8.0 * lambdaCount * (features + 16.0) * 2);
  }

  /**
   * @param o options
   * @return the settings as recorded in output files
   */
  static Map<String, Object> settings(GroupLassoOptions o) {
    Map<String, Object> m = new TreeMap<>();
    m.put("family", o.family().label());
    m.put("solver", CliNames.solverName(o.solver()));
    m.put("blockUpdate", o.blockUpdate().name());
    m.put("updates", o.updates().name());
    m.put("penalty", o.penalty().name());
    if (!Double.isNaN(o.gammaPenalty())) {
      m.put("gammaPenalty", o.gammaPenalty());
    }
    if (!Double.isNaN(o.alpha())) {
      m.put("sglAlpha", o.alpha());
    }
    m.put("lambdaCount", o.lambdaCount());
    m.put("lambdaMinRatio", Double.isNaN(o.lambdaMinRatio()) ? "auto" : o.lambdaMinRatio());
    m.put("tolerance", o.tolerance());
    m.put("maxIterations", o.maxIterations());
    m.put("screening", o.screening());
    m.put("fitIntercept", o.fitIntercept());
    m.put("standardize", o.standardize());
    return m;
  }
}
