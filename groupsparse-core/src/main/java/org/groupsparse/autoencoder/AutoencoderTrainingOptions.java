package org.groupsparse.autoencoder;

import org.groupsparse.util.Check;

/**
 * How to train a {@link GroupSparseAutoencoder} on the loss of eq. (13) of Theodosis et al.
 * The defaults are the paper's text; {@link #authorsConventions()} gives the conventions of the
 * authors' public MNIST code.
 *
 * @param optimizer Adam (default) or gradient descent
 * @param learningRate eta &gt; 0 (default 1e-3, the paper's)
 * @param epochs passes over the data, at least 1 (default 300, the paper's)
 * @param batchSize rows per step, or 0 for full batch (default, the paper's)
 * @param seed seed of the per-epoch shuffling of mini-batches (full batch does not shuffle) and of the calibration rows
 * @param normalizeColumns rescale A's columns (the atoms) to unit norm after every step (the paper does not; the authors' public code does)
 * @param chunkRows rows processed together inside a step (memory: layers x chunk x m values); the gradient does not depend on it beyond rounding
 * @param precision arithmetic of the forward and backward passes (default float64); the dictionary and the optimizer state are kept in float64 either way
 * @param centerData subtract the training mean of every input column before encoding (the authors' MNIST code); the model keeps the mean and applies it to new data
 * @param fixStepAtStart with an automatic step size, fix alpha = 1/||A_0||_2^2 of the starting dictionary for the whole training (the authors' code) instead of recomputing it after every step (the paper's text); the model records the fixed alpha
 * @param targetActiveGroups NaN (default: lambda as given), or the mean number of active code groups per row wanted: lambda is then set by bisection on a fixed sample of training rows before the first step, every calibrationInterval steps and after the last, so that the codes of the sample have that many active groups on average (0 &lt; target &lt; number of groups)
 * @param calibrationInterval steps between two calibrations of lambda, at least 1 (default 100; only with targetActiveGroups)
 */
public record AutoencoderTrainingOptions(Optimizer optimizer, double learningRate, int epochs, int batchSize, long seed, boolean normalizeColumns, int chunkRows, Precision precision, boolean centerData, boolean fixStepAtStart, double targetActiveGroups, int calibrationInterval) {
  private static final String OWNER = "autoencoder training";
  /** Training rows (at most) on which lambda is calibrated to {@link #targetActiveGroups}. */
  public static final int CALIBRATION_ROWS = 1000;

  /**
   * Validates.
   *
   * @param optimizer Adam (default) or gradient descent
   * @param learningRate eta &gt; 0 (default 1e-3, the paper's)
   * @param epochs passes over the data, at least 1 (default 300, the paper's)
   * @param batchSize rows per step, or 0 for full batch (default, the paper's)
   * @param seed seed of the per-epoch shuffling of mini-batches (full batch does not shuffle) and of the calibration rows
   * @param normalizeColumns rescale A's columns (the atoms) to unit norm after every step (the paper does not; the authors' public code does)
   * @param chunkRows rows processed together inside a step (memory: layers x chunk x m values); the gradient does not depend on it beyond rounding
   * @param precision arithmetic of the forward and backward passes (default float64); the dictionary and the optimizer state are kept in float64 either way
   * @param centerData subtract the training mean of every input column before encoding (the authors' MNIST code); the model keeps the mean and applies it to new data
   * @param fixStepAtStart with an automatic step size, fix alpha = 1/||A_0||_2^2 of the starting dictionary for the whole training (the authors' code) instead of recomputing it after every step (the paper's text); the model records the fixed alpha
   * @param targetActiveGroups NaN (default: lambda as given), or the mean number of active code groups per row wanted: lambda is then set by bisection on a fixed sample of training rows before the first step, every calibrationInterval steps and after the last, so that the codes of the sample have that many active groups on average (0 &lt; target &lt; number of groups)
   * @param calibrationInterval steps between two calibrations of lambda, at least 1 (default 100; only with targetActiveGroups)
   */
  public AutoencoderTrainingOptions {
    Check.argument(optimizer != null, "autoencoder training: an optimizer is required");
    Check.inRange("learningRate", OWNER, learningRate, 0, Double.POSITIVE_INFINITY, Check.Bounds.OPEN);
    Check.atLeast("epochs", OWNER, epochs, 1);
    Check.atLeast("batchSize", OWNER, batchSize, 0);
    Check.atLeast("chunkRows", OWNER, chunkRows, 1);
    Check.argument(precision != null, "autoencoder training: a precision is required");
    if (!Double.isNaN(targetActiveGroups)) {
      Check.inRange("targetActiveGroups", OWNER, targetActiveGroups, 0, Double.POSITIVE_INFINITY, Check.Bounds.OPEN);
    }
    Check.atLeast("calibrationInterval", OWNER, calibrationInterval, 1);
  }

  /**
   * The paper's text: Adam, 1e-3, 300 epochs, full batch, seed 0, no normalization, chunks of 1024
   * rows, float64, raw data, alpha recomputed after every step, lambda as given.
   *
   * @return the defaults
   */
  public static AutoencoderTrainingOptions defaults() {
    return new AutoencoderTrainingOptions(Optimizer.ADAM, 1e-3, 300, 0, 0, false, 1024, Precision.FLOAT64, false, false,
        Double.NaN, 100);
  }

  /**
   * The conventions of the authors' public MNIST code where they differ from {@link #defaults()}:
   * mini-batches of 64, atoms renormalized to unit norm after every step, centred data, alpha fixed
   * at the start (combine with FISTA momentum in the architecture).
   *
   * @return those options
   */
  public static AutoencoderTrainingOptions authorsConventions() {
    return defaults().withBatchSize(64).withNormalizeColumns(true).withCenterData(true).withFixStepAtStart(true);
  }

  /** @return whether lambda is calibrated to a target number of active groups */
  public boolean calibratesLambda() {
    return !Double.isNaN(targetActiveGroups);
  }

  /**
   * @param v optimizer
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withOptimizer(Optimizer v) {
    return new AutoencoderTrainingOptions(v, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v learningRate
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withLearningRate(double v) {
    return new AutoencoderTrainingOptions(optimizer, v, epochs, batchSize, seed, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v epochs
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withEpochs(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, v, batchSize, seed, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v batchSize
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withBatchSize(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, v, seed, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v seed
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withSeed(long v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, v, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v normalizeColumns
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withNormalizeColumns(boolean v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, v, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v chunkRows
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withChunkRows(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, v, precision, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v precision
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withPrecision(Precision v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, v, centerData, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v centerData
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withCenterData(boolean v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, precision, v, fixStepAtStart, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v fixStepAtStart
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withFixStepAtStart(boolean v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, precision, centerData, v, targetActiveGroups, calibrationInterval);
  }

  /**
   * @param v targetActiveGroups
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withTargetActiveGroups(double v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, v, calibrationInterval);
  }

  /**
   * @param v calibrationInterval
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withCalibrationInterval(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, precision, centerData, fixStepAtStart, targetActiveGroups, v);
  }
}
