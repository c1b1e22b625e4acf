package org.groupsparse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.groupsparse.data.BundledData;
import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.Problem;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.util.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of the README, as written there (it must compile and run). */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExampleFitsAndSaves() throws Exception {
    Path modelFile = dir.resolve("model.json");
    // --- README example begins
    Dataset data = BundledData.bardet(); // or CsvDatasetReader.forTraining("y", Set.of()).read(Path.of("train.csv"))
    GroupStructure groups = GroupSpecs.parse("prefix:_", data.featureNames());
    Problem problem = Problem.holdOut(data, groups, Problem.DEFAULT_VALIDATION_FRACTION, 0);
    FitResult<GroupLinearModel> fit = new DglnnTrainer(DglnnOptions.builder().build()).fit(problem,
        TrainingListener.NONE);
    GroupLinearModel model = fit.model(); // model.selectedGroups(), model.predict(design), fit.convergence()
    ModelFiles.write(AtomicFiles.DIRECT, modelFile, fit, Map.of("data", "bardet"));
    // --- README example ends
    assertThat(model.selectedGroups()).isNotEmpty();
    assertThat(fit.convergence().converged()).isTrue();
    GroupLinearModel back = ModelFiles.read(modelFile).model();
    assertThat(back.coefficients()).containsExactly(model.coefficients());
  }
}
