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
    for (int count : counts) {
      cache.ensure(f, order, count);
      assertThat(cache.size()).isEqualTo(3 * count);
      assertExact(f, cache);
    }
  }

  /**
   * Keeping a scattered subset (the lasso factor's columns when the cache is full) compacts the
   * matrix and the column copies: every entry is still the inner product of the columns in its
   * slots, the evicted columns are no longer held, and a join after it (a BLAS product over the
   * compacted copies) is exact too.
   */
  @Test
  void keepingASubsetCompactsTheMatrixAndLaterJoinsStayExact() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 1500;
    int p = 240;
    GroupStructure groups = GroupStructure.contiguous(2, p, false);
    LeastSquaresDatafit f = new LeastSquaresDatafit(TestData.gaussian(n, p, rng), TestData.gaussian(n, rng), groups);
    CovarianceCache cache = new CovarianceCache();
    int[] all = new int[groups.groupCount()];
    for (int l = 0; l < all.length; l++) {
      all[l] = (l * 7) % all.length;
    }
    cache.ensure(f, all, 90);
    int[] kept = new int[30];
    for (int a = 0; a < kept.length; a++) {
      kept[a] = all[(a * 17 % 30) * 3 + 1]; // every third held group, given out of slot order
    }
    cache.retain(kept, kept.length, n);
    java.util.Set<Integer> keptGroups = new java.util.HashSet<>();
    for (int l : kept) {
      keptGroups.add(l);
    }
    assertThat(cache.size()).isEqualTo(2 * keptGroups.size());
    for (int a = 0; a < 90; a++) {
      int l = all[a];
      for (int k = groups.start(l); k < groups.end(l); k++) {
        assertThat(cache.slot(k) >= 0).as("column %d held", k).isEqualTo(keptGroups.contains(l));
      }
    }
    assertExact(f, cache);
    // the kept columns keep their old slot order (the groups' order of joining)
    int[] joinedAt = new int[p];
    for (int a = 0; a < 90; a++) {
      for (int k = groups.start(all[a]); k < groups.end(all[a]); k++) {
        joinedAt[k] = 2 * a + (k - groups.start(all[a]));
      }
    }
    for (int s = 1; s < cache.size(); s++) {
      assertThat(joinedAt[cache.position(s)]).isGreaterThan(joinedAt[cache.position(s - 1)]);
    }
    cache.ensure(f, all, all.length); // every group: the evicted ones return, with the others
    assertThat((long) (cache.size() - 2 * keptGroups.size()) * cache.size() * n)
        .as("the join takes the BLAS product").isGreaterThanOrEqualTo(CovarianceCache.BLAS_MIN_WORK);
    assertThat(cache.size()).isEqualTo(p);
    assertExact(f, cache);
  }

  private static void assertExact(LeastSquaresDatafit f, CovarianceCache cache) {
    int n = f.rows();
    double[] columns = f.columnsView();
    int q = cache.size();
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
        assertThat(Math.abs(entry - exact)).as("G[%d][%d] of %d", s, t, q)
            .isLessThanOrEqualTo(1e-13 * scale);
        assertThat(entry).isEqualTo(g[cache.rowOffset(t) + s]);
      }
    }
  }
}
