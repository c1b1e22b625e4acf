package org.groupsparse.autoencoder;

import java.util.Arrays;
import org.groupsparse.linalg.SpectralNorm;

/**
 * The single-precision training pass of the tied-weight autoencoder: the generated 32-bit twin of
 * {@link UnfoldedPassesDouble} (same Gram form, gradient, chunking and kept layer outputs; see there
 * for the math) with float64 master weights. The data, the dictionary copy, the pre-activations and
 * every product are float32 (sgemm), which halves memory traffic and doubles the SIMD width. The
 * caller keeps the dictionary and the optimizer state in float64: {@link #prepare} rounds A to float
 * once per step and {@link #lossAndGradient} adds the float gradient into a double accumulator. The
 * step size alpha = 1/||A||_2^2 comes from the power method on the float Gram matrix, iterated in
 * double. Encoding for users stays in float64 ({@link DoubleUnfoldedNetwork}).
 */
final class FloatUnfoldedNetwork {
  private final double fixedStepSize;
  private final double lambda;
  private final int n;
  private final int m;
  private final int layers;
  private final int chunk;
  private final UnfoldedPassesFloat passes;
  private final float[] a;
  private final float[] grad;
  private final double[] gramDouble;
  private final double[] powerVector;
  private float alpha;

  FloatUnfoldedNetwork(AutoencoderArchitecture architecture, int inputDimension, int chunkRows) {
    this.fixedStepSize = architecture.stepSize();
    this.lambda = architecture.lambda();
    this.n = inputDimension;
    this.m = architecture.codeLength();
    this.layers = architecture.layers();
    this.chunk = chunkRows;
    double[] coefficients = DoubleUnfoldedNetwork.momentumCoefficients(layers, architecture.momentum());
    float[] betas = new float[coefficients.length];
    for (int k = 0; k < coefficients.length; k++) {
      betas[k] = (float) coefficients[k];
    }
    this.passes = new UnfoldedPassesFloat(architecture.shrinkage(), n, m, layers, chunk, betas);
    this.a = new float[n * m];
    this.grad = new float[n * m];
    this.gramDouble = layers > 1 ? new double[m * m] : null;
    this.powerVector = new double[m];
    Arrays.fill(powerVector, 1 / Math.sqrt(m));
  }

  /**
   * @param other an encoder of the same code length and depth (a recalibrated lambda)
   * @return a network of this shape for it ({@link #prepare} must be called again)
   */
  FloatUnfoldedNetwork with(AutoencoderArchitecture other) {
    return new FloatUnfoldedNetwork(other, n, chunk);
  }

  /** @return alpha of the last {@link #prepare} */
  double stepSize() {
    return alpha;
  }

  /**
   * Rounds A to float, resolves alpha and forms H = I - alpha A^T A when T &gt; 1.
   *
   * @param master A in double, row-major n x m
   */
  void prepare(double[] master) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) master[i];
    }
    float[] gram = layers > 1 ? passes.gram(a) : null;
    double step;
    if (!Double.isNaN(fixedStepSize)) {
      step = fixedStepSize;
    } else if (layers == 1) {
      step = 1;
    } else {
      for (int i = 0; i < gram.length; i++) {
        gramDouble[i] = gram[i];
      }
      step = 1 / SpectralNorm.largestEigenvalue(gramDouble, m, powerVector);
    }
    alpha = (float) step;
    passes.setStep(alpha, (float) (lambda * step));
  }

  /**
   * Adds scale times the gradient of (1/2) sum_i ||A x_T(y_i) - y_i||^2 over rows [0, rows) of Y
   * to the double accumulator, and returns scale times that sum; {@link #prepare} first.
   *
   * @param master A in double as given to {@link #prepare} (the passes use its float copy)
   * @param y Y in float, row-major with n columns
   * @param rows rows to use (from row 0)
   * @param scale the factor (1/N for eq. 13)
   * @param accumulator gradient in double, n x m
   * @return scale * (1/2) sum ||r_i||^2, the squares summed in double
   */
  double lossAndGradient(double[] master, float[] y, int rows, double scale, double[] accumulator) {
    Arrays.fill(grad, 0);
    passes.beginGradient();
    double loss = 0;
    for (int start = 0; start < rows; start += chunk) {
      int b = Math.min(chunk, rows - start);
      passes.forward(a, y, start, b);
      loss += passes.backward(a, y, start, b, (float) scale, grad);
    }
    passes.finishGradient(a, grad);
    for (int i = 0; i < grad.length; i++) {
      accumulator[i] += grad[i];
    }
    return 0.5 * scale * loss;
  }
}
