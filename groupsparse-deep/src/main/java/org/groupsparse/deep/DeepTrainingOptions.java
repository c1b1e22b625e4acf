package org.groupsparse.deep;

/**
 * Settings of {@link DeepAutoencoderTrainer}: Adam on mini-batches drawn by a seeded shuffle.
 * Defaults are IRMAE's MNIST settings (Jing et al. 2020): Adam lr 1e-4, batch 32, 100 epochs, and
 * beta = 0.1 on the VAE's KL term.
 *
 * @param epochs passes over the training images
 * @param batchSize images per Adam step
 * @param learningRate Adam's step size
 * @param klWeight beta, the weight of the KL term in the VAE's loss
 * @param seed seeds the initial weights, the shuffles and the VAE's noise
 * @param threads libtorch's intra-op threads (process-wide while training). 1 (default) makes a seed
 *     give the same weights bit for bit; with more, libtorch's parallel reductions occasionally
 *     change the last bits (measured: the first training of 1 JVM in 6 differed at 2 threads, none at
 *     1), for about 1.5x the speed on 2 cores
 */
public record DeepTrainingOptions(int epochs, int batchSize, double learningRate, double klWeight, long seed,
    int threads) {
  /** IRMAE's epochs. */
  public static final int DEFAULT_EPOCHS = 100;
  /** IRMAE's batch size. */
  public static final int DEFAULT_BATCH = 32;
  /** IRMAE's Adam step. */
  public static final double DEFAULT_LEARNING_RATE = 1e-4;
  /** IRMAE's beta for the VAE. */
  public static final double DEFAULT_KL_WEIGHT = 0.1;

  /** Validates the settings. */
  public DeepTrainingOptions {
    if (epochs < 1 || batchSize < 1 || threads < 1) {
      throw new IllegalArgumentException("epochs, batch size and threads must be positive");
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite");
    }
    if (!(klWeight >= 0) || !Double.isFinite(klWeight)) {
      throw new IllegalArgumentException("KL weight must be non-negative and finite");
    }
  }

  /**
   * Settings on one thread (bit-reproducible).
   *
   * @param epochs passes over the training images
   * @param batchSize images per Adam step
   * @param learningRate Adam's step size
   * @param klWeight beta of the VAE
   * @param seed the seed
   */
  public DeepTrainingOptions(int epochs, int batchSize, double learningRate, double klWeight, long seed) {
    this(epochs, batchSize, learningRate, klWeight, seed, 1);
  }

  /**
   * @param seed the seed
   * @return IRMAE's settings with this seed, on one thread
   */
  public static DeepTrainingOptions defaults(long seed) {
    return new DeepTrainingOptions(DEFAULT_EPOCHS, DEFAULT_BATCH, DEFAULT_LEARNING_RATE, DEFAULT_KL_WEIGHT, seed);
  }

  /**
   * @param value epochs
   * @return a copy with these epochs
   */
  public DeepTrainingOptions withEpochs(int value) {
    return new DeepTrainingOptions(value, batchSize, learningRate, klWeight, seed, threads);
  }
}
