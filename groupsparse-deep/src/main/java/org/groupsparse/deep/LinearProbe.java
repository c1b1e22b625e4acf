package org.groupsparse.deep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * A linear probe of representation quality: multinomial logistic regression (softmax of an affine
 * map) trained on the codes of a few labelled images and scored by its accuracy on held-out codes.
 * Codes are standardized with the training codes' per-channel mean and standard deviation; the
 * loss is the mean cross-entropy plus (ridge / 2) ||W||_F^2, minimized by full-batch Adam (lr 1e-2)
 * for a fixed number of steps from a seeded start.
 */
public final class LinearProbe {
  /** Full-batch Adam steps. */
  public static final int STEPS = 500;
  /** Ridge weight on the coefficients. */
  public static final double RIDGE = 1e-3;
  private static final float LEARNING_RATE = 1e-2f;

  private LinearProbe() {}

  /**
   * @param train training codes, rows of {@code width}
   * @param trainLabels their classes 0 .. classes - 1
   * @param test held-out codes
   * @param testLabels their classes
   * @param width code width
   * @param classes number of classes
   * @param seed seeds the initial weights
   * @return the fraction of held-out codes classified correctly
   */
  public static double accuracy(float[] train, int[] trainLabels, float[] test, int[] testLabels, int width,
      int classes, long seed) {
    int n = trainLabels.length;
    int m = testLabels.length;
    if (train.length != (long) n * width || test.length != (long) m * width) {
      throw new IllegalArgumentException("codes and labels disagree in count");
    }
    float[] mean = new float[width];
    float[] scale = new float[width];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < width; j++) {
        mean[j] += train[i * width + j] / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < width; j++) {
        float d = train[i * width + j] - mean[j];
        scale[j] += d * d / n;
      }
    }
    for (int j = 0; j < width; j++) {
      scale[j] = scale[j] > 1e-12f ? (float) (1 / Math.sqrt(scale[j])) : 0f;
    }
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    ai.djl.pytorch.jni.JniUtils.setNumThreads(1); // bit-reproducible; the probe is small
    try (Model model = Model.newInstance("probe", Device.cpu(), "PyTorch")) {
      Linear linear = Linear.builder().setUnits(classes).build();
      model.setBlock(linear);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(n, width));
        NDManager manager = model.getNDManager();
        float[] features = standardize(train, n, width, mean, scale);
        float[] targets = toFloat(trainLabels);
        for (int step = 0; step < STEPS; step++) {
          try (NDManager scope = manager.newSubManager();
              GradientCollector collector = trainer.newGradientCollector()) {
            NDArray x = scope.create(features, new Shape(n, width));
            NDArray y = scope.create(targets, new Shape(n));
            NDList out = trainer.forward(new NDList(x));
            NDArray loss = trainer.getLoss().evaluate(new NDList(y), out);
            NDArray weights = linear.getParameters().get("weight").getArray();
            collector.backward(loss.add(weights.square().sum().mul((float) (RIDGE / 2))));
          }
          trainer.step();
        }
        NDArray xt = manager.create(standardize(test, m, width, mean, scale), new Shape(m, width));
        long[] predicted = trainer.evaluate(new NDList(xt)).singletonOrThrow().argMax(1).toLongArray();
        int correct = 0;
        for (int i = 0; i < m; i++) {
          if (predicted[i] == testLabels[i]) {
            correct++;
          }
        }
        return (double) correct / m;
      }
    }
  }

  private static float[] standardize(float[] codes, int rows, int width, float[] mean, float[] scale) {
    float[] out = new float[codes.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < width; j++) {
        out[i * width + j] = (codes[i * width + j] - mean[j]) * scale[j];
      }
    }
    return out;
  }

  private static float[] toFloat(int[] labels) {
    float[] out = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i];
    }
    return out;
  }
}
