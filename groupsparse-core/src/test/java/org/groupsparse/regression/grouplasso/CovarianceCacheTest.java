package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.groups.GroupStructure;
import org.junit.jupiter.api.Test;

/**
 * The Gram cache of a growing working set: after joins small enough for Java dot products and one
 * large enough for the BLAS product (at least {@link CovarianceCache#BLAS_MIN_WORK} multiply-adds),
 * every held entry is x_s^T x_t / n of the columns in its slots, symmetric, whichever way it was made.
 */
class CovarianceCacheTest {
  @Test
  void everyEntryIsTheColumnsInnerProductWhicheverWayItWasMade() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 2000;
    int p = 300;
    GroupStructure groups = GroupStructure.contiguous(3, p, false);
    LeastSquaresDatafit f = new LeastSquaresDatafit(TestData.gaussian(n, p, rng), TestData.gaussian(n, rng), groups);
    CovarianceCache cache = new CovarianceCache();
    int[] order = new int[groups.groupCount()];
    for (int l = 0; l < order.length; l++) {
      order[l] = (l * 37) % order.length; // scattered groups, not in position order
    }
    // three small joins (1, 2 and 4 groups), then one of 60 groups against the 7 held
    int[] counts = {1, 3, 7, 67};
    long bigJoin = (long) (60 * 3) * (67 * 3) * n;
    assertThat(bigJoin).as("the last join takes the BLAS product").isGreaterThanOrEqualTo(CovarianceCache.BLAS_MIN_WORK);
    assertThat((long) (4 * 3) * (7 * 3) * n).as("the third join takes dot products").isLessThan(CovarianceCache.BLAS_MIN_WORK);
    double[] columns = f.columnsView();
    for (int count : counts) {
      cache.ensure(f, order, count);
      int q = cache.size();
      assertThat(q).isEqualTo(3 * count);
      double[] g = cache.matrix();
      for (int s = 0; s < q; s++) {
        int ks = cache.position(s);
        assertThat(cache.slot(ks)).isEqualTo(s);
        for (int t = 0; t < q; t++) {
          int kt = cache.position(t);
          double exact = 0;
          double scale = 0;
          for (int i = 0; i < n; i++) {
            exact += columns[ks * n + i] * columns[kt * n + i];
            scale += Math.abs(columns[ks * n + i] * columns[kt * n + i]);
          }
          exact /= n;
          scale /= n;
          double entry = g[cache.rowOffset(s) + t];
          assertThat(Math.abs(entry - exact)).as("G[%d][%d] after %d groups", s, t, count)
              .isLessThanOrEqualTo(1e-13 * scale);
          assertThat(entry).isEqualTo(g[cache.rowOffset(t) + s]);
        }
      }
    }
  }
}
