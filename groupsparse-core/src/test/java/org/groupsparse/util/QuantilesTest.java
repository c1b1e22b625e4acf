package org.groupsparse.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {
  @Test
  void normalQuantilesMatchTables() {
    assertThat(Quantiles.normal(0.5)).isCloseTo(0.0, within(1e-12));
    assertThat(Quantiles.normal(0.975)).isCloseTo(1.959963984540054, within(1e-8));
    assertThat(Quantiles.normal(0.025)).isCloseTo(-1.959963984540054, within(1e-8));
    assertThat(Quantiles.normal(1 - 1e-6)).isCloseTo(4.753424308822899, within(1e-7));
    assertThat(Quantiles.normal(0.01)).isCloseTo(-2.326347874040841, within(1e-8));
  }

  @Test
  void chiSquareQuantilesAreWithinFivePercentOfExactOnes() {
    // scipy.stats.chi2.ppf(q, k); Wilson-Hilferty is within 2.5% at 0.95 and 5% in the far tail for k = 1
    double[][] table = {{0.95, 1, 3.841458820694124}, {0.95, 2, 5.991464547107979}, {0.95, 6, 12.591587243743977},
        {0.95, 10, 18.307038053275146}, {1 - 0.05 / 150, 1, 12.87313169561923},
        {1 - 0.05 / 150, 2, 16.012735135300712}, {1 - 0.05 / 150, 6, 25.056452571914345}};
    for (double[] row : table) {
      double q = Quantiles.chiSquare(row[0], (int) row[1]);
      double tolerance = row[1] >= 6 ? 0.015 : 0.05;
      assertThat(q).as("k=%s q=%s", row[1], row[0]).isCloseTo(row[2], within(tolerance * row[2]));
    }
  }
}
