package org.groupsparse.cli.experiments;

import java.awt.Color;
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
