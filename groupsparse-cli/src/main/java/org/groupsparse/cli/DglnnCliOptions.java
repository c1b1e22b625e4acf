package org.groupsparse.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.groupsparse.regression.implicit.DglnnAlgorithm;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DirectionInit;
import picocli.CommandLine.Option;

/** The DGLNN training options shared by {@code fit} and {@code demo}. */
public final class DglnnCliOptions {
  @Option(names = "--method", defaultValue = "dglnn",
      description = "dglnn (Algorithm 2), dglnn-alg1 (Algorithm 1), dglnn-gd (plain gradient descent); with fit also group-lasso, hadamard (w = u*u - v*v) or primal-dual. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--alpha", defaultValue = "1e-6", description = "Initialization scale u(0) = alpha (DGLNN and hadamard). Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--gamma", defaultValue = "1e-3",
      description = "Step size on u, or 'auto' for 1/(20 max_l ||X_l^T y/n||) (Theorem 3 with Lemma 3's proxy; much faster on standardized real data). Default: ${DEFAULT-VALUE}.")
  String gamma;

  @Option(names = "--eta", defaultValue = "1e-3",
      description = "Step size on v after Algorithm 2's switch (and for dglnn-gd). Default: ${DEFAULT-VALUE}.")
  double eta;

  @Option(names = "--tau", defaultValue = "auto",
      description = "Switch tolerance of Algorithm 2 on max_l |du_l|/(|u_l|+eps); auto = gamma (remaining group correlation below 0.5). Default: ${DEFAULT-VALUE}.")
  String tau;

  @Option(names = "--switch-eps", defaultValue = "1e-12", description = "eps of the switch criterion. Default: ${DEFAULT-VALUE}.")
  double switchEps;

  @Option(names = "--init", defaultValue = "uniform",
      description = "Initialization of v: uniform (1/sqrt(p_l)), correlation (X_l^T y, Lemma 3), zero, constant, random. Default: ${DEFAULT-VALUE}.")
  String init;

  @Option(names = "--init-scale", defaultValue = "1e-3", description = "Scale of constant/random v initialization. Default: ${DEFAULT-VALUE}.")
  double initScale;

  @Option(names = "--max-iter", defaultValue = "20000", description = "Iteration cap. Default: ${DEFAULT-VALUE}.")
  int maxIter;

  @Option(names = "--patience", defaultValue = "2000",
      description = "Early stopping: iterations without validation improvement. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--seed", defaultValue = "0", description = "Seed for the validation split and random initialization. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--selection-threshold", description = "Select groups with u_l^2 above this (default: sqrt(alpha * max u^2)).")
  Double selectionThreshold;

  /** @return the validated library options */
  DglnnOptions toOptions(SharedFitOptions shared) {
    DirectionInit directionInit;
    switch (init.toLowerCase(Locale.ROOT)) {
      case "uniform": directionInit = DirectionInit.UNIFORM_UNIT; break;
      case "correlation": directionInit = DirectionInit.CORRELATION; break;
      case "zero": directionInit = DirectionInit.ZERO; break;
      case "constant": directionInit = DirectionInit.CONSTANT; break;
      case "random": directionInit = DirectionInit.RANDOM_UNIFORM; break;
      default:
        throw new IllegalArgumentException("unknown --init '" + init + "'; expected uniform, correlation, zero, constant or random");
    }
    DglnnAlgorithm algorithm = DglnnAlgorithm.fromMethodName(method);
    double gammaValue = autoOrNumber("--gamma", gamma);
    double tauValue = autoOrNumber("--tau", tau);
    return OptionNames.rename(() -> DglnnOptions.builder().algorithm(algorithm).alpha(alpha).stepSizeU(gammaValue)
        .stepSizeV(eta).switchTolerance(tauValue).switchEpsilon(switchEps).directionInit(directionInit)
        .directionInitScale(initScale).maxIterations(maxIter).patience(patience).threads(shared.threads).seed(seed)
        .fitIntercept(!shared.noIntercept).standardize(!shared.noStandardize)
        .selectionThreshold(selectionThreshold == null ? Double.NaN : selectionThreshold).build(),
        "alpha", "--alpha", "stepSizeU", "--gamma", "stepSizeV", "--eta", "switchTolerance", "--tau",
        "switchEpsilon", "--switch-eps", "directionInitScale", "--init-scale", "maxIterations", "--max-iter",
        "patience", "--patience", "threads", "--threads", "selectionThreshold", "--selection-threshold", "seed", "--seed");
  }

  static double autoOrNumber(String option, String text) {
    return StrictNumbers.autoOrNumber(option, text);
  }

  /**
   * The settings as recorded in the model file.
   *
   * @param o the options
   * @return name to value, sorted
   */
  static Map<String, Object> settings(DglnnOptions o) {
    Map<String, Object> m = new TreeMap<>();
    m.put("algorithm", o.algorithm().methodName());
    m.put("alpha", o.alpha());
    m.put("gamma", Double.isNaN(o.stepSizeU()) ? "auto" : o.stepSizeU());
    m.put("eta", o.stepSizeV());
    m.put("tau", Double.isNaN(o.switchTolerance()) ? "auto" : o.switchTolerance());
    m.put("switchEps", o.switchEpsilon());
    m.put("init", o.directionInit().name());
    m.put("initScale", o.directionInitScale());
    m.put("maxIterations", o.maxIterations());
    m.put("patience", o.patience());
    m.put("seed", o.seed());
    m.put("fitIntercept", o.fitIntercept());
    m.put("standardize", o.standardize());
    m.put("selectionThreshold", Double.isNaN(o.selectionThreshold()) ? "auto" : o.selectionThreshold());
    return m;
  }
}
