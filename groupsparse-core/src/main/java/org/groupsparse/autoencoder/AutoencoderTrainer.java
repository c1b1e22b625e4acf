package org.groupsparse.autoencoder;

import java.util.SplittableRandom;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.util.DivergenceException;

/**
 * Trains the dictionary of a tied-weight autoencoder on eq. (13) of Theodosis et al. by exact
 * gradients through the encoder (backpropagation through the T unfolded steps in the Gram form
 * of {@code DoubleUnfoldedNetwork}), with Adam or plain gradient descent (eq. 14), full batch or seeded
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
   * <p>With {@link AutoencoderTrainingOptions#centerData()} the model gains the training mean of
   * every column as its input mean (unless it has one already) and training sees the centred rows;
   * with {@link AutoencoderTrainingOptions#fixStepAtStart()} an automatic alpha is resolved once for
   * the initial dictionary and kept; with a {@link AutoencoderTrainingOptions#targetActiveGroups()}
   * lambda is recalibrated (see {@link #calibrateLambda}) before the first step, every
   * {@link AutoencoderTrainingOptions#calibrationInterval()} steps and after the last.
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
    int groupCount = initial.codeGroups().groupCount();
    if (options.calibratesLambda() && options.targetActiveGroups() >= groupCount) {
      throw new IllegalArgumentException("autoencoder training: the target of " + options.targetActiveGroups()
          + " active groups per code must be below the number of code groups (" + groupCount + ")");
    }
    GroupSparseAutoencoder model = initial;
    if (options.centerData() && model.inputMean() == null) {
      model = model.withInputMean(columnMeans(data));
    }
    AutoencoderArchitecture arch = model.architecture();
    if (options.fixStepAtStart() && Double.isNaN(arch.stepSize())) {
      arch = arch.withStepSize(model.stepSize());
    }
    double[] mean = model.inputMean();
    double[] a = model.dictionary().data();
    DenseMatrix sample = options.calibratesLambda() ? calibrationSample(model.centred(data), options.seed()) : null;
    if (sample != null) {
      arch = arch.withLambda(calibrateLambda(arch, new DenseMatrix(n, m, a), sample, options.targetActiveGroups()));
    }
    int batch = options.batchSize() == 0 ? rows : Math.min(options.batchSize(), rows);
    int chunk = Math.min(batch, options.chunkRows());
    BatchGradient gradient = batchGradient(arch, data, mean, n, batch, chunk, rows);
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
        if (sample != null && step % options.calibrationInterval() == 0) {
          double lambda = calibrateLambda(arch, new DenseMatrix(n, m, a), sample, options.targetActiveGroups());
          if (lambda != arch.lambda()) {
            arch = arch.withLambda(lambda);
            gradient = gradient.with(arch);
          }
        }
      }
      losses[epoch] = lossSum / steps;
      if (listener != null) {
        int e = epoch + 1;
        double value = losses[epoch];
        double lambda = arch.lambda();
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
          public double lambda() {
            return lambda;
          }

          @Override
          public DenseMatrix dictionary() {
            return new DenseMatrix(n, m, a.clone());
          }
        });
      }
    }
    if (sample != null) {
      arch = arch.withLambda(calibrateLambda(arch, new DenseMatrix(n, m, a), sample, options.targetActiveGroups()));
    }
    return new AutoencoderFit(new GroupSparseAutoencoder(arch, new DenseMatrix(n, m, a), mean), losses);
  }

  private BatchGradient batchGradient(AutoencoderArchitecture arch, DenseMatrix data, double[] mean, int n, int batch,
      int chunk, int rows) {
    return options.precision() == Precision.FLOAT32
        ? new BatchGradientFloat(new FloatUnfoldedNetwork(arch, n, chunk), floats(data.data(), mean), n, batch, rows)
        : new BatchGradientDouble(new DoubleUnfoldedNetwork(arch, n, chunk), mean == null ? data.data()
            : centred(data.data(), mean), n, batch, rows);
  }

  /**
   * The threshold lambda at which the codes of a sample have the target number of active groups
   * on average, for a fixed dictionary: the mean count is non-increasing in lambda for the shallow
   * encoder (and in practice for the unfolded ones), so a bracket [lo, hi] with
   * count(lo) &gt; target &gt;= count(hi) is found by doubling from the architecture's lambda and
   * narrowed by bisection on log lambda to a ratio hi/lo of at most 1 + {@value #CALIBRATION_RATIO};
   * of the two ends, the one whose count is nearer the target is returned.
   *
   * @param arch the encoder (its lambda is the starting guess; 0 starts from 1e-3)
   * @param dictionary A
   * @param sample centred rows
   * @param target mean active groups wanted
   * @return lambda
   */
  static double calibrateLambda(AutoencoderArchitecture arch, DenseMatrix dictionary, DenseMatrix sample,
      double target) {
    GroupSparseAutoencoder probe = new GroupSparseAutoencoder(arch, dictionary);
    double guess = arch.lambda() > 0 ? arch.lambda() : 1e-3;
    double lo = guess;
    double hi = guess;
    double countLo = activeAt(probe, lo, sample);
    double countHi = countLo;
    int doublings = 0;
    while (countLo <= target) { // lower lo until more than target groups are active
      if (++doublings > MAX_DOUBLINGS) {
        throw new IllegalArgumentException("autoencoder training: no lambda above " + lo + " leaves " + target
            + " groups active on average (the codes are zero)");
      }
      hi = lo;
      countHi = countLo;
      lo /= 2;
      countLo = activeAt(probe, lo, sample);
    }
    while (countHi > target) { // raise hi until at most target groups are active
      if (++doublings > MAX_DOUBLINGS) {
        throw new IllegalArgumentException("autoencoder training: no lambda below " + hi + " makes the codes sparse"
            + " enough for " + target + " active groups on average");
      }
      lo = hi;
      countLo = countHi;
      hi *= 2;
      countHi = activeAt(probe, hi, sample);
    }
    while (hi / lo > 1 + CALIBRATION_RATIO) {
      double mid = Math.sqrt(lo * hi);
      double count = activeAt(probe, mid, sample);
      if (count > target) {
        lo = mid;
        countLo = count;
      } else {
        hi = mid;
        countHi = count;
      }
    }
    return countLo - target < target - countHi ? lo : hi;
  }

  private static final double CALIBRATION_RATIO = 1e-3;
  private static final int MAX_DOUBLINGS = 200;

  private static double activeAt(GroupSparseAutoencoder probe, double lambda, DenseMatrix sample) {
    GroupSparseAutoencoder at = probe.withArchitecture(probe.architecture().withLambda(lambda));
    return at.meanActiveGroups(at.encode(sample));
  }

  /** A fixed sample of at most {@link AutoencoderTrainingOptions#CALIBRATION_ROWS} rows, drawn from the seed. */
  private static DenseMatrix calibrationSample(DenseMatrix data, long seed) {
    int rows = data.rows();
    int take = Math.min(rows, AutoencoderTrainingOptions.CALIBRATION_ROWS);
    int[] index = new int[rows];
    for (int i = 0; i < rows; i++) {
      index[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < take; i++) { // partial Fisher-Yates
      int j = i + rng.nextInt(rows - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    java.util.Arrays.sort(index, 0, take);
    int n = data.cols();
    double[] out = new double[take * n];
    for (int i = 0; i < take; i++) {
      System.arraycopy(data.data(), index[i] * n, out, i * n, n);
    }
    return new DenseMatrix(take, n, out);
  }

  /**
   * @param data rows, N x n
   * @return the mean of every column
   */
  public static double[] columnMeans(DenseMatrix data) {
    int n = data.cols();
    double[] mean = new double[n];
    double[] v = data.data();
    for (int i = 0; i < v.length; i++) {
      mean[i % n] += v[i];
    }
    for (int j = 0; j < n; j++) {
      mean[j] /= data.rows();
    }
    return mean;
  }

  private static double[] centred(double[] y, double[] mean) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] -= mean[i % mean.length];
    }
    return out;
  }

  private static float[] floats(double[] y, double[] mean) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) (mean == null ? y[i] : y[i] - mean[i % mean.length]);
    }
    return out;
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
}
