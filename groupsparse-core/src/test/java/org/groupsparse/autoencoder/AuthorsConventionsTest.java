package org.groupsparse.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.groupsparse.io.AutoencoderFiles;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.synthetic.DictionarySimulator;
import org.groupsparse.synthetic.SimulatedDictionaryData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options that reproduce the authors' public MNIST code (centred inputs, a step fixed at the
 * start, a data-initialized dictionary, one-sided shrinkage) and lambda calibrated to a target
 * sparsity.
 */
class AuthorsConventionsTest {
  /** Data with a large common offset: 600 rows of dimension 40 from a 20-group dictionary, plus 3. */
  private static DenseMatrix offsetData(long seed) {
    SimulatedDictionaryData data = DictionarySimulator.generate(600, 40, 20, 2, 2, 20, seed);
    double[] v = data.data().data().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += 3;
    }
    return new DenseMatrix(600, 40, v);
  }

  @Test
  void aCentringModelEncodesTheCentredRowsAndDecodesBackToTheOriginalScale() {
    DenseMatrix y = offsetData(1);
    double[] mean = AutoencoderTrainer.columnMeans(y);
    assertThat(mean[0]).isCloseTo(3, within(0.5));
    DenseMatrix a = DictionaryStarts.random(40, 12, 2);
    AutoencoderArchitecture arch = AutoencoderArchitecture.groupSparse(12, 3, 0.5, 4).withMomentum(true);
    GroupSparseAutoencoder centring = new GroupSparseAutoencoder(arch, a, mean);
    GroupSparseAutoencoder plain = new GroupSparseAutoencoder(arch, a);
    double[] shifted = y.data().clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] -= mean[i % 40];
    }
    DenseMatrix centred = new DenseMatrix(600, 40, shifted);
    assertThat(centring.encode(y).data()).containsExactly(plain.encode(centred).data(), within(1e-12));
    assertThat(centring.loss(y)).isCloseTo(plain.loss(centred), within(1e-10));
    double[] g1 = new double[40 * 12];
    double[] g2 = new double[40 * 12];
    centring.lossAndGradient(y, g1);
    plain.lossAndGradient(centred, g2);
    assertThat(g1).containsExactly(g2, within(1e-12));
    DenseMatrix decoded = centring.decode(centring.encode(y));
    DenseMatrix decodedPlain = plain.decode(plain.encode(centred));
    for (int i = 0; i < 40; i++) {
      assertThat(decoded.get(5, i)).isCloseTo(decodedPlain.get(5, i) + mean[i], within(1e-12));
    }
  }

  @Test
  void trainingWithCentringRecordsTheMeanAndAFixedStepKeepsTheStartsAlpha() {
    DenseMatrix y = offsetData(3);
    DenseMatrix start = DictionaryStarts.random(40, 12, 4);
    AutoencoderArchitecture arch = AutoencoderArchitecture.groupSparse(12, 3, 0.2, 5);
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(arch, start);
    AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withEpochs(3).withBatchSize(50)
        .withLearningRate(1e-2).withSeed(5);
    AutoencoderFit recomputed = new AutoencoderTrainer(options).train(initial, y, null);
    AutoencoderFit fixed = new AutoencoderTrainer(options.withFixStepAtStart(true).withCenterData(true))
        .train(initial, y, null);
    assertThat(recomputed.model().architecture().stepSize()).isNaN();
    assertThat(recomputed.model().inputMean()).isNull();
    assertThat(fixed.model().architecture().stepSize()).isEqualTo(initial.stepSize());
    assertThat(fixed.model().stepSize()).isNotEqualTo(recomputed.model().stepSize()); // A moved, alpha did not
    assertThat(fixed.model().inputMean()).containsExactly(AutoencoderTrainer.columnMeans(y), within(0.0));
    // centring removes the offset the uncentred model has to spend atoms on
    assertThat(fixed.trainingLoss()[0]).isLessThan(recomputed.trainingLoss()[0]);
  }

  @Test
  void aDataInitializedDictionaryHasUnitNormAtomsProportionalToDistinctCentredRows() {
    DenseMatrix y = offsetData(6);
    double[] mean = AutoencoderTrainer.columnMeans(y);
    DenseMatrix a = DictionaryStarts.fromData(y, mean, 12, 7);
    List<Integer> rowsUsed = new ArrayList<>();
    for (int j = 0; j < 12; j++) {
      double sq = 0;
      for (int i = 0; i < 40; i++) {
        sq += a.get(i, j) * a.get(i, j);
      }
      assertThat(sq).isCloseTo(1, within(1e-12));
      int match = -1;
      for (int r = 0; r < 600 && match < 0; r++) { // the row this atom is a multiple of
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < 40; i++) {
          double c = y.get(r, i) - mean[i];
          dot += c * a.get(i, j);
          norm += c * c;
        }
        if (Math.abs(dot - Math.sqrt(norm)) < 1e-9) {
          match = r;
        }
      }
      assertThat(match).isNotNegative();
      rowsUsed.add(match);
    }
    assertThat(rowsUsed).doesNotHaveDuplicates();
    assertThat(DictionaryStarts.fromData(y, mean, 12, 7).data()).containsExactly(a.data(), within(0.0));
    assertThatThrownBy(() -> DictionaryStarts.fromData(new DenseMatrix(5, 40, new double[200]), null, 3, 1))
        .hasMessageContaining("needs 3 nonzero rows");
  }

  /**
   * Calibration meets its target on the sample it uses and on the whole training set (within a
   * tenth of a group), after training as well as before; a dead start (every code zero at the given
   * lambda) is revived; the same seed gives the same model.
   */
  @Test
  void lambdaCalibratedToATargetGivesThatManyActiveGroupsAndRevivesADeadStart() {
    SimulatedDictionaryData data = DictionarySimulator.generate(1000, 40, 20, 2, 3, 20, 8);
    DenseMatrix start = DictionaryStarts.random(40, 40, 9);
    // lambda 100 zeroes every code of this start: training alone would never begin
    AutoencoderArchitecture arch = AutoencoderArchitecture.groupSparse(40, 2, 100, 3).withMomentum(true);
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(arch, start);
    assertThat(initial.meanActiveGroups(initial.encode(data.data()))).isZero();
    AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withEpochs(4).withBatchSize(100)
        .withLearningRate(1e-2).withSeed(3).withTargetActiveGroups(3).withCalibrationInterval(5);
    List<Double> lambdas = new ArrayList<>();
    AutoencoderFit fit = new AutoencoderTrainer(options).train(initial, data.data(), view -> lambdas.add(view.lambda()));
    GroupSparseAutoencoder model = fit.model();
    assertThat(model.architecture().lambda()).isLessThan(100).isPositive();
    assertThat(model.meanActiveGroups(model.encode(data.data()))).isCloseTo(3, within(0.1));
    assertThat(fit.trainingLoss()[3]).isLessThan(fit.trainingLoss()[0]); // it trained
    assertThat(lambdas).hasSize(4).allMatch(l -> l > 0 && l < 100);
    assertThat(new java.util.HashSet<>(lambdas)).hasSizeGreaterThan(1); // recalibrated as the dictionary moved
    // the start's calibration alone, on the same data
    double atStart = AutoencoderTrainer.calibrateLambda(arch, start, data.data(), 3);
    GroupSparseAutoencoder calibrated = initial.withArchitecture(arch.withLambda(atStart));
    assertThat(calibrated.meanActiveGroups(calibrated.encode(data.data()))).isCloseTo(3, within(0.01));
    AutoencoderFit again = new AutoencoderTrainer(options).train(initial, data.data(), null);
    assertThat(again.model().dictionary().data()).containsExactly(model.dictionary().data(), within(0.0));
    assertThat(again.model().architecture().lambda()).isEqualTo(model.architecture().lambda());
    assertThatThrownBy(() -> new AutoencoderTrainer(options.withTargetActiveGroups(20)).train(initial, data.data(), null))
        .hasMessageContaining("below the number of code groups (20)");
  }

  @Test
  void modelFilesKeepTheInputMeanAndTheOneSidedShrinkage(@TempDir Path dir) throws Exception {
    DenseMatrix y = offsetData(10);
    double[] mean = AutoencoderTrainer.columnMeans(y);
    GroupSparseAutoencoder model = new GroupSparseAutoencoder(
        AutoencoderArchitecture.groupSparse(12, 3, 0.4, 3, true).withStepSize(0.1), DictionaryStarts.fromData(y, mean,
            12, 1), mean);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("c" + i);
    }
    Path file = dir.resolve("m.json");
    AutoencoderFiles.write(file, model, names, null, Map.of());
    GroupSparseAutoencoder back = AutoencoderFiles.read(file).model();
    assertThat(back.architecture().shrinkage().kind()).isEqualTo("nonnegative-group");
    assertThat(back.inputMean()).containsExactly(mean, within(0.0));
    DenseMatrix codes = back.encode(y);
    assertThat(codes.data()).containsExactly(model.encode(y).data(), within(0.0));
    for (double v : codes.data()) {
      assertThat(v).isGreaterThanOrEqualTo(0);
    }
    assertThat(back.meanActiveGroups(codes)).isPositive();
  }
}
