package org.groupsparse.regression.implicit;

/**
 * The scaling of the squared loss whose gradient DGLNN follows. The paper's text and GroupSparse use
 * (1/2n)||y - Xw||^2; the authors' public code uses PyTorch's {@code MSELoss()}, the mean
 * (1/n)||y - Xw||^2, whose gradient is twice as large, so every step (on u, and Algorithm 1's 1/u^4
 * step on v) is effectively doubled. Recorded losses are always (1/2m)||y - Xw - b||^2.
 */
public enum LossScaling {
  /** (1/2n)||y - Xw||^2, the paper's text (default). */
  HALF_MEAN(1.0),
  /** (1/n)||y - Xw||^2, PyTorch's MSELoss as in the authors' code. */
  MEAN(2.0);

  private final double gradientFactor;

  LossScaling(double gradientFactor) {
    this.gradientFactor = gradientFactor;
  }

  /** @return the factor of the (1/2n) gradient */
  public double gradientFactor() {
    return gradientFactor;
  }
}
