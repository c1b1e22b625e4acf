package org.groupsparse.regression.implicit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.implicit.DglnnCrossValidation.Result;
import org.groupsparse.regression.implicit.DglnnCrossValidation.Rule;
import org.groupsparse.synthetic.UserProblemSimulator;
import org.groupsparse.synthetic.UserProblemSimulator.Problem;
import org.groupsparse.synthetic.UserProblemSimulator.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DglnnCrossValidationTest {
  static Problem problem;
  static Result cv;

  @BeforeAll
  static void run() {
    problem = UserProblemSimulator.generate(new Settings(200, 100, 150, 2, 5, 3, 6, 3, 0.3, 0.5), 31);
    cv = DglnnCrossValidation.fit(problem.train(), problem.groups(), DglnnOptions.builder().build(), 4, 9, Rule.MIN,
        null);
  }

  @Test
  void curveIsTheMeanOfTheFoldCurvesAndTheChoiceItsMinimum() {
    int h = cv.meanError().length;
    for (double[] fold : cv.foldError()) {
      assertThat(fold).hasSize(h);
    }
    for (int t = 0; t < h; t += 37) {
      double[] at = new double[cv.folds()];
      for (int k = 0; k < cv.folds(); k++) {
        at[k] = cv.foldError()[k][t];
      }
      double mean = Arrays.stream(at).average().orElseThrow();
      double var = Arrays.stream(at).map(v -> (v - mean) * (v - mean)).sum() / (cv.folds() - 1);
      assertThat(cv.meanError()[t]).isCloseTo(mean, within(1e-12 * mean));
      assertThat(cv.standardError()[t]).isCloseTo(Math.sqrt(var / cv.folds()), within(1e-12 * mean));
    }
    double min = Arrays.stream(cv.meanError()).min().orElseThrow();
    assertThat(cv.meanError()[cv.iterationMin()]).isEqualTo(min);
    assertThat(cv.iteration1se()).isLessThanOrEqualTo(cv.iterationMin());
    assertThat(cv.meanError()[cv.iteration1se()]).isLessThanOrEqualTo(min + cv.standardError()[cv.iterationMin()]);
    if (cv.iteration1se() > 0) {
      assertThat(cv.meanError()[cv.iteration1se() - 1]).isGreaterThan(min + cv.standardError()[cv.iterationMin()]);
    }
    assertThat(cv.chosenIteration()).isEqualTo(cv.iterationMin());
    // the horizon is the latest fold's own stop
    assertThat(h - 1).isEqualTo(Arrays.stream(cv.foldStops()).max().orElseThrow());
  }

  @Test
  void aFoldCurveIsAnIndependentFitOnThatFold() {
    int[][] held = Splits.kFold(problem.train().rows(), 4, 9);
    int k = 2;
    Dataset d = problem.train();
    int h = cv.meanError().length - 1;
    DglnnOptions o = DglnnOptions.builder().stepSizeU(cv.stepSizeU()).minIterations(h).maxIterations(h).build();
    FitResult<GroupLinearModel> r = new DglnnTrainer(o).fit(d.selectRows(Splits.complement(d.rows(), held[k])),
        d.selectRows(held[k]), problem.groups(), null);
    for (int t = 0; t <= h; t += 11) {
      assertThat(2 * r.history().validationLoss()[t]).isEqualTo(cv.foldError()[k][t]);
    }
  }

  @Test
  void refitIsTheFullDataRunToTheChosenIteration() {
    DglnnOptions o = DglnnOptions.builder().stepSizeU(cv.stepSizeU()).maxIterations(cv.chosenIteration()).build();
    FitResult<GroupLinearModel> r = new DglnnTrainer(o).fit(problem.train(), null, problem.groups(), null);
    assertThat(cv.refit().model().coefficients()).containsExactly(r.model().coefficients());
    assertThat(cv.refit().history().iterations()).isEqualTo(cv.chosenIteration());
    boolean[] truth = new boolean[problem.groups().groupCount()];
    for (int g : problem.trueGroups()) {
      truth[g] = true;
    }
    assertThat(cv.refit().model().selectedMask()).isEqualTo(truth);
  }

  @Test
  void sameSeedSameResultOtherSeedOtherFolds() {
    Result again = DglnnCrossValidation.fit(problem.train(), problem.groups(), DglnnOptions.builder().build(), 4, 9,
        Rule.ONE_SE, null);
    assertThat(again.meanError()).containsExactly(cv.meanError());
    assertThat(again.chosenIteration()).isEqualTo(cv.iteration1se());
    Result other = DglnnCrossValidation.fit(problem.train(), problem.groups(), DglnnOptions.builder().build(), 4, 10,
        Rule.MIN, null);
    assertThat(other.foldError()[0]).isNotEqualTo(cv.foldError()[0]);
  }
}
