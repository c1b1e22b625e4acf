package org.groupsparse.autoencoder;

/**
 * The kernels of {@link SoftThreshold} for one floating-point type: this 64-bit class is the
 * template of the 32-bit twin the build generates by a type rewrite (see the core module's pom).
 * Forward: x_j = sign(z_j) (|z_j| - t)_+; backward: out_j = upstream_j where |z_j| &gt; t, else 0.
 */
final class ElementwiseShrinkDouble {
  private ElementwiseShrinkDouble() {}

  static void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset, int width) {
    for (int j = 0; j < width; j++) {
      double v = z[zOffset + j];
      x[xOffset + j] = v > threshold ? v - threshold : v < -threshold ? v + threshold : 0;
    }
  }

  static void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset, int width) {
    for (int j = 0; j < width; j++) {
      out[outOffset + j] = Math.abs(z[zOffset + j]) > threshold ? upstream[uOffset + j] : 0;
    }
  }
}
