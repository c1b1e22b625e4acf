package org.groupsparse.autoencoder;

import org.groupsparse.util.Check;

/**
 * How to train a {@link GroupSparseAutoencoder} on the loss of eq. (13).
 *
 * @param optimizer Adam (default) or gradient descent
 * @param learningRate eta &gt; 0 (default 1e-3, the paper's)
 * @param epochs passes over the data, at least 1 (default 300, the paper's)
 * @param batchSize rows per step, or 0 for full batch (default, the paper's)
 * @param seed seed of the per-epoch shuffling of mini-batches (full batch does not shuffle)
 * @param normalizeColumns rescale A's columns to unit norm after every step (the paper does not)
 * @param chunkRows rows processed together inside a step (memory: layers x chunk x m values); the
 *     gradient does not depend on it beyond rounding
 * @param precision arithmetic of the forward and backward passes (default float64); the dictionary
 *     and the optimizer state are kept in float64 either way
 */
public record AutoencoderTrainingOptions(Optimizer optimizer, double learningRate, int epochs, int batchSize,
    long seed, boolean normalizeColumns, int chunkRows, Precision precision) {
  private static final String OWNER = "autoencoder training";

  /**
   * Validates.
   *
   * @param optimizer Adam (default) or gradient descent
   * @param learningRate eta &gt; 0 (default 1e-3, the paper's)
   * @param epochs passes over the data, at least 1 (default 300, the paper's)
   * @param batchSize rows per step, or 0 for full batch (default, the paper's)
   * @param seed seed of the per-epoch shuffling of mini-batches (full batch does not shuffle)
   * @param normalizeColumns rescale A's columns to unit norm after every step (the paper does not)
   * @param chunkRows rows processed together inside a step (memory: layers x chunk x m values); the gradient does not depend on it beyond rounding
   * @param precision arithmetic of the forward and backward passes (default float64); the dictionary and the optimizer state are kept in float64 either way
   */
  public AutoencoderTrainingOptions {
    Check.argument(optimizer != null, "autoencoder training: an optimizer is required");
    Check.inRange("learningRate", OWNER, learningRate, 0, Double.POSITIVE_INFINITY, Check.Bounds.OPEN);
    Check.atLeast("epochs", OWNER, epochs, 1);
    Check.atLeast("batchSize", OWNER, batchSize, 0);
    Check.atLeast("chunkRows", OWNER, chunkRows, 1);
    Check.argument(precision != null, "autoencoder training: a precision is required");
  }

  /** @return Adam, 1e-3, 300 epochs, full batch, seed 0, no normalization, chunks of 1024 rows, float64 */
  public static AutoencoderTrainingOptions defaults() {
    return new AutoencoderTrainingOptions(Optimizer.ADAM, 1e-3, 300, 0, 0, false, 1024, Precision.FLOAT64);
  }

  /**
   * @param v optimizer
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withOptimizer(Optimizer v) {
    return new AutoencoderTrainingOptions(v, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows, precision);
  }

  /**
   * @param v learning rate
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withLearningRate(double v) {
    return new AutoencoderTrainingOptions(optimizer, v, epochs, batchSize, seed, normalizeColumns, chunkRows, precision);
  }

  /**
   * @param v epochs
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withEpochs(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, v, batchSize, seed, normalizeColumns, chunkRows, precision);
  }

  /**
   * @param v batch size (0: full)
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withBatchSize(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, v, seed, normalizeColumns, chunkRows, precision);
  }

  /**
   * @param v seed
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withSeed(long v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, v, normalizeColumns, chunkRows, precision);
  }

  /**
   * @param v normalize columns
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withNormalizeColumns(boolean v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, v, chunkRows, precision);
  }

  /**
   * @param v chunk rows
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withChunkRows(int v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, v, precision);
  }

  /**
   * @param v precision of the passes
   * @return a copy with it
   */
  public AutoencoderTrainingOptions withPrecision(Precision v) {
    return new AutoencoderTrainingOptions(optimizer, learningRate, epochs, batchSize, seed, normalizeColumns, chunkRows,
        v);
  }
}
