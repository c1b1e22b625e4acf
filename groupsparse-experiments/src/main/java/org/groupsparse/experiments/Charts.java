package org.groupsparse.experiments;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The common look of experiment figures (XChart line charts on a white background). */
final class Charts {
  private Charts() {}

  /** @return an 800 x 500 line chart with the given titles, optionally with a logarithmic y axis */
  static XYChart lines(String title, String xTitle, String yTitle, boolean logY) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    chart.getStyler().setYAxisLogarithmic(logY).setChartBackgroundColor(Color.WHITE).setMarkerSize(4);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }

  /**
   * A heat map of a row-major grid (row 0 drawn at the top), with a colour scale from min to max
   * and no per-cell tick labels.
   *
   * @param title the title
   * @param rows grid rows
   * @param cols grid columns
   * @param values row-major values
   * @param min value of the first colour
   * @param max value of the last colour
   * @param colors the colour scale
   * @param size width in pixels (height follows the grid's aspect ratio)
   * @return the chart
   */
  static HeatMapChart heatMap(String title, int rows, int cols, double[] values, double min, double max,
      Color[] colors, int size) {
    int height = Math.max(200, (int) Math.round((double) size * rows / cols) + 80);
    HeatMapChart chart = new HeatMapChartBuilder().width(size + 120).height(height).title(title).build();
    chart.getStyler().setAxisTicksVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotContentSize(1.0).setLegendVisible(true);
    chart.getStyler().setRangeColors(colors).setMin(min).setMax(max).setShowValue(false).setDrawBorder(false);
    List<Integer> x = new ArrayList<>(cols);
    for (int j = 0; j < cols; j++) {
      x.add(j);
    }
    List<Integer> y = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      y.add(i);
    }
    List<Number[]> cells = new ArrayList<>(rows * cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        cells.add(new Number[] {j, rows - 1 - i, values[i * cols + j]});
      }
    }
    chart.addSeries(title, x, y, cells);
    return chart;
  }

  /** Blue-white-red, for signed values centred at 0. */
  static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};

  /** White to dark blue, for magnitudes. */
  static final Color[] SEQUENTIAL = {Color.WHITE, new Color(107, 174, 214), new Color(8, 48, 107)};

  /** Adds a line without markers. */
  static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /**
   * Adds a shaded band between lower and upper (a closed polygon), drawn in a light version of the
   * colour.
   */
  static XYSeries band(XYChart chart, String name, double[] x, double[] lower, double[] upper, Color color) {
    int m = x.length;
    double[] px = new double[2 * m];
    double[] py = new double[2 * m];
    for (int i = 0; i < m; i++) {
      px[i] = x[i];
      py[i] = upper[i];
      px[2 * m - 1 - i] = x[i];
      py[2 * m - 1 - i] = lower[i];
    }
    XYSeries s = chart.addSeries(name, px, py);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
    s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
    return s;
  }
}
