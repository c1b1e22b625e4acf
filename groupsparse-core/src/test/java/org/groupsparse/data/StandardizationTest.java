package org.groupsparse.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.linalg.DenseMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The column-wise standardization against the row-wise one it replaces on the path: bit for bit the
 * same means, scales, constant columns and standardized entries, on a design with constant columns
 * (one of them not exactly representable, where the computed mean differs from the value), a column
 * of signed zeros, large offsets, a column count that is not a multiple of the four-column blocks,
 * and columns held in a permuted order.
 */
class StandardizationTest {
  @ParameterizedTest
  @CsvSource({"true,true", "true,false", "false,true", "false,false"})
  void columnWiseEqualsRowWiseBitForBit(boolean center, boolean scale) {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 37;
    int p = 11;
    DenseMatrix x = TestData.gaussian(n, p, rng);
    double[] d = x.data();
    for (int i = 0; i < n; i++) {
      d[i * p + 2] = 0.1; // constant; sum / n is not exactly 0.1
      d[i * p + 5] = i % 2 == 0 ? 0.0 : -0.0; // constant
      d[i * p + 7] = 1e6 + d[i * p + 7]; // large offset
      d[i * p + 9] = i == n - 1 ? 3.0 : 2.0; // one differing row, the last
    }
    double[] y = TestData.gaussian(n, rng);
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    Dataset data = new Dataset(x, y, names, "y");
    Standardization rowWise = Standardization.fit(data, center, scale, false);
    Dataset applied = rowWise.apply(data);

    int[] featureOfColumn = {3, 0, 10, 2, 9, 5, 1, 8, 7, 4, 6};
    double[] columns = new double[n * p];
    for (int k = 0; k < p; k++) {
      for (int i = 0; i < n; i++) {
        columns[k * n + i] = d[i * p + featureOfColumn[k]];
      }
    }
    Standardization columnWise = Standardization.fitAndApplyToColumns(columns, n, featureOfColumn, y, center, scale);

    assertThat(columnWise.columnMeans()).containsExactly(rowWise.columnMeans());
    assertThat(columnWise.columnScales()).containsExactly(rowWise.columnScales());
    assertThat(columnWise.constant()).containsExactly(rowWise.constant());
    assertThat(columnWise.constant()[2]).isTrue();
    assertThat(columnWise.constant()[5]).isTrue();
    assertThat(columnWise.constant()[9]).isFalse();
    assertThat(Double.doubleToLongBits(columnWise.responseMean())).isEqualTo(Double.doubleToLongBits(rowWise.responseMean()));
    assertThat(columnWise.responseScale()).isEqualTo(rowWise.responseScale());
    for (int k = 0; k < p; k++) {
      for (int i = 0; i < n; i++) {
        assertThat(Double.doubleToLongBits(columns[k * n + i])).as("row %d feature %d", i, featureOfColumn[k])
            .isEqualTo(Double.doubleToLongBits(applied.design().data()[i * p + featureOfColumn[k]]));
      }
    }
  }
}
