package org.groupsparse.deep;

/** Receives the progress of {@link DeepAutoencoderTrainer#train}. */
@FunctionalInterface
public interface DeepTrainingListener {
  /** Ignores progress. */
  DeepTrainingListener NONE = (epoch, batch, batches, loss) -> { };

  /**
   * Called after every mini-batch.
   *
   * @param epoch epoch, from 0
   * @param batch mini-batch within the epoch, from 0
   * @param batches mini-batches per epoch
   * @param loss this mini-batch's loss
   */
  void batch(int epoch, int batch, int batches, double loss);
}
