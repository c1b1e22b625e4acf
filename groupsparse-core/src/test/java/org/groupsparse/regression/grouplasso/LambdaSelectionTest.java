package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.junit.jupiter.api.Test;

/** Cross-validation and validation selection of lambda. */
class LambdaSelectionTest {
  private final GroupStructure groups = GroupStructure.ofSizes(3, 3, 4, 2, 3);
  private final Dataset data = GroupLassoPathTest.randomProblem(60, groups, new SplittableRandom(21));
  private final GroupLassoOptions options = GroupLassoOptions.builder().lambdaCount(20).build();

  @Test
  void curveStatisticsAndRulesFollowTheirDefinitions() {
    LambdaSelection.CrossValidation cv = LambdaSelection.crossValidate(data, groups, options, 5, 3, null);
    assertThat(cv.foldErrors()).hasNumberOfRows(5);
    for (int k = 0; k < cv.lambdas().length; k++) {
      double mean = 0;
      for (double[] f : cv.foldErrors()) {
        mean += f[k] / 5;
      }
      double var = 0;
      for (double[] f : cv.foldErrors()) {
        var += (f[k] - mean) * (f[k] - mean) / 4;
      }
      assertThat(cv.meanError()[k]).isCloseTo(mean, within(1e-12 * mean));
      assertThat(cv.standardError()[k]).isCloseTo(Math.sqrt(var / 5), within(1e-12 * mean));
      assertThat(cv.meanError()[cv.indexMin()]).isLessThanOrEqualTo(cv.meanError()[k]);
    }
    assertThat(cv.lambda1se()).isGreaterThanOrEqualTo(cv.lambdaMin());
    assertThat(cv.meanError()[cv.index1se()])
        .isLessThanOrEqualTo(cv.meanError()[cv.indexMin()] + cv.standardError()[cv.indexMin()]);
    for (int k = 0; k < cv.index1se(); k++) {
      assertThat(cv.meanError()[k]).isGreaterThan(cv.meanError()[cv.indexMin()] + cv.standardError()[cv.indexMin()]);
    }
    // the signal is strong: the null model (lambda_max) predicts worse than the chosen one
    assertThat(cv.meanError()[0]).isGreaterThan(cv.meanError()[cv.indexMin()]);
  }

  @Test
  void foldsAreSeeded() {
    LambdaSelection.CrossValidation a = LambdaSelection.crossValidate(data, groups, options, 4, 9, null);
    LambdaSelection.CrossValidation b = LambdaSelection.crossValidate(data, groups, options, 4, 9, null);
    LambdaSelection.CrossValidation c = LambdaSelection.crossValidate(data, groups, options, 4, 10, null);
    assertThat(a.meanError()).containsExactly(b.meanError());
    assertThat(a.meanError()).isNotEqualTo(c.meanError());
  }

  @Test
  void validationSelectionMinimizesTheValidationError() {
    int[] trainRows = new int[40];
    int[] valRows = new int[20];
    for (int i = 0; i < 60; i++) {
      if (i < 40) {
        trainRows[i] = i;
      } else {
        valRows[i - 40] = i;
      }
    }
    GroupLassoPathResult path = new GroupLassoPath(options).fit(data.selectRows(trainRows), groups, null);
    LambdaSelection.Validation v = LambdaSelection.onValidation(path, data.selectRows(valRows));
    for (double e : v.validationError()) {
      assertThat(v.validationError()[v.bestIndex()]).isLessThanOrEqualTo(e);
    }
    // the error of the chosen model recomputed from its predictions
    double[] pred = v.model().predict(data.selectRows(valRows).design());
    double mse = 0;
    for (int i = 0; i < 20; i++) {
      double d = pred[i] - data.response()[40 + i];
      mse += d * d / 20;
    }
    assertThat(v.validationError()[v.bestIndex()]).isCloseTo(mse, within(1e-10 * mse));
  }

  @Test
  void foldCountsOutsideTwoToNAreRejected() {
    assertThatThrownBy(() -> LambdaSelection.crossValidate(data, groups, options, 1, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'folds'");
    assertThatThrownBy(() -> LambdaSelection.crossValidate(data, groups, options, 61, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most the number of rows");
  }
}
