package org.groupsparse.autoencoder;

import java.util.SplittableRandom;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.util.DivergenceException;

/**
 * Trains the dictionary of a tied-weight autoencoder on eq. (13) of Theodosis et al. by exact
 * gradients through the encoder (backpropagation through the T unfolded steps in the Gram form
 * of {@code UnfoldedNetwork}), with Adam or plain gradient descent (eq. 14), full batch or seeded
 * mini-batches, optionally renormalizing A's columns after each step; the passes in float64 or
 * float32 ({@link Precision}; the dictionary and Adam state stay float64). Deterministic for a given
 * seed, input and precision.
 */
public final class AutoencoderTrainer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  private final AutoencoderTrainingOptions options;

  /** @param options training configuration */
  public AutoencoderTrainer(AutoencoderTrainingOptions options) {
    this.options = options;
  }

  /**
   * Trains from an initial model.
   *
   * @param initial the encoder and the starting dictionary
   * @param data Y, N x n, finite, N at least 1
   * @param listener per-epoch progress, or null
   * @return the trained model and the loss per epoch
   * @throws DivergenceException if the loss stops being finite (step too large)
   */
  public AutoencoderFit train(GroupSparseAutoencoder initial, DenseMatrix data, AutoencoderListener listener) {
    initial.checkData(data);
    int rows = data.rows();
    if (rows == 0) {
      throw new IllegalArgumentException("autoencoder training: no data rows");
    }
    int n = initial.inputDimension();
    int m = initial.codeLength();
    int batch = options.batchSize() == 0 ? rows : Math.min(options.batchSize(), rows);
    int chunk = Math.min(batch, options.chunkRows());
    BatchGradient gradient = options.precision() == Precision.FLOAT32
        ? new FloatBatchGradient(new FloatUnfoldedNetwork(initial.architecture(), n, chunk), data.data(), n, batch, rows)
        : new DoubleBatchGradient(new UnfoldedNetwork(initial.architecture(), n, chunk), data.data(), n, batch, rows);
    double[] a = initial.dictionary().data();
    double[] grad = new double[n * m];
    double[] first = options.optimizer() == Optimizer.ADAM ? new double[n * m] : null;
    double[] second = options.optimizer() == Optimizer.ADAM ? new double[n * m] : null;
    boolean shuffle = batch < rows;
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(options.seed());
    double[] losses = new double[options.epochs()];
    long step = 0;
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      if (shuffle) {
        for (int i = rows - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
      double lossSum = 0;
      int steps = 0;
      for (int start = 0; start < rows; start += batch) {
        int b = Math.min(batch, rows - start);
        java.util.Arrays.fill(grad, 0);
        double loss = gradient.lossAndGradient(a, shuffle ? order : null, start, b, grad);
        if (!Double.isFinite(loss)) {
          throw new DivergenceException("autoencoder training diverged at epoch " + (epoch + 1)
              + " (the loss is not finite); use a smaller learning rate");
        }
        lossSum += loss;
        steps++;
        step++;
        update(a, grad, first, second, step);
        if (options.normalizeColumns()) {
          normalizeColumns(a, n, m);
        }
      }
      losses[epoch] = lossSum / steps;
      if (listener != null) {
        int e = epoch + 1;
        double value = losses[epoch];
        listener.onEpoch(new EpochView() {
          @Override
          public int epoch() {
            return e;
          }

          @Override
          public int epochs() {
            return options.epochs();
          }

          @Override
          public double trainingLoss() {
            return value;
          }

          @Override
          public DenseMatrix dictionary() {
            return new DenseMatrix(n, m, a.clone());
          }
        });
      }
    }
    return new AutoencoderFit(initial.withDictionary(new DenseMatrix(n, m, a)), losses);
  }

  private void update(double[] a, double[] grad, double[] first, double[] second, long step) {
    double lr = options.learningRate();
    if (first == null) {
      for (int i = 0; i < a.length; i++) {
        a[i] -= lr * grad[i];
      }
      return;
    }
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = Math.sqrt(1 - Math.pow(BETA2, step));
    for (int i = 0; i < a.length; i++) {
      double g = grad[i];
      first[i] = BETA1 * first[i] + (1 - BETA1) * g;
      second[i] = BETA2 * second[i] + (1 - BETA2) * g * g;
      a[i] -= lr * (first[i] / c1) / (Math.sqrt(second[i]) / c2 + EPSILON);
    }
  }

  static void normalizeColumns(double[] a, int n, int m) {
    double[] norms = new double[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double v = a[i * m + j];
        norms[j] += v * v;
      }
    }
    for (int j = 0; j < m; j++) {
      norms[j] = norms[j] > 0 ? 1 / Math.sqrt(norms[j]) : 0;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        if (norms[j] > 0) {
          a[i * m + j] *= norms[j];
        }
      }
    }
  }

  /** One step's loss and gradient on rows order[start .. start + b) (all rows in place if order is null). */
  private interface BatchGradient {
    double lossAndGradient(double[] a, int[] order, int start, int b, double[] grad);
  }

  private static final class DoubleBatchGradient implements BatchGradient {
    private final UnfoldedNetwork net;
    private final double[] y;
    private final int n;
    private final double[] buffer;

    DoubleBatchGradient(UnfoldedNetwork net, double[] y, int n, int batch, int rows) {
      this.net = net;
      this.y = y;
      this.n = n;
      this.buffer = batch < rows ? new double[batch * n] : null;
    }

    @Override
    public double lossAndGradient(double[] a, int[] order, int start, int b, double[] grad) {
      double[] source = y;
      if (order != null) {
        for (int i = 0; i < b; i++) {
          System.arraycopy(y, order[start + i] * n, buffer, i * n, n);
        }
        source = buffer;
      }
      net.prepare(a);
      return net.lossAndGradient(a, source, b, 1.0 / b, grad);
    }
  }

  private static final class FloatBatchGradient implements BatchGradient {
    private final FloatUnfoldedNetwork net;
    private final float[] y;
    private final int n;
    private final float[] buffer;

    FloatBatchGradient(FloatUnfoldedNetwork net, double[] data, int n, int batch, int rows) {
      this.net = net;
      this.y = new float[data.length];
      for (int i = 0; i < data.length; i++) {
        y[i] = (float) data[i];
      }
      this.n = n;
      this.buffer = batch < rows ? new float[batch * n] : null;
    }

    @Override
    public double lossAndGradient(double[] a, int[] order, int start, int b, double[] grad) {
      float[] source = y;
      if (order != null) {
        for (int i = 0; i < b; i++) {
          System.arraycopy(y, order[start + i] * n, buffer, i * n, n);
        }
        source = buffer;
      }
      net.prepare(a);
      return net.lossAndGradient(source, b, 1.0 / b, grad);
    }
  }
}
