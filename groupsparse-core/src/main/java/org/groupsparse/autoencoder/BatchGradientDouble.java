package org.groupsparse.autoencoder;

/**
 * {@link BatchGradient} on 64-bit passes ({@link DoubleUnfoldedNetwork}); the template of the
 * 32-bit twin the build generates by a type rewrite (see the core module's pom; lines ending in
 * "keep-type" are left alone). A shuffled batch is gathered into one buffer of b rows.
 */
final class BatchGradientDouble implements BatchGradient {
  private final DoubleUnfoldedNetwork net;
  private final double[] y;
  private final int n;
  private final double[] buffer;

  /**
   * @param net the passes
   * @param y the training rows, row-major with n columns (in the network's precision)
   * @param n input dimension
   * @param batch rows per batch
   * @param rows training rows (no gather buffer when one batch holds them all)
   */
  BatchGradientDouble(DoubleUnfoldedNetwork net, double[] y, int n, int batch, int rows) {
    this(net, y, n, batch < rows ? new double[batch * n] : null);
  }

  private BatchGradientDouble(DoubleUnfoldedNetwork net, double[] y, int n, double[] buffer) {
    this.net = net;
    this.y = y;
    this.n = n;
    this.buffer = buffer;
  }

  @Override
  public BatchGradient with(AutoencoderArchitecture arch) {
    return new BatchGradientDouble(net.with(arch), y, n, buffer);
  }

  @Override
  public double lossAndGradient(double[] a, int[] order, int start, int b, double[] grad) { // keep-type
    double[] source = y;
    if (order != null) {
      for (int i = 0; i < b; i++) {
        System.arraycopy(y, order[start + i] * n, buffer, i * n, n);
      }
      source = buffer;
    }
    net.prepare(a);
    return net.lossAndGradient(a, source, b, 1.0 / b, grad);
  }
}
