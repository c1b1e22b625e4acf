package org.groupsparse.autoencoder;

import org.groupsparse.groups.GroupStructure;

/**
 * The encoder's nonlinearity: the proximal operator of a threshold times a norm, applied to one
 * code row z of length m, with its derivative as a Jacobian-transpose product (for
 * backpropagation). Two kinds: {@link GroupSoftThreshold} ("group ReLU", Theodosis et al. eq. 7)
 * and {@link SoftThreshold} (elementwise, the sparse baseline).
 */
public sealed interface Shrinkage permits GroupSoftThreshold, SoftThreshold {
  /** @return the code length m */
  int width();

  /** @return the code's groups (singletons for the elementwise kind) */
  GroupStructure groups();

  /** @return "group" or "elementwise" */
  String kind();

  /**
   * x = prox_{t ||.||}(z) for one row.
   *
   * @param z input storage
   * @param zOffset first entry of the row
   * @param threshold t, at least 0
   * @param x output storage (may be z itself at the same offset)
   * @param xOffset first entry of the output row
   */
  void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset);

  /**
   * out = J(z)^T u, J the Jacobian of {@link #apply} at z (symmetric here, so also J u). At a
   * kink (norm exactly t) the zero derivative is used.
   *
   * @param z the row the forward pass thresholded
   * @param zOffset its first entry
   * @param threshold t
   * @param upstream u
   * @param uOffset first entry of u
   * @param out result storage (must not alias z or u)
   * @param outOffset first entry of the result
   */
  void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset);

  /**
   * Single precision {@link #apply(double[], int, double, double[], int)} (norms accumulated in float).
   *
   * @param z input storage
   * @param zOffset first entry of the row
   * @param threshold t, at least 0
   * @param x output storage (may be z itself at the same offset)
   * @param xOffset first entry of the output row
   */
  void apply(float[] z, int zOffset, float threshold, float[] x, int xOffset);

  /**
   * Single precision {@link #backward(double[], int, double, double[], int, double[], int)}.
   *
   * @param z the row the forward pass thresholded
   * @param zOffset its first entry
   * @param threshold t
   * @param upstream u
   * @param uOffset first entry of u
   * @param out result storage (must not alias z or u)
   * @param outOffset first entry of the result
   */
  void backward(float[] z, int zOffset, float threshold, float[] upstream, int uOffset, float[] out, int outOffset);
}
