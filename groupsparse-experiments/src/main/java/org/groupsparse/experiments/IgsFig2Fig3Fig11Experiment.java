package org.groupsparse.experiments;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.implicit.DglnnAlgorithm;
import org.groupsparse.regression.implicit.DglnnIterationView;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures 2, 3 and 11 of Li et al. (ICLR 2023): convergence of Algorithms 1 and 2. n = 150, p = 300,
 * Rademacher or Gaussian design, noise sd 0.5, three groups of size 3 (entries 10, or 5..13), alpha = 1e-6, gamma = eta = 1e-3,
 * no early stopping (the figure shows the whole run). Recorded per iteration: ||w(t) - w*||^2 and
 * u_l(t)^2 of the true groups and of the largest false group. The reference for "converged" is
 * the oracle least-squares error on the true support (the noise floor no estimator that knows the
 * support beats by much).
 */
public final class IgsFig2Fig3Fig11Experiment implements Experiment {
  private final String name;
  private final String tag;
  private final String title;
  private final DglnnAlgorithm algorithm;
  private final double[] support;
  private final DesignKind design;

  private IgsFig2Fig3Fig11Experiment(String name, String tag, String title, DglnnAlgorithm algorithm, double[] support,
      DesignKind design) {
    this.name = name;
    this.tag = tag;
    this.title = title;
    this.algorithm = algorithm;
    this.support = support;
    this.design = design;
  }

  /** @return figure 2: Algorithm 1, Rademacher design, all support entries 10 */
  public static IgsFig2Fig3Fig11Experiment figure2() {
    double[] s = new double[9];
    java.util.Arrays.fill(s, 10.0);
    return new IgsFig2Fig3Fig11Experiment("igs-fig2", "fig2",
        "Algorithm 1 convergence: recovery error and group magnitudes (Li et al., ICLR 2023, figure 2)",
        DglnnAlgorithm.ALGORITHM_1, s, DesignKind.RADEMACHER);
  }

  /** @return figure 3: Algorithm 2, Rademacher design, support entries 5..13 */
  public static IgsFig2Fig3Fig11Experiment figure3() {
    return new IgsFig2Fig3Fig11Experiment("igs-fig3", "fig3",
        "Algorithm 2 convergence, directions and incremental learning (Li et al., ICLR 2023, figure 3)",
        DglnnAlgorithm.ALGORITHM_2, new double[] {5, 6, 7, 8, 9, 10, 11, 12, 13}, DesignKind.RADEMACHER);
  }

  /** @return figure 11: as figure 3 with a Gaussian design */
  public static IgsFig2Fig3Fig11Experiment figure11() {
    return new IgsFig2Fig3Fig11Experiment("igs-fig11", "fig11",
        "Algorithm 2 with a Gaussian design (Li et al., ICLR 2023, figure 11, appendix E)",
        DglnnAlgorithm.ALGORITHM_2, new double[] {5, 6, 7, 8, 9, 10, 11, 12, 13}, DesignKind.GAUSSIAN);
  }
  static final int N = 150;
  static final int P = 300;
  static final double NOISE = 0.5;

  @Override
  public String name() {
    return name;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public int defaultRepeats() {
    return 10;
  }

  @Override
  public String run(ExperimentOutput out) throws Exception {
    Settings settings = Settings.of(out.quick());
    return report(settings, compute(settings, out), out);
  }

  /**
   * What a run computes.
   *
   * @param iterations iterations per run (the whole run is drawn)
   */
  record Settings(int iterations) {
    static Settings of(boolean quick) {
      return new Settings(quick ? 800 : 3000);
    }
  }

  /**
   * The numbers of a run: the recorded series of the first run, per repeat the final and the oracle
   * error, the largest false group, the iteration reaching twice the oracle error; the exact
   * selections and ordered (incremental) runs; the first run's switch and half-magnitude times.
   */
  private record Results(List<double[]> rows, double[] finalErrors, double[] oracleErrors, double[] maxFalse,
      int[] floorIteration, int exactSelections, int incrementalRuns, int switchIteration, int[] firstHalfTimes) {}

  /** Every repeat; numbers only (and the configuration for provenance). */
  private Results compute(Settings settings, ExperimentOutput out) {
    int iterations = settings.iterations();
    GroupStructure groups = GroupStructure.contiguous(3, P, false);
    DglnnOptions options = DglnnOptions.paperBuilder().algorithm(algorithm).alpha(1e-6).stepSizeU(1e-3)
        .maxIterations(iterations).patience(Integer.MAX_VALUE).fitIntercept(false).standardize(false).build();
    out.config("n", N);
    out.config("p", P);
    out.config("groupSize", 3);
    out.config("support", support);
    out.config("design", design.name().toLowerCase(Locale.ROOT));
    out.config("eta", 1e-3);
    out.config("noiseSd", NOISE);
    out.config("alpha", 1e-6);
    out.config("gamma", 1e-3);
    out.config("algorithm", DglnnTrainer.methodName(algorithm));
    out.config("iterations", iterations);
    out.config("earlyStopping", "none (the figure shows the whole run)");
    List<double[]> rows = new ArrayList<>();
    double[] finalErrors = new double[out.repeats()];
    double[] oracleErrors = new double[out.repeats()];
    double[] maxFalse = new double[out.repeats()];
    int[] floorIteration = new int[out.repeats()];
    int exactSelections = 0;
    int incrementalRuns = 0;
    int switchIteration = -1;
    int[] firstHalfTimes = null;
    for (int rep = 0; rep < out.repeats(); rep++) {
      SimulatedRegression sim = RegressionSimulator.generate(N, groups, support, false, design, NOISE, 0,
          out.seed() + rep);
      double[] truth = sim.truth();
      double oracle = oracleError(sim);
      oracleErrors[rep] = oracle;
      final int repeat = rep;
      final double[] w = new double[P];
      final double[] u = new double[groups.groupCount()];
      final int[] reached = {-1};
      final double[] v = new double[P];
      final int[] halfTime = {-1, -1, -1};
      final double[] trueNorm = new double[3];
      for (int l = 0; l < 3; l++) {
        for (int j = 3 * l; j < 3 * l + 3; j++) {
          trueNorm[l] += truth[j] * truth[j];
        }
        trueNorm[l] = Math.sqrt(trueNorm[l]);
      }
      final double[] lastFalse = {0};
      TrainingListener<DglnnIterationView> recorder = new TrainingListener<>() {
        @Override
        public void onIteration(DglnnIterationView view) {
          view.coefficients(w);
          view.groupScales(u);
          double err = 0;
          for (int j = 0; j < P; j++) {
            err += (w[j] - truth[j]) * (w[j] - truth[j]);
          }
          double falseMax = 0;
          for (int l = 3; l < u.length; l++) {
            falseMax = Math.max(falseMax, u[l] * u[l]);
          }
          lastFalse[0] = falseMax;
          if (reached[0] < 0 && err <= 2 * oracle) {
            reached[0] = view.iteration();
          }
          view.directions(v);
          double[] cosine = new double[3];
          for (int l = 0; l < 3; l++) {
            for (int j = 3 * l; j < 3 * l + 3; j++) {
              cosine[l] += v[j] * truth[j] / trueNorm[l];
            }
            if (halfTime[l] < 0 && u[l] * u[l] >= 0.5 * trueNorm[l]) {
              halfTime[l] = view.iteration();
            }
          }
          if (repeat == 0) {
            rows.add(new double[] {view.iteration(), err, u[0] * u[0], u[1] * u[1], u[2] * u[2], falseMax, cosine[0],
                cosine[1], cosine[2]});
          }
        }
      };
      DglnnTrainer trainer = new DglnnTrainer(options);
      var solution = trainer.run(sim.train().design(), sim.train().response(), null, null, groups, recorder);
      double err = 0;
      double[] wf = solution.coefficients();
      for (int j = 0; j < P; j++) {
        err += (wf[j] - truth[j]) * (wf[j] - truth[j]);
      }
      finalErrors[rep] = err;
      if (rep == 0) {
        switchIteration = solution.history().switchIteration();
        firstHalfTimes = halfTime.clone();
      }
      // incremental learning: a group with a larger norm reaches half its magnitude no later
      boolean ordered = true;
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          if (trueNorm[a] > trueNorm[b] + 1e-12 && halfTime[a] >= 0 && halfTime[b] >= 0 && halfTime[a] > halfTime[b]) {
            ordered = false;
          }
        }
      }
      incrementalRuns += ordered ? 1 : 0;
      maxFalse[rep] = lastFalse[0];
      floorIteration[rep] = reached[0];
      boolean[] sel = trainer.selectGroups(solution.groupScales());
      boolean exact = sel[0] && sel[1] && sel[2];
      for (int l = 3; l < sel.length; l++) {
        exact &= !sel[l];
      }
      exactSelections += exact ? 1 : 0;
    }
    return new Results(rows, finalErrors, oracleErrors, maxFalse, floorIteration, exactSelections, incrementalRuns,
        switchIteration, firstHalfTimes);
  }

  /** The series, figures, summary and report of a run; text only. */
  private String report(Settings settings, Results results, ExperimentOutput out) throws java.io.IOException {
    int iterations = settings.iterations();
    List<double[]> rows = results.rows();
    double[] finalErrors = results.finalErrors();
    double[] oracleErrors = results.oracleErrors();
    double[] maxFalse = results.maxFalse();
    int[] floorIteration = results.floorIteration();
    int exactSelections = results.exactSelections();
    int incrementalRuns = results.incrementalRuns();
    int switchIteration = results.switchIteration();
    int[] firstHalfTimes = results.firstHalfTimes();
    out.csv(tag + "-series", List.of("iteration", "error_sq", "u2_group1", "u2_group2", "u2_group3", "u2_largest_false",
        "cos_v1_truth", "cos_v2_truth", "cos_v3_truth"),
        rows);
    out.figure(tag + "-error", errorChart(rows, oracleErrors[0]));
    out.figure(tag + "-magnitudes", magnitudeChart(rows));
    double worstRatio = 0;
    double worstFalse = 0;
    int maxFloor = 0;
    boolean allReached = true;
    for (int rep = 0; rep < out.repeats(); rep++) {
      worstRatio = Math.max(worstRatio, finalErrors[rep] / oracleErrors[rep]);
      worstFalse = Math.max(worstFalse, maxFalse[rep]);
      allReached &= floorIteration[rep] >= 0;
      maxFloor = Math.max(maxFloor, floorIteration[rep]);
    }
    double falseBound = 1e3 * 1e-6;
    boolean holds = allReached && worstRatio <= 2 && worstFalse <= falseBound && exactSelections == out.repeats();
    out.summary("finalErrorFirstRun", finalErrors[0]);
    out.summary("oracleErrorFirstRun", oracleErrors[0]);
    out.summary("finalErrors", finalErrors);
    out.summary("oracleErrors", oracleErrors);
    out.summary("worstFinalOverOracle", worstRatio);
    out.summary("largestFalseGroupMagnitude", worstFalse);
    out.summary("iterationsToReachTwiceOracle", floorIteration);
    out.summary("exactSupportRuns", exactSelections);
    boolean distinctNorms = support[0] != support[support.length - 1];
    out.summary("switchIterationFirstRun", switchIteration);
    out.summary("halfMagnitudeIterationsFirstRun", firstHalfTimes);
    out.summary("incrementalLearningRuns", distinctNorms ? incrementalRuns : null);
    if (algorithm == DglnnAlgorithm.ALGORITHM_2 && distinctNorms) {
      holds &= incrementalRuns == out.repeats();
    }
    out.summary("claimHolds", holds);
    StringBuilder md = new StringBuilder();
    md.append("# ").append(name).append(" — ").append(title()).append("\n\n");
    md.append("**Paper's claim.** With n = 150, p = 300, 3 true groups of size 3 (entries ")
        .append(java.util.Arrays.toString(support)).append("), ").append(design.name().toLowerCase(Locale.ROOT))
        .append(" design, noise 0.5, alpha = 1e-6 and gamma = eta = 1e-3, ").append(algorithm == DglnnAlgorithm.ALGORITHM_1
            ? "Algorithm 1" : "Algorithm 2").append(" converges: the recovery error falls to the noise level and ")
        .append("the true groups' magnitudes u_l^2 grow to their values while the false groups stay near alpha")
        .append(algorithm == DglnnAlgorithm.ALGORITHM_2 ? "; groups with larger norm are learned first (incremental learning)." : ".")
        .append("\n\n");
    md.append(String.format(Locale.ROOT, "**Setting.** %d repeats (seeds %d..%d), %d iterations each, no early stopping%s.%n%n",
        out.repeats(), out.seed(), out.seed() + out.repeats() - 1, iterations, out.quick() ? " (--quick)" : ""));
    md.append("**Our numbers.**\n\n");
    md.append(String.format(Locale.ROOT, "- First run: final ||w - w*||^2 = %.4g; oracle least squares on the true support: %.4g.%n",
        finalErrors[0], oracleErrors[0]));
    md.append(String.format(Locale.ROOT, "- Over all runs: final error / oracle error at most %.3g; the error first came within 2x the oracle at iteration %d at the latest%s.%n",
        worstRatio, maxFloor, allReached ? "" : " (some runs never did)"));
    md.append(String.format(Locale.ROOT, "- Largest false-group magnitude u_l^2 at the end: %.3g (alpha = 1e-6; the bound we test is 1e3 alpha = %.0e, Theorem 3's O(alpha) with the constant chosen by us).%n",
        worstFalse, falseBound));
    md.append(String.format(Locale.ROOT, "- Exactly the true groups selected (u_l^2 > sqrt(alpha max u^2)) in %d of %d runs.%n",
        exactSelections, out.repeats()));
    if (switchIteration >= 0) {
      md.append(String.format(Locale.ROOT, "- Algorithm 2 switched to the fixed step on v after iteration %d (first run).%n",
          switchIteration));
    }
    if (distinctNorms) {
      md.append(String.format(Locale.ROOT, "- Iteration at which each true group (norms %.3g, %.3g, %.3g) first reached half its magnitude, first run: %s; larger groups first in %d of %d runs.%n",
          normOf(0), normOf(1), normOf(2), java.util.Arrays.toString(firstHalfTimes), incrementalRuns, out.repeats()));
    }
    md.append("\n");
    md.append("**Verdict.** ").append(holds
        ? "The claim holds: every run reached the oracle noise floor (within 2x), false groups stayed at the alpha scale, and the support was exact"
            + (algorithm == DglnnAlgorithm.ALGORITHM_2 && distinctNorms ? "; larger groups were learned first in every run." : ".")
        : "The claim does not fully hold in this run; see the numbers above.").append("\n\n");
    md.append("Files: ").append(tag).append("-series.csv (first run, per iteration), ").append(tag).append("-error.png/svg, ")
        .append(tag).append("-magnitudes.png/svg, summary.json, provenance.json.\n");
    return md.toString();
  }

  private double normOf(int l) {
    double s = 0;
    for (int j = 3 * l; j < 3 * l + 3; j++) {
      s += support[j] * support[j];
    }
    return Math.sqrt(s);
  }

  /** ||w_ols - w*||^2 for least squares restricted to the true support (normal equations, Gaussian elimination). */
  static double oracleError(SimulatedRegression sim) {
    double[] truth = sim.truth();
    List<Integer> s = new ArrayList<>();
    for (int j = 0; j < truth.length; j++) {
      if (truth[j] != 0) {
        s.add(j);
      }
    }
    int k = s.size();
    int n = sim.train().rows();
    int p = sim.train().features();
    double[] x = sim.train().design().data();
    double[] y = sim.train().response();
    double[][] a = new double[k][k + 1];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        double xr = x[i * p + s.get(r)];
        for (int c = 0; c < k; c++) {
          a[r][c] += xr * x[i * p + s.get(c)];
        }
        a[r][k] += xr * y[i];
      }
    }
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int r = col + 1; r < k; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < k; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= k; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double err = 0;
    for (int r = 0; r < k; r++) {
      double d = a[r][k] / a[r][r] - truth[s.get(r)];
      err += d * d;
    }
    return err;
  }

  private XYChart errorChart(List<double[]> rows, double oracle) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(DglnnTrainer.methodName(algorithm) + ": recovery error")
        .xAxisTitle("iteration").yAxisTitle("||w(t) - w*||^2").build();
    chart.getStyler().setYAxisLogarithmic(true).setChartBackgroundColor(Color.WHITE).setMarkerSize(0);
    chart.getStyler().setXAxisDecimalPattern("#")
        .setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] t = Series.positiveColumn(rows, 0);
    chart.addSeries("error", t, Series.positiveColumn(rows, 1)).setMarker(SeriesMarkers.NONE);
    XYSeries floor = chart.addSeries("oracle least squares on the support", new double[] {t[0], t[t.length - 1]},
        new double[] {oracle, oracle});
    floor.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  private XYChart magnitudeChart(List<double[]> rows) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(DglnnTrainer.methodName(algorithm) + ": group magnitudes u_l^2")
        .xAxisTitle("iteration").yAxisTitle("u_l(t)^2").build();
    chart.getStyler().setYAxisLogarithmic(true).setChartBackgroundColor(Color.WHITE).setMarkerSize(0);
    chart.getStyler().setXAxisDecimalPattern("#")
        .setLegendPosition(Styler.LegendPosition.InsideSE);
    double[] t = Series.positiveColumn(rows, 0);
    for (int g = 0; g < 3; g++) {
      chart.addSeries("true group " + (g + 1), t, Series.positiveColumn(rows, 2 + g)).setMarker(SeriesMarkers.NONE);
    }
    chart.addSeries("largest false group", t, Series.positiveColumn(rows, 5)).setMarker(SeriesMarkers.NONE);
    return chart;
  }
}
