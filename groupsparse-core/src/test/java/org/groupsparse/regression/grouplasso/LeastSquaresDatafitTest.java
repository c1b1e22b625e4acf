package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.junit.jupiter.api.Test;

/** The path's datafit of the standardized data, built column by column, against the row-major route. */
class LeastSquaresDatafitTest {
  @Test
  void standardizedColumnsEqualTheStandardizedCopyTransposed() {
    SplittableRandom rng = new SplittableRandom(6);
    int n = 70; // not a multiple of the transposition's tiles
    int p = 45;
    GroupStructure groups = TestData.randomGroups(p, 9, rng); // scattered members: a permuted column order
    Dataset data = GroupLassoPathTest.randomProblem(n, groups, rng);
    Standardization std = Standardization.fit(data, true, true, false);
    Dataset t = std.apply(data);
    LeastSquaresDatafit reference = new LeastSquaresDatafit(t.design(), t.response(), groups);
    LeastSquaresDatafit.Standardized s = LeastSquaresDatafit.standardized(data, groups, true, true);
    assertThat(s.datafit().columnsView()).containsExactly(reference.columnsView());
    assertThat(s.datafit().response()).containsExactly(reference.response());
    assertThat(s.standardization().columnMeans()).containsExactly(std.columnMeans());
    assertThat(s.standardization().columnScales()).containsExactly(std.columnScales());
    assertThat(s.standardization().responseMean()).isEqualTo(std.responseMean());
    for (int l = 0; l < groups.groupCount(); l++) {
      assertThat(s.datafit().blockLipschitz(l)).isEqualTo(reference.blockLipschitz(l));
    }
  }
}
