package org.groupsparse.experiments;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.implicit.DglnnAlgorithm;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import org.knowm.xchart.XYChart;

/**
 * Figure 5 of Li et al. (ICLR 2023): the degenerate case of groups of size 1, where w_i = u_i^2 v_i
 * with v_i = ±1 after each normalization. n = 80, p = 200, support [1, -1, 1, -1, 1] on the first
 * coordinates, Rademacher design, noise sd 0.5, Algorithm 2 with alpha = 1e-6 and gamma = eta =
 * 1e-3, whole runs; the reported estimate is the iterate with the lowest loss on N/3 validation rows
 * from the same model (the paper's code uses n/3). Recorded: the coordinate paths of the first run and
 * log ||w(t) - w*||_2 over all repeats (mean and 25th-75th percentile band).
 */
public final class IgsFig5Experiment implements Experiment {
  static final int N = 80;
  static final int P = 200;
  static final double NOISE = 0.5;
  static final double[] SUPPORT = {1, -1, 1, -1, 1};
  static final int STRIDE = 50;
  static final int VALIDATION_ROWS = N / 3;

  @Override
  public String name() {
    return "igs-fig5";
  }

  @Override
  public String title() {
    return "Degenerate case, groups of size 1: coordinate paths and log l2 error over repeats (Li et al., ICLR 2023, figure 5)";
  }

  @Override
  public int defaultRepeats() {
    return 30;
  }

  /**
   * What a run computes.
   *
   * @param iterations iterations drawn whole per repeat
   */
  record Settings(int iterations) {
    static Settings of(boolean quick) {
      return new Settings(quick ? 15000 : 30000);
    }
  }

  /** The numbers of a run, per repeat where an array. */
  record Results(double[][] logError, List<double[]> coordinateRows, double[] finalError, double[] oracle,
      double[] worstOutside, double[] lastError, int[] chosenIteration, int exact, int signsRight) {}

  @Override
  public String run(ExperimentOutput out) throws Exception {
    Settings settings = Settings.of(out.quick());
    Results results = compute(settings, out);
    return report(settings, results, out);
  }

  /** Every repeat; numbers only (and the configuration for provenance). */
  Results compute(Settings settings, ExperimentOutput out) {
    int iterations = settings.iterations();
    GroupStructure groups = GroupStructure.contiguous(1, P, false);
    DglnnOptions options = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.ALGORITHM_2).alpha(1e-6).stepSizeU(1e-3)
        .stepSizeV(1e-3).maxIterations(iterations).patience(Integer.MAX_VALUE).fitIntercept(false).standardize(false)
        .build();
    out.config("n", N);
    out.config("p", P);
    out.config("groupSize", 1);
    out.config("support", SUPPORT);
    out.config("design", "rademacher");
    out.config("noiseSd", NOISE);
    out.config("algorithm", "Algorithm 2, alpha 1e-6, gamma = eta = 1e-3");
    out.config("iterations", iterations);
    out.config("earlyStopping", "whole runs are drawn; the estimate is the validation-best iterate");
    out.config("validationRows", VALIDATION_ROWS);
    int points = iterations / STRIDE + 1;
    double[][] logError = new double[out.repeats()][points];
    List<double[]> coordinateRows = new ArrayList<>();
    double[] finalError = new double[out.repeats()];
    double[] oracle = new double[out.repeats()];
    double[] worstOutside = new double[out.repeats()];
    double[] lastError = new double[out.repeats()];
    int[] chosenIteration = new int[out.repeats()];
    int exact = 0;
    int signsRight = 0;
    for (int rep = 0; rep < out.repeats(); rep++) {
      SimulatedRegression sim = RegressionSimulator.generate(N, groups, SUPPORT, false, DesignKind.RADEMACHER, NOISE,
          VALIDATION_ROWS,
          out.seed() + rep);
      double[] truth = sim.truth();
      final double[] w = new double[P];
      final double[] series = logError[rep];
      final boolean first = rep == 0;
      TrainingListener<IterationView> recorder = new TrainingListener<>() {
        @Override
        public void onIteration(IterationView view) {
          if (view.iteration() % STRIDE != 0) {
            return;
          }
          view.coefficients(w);
          series[view.iteration() / STRIDE] = Math.log(Math.sqrt(Series.errorSquared(w, truth)));
          if (first) {
            double[] row = new double[SUPPORT.length + 2];
            row[0] = view.iteration();
            System.arraycopy(w, 0, row, 1, SUPPORT.length);
            row[SUPPORT.length + 1] = Series.maxAbsOutside(w, truth);
            coordinateRows.add(row);
          }
        }
      };
      DglnnTrainer trainer = new DglnnTrainer(options);
      var solution = trainer.run(sim.train().design(), sim.train().response(), sim.validation().design(),
          sim.validation().response(), groups, recorder);
      double[] wf = solution.coefficients();
      lastError[rep] = Math.exp(2 * series[points - 1]);
      chosenIteration[rep] = solution.history().bestIteration();
      finalError[rep] = Series.errorSquared(wf, truth);
      oracle[rep] = IgsFig2Fig3Fig11Experiment.oracleError(sim);
      worstOutside[rep] = Series.maxAbsOutside(wf, truth);
      boolean[] sel = trainer.selectGroups(solution.groupScales());
      boolean ok = true;
      boolean signs = true;
      for (int j = 0; j < P; j++) {
        ok &= sel[j] == (truth[j] != 0);
        if (truth[j] != 0) {
          signs &= Math.signum(wf[j]) == Math.signum(truth[j]);
        }
      }
      exact += ok ? 1 : 0;
      signsRight += signs ? 1 : 0;
      out.progress("repeat", rep + 1, out.repeats());
    }
    return new Results(logError, coordinateRows, finalError, oracle, worstOutside, lastError, chosenIteration, exact,
        signsRight);
  }

  /** The series, figures, summary and report of a run; text only. */
  String report(Settings settings, Results results, ExperimentOutput out) throws java.io.IOException {
    int iterations = settings.iterations();
    int points = iterations / STRIDE + 1;
    double[][] logError = results.logError();
    List<double[]> coordinateRows = results.coordinateRows();
    double[] finalError = results.finalError();
    double[] oracle = results.oracle();
    double[] worstOutside = results.worstOutside();
    double[] lastError = results.lastError();
    int[] chosenIteration = results.chosenIteration();
    int exact = results.exact();
    int signsRight = results.signsRight();
    double[] t = new double[points];
    double[] mean = new double[points];
    double[] q25 = new double[points];
    double[] q75 = new double[points];
    List<double[]> errorRows = new ArrayList<>();
    double[] column = new double[out.repeats()];
    for (int k = 0; k < points; k++) {
      for (int rep = 0; rep < out.repeats(); rep++) {
        column[rep] = logError[rep][k];
      }
      t[k] = k * STRIDE;
      mean[k] = Series.mean(column);
      q25[k] = Series.quantile(column, 0.25);
      q75[k] = Series.quantile(column, 0.75);
      errorRows.add(new double[] {t[k], mean[k], q25[k], q75[k]});
    }
    out.csv("fig5-log-error", List.of("iteration", "mean_log_l2_error", "q25_log_l2_error", "q75_log_l2_error"),
        errorRows);
    List<String> header = new ArrayList<>(List.of("iteration"));
    for (int j = 0; j < SUPPORT.length; j++) {
      header.add("w" + (j + 1));
    }
    header.add("max_abs_outside_support");
    out.csv("fig5-coordinates", header, coordinateRows);

    XYChart paths = Charts.lines("Groups of size 1: coordinate paths (first run)", "iteration", "w_i(t)", false);
    paths.getStyler().setXAxisDecimalPattern("#");
    double[] ct = Series.column(coordinateRows, 0);
    for (int j = 0; j < SUPPORT.length; j++) {
      Charts.line(paths, String.format(Locale.ROOT, "w%d (true %+.0f)", j + 1, SUPPORT[j]), ct,
          Series.column(coordinateRows, j + 1));
    }
    Charts.line(paths, "largest |w_i| off the support", ct, Series.column(coordinateRows, SUPPORT.length + 1));
    out.figure("fig5-coordinates", paths);
    XYChart band = Charts.lines("log l2 error over " + out.repeats() + " repeats: mean and 25th-75th percentiles",
        "iteration", "log ||w(t) - w*||_2", false);
    band.getStyler().setXAxisDecimalPattern("#");
    Charts.band(band, "25th-75th percentile", t, q25, q75, new Color(0x1f77b4));
    Charts.line(band, "mean", t, mean).setLineColor(new Color(0x1f77b4));
    out.figure("fig5-log-error", band);

    double meanOracleLog = 0;
    double worstRatio = 0;
    double worstOff = 0;
    double meanLastLog = 0;
    for (int rep = 0; rep < out.repeats(); rep++) {
      meanOracleLog += Math.log(Math.sqrt(oracle[rep])) / out.repeats();
      worstRatio = Math.max(worstRatio, finalError[rep] / oracle[rep]);
      worstOff = Math.max(worstOff, worstOutside[rep]);
      meanLastLog += Math.log(Math.sqrt(lastError[rep])) / out.repeats();
    }
    double meanChosenLog = 0;
    for (int rep = 0; rep < out.repeats(); rep++) {
      meanChosenLog += Math.log(Math.sqrt(finalError[rep])) / out.repeats();
    }
    // the figure's claim is about the error curve: judge it by the geometric-mean l2 error of the chosen iterate
    boolean holds = signsRight == out.repeats() && meanChosenLog - meanOracleLog <= Math.log(1.5);
    out.summary("meanLogL2ErrorChosenIterate", meanChosenLog);
    out.summary("meanLogL2ErrorLastIterate", meanLastLog);
    out.summary("chosenIterations", chosenIteration);
    out.summary("meanOracleLogL2Error", meanOracleLog);
    out.summary("meanInitialLogL2Error", mean[0]);
    out.summary("worstChosenOverOracle", worstRatio);
    out.summary("largestOffSupportEntry", worstOff);
    out.summary("exactSupportRuns", exact);
    out.summary("correctSignRuns", signsRight);
    out.summary("claimHolds", holds);
    StringBuilder md = new StringBuilder();
    md.append("# igs-fig5 — ").append(title()).append("\n\n");
    md.append("**Paper's claim.** With groups of size 1 the parameterization degenerates to w_i = u_i^2 sgn(v_i) "
        + "(weight normalization sets v_i to ±1), and the algorithm still recovers a sparse vector with mixed signs: "
        + "n = 80, p = 200, support [1, -1, 1, -1, 1]; the coordinates converge and the log l2 error falls, "
        + "averaged over 30 repeats.\n\n");
    md.append(String.format(Locale.ROOT, "**Setting.** Rademacher design, noise sd 0.5 (section 5), Algorithm 2 with "
        + "alpha = 1e-6, gamma = eta = 1e-3, %d iterations drawn whole, %d repeats (seeds %d..%d)%s. The estimate "
        + "scored below is the iterate with the lowest loss on %d validation rows from the same model (the paper "
        + "does not say how it stops; its code holds out n/3 rows).%n%n",
        iterations, out.repeats(), out.seed(), out.seed() + out.repeats() - 1, out.quick() ? " (--quick)" : "", VALIDATION_ROWS));
    md.append("**Our numbers.**\n\n");
    md.append(String.format(Locale.ROOT, "- Mean log l2 error: %.3f at the start, %.3f at the validation-chosen iterate "
        + "(iterations %s), %.3f at the last iterate; least squares on the true support (the oracle noise floor): "
        + "%.3f.%n", mean[0], meanChosenLog, java.util.Arrays.toString(chosenIteration), meanLastLog, meanOracleLog));
    md.append(String.format(Locale.ROOT, "- Chosen iterate: squared error / oracle at most %.3g over the runs; largest "
        + "entry off the support %.2g.%n", worstRatio, worstOff));
    md.append(String.format(Locale.ROOT, "- Exact support in %d of %d runs, all five signs right in %d of %d.%n%n",
        exact, out.repeats(), signsRight, out.repeats()));
    md.append("**Verdict.** ").append(holds
        ? "The claim holds: the log l2 error falls from the initial level to within log(1.5) of the oracle noise floor on average, "
            + "with all signs right in every run. Exact group selection is a separate, stricter test (threshold "
            + "sqrt(alpha max u^2) = 1e-3 on u^2), reported above: at n = 80 < p noise coordinates grow slowly late in "
            + "the run, and the validation loss on 26 rows often prefers such late iterates."
        : "The claim does not fully hold in this run: the chosen iterates' mean log l2 error is more than log(1.5) "
            + "above the oracle's, or a sign is wrong; see the numbers above.").append("\n\n");
    md.append("Files: fig5-coordinates.csv/png/svg (first run), fig5-log-error.csv/png/svg, summary.json, provenance.json.\n");
    return md.toString();
  }
}
