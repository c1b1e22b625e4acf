package org.groupsparse.autoencoder;

import org.groupsparse.groups.GroupStructure;

/**
 * Elementwise soft-thresholding, the two-sided biased ReLU of the sparse autoencoder baseline:
 * x_j = sign(z_j) (|z_j| - t)_+, the proximal operator of t ||.||_1. Its derivative is 1 where
 * |z_j| &gt; t and 0 elsewhere. It is {@link GroupSoftThreshold} with groups of size 1.
 */
public final class SoftThreshold implements Shrinkage {
  private final int width;
  private final GroupStructure singletons;

  /** @param width the code length m */
  public SoftThreshold(int width) {
    this.width = width;
    this.singletons = GroupStructure.contiguous(1, width, false);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public GroupStructure groups() {
    return singletons;
  }

  @Override
  public String kind() {
    return "elementwise";
  }

  @Override
  public void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset) {
    ElementwiseShrinkDouble.apply(z, zOffset, threshold, x, xOffset, width);
  }

  @Override
  public void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset) {
    ElementwiseShrinkDouble.backward(z, zOffset, threshold, upstream, uOffset, out, outOffset, width);
  }

  @Override
  public void apply(float[] z, int zOffset, float threshold, float[] x, int xOffset) {
    ElementwiseShrinkFloat.apply(z, zOffset, threshold, x, xOffset, width);
  }

  @Override
  public void backward(float[] z, int zOffset, float threshold, float[] upstream, int uOffset, float[] out,
      int outOffset) {
    ElementwiseShrinkFloat.backward(z, zOffset, threshold, upstream, uOffset, out, outOffset, width);
  }
}
