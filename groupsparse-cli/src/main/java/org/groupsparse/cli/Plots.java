package org.groupsparse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groupsparse.util.FileSink;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.TrainingHistory;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Figures of a fit, drawn with XChart and written atomically as PNG. */
final class Plots {
  private static final int MAX_POINTS = 2000;

  private Plots() {}

  static void writeTrainingPlots(FileSink sink, Path prefix, FitResult<GroupLinearModel> result) throws IOException {
    writePng(sink, Path.of(prefix + "-loss.png"), lossChart(result.history(), result.model().method(),
        result.model().family()));
    writePng(sink, Path.of(prefix + "-groups.png"), groupChart(result.model()));
  }

  static XYChart lossChart(TrainingHistory h, String method, org.groupsparse.regression.Family family) {
    String loss = family == org.groupsparse.regression.Family.GAUSSIAN ? "loss (1/2m)||y - Xw - b||^2"
        : "logistic loss (1/m) sum log(1 + e^eta) - y eta";
    XYChart chart = new XYChartBuilder().width(900).height(500).title(method + ": loss per iteration")
        .xAxisTitle("iteration").yAxisTitle(loss).build();
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE)
        .setMarkerSize(0).setChartBackgroundColor(java.awt.Color.WHITE);
    addSeries(chart, "training", h.trainLoss());
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double v : h.trainLoss()) {
      if (v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (h.hasValidation()) {
      addSeries(chart, "validation", h.validationLoss());
      for (double v : h.validationLoss()) {
        if (v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      XYSeries best = chart.addSeries("kept iterate " + h.bestIteration(),
          new double[] {h.bestIteration(), h.bestIteration()}, new double[] {lo, hi});
      best.setMarker(SeriesMarkers.NONE);
      best.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
          10f, new float[] {6f, 4f}, 0f));
    }
    logarithmicWhenWide(chart, lo, hi);
    if (h.switchIteration() >= 0) {
      double[] tl = h.trainLoss();
      XYSeries sw = chart.addSeries("switch (Alg. 2) " + h.switchIteration(), new double[] {h.switchIteration()},
          new double[] {tl[Math.min(h.switchIteration(), tl.length - 1)]});
      sw.setMarker(SeriesMarkers.DIAMOND);
    }
    return chart;
  }

  /**
   * The CV curve over the stopping time: mean held-out MSE (deviance for binomial) per iteration with a band of one
   * standard error, and the iterations chosen by the minimum and the one-standard-error rules.
   */
  static XYChart stoppingCurveChart(double[] mean, double[] se, int iterationMin, int iteration1se, int folds,
      String chosenBy, String error) {
    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title("DGLNN: " + folds + "-fold CV over the stopping time (chosen: " + chosenBy + ")")
        .xAxisTitle("iteration").yAxisTitle("held-out " + error + " (mean over folds, +- 1 s.e.)").build();
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE)
        .setMarkerSize(0).setChartBackgroundColor(java.awt.Color.WHITE);
    double[] upper = new double[mean.length];
    double[] lower = new double[mean.length];
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int t = 0; t < mean.length; t++) {
      upper[t] = mean[t] + se[t];
      lower[t] = Math.max(mean[t] - se[t], mean[t] * 1e-3);
      lo = Math.min(lo, lower[t]);
      hi = Math.max(hi, upper[t]);
    }
    addSeries(chart, "mean", mean);
    addSeries(chart, "mean + s.e.", upper);
    addSeries(chart, "mean - s.e.", lower);
    java.awt.Color band = new java.awt.Color(150, 150, 150);
    chart.getSeriesMap().get("mean").setLineColor(new java.awt.Color(31, 119, 180));
    chart.getSeriesMap().get("mean + s.e.").setLineColor(band);
    chart.getSeriesMap().get("mean - s.e.").setLineColor(band);
    for (int[] mark : new int[][] {{iterationMin, 0}, {iteration1se, 1}}) {
      XYSeries line = chart.addSeries((mark[1] == 0 ? "minimum " : "1 s.e. ") + mark[0] + (mark[1] == 1
          && iteration1se == iterationMin ? " (same)" : ""), new double[] {mark[0], mark[0]}, new double[] {lo, hi});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
          10f, new float[] {6f, 4f}, 0f));
    }
    logarithmicWhenWide(chart, lo, hi);
    return chart;
  }

  /** Range ratio from which a loss axis is logarithmic: a narrower one would show at most one labelled decade. */
  static final double LOG_AXIS_MIN_RATIO = 30;

  /**
   * A logarithmic y axis only when the values span more than {@value #LOG_AXIS_MIN_RATIO}x; XChart
   * labels only powers of ten there, so a narrower range would show one label or none.
   */
  private static void logarithmicWhenWide(XYChart chart, double lo, double hi) {
    chart.getStyler().setYAxisLogarithmic(lo > 0 && hi > LOG_AXIS_MIN_RATIO * lo);
  }

  static CategoryChart groupChart(GroupLinearModel m) {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
        .title(m.method() + ": group magnitudes (selected: " + m.selectedGroups().size() + " of "
            + m.groups().groupCount() + ")")
        .xAxisTitle("group").yAxisTitle("magnitude").build();
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideS)
        .setChartBackgroundColor(java.awt.Color.WHITE).setMarkerSize(9);
    List<String> labels = m.groups().labels();
    double[] mags = m.groupMagnitudes();
    boolean[] sel = m.selectedMask();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.MIN_NORMAL;
    for (double v : mags) {
      if (v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!Double.isFinite(lo)) {
      lo = Double.MIN_NORMAL;
    }
    // one series per status; the other status's groups sit at the floor, drawn without a marker
    List<Double> selected = new ArrayList<>();
    List<Double> other = new ArrayList<>();
    for (int l = 0; l < labels.size(); l++) {
      double v = Math.max(mags[l], lo);
      selected.add(sel[l] ? v : null);
      other.add(sel[l] ? null : v);
    }
    chart.getStyler().setYAxisMin(lo / 2).setYAxisMax(hi * 2);
    if (m.selectedGroups().size() > 0) {
      chart.addSeries("selected", labels, selected).setMarker(SeriesMarkers.CIRCLE);
    }
    if (m.selectedGroups().size() < labels.size()) {
      chart.addSeries("not selected", labels, other).setMarker(SeriesMarkers.CROSS);
    }
    return chart;
  }

  private static void addSeries(XYChart chart, String name, double[] values) {
    int n = values.length;
    int step = Math.max(1, n / MAX_POINTS);
    int m = (n + step - 1) / step;
    double[] x = new double[m];
    double[] y = new double[m];
    for (int k = 0; k < m; k++) {
      int i = Math.min(n - 1, k * step);
      x[k] = i;
      y[k] = Math.max(values[i], Double.MIN_NORMAL);
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
  }

  static void writePng(FileSink sink, Path path, Chart<?, ?> chart) throws IOException {
    byte[] bytes = org.groupsparse.experiments.Png.of(chart);
    sink.write(path, out -> out.write(bytes));
  }
  private static final java.awt.Color[] PALETTE = {new java.awt.Color(31, 119, 180), new java.awt.Color(255, 127, 14),
      new java.awt.Color(44, 160, 44), new java.awt.Color(214, 39, 40), new java.awt.Color(148, 103, 189),
      new java.awt.Color(140, 86, 75), new java.awt.Color(227, 119, 194), new java.awt.Color(127, 127, 127),
      new java.awt.Color(188, 189, 34), new java.awt.Color(23, 190, 207)};

  /**
   * Coefficient paths against log10(lambda), one line per feature, coloured by group (the plot of
   * glmnet and grpreg). Only groups that are ever nonzero are drawn; the legend names them when
   * there are at most 12 (a group of one column by the column's name).
   */
  static XYChart pathChart(org.groupsparse.regression.grouplasso.GroupLassoPathResult path) {
    XYChart chart = new XYChartBuilder().width(900).height(560)
        .title(familyPrefix(path) + pathTitle(path))
        .xAxisTitle("log10(lambda)").yAxisTitle("coefficient (standardized columns)").build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE).setMarkerSize(0)
        .setLegendPosition(Styler.LegendPosition.OutsideE);
    double[] lambdas = path.lambdas();
    double[] x = new double[lambdas.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = Math.log10(lambdas[k]);
    }
    org.groupsparse.groups.GroupStructure g = path.groups();
    int[] members = g.members();
    int drawnGroups = 0;
    double[][] all = new double[lambdas.length][];
    for (int k = 0; k < lambdas.length; k++) {
      all[k] = path.standardizedCoefficients(k);
    }
    for (int l = 0; l < g.groupCount(); l++) {
      boolean ever = false;
      double[][] series = new double[g.size(l)][lambdas.length];
      for (int k = 0; k < lambdas.length; k++) {
        double[] w = all[k];
        for (int q = g.start(l); q < g.end(l); q++) {
          series[q - g.start(l)][k] = w[members[q]];
          ever |= w[members[q]] != 0;
        }
      }
      if (!ever) {
        continue;
      }
      java.awt.Color color = PALETTE[drawnGroups % PALETTE.length];
      // a group of one column is named by its column (size:1 labels are only numbers), unless that
      // name is taken by another series
      String groupName = series.length == 1 ? path.featureNames().get(members[g.start(l)]) : g.label(l);
      if (chart.getSeriesMap().containsKey(groupName)) {
        groupName = groupName + " (group " + g.label(l) + ")";
      }
      for (int q = 0; q < series.length; q++) {
        String name = q == 0 ? groupName : groupName + " #" + (q + 1);
        XYSeries s = chart.addSeries(name, x, series[q]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new java.awt.BasicStroke(1.5f));
        s.setShowInLegend(q == 0);
      }
      drawnGroups++;
    }
    chart.getStyler().setLegendVisible(drawnGroups > 0 && drawnGroups <= 12);
    if (drawnGroups == 0) {
      chart.addSeries("all zero", x, new double[x.length]).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /**
   * The error curve used to choose lambda (validation MSE, or the CV mean with +- one standard
   * error), against log10(lambda), with the chosen lambda marked.
   */
  static XYChart selectionChart(org.groupsparse.regression.grouplasso.GroupLassoPathResult path, double[] curve,
      double[] se, int chosen, String how) {
    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title(familyPrefix(path) + penaltyName(path) + ": lambda chosen by " + how)
        .xAxisTitle("log10(lambda)").build();
    String measure = path.family() == org.groupsparse.regression.Family.GAUSSIAN ? "MSE" : path.family().label() + " deviance";
    chart.setYAxisTitle(se != null ? "cross-validated " + measure : "validation " + measure);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS)
        .setMarkerSize(5);
    double[] lambdas = path.lambdas();
    double[] x = new double[lambdas.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = Math.log10(lambdas[k]);
    }
    if (curve == null) {
      curve = new double[lambdas.length];
      for (int k = 0; k < curve.length; k++) {
        curve[k] = 2 * path.trainLoss()[k];
      }
      chart.setYAxisTitle("training " + measure);
    }
    XYSeries main = se == null ? chart.addSeries("error", x, curve) : chart.addSeries("mean +- 1 s.e.", x, curve, se);
    main.setMarker(SeriesMarkers.CIRCLE);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < curve.length; k++) {
      double e = se == null ? 0 : se[k];
      lo = Math.min(lo, curve[k] - e);
      hi = Math.max(hi, curve[k] + e);
    }
    XYSeries mark = chart.addSeries("chosen lambda " + String.format(java.util.Locale.ROOT, "%.4g", lambdas[chosen]),
        new double[] {x[chosen], x[chosen]}, new double[] {lo, hi});
    mark.setMarker(SeriesMarkers.NONE);
    mark.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 4f}, 0f));
    return chart;
  }

  /**
   * Adds the cross-validated misclassification rate of a binomial path on a second y axis (right).
   *
   * @param chart a chart from {@link #selectionChart}
   * @param path the path (for its lambdas)
   * @param misclassification the mean held-out misclassification rate per lambda
   */
  static void addMisclassification(XYChart chart, org.groupsparse.regression.grouplasso.GroupLassoPathResult path,
      double[] misclassification) {
    double[] lambdas = path.lambdas();
    double[] x = new double[lambdas.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = Math.log10(lambdas[k]);
    }
    XYSeries series = chart.addSeries("misclassification (right axis)", x, misclassification);
    series.setYAxisGroup(1);
    series.setMarker(SeriesMarkers.DIAMOND);
    chart.setYAxisGroupTitle(1, "cross-validated misclassification rate");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
  }

  /**
   * @return the path plot's title after the family: the lasso, with its column count, when every
   *     group is one column and the penalty is the group lasso; else the penalty and the group count
   */
  private static String pathTitle(org.groupsparse.regression.grouplasso.GroupLassoPathResult path) {
    org.groupsparse.groups.GroupStructure g = path.groups();
    return isLasso(path) ? "lasso path (" + g.featureCount() + " columns)"
        : penaltyName(path) + " path (" + g.groupCount() + " groups; colour = group)";
  }

  /** @return whether every group is one column under the group lasso penalty: the lasso */
  private static boolean isLasso(org.groupsparse.regression.grouplasso.GroupLassoPathResult path) {
    org.groupsparse.groups.GroupStructure g = path.groups();
    return g.groupCount() == g.featureCount()
        && path.options().penalty() == org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_LASSO;
  }

  /** "logistic " or "Poisson " for a GLM path, "" for least squares: the family belongs in a chart's title. */
  static String familyPrefix(org.groupsparse.regression.grouplasso.GroupLassoPathResult path) {
    return switch (path.family()) {
      case BINOMIAL -> "logistic ";
      case POISSON -> "Poisson ";
      case GAUSSIAN -> "";
    };
  }

  /**
   * @return the penalty of a path as a title names it: lasso (every group one column under the group
   *     lasso penalty), group lasso, group MCP, group SCAD, sparse group lasso
   */
  static String penaltyName(org.groupsparse.regression.grouplasso.GroupLassoPathResult path) {
    if (isLasso(path)) {
      return "lasso";
    }
    switch (path.options().penalty()) {
      case GROUP_MCP: return "group MCP";
      case GROUP_SCAD: return "group SCAD";
      case SPARSE_GROUP_LASSO: return "sparse group lasso";
      default: return "group lasso";
    }
  }
}
