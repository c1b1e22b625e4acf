package org.groupsparse.autoencoder;

/** One training step's loss and gradient on a batch of rows, in one precision of the passes. */
interface BatchGradient {
  /**
   * @param a the dictionary A (float64 master weights), row-major n x m
   * @param order row order, or null for rows [start, start + b) in place
   * @param start first position in order
   * @param b rows in the batch
   * @param grad gradient accumulator, n x m
   * @return the batch's mean loss (1/(2b)) sum ||A x_T(y_i) - y_i||^2
   */
  double lossAndGradient(double[] a, int[] order, int start, int b, double[] grad);

  /**
   * @param arch another encoder of the same shape (a recalibrated lambda)
   * @return the same data and buffers with a network for it
   */
  BatchGradient with(AutoencoderArchitecture arch);
}
