package org.groupsparse.autoencoder;

import java.util.Arrays;
import org.groupsparse.linalg.SpectralNorm;

/**
 * The tied-weight autoencoder's passes in float64 for a block of rows: the step size, encoding and
 * the loss with its gradient, on {@link UnfoldedPassesDouble} (the Gram-form forward and backward
 * passes; see there for the math). {@link FloatUnfoldedNetwork} runs the generated 32-bit twin of
 * the same passes with float64 master weights.
 *
 * <p>Rows are processed in chunks so that the stored pre-activations and layer outputs (2 T x
 * chunk x m) stay small. Not thread-safe; the BLAS products use the BLAS threads.
 */
final class DoubleUnfoldedNetwork {
  private final AutoencoderArchitecture architecture;
  private final int n;
  private final int m;
  private final int layers;
  private final int chunk;
  private final UnfoldedPassesDouble passes;
  private final double[] powerVector;
  private double alpha;

  DoubleUnfoldedNetwork(AutoencoderArchitecture architecture, int inputDimension, int chunkRows) {
    this.architecture = architecture;
    this.n = inputDimension;
    this.m = architecture.codeLength();
    this.layers = architecture.layers();
    this.chunk = chunkRows;
    this.passes = new UnfoldedPassesDouble(architecture.shrinkage(), n, m, layers, chunk,
        momentumCoefficients(layers, architecture.momentum()));
    this.powerVector = new double[m];
    Arrays.fill(powerVector, 1 / Math.sqrt(m));
  }

  /** FISTA: t_0 = 1, t_k = (1 + sqrt(1 + 4 t_{k-1}^2)) / 2, beta_k = (t_{k-1} - 1) / t_k; beta_1 = 0. */
  static double[] momentumCoefficients(int layers, boolean momentum) {
    double[] beta = new double[layers + 1];
    if (momentum) {
      double t = 1;
      for (int k = 1; k <= layers; k++) {
        double next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
        beta[k] = (t - 1) / next;
        t = next;
      }
    }
    return beta;
  }

  /**
   * @param other an encoder of the same code length and depth (a recalibrated lambda)
   * @return a network of this shape for it ({@link #prepare} must be called again)
   */
  DoubleUnfoldedNetwork with(AutoencoderArchitecture other) {
    return new DoubleUnfoldedNetwork(other, n, chunk);
  }

  /** @return alpha of the last {@link #prepare} */
  double stepSize() {
    return alpha;
  }

  /**
   * Resolves alpha for dictionary A (the architecture's fixed step, 1 for a shallow encoder, else
   * 1/||A||_2^2 by the power method) and forms H = I - alpha A^T A when T &gt; 1.
   *
   * @param a A, row-major n x m
   */
  void prepare(double[] a) {
    double[] gram = layers > 1 ? passes.gram(a) : null;
    if (!Double.isNaN(architecture.stepSize())) {
      alpha = architecture.stepSize();
    } else if (layers == 1) {
      alpha = 1;
    } else {
      alpha = 1 / SpectralNorm.largestEigenvalue(gram, m, powerVector);
    }
    passes.setStep(alpha, architecture.lambda() * alpha);
  }

  /**
   * Codes of rows [from, from + rows) of Y; {@link #prepare} must have been called for A.
   *
   * @param a A
   * @param y Y, row-major with n columns
   * @param from first row
   * @param rows number of rows
   * @param codes output, row-major rows x m (row 0 is row {@code from} of Y)
   */
  void encode(double[] a, double[] y, int from, int rows, double[] codes) {
    for (int start = 0; start < rows; start += chunk) {
      int b = Math.min(chunk, rows - start);
      passes.forward(a, y, from + start, b);
      passes.copyCodes(b, codes, start * m);
    }
  }

  /**
   * Adds scale times the gradient of (1/2) sum_i ||A x_T(y_i) - y_i||^2 over rows [0, rows) of Y
   * to grad, and returns scale times that sum. {@link #prepare} must have been called for A.
   *
   * @param a A
   * @param y Y, row-major with n columns
   * @param rows rows to use (from row 0)
   * @param scale the factor (1/N for the mean loss of eq. 13)
   * @param grad accumulator, n x m
   * @return scale * (1/2) sum ||r_i||^2
   */
  double lossAndGradient(double[] a, double[] y, int rows, double scale, double[] grad) {
    passes.beginGradient();
    double loss = 0;
    for (int start = 0; start < rows; start += chunk) {
      int b = Math.min(chunk, rows - start);
      passes.forward(a, y, start, b);
      loss += 0.5 * scale * passes.backward(a, y, start, b, scale, grad);
    }
    passes.finishGradient(a, grad);
    return loss;
  }
}
