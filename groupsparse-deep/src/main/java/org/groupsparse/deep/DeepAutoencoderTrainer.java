package org.groupsparse.deep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;

/**
 * Trains a {@link ConvAutoencoder} with Adam on shuffled mini-batches (IRMAE's recipe).
 *
 * <p>Losses, per mini-batch B of images x with reconstructions x':
 *
 * <ul>
 *   <li>AE, IRMAE, GAE: the mean squared error over pixels, (1 / (|B| 32^2)) sum (x' - x)^2 (PyTorch's
 *       {@code MSELoss}).
 *   <li>VAE: per image the binary cross-entropy summed over pixels plus beta times KL(N(mean,
 *       diag exp(log-var)) || N(0, I)) = -(1/2) sum (1 + log-var - mean^2 - exp(log-var)), averaged over
 *       the batch. The cross-entropy is computed from the logits, max(l, 0) - l x + log(1 + exp(-|l|)),
 *       so it stays finite at saturated pixels.
 * </ul>
 *
 * <p>Reproducibility: the engine's generator is seeded with the options' seed before the weights
 * are drawn, and the shuffles use {@link Random} with the same seed, so one seed gives the same
 * weights on one machine and thread count.
 */
public final class DeepAutoencoderTrainer {
  private static final String ENGINE = "PyTorch";
  private static final int PIXELS = ConvAutoencoder.SIDE * ConvAutoencoder.SIDE;

  private DeepAutoencoderTrainer() {}

  /**
   * Trains a model.
   *
   * @param spec the latent space
   * @param images count x 32 x 32 pixels in [0, 1], image after image
   * @param count images
   * @param options settings
   * @param listener progress
   * @return the trained model (close it to free native memory)
   */
  public static TrainedAutoencoder train(LatentModel spec, float[] images, int count, DeepTrainingOptions options,
      DeepTrainingListener listener) {
    if (count < 1 || images.length != (long) count * PIXELS) {
      throw new IllegalArgumentException("expected " + count + " images of 32 x 32 pixels, got " + images.length
          + " values");
    }
    Engine engine = Engine.getEngine(ENGINE);
    ai.djl.pytorch.jni.JniUtils.setNumThreads(options.threads());
    engine.setRandomSeed((int) options.seed());
    Model model = Model.newInstance(spec.label(), Device.cpu(), ENGINE);
    boolean done = false;
    try {
      ConvAutoencoder block = new ConvAutoencoder(spec);
      model.setBlock(block);
      Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) options.learningRate())).build();
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
          .optDevices(new Device[] {Device.cpu()});
      int batchSize = Math.min(options.batchSize(), count);
      int batches = (count + batchSize - 1) / batchSize;
      double[] epochLoss = new double[options.epochs()];
      float[] buffer = new float[batchSize * PIXELS];
      int[] order = new int[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
      Random random = new Random(options.seed());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batchSize, 1, ConvAutoencoder.SIDE, ConvAutoencoder.SIDE));
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
          shuffle(order, random);
          double sum = 0;
          for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int size = Math.min(batchSize, count - from);
            for (int i = 0; i < size; i++) {
              System.arraycopy(images, order[from + i] * PIXELS, buffer, i * PIXELS, PIXELS);
            }
            double value;
            try (NDManager scope = model.getNDManager().newSubManager()) {
              NDArray x = scope.create(size == batchSize ? buffer : java.util.Arrays.copyOf(buffer, size * PIXELS),
                  new Shape(size, 1, ConvAutoencoder.SIDE, ConvAutoencoder.SIDE));
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                NDArray loss = loss(spec, out, x, options.klWeight());
                collector.backward(loss);
                value = loss.getFloat();
              }
              trainer.step();
            }
            if (!Double.isFinite(value)) {
              throw new ArithmeticException(spec.label() + ": the training loss became " + value + " in epoch "
                  + (epoch + 1));
            }
            sum += value * size;
            listener.batch(epoch, b, batches, value);
          }
          epochLoss[epoch] = sum / count;
        }
      }
      done = true;
      return new TrainedAutoencoder(model, block, epochLoss);
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  static NDArray loss(LatentModel spec, NDList out, NDArray x, double klWeight) {
    if (spec.kind() != LatentModel.Kind.VAE) {
      return out.get(0).sub(x).square().mean();
    }
    long size = x.getShape().get(0);
    NDArray mean = out.get(1);
    NDArray logVariance = out.get(2);
    NDArray logits = out.get(3);
    NDArray crossEntropy = logits.maximum(0f).sub(logits.mul(x)).add(ai.djl.nn.Activation.softPlus(logits.abs().neg())).sum();
    NDArray kl = logVariance.add(1f).sub(mean.square()).sub(logVariance.exp()).sum().mul(-0.5f);
    return crossEntropy.add(kl.mul((float) klWeight)).div((float) size);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
