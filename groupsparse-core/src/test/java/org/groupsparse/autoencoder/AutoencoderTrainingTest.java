package org.groupsparse.autoencoder;

import org.groupsparse.synthetic.DictionaryMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.groupsparse.util.InputException;
import org.groupsparse.io.AutoencoderFiles;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import org.groupsparse.synthetic.DictionarySimulator;
import org.groupsparse.synthetic.SimulatedDictionaryData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderTrainingTest {

  @Test
  void oneShallowStepRecoversTheSupportWhenLambdaIsInsideLemma1sInterval() {
    // noiseless, A = A* (delta = 0); interval with the factor d that makes proposition 2 rigorous
    SimulatedDictionaryData data = DictionarySimulator.generate(400, 1200, 10, 2, 2, Double.POSITIVE_INFINITY, 3);
    double mu = DictionaryMetrics.blockCoherence(data.dictionary(), data.groups());
    double cross = 2 * DictionarySimulator.MAX_GROUP_NORM * (2 * mu);
    double low = cross;
    double high = DictionarySimulator.MIN_GROUP_NORM - cross;
    assertThat(low).isLessThan(high);
    for (double lambda : new double[] {low + 1e-9, 0.5 * (low + high), high - 1e-9}) {
      GroupSparseAutoencoder ae = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(20, 2, lambda, 1),
          data.dictionary());
      assertThat(DictionaryMetrics.supportRecoveryRate(ae.encode(data.data()), data.groups(), data.support()))
          .isEqualTo(1.0);
    }
    // far outside: everything or nothing passes
    GroupSparseAutoencoder tooLow = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(20, 2, 0, 1),
        data.dictionary());
    assertThat(DictionaryMetrics.supportRecoveryRate(tooLow.encode(data.data()), data.groups(), data.support()))
        .isZero();
    GroupSparseAutoencoder tooHigh = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(20, 2, 6, 1),
        data.dictionary());
    assertThat(DictionaryMetrics.supportRecoveryRate(tooHigh.encode(data.data()), data.groups(), data.support()))
        .isZero();
  }

  @Test
  void shortTrainingRunStrictlyLowersTheDistanceToTheGenerator() {
    SimulatedDictionaryData data = DictionarySimulator.generate(1500, 60, 15, 2, 2, 20, 4);
    DenseMatrix start = DictionarySimulator.perturb(data.dictionary(), 0.6, 5);
    assertThat(DictionaryMetrics.meanColumnCorrelation(start, data.dictionary())).isCloseTo(0.6,
        org.assertj.core.api.Assertions.within(1e-9));
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(30, 2, 2.0, 1),
        start);
    List<Double> distances = new ArrayList<>();
    AutoencoderFit fit = new AutoencoderTrainer(AutoencoderTrainingOptions.defaults().withEpochs(40)
        .withLearningRate(1e-2).withBatchSize(100).withSeed(1)).train(initial, data.data(),
            view -> distances.add(DictionaryMetrics.normalizedDistance(view.dictionary(), data.dictionary())));
    double before = DictionaryMetrics.normalizedDistance(start, data.dictionary());
    double after = DictionaryMetrics.normalizedDistance(fit.model().dictionary(), data.dictionary());
    assertThat(after).isLessThan(0.5 * before);
    assertThat(fit.trainingLoss()[39]).isLessThan(fit.trainingLoss()[0]);
    assertThat(distances).hasSize(40);
  }

  @Test
  void sameSeedGivesTheSameDictionaryAndDifferentSeedsShuffleDifferently() {
    SimulatedDictionaryData data = DictionarySimulator.generate(300, 20, 6, 2, 1, 10, 6);
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(12, 2, 1.0, 3),
        DictionarySimulator.perturb(data.dictionary(), 0.5, 1));
    AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withEpochs(3).withBatchSize(32);
    double[] a = new AutoencoderTrainer(options).train(initial, data.data(), null).model().dictionary().data();
    double[] b = new AutoencoderTrainer(options).train(initial, data.data(), null).model().dictionary().data();
    double[] c = new AutoencoderTrainer(options.withSeed(9)).train(initial, data.data(), null).model().dictionary()
        .data();
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void gradientDescentStepMatchesTheGradient() {
    SimulatedDictionaryData data = DictionarySimulator.generate(50, 10, 4, 2, 1, 10, 7);
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(8, 2, 0.5, 2),
        DictionarySimulator.perturb(data.dictionary(), 0.7, 2));
    double[] grad = new double[80];
    initial.lossAndGradient(data.data(), grad);
    double[] after = new AutoencoderTrainer(AutoencoderTrainingOptions.defaults().withEpochs(1)
        .withOptimizer(Optimizer.GRADIENT_DESCENT).withLearningRate(0.1)).train(initial, data.data(), null).model()
        .dictionary().data();
    double[] before = initial.dictionary().data();
    for (int i = 0; i < 80; i++) {
      assertThat(after[i]).isCloseTo(before[i] - 0.1 * grad[i], org.assertj.core.api.Assertions.within(1e-14));
    }
  }

  @Test
  void badInputIsRejectedWithClearMessages() {
    assertThatThrownBy(() -> AutoencoderArchitecture.groupSparse(10, 3, 1, 1)).hasMessageContaining(
        "group size 3 does not divide the code length 10");
    assertThatThrownBy(() -> AutoencoderArchitecture.groupSparse(10, 2, -1, 1)).hasMessageContaining("'lambda'");
    assertThatThrownBy(() -> AutoencoderArchitecture.groupSparse(10, 2, 1, 0)).hasMessageContaining("'layers'");
    GroupSparseAutoencoder ae = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(4, 2, 1, 1),
        new DenseMatrix(3, 4, new double[12]));
    assertThatThrownBy(() -> ae.encode(new DenseMatrix(2, 5, new double[10])))
        .isInstanceOf(DimensionMismatchException.class).hasMessageContaining("5 columns").hasMessageContaining("3 rows");
    double[] bad = new double[6];
    bad[4] = Double.NaN;
    assertThatThrownBy(() -> ae.encode(new DenseMatrix(2, 3, bad))).hasMessageContaining("row 2, column 2");
    assertThatThrownBy(() -> new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(4, 2, 1, 1),
        new DenseMatrix(3, 6, new double[18]))).hasMessageContaining("6 columns");
  }

  @Test
  void modelFilesRoundTripByteForByteAndRejectTruncation(@TempDir Path dir) throws Exception {
    SimulatedDictionaryData data = DictionarySimulator.generate(20, 5, 3, 2, 1, 10, 8);
    GroupSparseAutoencoder ae = new GroupSparseAutoencoder(AutoencoderArchitecture.groupSparse(6, 2, 0.7, 4)
        .withMomentum(true).withStepSize(0.05), data.dictionary());
    List<String> names = List.of("a", "b", "c", "d", "e");
    Path file = dir.resolve("m.json");
    AutoencoderFiles.write(file, ae, names, new double[] {2, 1}, Map.of("seed", 1));
    AutoencoderFiles.Loaded back = AutoencoderFiles.read(file);
    assertThat(back.inputNames()).isEqualTo(names);
    assertThat(back.model().dictionary().data()).isEqualTo(ae.dictionary().data());
    assertThat(back.model().architecture().lambda()).isEqualTo(0.7);
    assertThat(back.model().architecture().momentum()).isTrue();
    assertThat(back.model().encode(data.data()).data()).isEqualTo(ae.encode(data.data()).data());
    Path again = dir.resolve("again.json");
    AutoencoderFiles.write(again, back.model(), names, new double[] {2, 1}, Map.of("seed", 1));
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    byte[] bytes = Files.readAllBytes(file);
    for (int cut = 0; cut < bytes.length - 2; cut += 7) {
      Path t = dir.resolve("t.json");
      Files.write(t, java.util.Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> AutoencoderFiles.read(t)).isInstanceOf(InputException.class);
    }
  }
}
