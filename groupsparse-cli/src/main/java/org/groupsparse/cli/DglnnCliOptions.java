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

  @Option(names = "--schedule", defaultValue = "adaptive",
      description = "adaptive: steps, switch, patience and selection from the data (right on users' data); paper: the "
          + "constants of section 5 (gamma = eta = 1e-3, tau = gamma, patience 2000), as the reproductions use. Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(names = "--gamma", defaultValue = "auto",
      description = "Step size on u, or auto: 1/(20 max_l ||X_l^T y/n||) (Theorem 3 with Lemma 3's proxy); paper: 1e-3. Default: ${DEFAULT-VALUE}.")
  String gamma;

  @Option(names = "--eta", defaultValue = "auto",
      description = "Step size on v after Algorithm 2's switch (and for dglnn-gd), or auto: per group, the step 1/(L_l u_l^4) it had at its "
          + "switch (dglnn-gd: gamma); paper: 1e-3. Default: ${DEFAULT-VALUE}.")
  String eta;

  @Option(names = "--tau", defaultValue = "auto",
      description = "Switch tolerance of Algorithm 2 on |du_l|/(|u_l|+eps); auto: adaptive, 1%% of the fastest initial relative growth "
          + "(per group); paper, gamma (remaining group correlation below 0.5). Default: ${DEFAULT-VALUE}.")
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

  @Option(names = "--patience", defaultValue = "auto",
      description = "Early stopping: iterations without validation improvement, or auto (adaptive: 20 e-foldings of the fastest "
          + "group's growth, and never while a group is emerging; paper: 2000). Default: ${DEFAULT-VALUE}.")
  String patience;

  @Option(names = "--seed", defaultValue = "0", description = "Seed for the validation split and random initialization. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--selection-threshold",
      description = "Select groups with u_l^2 above this (default: adaptive, the largest gap of at least 10x in the sorted u_l^2; "
          + "paper, sqrt(alpha * max u^2)).")
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
    DglnnAlgorithm algorithm = CliNames.dglnnAlgorithm(method);
    if (maxIter < 1) {
      throw new IllegalArgumentException("'--max-iter' must be an integer >= 1; got " + maxIter);
    }
    boolean paper;
    switch (schedule.toLowerCase(Locale.ROOT)) {
      case "adaptive": paper = false; break;
      case "paper": paper = true; break;
      default: throw new IllegalArgumentException("unknown --schedule '" + schedule + "'; expected adaptive or paper");
    }
    double gammaValue = autoOrNumber("--gamma", gamma);
    double tauValue = autoOrNumber("--tau", tau);
    double etaValue = autoOrNumber("--eta", eta);
    double patienceValue = autoOrNumber("--patience", patience);
    if (!Double.isNaN(patienceValue) && (patienceValue < 1 || patienceValue != Math.rint(patienceValue)
        || patienceValue > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("'--patience' must be a whole number >= 1 or 'auto'; got '" + patience + "'");
    }
    // 'auto' keeps the schedule's own value: the data-derived one (adaptive) or the paper's constant
    DglnnOptions.Builder base = paper ? DglnnOptions.paperBuilder() : DglnnOptions.builder();
    if (!Double.isNaN(gammaValue)) {
      base.stepSizeU(gammaValue);
    }
    if (!Double.isNaN(etaValue)) {
      base.stepSizeV(etaValue);
    }
    if (!Double.isNaN(patienceValue)) {
      base.patience((int) patienceValue);
    }
    return OptionNames.rename(() -> base.algorithm(algorithm).alpha(alpha)
        .switchTolerance(tauValue).switchEpsilon(switchEps).directionInit(directionInit)
        .directionInitScale(initScale).maxIterations(maxIter).threads(shared.threads).seed(seed)
        .fitIntercept(!shared.noIntercept).standardize(!shared.noStandardize)
        .selectionThreshold(selectionThreshold == null ? Double.NaN : selectionThreshold).build(),
        "alpha", "--alpha", "stepSizeU", "--gamma", "stepSizeV", "--eta", "switchTolerance", "--tau",
        "switchEpsilon", "--switch-eps", "directionInitScale", "--init-scale", "maxIterations", "--max-iter",
        "patience", "--patience", "threads", "--threads", "selectionThreshold", "--selection-threshold", "seed", "--seed");
  }

  /**
   * The patience for the baselines (hadamard, primal-dual), which have no adaptive rule.
   *
   * @param auto the value 'auto' stands for
   * @return the patience
   */
  int patienceOr(int auto) {
    double v = autoOrNumber("--patience", patience);
    if (Double.isNaN(v)) {
      return auto;
    }
    if (v < 1 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'--patience' must be a whole number >= 1 or 'auto'; got '" + patience + "'");
    }
    return (int) v;
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
    m.put("schedule", o.schedule().name().toLowerCase(Locale.ROOT));
    m.put("algorithm", org.groupsparse.regression.implicit.DglnnTrainer.methodName(o.algorithm()));
    m.put("alpha", o.alpha());
    m.put("gamma", Double.isNaN(o.stepSizeU()) ? "auto" : o.stepSizeU());
    m.put("eta", Double.isNaN(o.stepSizeV()) ? "auto" : o.stepSizeV());
    m.put("tau", Double.isNaN(o.switchTolerance()) ? "auto" : o.switchTolerance());
    m.put("switchEps", o.switchEpsilon());
    m.put("init", o.directionInit().name());
    m.put("initScale", o.directionInitScale());
    m.put("maxIterations", o.maxIterations());
    m.put("patience", o.patience() == 0 ? "auto" : o.patience());
    m.put("seed", o.seed());
    m.put("fitIntercept", o.fitIntercept());
    m.put("standardize", o.standardize());
    m.put("selectionThreshold", Double.isNaN(o.selectionThreshold()) ? "auto" : o.selectionThreshold());
    return m;
  }
}
