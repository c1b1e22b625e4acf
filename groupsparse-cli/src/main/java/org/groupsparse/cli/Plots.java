package org.groupsparse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groupsparse.io.AtomicFiles;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.TrainingHistory;
import org.knowm.xchart.BitmapEncoder;
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

  static void writeTrainingPlots(Path prefix, FitResult<GroupLinearModel> result) throws IOException {
    writePng(Path.of(prefix + "-loss.png"), lossChart(result.history(), result.model().method()));
    writePng(Path.of(prefix + "-groups.png"), groupChart(result.model()));
  }

  static XYChart lossChart(TrainingHistory h, String method) {
    XYChart chart = new XYChartBuilder().width(900).height(500).title(method + ": loss per iteration")
        .xAxisTitle("iteration").yAxisTitle("loss (1/2m)||y - Xw - b||^2").build();
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE)
        .setMarkerSize(0).setChartBackgroundColor(java.awt.Color.WHITE);
    addSeries(chart, "training", h.trainLoss());
    if (h.hasValidation()) {
      addSeries(chart, "validation", h.validationLoss());
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (double v : h.validationLoss()) {
        if (v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      for (double v : h.trainLoss()) {
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
    if (h.switchIteration() >= 0) {
      double[] tl = h.trainLoss();
      XYSeries sw = chart.addSeries("switch (Alg. 2) " + h.switchIteration(), new double[] {h.switchIteration()},
          new double[] {tl[Math.min(h.switchIteration(), tl.length - 1)]});
      sw.setMarker(SeriesMarkers.DIAMOND);
    }
    return chart;
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

  static void writePng(Path path, Chart<?, ?> chart) throws IOException {
    byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(path, out -> out.write(bytes));
  }
}
