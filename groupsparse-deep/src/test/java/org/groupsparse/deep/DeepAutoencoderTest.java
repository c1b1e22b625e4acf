package org.groupsparse.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeepAutoencoderTest {
  private static float[] images(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[count * 32 * 32];
    for (int i = 0; i < count; i++) {
      // a bright bar at a random row: something an autoencoder can learn in a few steps
      int row = 4 + random.nextInt(24);
      for (int c = 4; c < 28; c++) {
        x[i * 1024 + row * 32 + c] = 1f;
        x[i * 1024 + (row + 1) * 32 + c] = 0.5f;
      }
    }
    return x;
  }

  @Test
  void transposedConvolutionMatchesItsDefinition() {
    int cin = 3;
    int cout = 2;
    int h = 3;
    int w = 4;
    SplittableRandom random = new SplittableRandom(5);
    float[][][][] kernel = new float[cin][cout][4][4];
    for (float[][][] a : kernel) {
      for (float[][] b : a) {
        for (float[] c : b) {
          for (int k = 0; k < 4; k++) {
            c[k] = (float) random.nextGaussian();
          }
        }
      }
    }
    float[] x = new float[cin * h * w];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    // definition: out[oc, r, c] = sum over input (ci, i, j) and kernel (kr, kc) with r = 2i + kr - 1, c = 2j + kc - 1
    double[] expected = new double[cout * 2 * h * 2 * w];
    for (int ci = 0; ci < cin; ci++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          for (int oc = 0; oc < cout; oc++) {
            for (int kr = 0; kr < 4; kr++) {
              for (int kc = 0; kc < 4; kc++) {
                int r = 2 * i + kr - 1;
                int c = 2 * j + kc - 1;
                if (r >= 0 && r < 2 * h && c >= 0 && c < 2 * w) {
                  expected[(oc * 2 * h + r) * 2 * w + c] += x[(ci * h + i) * w + j] * kernel[ci][oc][kr][kc];
                }
              }
            }
          }
        }
      }
    }
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      TransposedConv block = new TransposedConv(cout);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, cin, h, w));
      float[] phaseWeights = new float[4 * cout * cin * 4];
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          for (int oc = 0; oc < cout; oc++) {
            for (int ci = 0; ci < cin; ci++) {
              for (int di = 0; di < 2; di++) {
                for (int dj = 0; dj < 2; dj++) {
                  int o = (2 * a + b) * cout + oc;
                  phaseWeights[((o * cin + ci) * 2 + di) * 2 + dj] = kernel[ci][oc][3 - a - 2 * di][3 - b - 2 * dj];
                }
              }
            }
          }
        }
      }
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray array = p.getValue().getArray();
        array.set(p.getKey().endsWith("weight") ? phaseWeights : new float[(int) array.size()]);
      }
      NDArray out = block.forward(new ParameterStore(manager, false),
          new NDList(manager.create(x, new Shape(1, cin, h, w))), false).singletonOrThrow();
      assertThat(out.getShape()).isEqualTo(new Shape(1, cout, 2 * h, 2 * w));
      float[] got = out.toFloatArray();
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) got[k]).as("output %d", k).isCloseTo(expected[k], within(1e-4));
      }
    }
  }

  @Test
  void latentLayersHaveThePapersParameterCounts() {
    // table 2 of the paper with latent width 512 and l = 3: l n^2 / g
    float[] x = images(8, 1);
    DeepTrainingOptions options = new DeepTrainingOptions(1, 8, 1e-4, 0.1, 3);
    long[][] expected = {{0}, {786_432}, {196_608}, {98_304}};
    LatentModel[] models = {LatentModel.ae(512), LatentModel.irmae(512, 3), LatentModel.gae(512, 3, 4),
        LatentModel.gae(512, 3, 8)};
    for (int m = 0; m < models.length; m++) {
      assertThat(models[m].latentParameterCount()).isEqualTo(expected[m][0]);
      try (TrainedAutoencoder t = DeepAutoencoderTrainer.train(models[m], x, 8, options, DeepTrainingListener.NONE)) {
        assertThat(t.latentWeightCount()).as(models[m].label()).isEqualTo(expected[m][0]);
        assertThat(t.encode(x, 8)).hasSize(8 * 512);
        assertThat(t.decode(t.encode(x, 8), 8)).hasSize(8 * 1024);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndTrainingLowersTheLoss() {
    float[] x = images(64, 2);
    DeepTrainingOptions options = new DeepTrainingOptions(3, 16, 1e-3, 0.1, 11);
    for (LatentModel model : new LatentModel[] {LatentModel.gae(32, 2, 4), LatentModel.vae(16)}) {
      float[] first;
      double[] loss;
      double before;
      try (TrainedAutoencoder a = DeepAutoencoderTrainer.train(model, x, 64, options, DeepTrainingListener.NONE)) {
        first = a.weights();
        loss = a.epochLoss();
      }
      try (TrainedAutoencoder b = DeepAutoencoderTrainer.train(model, x, 64, options, DeepTrainingListener.NONE)) {
        assertThat(Arrays.equals(first, b.weights())).as(model.label() + ": same seed, same weights").isTrue();
        assertThat(b.epochLoss()).isEqualTo(loss);
      }
      try (TrainedAutoencoder c = DeepAutoencoderTrainer.train(model, x, 64, options.withEpochs(1),
          DeepTrainingListener.NONE)) {
        before = c.epochLoss()[0];
      }
      try (TrainedAutoencoder d = DeepAutoencoderTrainer.train(model, x, 64,
          new DeepTrainingOptions(3, 16, 1e-3, 0.1, 12), DeepTrainingListener.NONE)) {
        assertThat(Arrays.equals(first, d.weights())).as(model.label() + ": another seed").isFalse();
      }
      assertThat(loss[2]).as(model.label() + " loss falls").isLessThan(before);
    }
  }

  @Test
  void vaeLossStaysFiniteAtSaturatedLogits() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = manager.create(new float[] {0f, 1f, 1f, 0f}, new Shape(1, 4));
      NDArray logits = manager.create(new float[] {1000f, -1000f, 1000f, -1000f}, new Shape(1, 4));
      NDArray mean = manager.zeros(new Shape(1, 2));
      NDArray logVariance = manager.zeros(new Shape(1, 2));
      double loss = DeepAutoencoderTrainer.loss(LatentModel.vae(2), new NDList(logits, mean, logVariance, logits), x,
          0.1).getFloat();
      // two pixels wrong by a margin of 1000 each, two right: cross-entropy 2000, KL 0
      assertThat(loss).isCloseTo(2000, within(1e-2));
    }
  }

  @Test
  void spectrumOfLowRankCodes() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 400;
    int width = 6;
    float[] codes = new float[n * width];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      for (int j = 0; j < width; j++) {
        codes[i * width + j] = (float) (a * (j + 1) + b * (j % 2 == 0 ? 1 : -1) + 5);
      }
    }
    CodeSpectrum rankTwo = CodeSpectrum.of(codes, n, width);
    assertThat(rankTwo.numericalRank()).isEqualTo(2);
    assertThat(rankTwo.effectiveRank()).isBetween(1.0, 2.0);
    assertThat(rankTwo.normalized()[0]).isEqualTo(1.0);
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (float) random.nextGaussian();
    }
    assertThat(CodeSpectrum.of(codes, n, width).effectiveRank()).isGreaterThan(5.5);
  }

  @Test
  void linearProbeSeparatesSeparableClasses() {
    SplittableRandom random = new SplittableRandom(6);
    int width = 5;
    int n = 300;
    float[] train = new float[n * width];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < width; j++) {
        train[i * width + j] = (float) (random.nextGaussian() * 0.3 + (j == labels[i] ? 3 : 0));
      }
    }
    assertThat(LinearProbe.accuracy(train, labels, train, labels, width, 3, 1)).isGreaterThan(0.99);
    int[] shuffled = labels.clone();
    for (int i = 0; i < n; i++) {
      shuffled[i] = random.nextInt(3);
    }
    // labels unrelated to the codes: held-out accuracy near chance
    assertThat(LinearProbe.accuracy(train, shuffled, train, labels, width, 3, 1)).isLessThan(0.6);
  }

  @Test
  void resizingKeepsThirtyTwoPixelImagesAndMapsTwentyEight() {
    double[] same = new double[2 * 1024];
    Arrays.fill(same, 0.25);
    assertThat(Images.resizeTo32(same, 2, 32)).containsOnly(0.25f);
    double[] small = new double[3 * 784];
    Arrays.fill(small, 0.5);
    float[] resized = Images.resizeTo32(small, 3, 28);
    assertThat(resized).hasSize(3 * 1024);
    for (float v : resized) {
      assertThat((double) v).isCloseTo(0.5, within(1e-6));
    }
  }
}
