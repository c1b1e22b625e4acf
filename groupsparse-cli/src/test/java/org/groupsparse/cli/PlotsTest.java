package org.groupsparse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.regression.grouplasso.GroupLassoOptions;
import org.groupsparse.regression.grouplasso.GroupLassoPath;
import org.groupsparse.regression.grouplasso.GroupLassoPathResult;
import org.junit.jupiter.api.Test;

/**
 * How a plot is written (in memory), and what the path plot's legend says: the columns of
 * single-column groups, the labels of larger ones.
 */
class PlotsTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  /**
   * A plot is encoded in memory, without ImageIO (whose default file cache made a plot fail when
   * java.io.tmpdir was not writable), losslessly: the PNG decodes to the chart's own pixels.
   */
  @Test
  void pngHoldsTheChartsPixelsExactly() throws Exception {
    org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(200).height(100).build();
    chart.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
    java.nio.file.Path png = dir.resolve("chart.png");
    Plots.writePng(org.groupsparse.util.AtomicFiles.DIRECT, png, chart);
    java.awt.image.BufferedImage drawn = org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
    java.awt.image.BufferedImage read = javax.imageio.ImageIO.read(png.toFile());
    assertThat(read.getWidth()).isEqualTo(200);
    assertThat(read.getHeight()).isEqualTo(100);
    int differ = 0;
    for (int yy = 0; yy < 100; yy++) {
      for (int xx = 0; xx < 200; xx++) {
        differ += (read.getRGB(xx, yy) & 0xFFFFFF) != (drawn.getRGB(xx, yy) & 0xFFFFFF) ? 1 : 0;
      }
    }
    assertThat(differ).as("pixels that differ").isZero();
    assertThat(java.nio.file.Files.readAllBytes(png)).as("the same bytes twice")
        .isEqualTo(org.groupsparse.experiments.Png.of(chart));
  }

  @Test
  void singleColumnGroupsAreNamedByTheirColumnsInThePathLegend() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 80;
    int p = 6;
    double[] x = new double[n * p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i * p + j] = rng.nextGaussian();
      }
      y[i] = 2 * x[i * p] - x[i * p + 4] + x[i * p + 5] + 0.3 * rng.nextGaussian();
    }
    List<String> names = new ArrayList<>(List.of("age", "bmi", "bp", "s1", "s2", "s3"));
    Dataset data = new Dataset(new DenseMatrix(n, p, x), y, names, "y");
    // groups: {age}, {bmi, bp, s1} labelled "2", {s2}, {s3}
    GroupStructure groups = GroupStructure.ofSizes(1, 3, 1, 1);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(20).build())
        .fit(data, groups, null);
    var legend = new ArrayList<String>();
    Plots.pathChart(path).getSeriesMap().forEach((name, series) -> {
      if (series.isShowInLegend()) {
        legend.add(name);
      }
    });
    assertThat(legend).contains("age", "s2", "s3").doesNotContain("1", "3", "4");
    assertThat(Plots.pathChart(path).getTitle()).isEqualTo("group lasso path (4 groups; colour = group)");
    GroupLassoPathResult lasso = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(10).build())
        .fit(data, GroupStructure.contiguous(1, p, false), null);
    assertThat(Plots.pathChart(lasso).getTitle()).isEqualTo("lasso path (6 columns)");
    // the chart of the choice of lambda names the penalty the same way
    double[] flat = new double[lasso.size()];
    java.util.Arrays.fill(flat, 1.0);
    assertThat(Plots.selectionChart(lasso, flat, new double[flat.length], 0, "validation").getTitle())
        .isEqualTo("lasso: lambda chosen by validation");
    double[] flatGroups = new double[path.size()];
    java.util.Arrays.fill(flatGroups, 1.0);
    assertThat(Plots.selectionChart(path, flatGroups, new double[flatGroups.length], 0, "validation").getTitle())
        .isEqualTo("group lasso: lambda chosen by validation");
  }
}
