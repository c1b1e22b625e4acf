package org.groupsparse.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeriesTest {
  @Test
  void quantilesFollowRType7() {
    // R: quantile(c(4, 1, 3, 2), c(0, .25, .5, .75, 1)) = 1, 1.75, 2.5, 3.25, 4
    double[] a = {4, 1, 3, 2};
    assertThat(Series.quantile(a, 0)).isEqualTo(1);
    assertThat(Series.quantile(a, 0.25)).isCloseTo(1.75, within(1e-15));
    assertThat(Series.quantile(a, 0.5)).isCloseTo(2.5, within(1e-15));
    assertThat(Series.quantile(a, 0.75)).isCloseTo(3.25, within(1e-15));
    assertThat(Series.quantile(a, 1)).isEqualTo(4);
    assertThat(a).containsExactly(4, 1, 3, 2);
  }

  @Test
  void meanAndSampleStandardDeviation() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample sd sqrt(32/7)
    double[] a = {2, 4, 4, 4, 5, 5, 7, 9};
    assertThat(Series.mean(a)).isEqualTo(5);
    assertThat(Series.sd(a)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-14));
    assertThat(Series.sd(new double[] {3})).isZero();
  }

  @Test
  void errorAndOffSupport() {
    double[] truth = {1, 0, -1, 0};
    double[] w = {0.5, 0.2, -1, -0.3};
    assertThat(Series.errorSquared(w, truth)).isCloseTo(0.25 + 0.04 + 0.09, within(1e-15));
    assertThat(Series.maxAbsOutside(w, truth)).isEqualTo(0.3);
  }
}
