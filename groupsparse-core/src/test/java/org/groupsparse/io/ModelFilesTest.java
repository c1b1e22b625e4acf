package org.groupsparse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groupsparse.util.InputException;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.StopReason;
import org.groupsparse.regression.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  @Test
  void roundTripKeepsEverythingAPredictionNeeds(@TempDir Path dir) throws Exception {
    GroupStructure g = GroupStructure.ofLabels(List.of("b", "a", "b"));
    GroupLinearModel m = new GroupLinearModel("dglnn", "y", List.of("x1", "x2", "x3"), g, new double[] {1.5, 0, -2},
        0.25, new double[] {3, 1e-12}, new boolean[] {true, false});
    TrainingHistory h = new TrainingHistory(new double[] {2, 1}, new double[] {3, 2}, 1, -1, 1, StopReason.MAX_ITERATIONS);
    Path f = dir.resolve("m.json");
    ModelFiles.write(f, m, h, Map.of("alpha", 1e-6));
    ModelFiles.Loaded back = ModelFiles.read(f);
    assertThat(back.model().coefficients()).containsExactly(1.5, 0, -2);
    assertThat(back.model().intercept()).isEqualTo(0.25);
    assertThat(back.model().groups()).isEqualTo(g);
    assertThat(back.model().selectedGroups()).containsExactly("b");
    assertThat(back.history().validationLoss()).containsExactly(3, 2);
    assertThat(back.history().switchIteration()).isEqualTo(-1);
    // truncating the file anywhere gives an InputException, never a half-read model
    byte[] bytes = Files.readAllBytes(f);
    for (int cut = 0; cut < bytes.length - 2; cut += 7) {
      Path t = dir.resolve("t.json");
      Files.write(t, java.util.Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> ModelFiles.read(t)).isInstanceOf(InputException.class);
    }
  }
}
