package org.groupsparse.autoencoder;

import java.util.Arrays;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.linalg.SpectralNorm;

/**
 * The single-precision twin of {@link UnfoldedNetwork}'s training pass (same Gram form, same
 * gradient, same chunking; see there for the math): the data, the dictionary copy, the
 * pre-activations and every product are float32 (sgemm), which halves memory traffic and doubles
 * the SIMD width. Like the float64 network it keeps every layer's output X_k from the forward pass
 * (memory: 2 T x chunk x m floats); the two have one structure (fields, chunking, passes; without
 * momentum this one skips the zero carried term). The caller keeps the dictionary and the optimizer state in float64 ("master
 * weights"): {@link #prepare} rounds A to float once per step and {@link #lossAndGradient} adds the
 * float gradient into a double accumulator. The step size alpha = 1/||A||_2^2 comes from the power
 * method on the float Gram matrix, iterated in double. Encoding for users stays in float64.
 *
 * <p>Java has no generics over primitive arrays, so the kernels are written out for float here;
 * the shared parts (momentum coefficients, symmetrization, chunk layout) are reused.
 */
final class FloatUnfoldedNetwork {
  private final Shrinkage shrinkage;
  private final double fixedStepSize;
  private final double lambda;
  private final int n;
  private final int m;
  private final int layers;
  private final int chunk;
  private final float[] betas;
  private final boolean momentum;
  private final float[] a;
  private final float[] grad;
  private final float[] c;
  private final float[] z;
  /** X_1..X_T of the forward pass (kept: the backward pass needs every X_{k-1}). */
  private final float[] xs;
  private final float[] s;
  private final float[] u;
  private final float[] carry;
  private final float[] dz;
  private final float[] d;
  private final float[] r;
  private final float[] gram;
  private final double[] gramDouble;
  private final float[] h;
  private final float[] dh;
  private final double[] powerVector;
  private float alpha;
  private float threshold;

  FloatUnfoldedNetwork(AutoencoderArchitecture architecture, int inputDimension, int chunkRows) {
    this.shrinkage = architecture.shrinkage();
    this.fixedStepSize = architecture.stepSize();
    this.lambda = architecture.lambda();
    this.n = inputDimension;
    this.m = architecture.codeLength();
    this.layers = architecture.layers();
    this.chunk = chunkRows;
    double[] coefficients = UnfoldedNetwork.momentumCoefficients(layers, architecture.momentum());
    this.betas = new float[coefficients.length];
    boolean any = false;
    for (int k = 0; k < coefficients.length; k++) {
      betas[k] = (float) coefficients[k];
      any |= coefficients[k] != 0;
    }
    this.momentum = any;
    this.a = new float[n * m];
    this.grad = new float[n * m];
    this.c = new float[chunk * m];
    this.z = new float[layers * chunk * m];
    this.xs = new float[layers * chunk * m];
    this.s = new float[chunk * m];
    this.u = new float[chunk * m];
    this.carry = new float[chunk * m];
    this.dz = new float[chunk * m];
    this.d = new float[chunk * m];
    this.r = new float[chunk * n];
    boolean unfolded = layers > 1;
    this.gram = unfolded ? new float[m * m] : null;
    this.gramDouble = unfolded ? new double[m * m] : null;
    this.h = unfolded ? new float[m * m] : null;
    this.dh = unfolded ? new float[m * m] : null;
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
    if (layers > 1) {
      RowMajorBlas.gemm(true, false, m, m, n, 1f, a, 0, m, a, 0, m, 0f, gram, 0, m);
    }
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
    threshold = (float) (lambda * step);
    if (layers > 1) {
      for (int i = 0; i < m * m; i++) {
        h[i] = -alpha * gram[i];
      }
      for (int i = 0; i < m; i++) {
        h[i * m + i] += 1;
      }
    }
  }

  /**
   * Adds scale times the gradient of (1/2) sum_i ||A x_T(y_i) - y_i||^2 over rows [0, rows) of Y
   * to the double accumulator, and returns scale times that sum; {@link #prepare} first.
   *
   * @param y Y in float, row-major with n columns
   * @param rows rows to use (from row 0)
   * @param scale the factor (1/N for eq. 13)
   * @param accumulator gradient in double, n x m
   * @return scale * (1/2) sum ||r_i||^2, the squares summed in double
   */
  double lossAndGradient(float[] y, int rows, double scale, double[] accumulator) {
    Arrays.fill(grad, 0);
    if (dh != null) {
      Arrays.fill(dh, 0);
    }
    double loss = 0;
    for (int start = 0; start < rows; start += chunk) {
      int b = Math.min(chunk, rows - start);
      forward(y, start, b);
      loss += backward(y, start, b, (float) scale);
    }
    if (dh != null) {
      for (int i = 0; i < m; i++) {
        for (int j = i; j < m; j++) {
          float sym = dh[i * m + j] + dh[j * m + i];
          dh[i * m + j] = sym;
          dh[j * m + i] = sym;
        }
      }
      RowMajorBlas.gemm(false, false, n, m, m, -alpha, a, 0, m, dh, 0, m, 1f, grad, 0, m);
    }
    for (int i = 0; i < grad.length; i++) {
      accumulator[i] += grad[i];
    }
    return 0.5 * scale * loss;
  }

  private void forward(float[] y, int from, int b) {
    int size = b * m;
    int stride = chunk * m;
    RowMajorBlas.gemm(false, false, b, m, n, 1f, y, from * n, n, a, 0, m, 0f, c, 0, m);
    for (int i = 0; i < size; i++) {
      z[i] = alpha * c[i];
    }
    applyRows(z, 0, b, xs, 0);
    for (int k = 2; k <= layers; k++) {
      float[] input = momentumInput(k - 1, size);
      int zOff = (k - 1) * stride;
      for (int i = 0; i < size; i++) {
        z[zOff + i] = alpha * c[i];
      }
      RowMajorBlas.gemm(false, false, b, m, m, 1f, input, input == xs ? (k - 2) * stride : 0, m, h, 0, m, 1f, z, zOff,
          m);
      applyRows(z, zOff, b, xs, zOff);
    }
  }

  /**
   * S_j = X_j + beta_j (X_j - X_{j-1}) (X_0 = 0): returns xs itself (X_j at slot j - 1) when
   * beta_j = 0, else s filled with S_j.
   */
  private float[] momentumInput(int j, int size) {
    float beta = betas[j];
    if (beta == 0) {
      return xs;
    }
    int cur = (j - 1) * chunk * m;
    int prev = (j - 2) * chunk * m;
    for (int i = 0; i < size; i++) {
      float before = j >= 2 ? xs[prev + i] : 0;
      s[i] = xs[cur + i] + beta * (xs[cur + i] - before);
    }
    return s;
  }

  private double backward(float[] y, int from, int b, float scale) {
    int size = b * m;
    int stride = chunk * m;
    int last = (layers - 1) * stride;
    for (int i = 0; i < b * n; i++) {
      r[i] = -y[from * n + i];
    }
    RowMajorBlas.gemm(false, true, b, n, m, 1f, xs, last, m, a, 0, m, 1f, r, 0, n);
    double loss = 0;
    for (int i = 0; i < b * n; i++) {
      loss += r[i] * r[i];
    }
    RowMajorBlas.gemm(true, false, n, m, b, scale, r, 0, n, xs, last, m, 1f, grad, 0, m);
    RowMajorBlas.gemm(false, false, b, m, n, scale, r, 0, n, a, 0, m, 0f, u, 0, m);
    Arrays.fill(d, 0, size, 0);
    Arrays.fill(carry, 0, size, 0);
    for (int k = layers; k >= 1; k--) {
      int zOff = (k - 1) * stride;
      for (int row = 0; row < b; row++) {
        shrinkage.backward(z, zOff + row * m, threshold, u, row * m, dz, row * m);
      }
      for (int i = 0; i < size; i++) {
        d[i] += alpha * dz[i];
      }
      if (k == 1) {
        break;
      }
      float beta = betas[k - 1];
      float[] input = momentumInput(k - 1, size);
      RowMajorBlas.gemm(true, false, m, m, b, 1f, input, input == xs ? (k - 2) * stride : 0, m, dz, 0, m, 1f, dh, 0, m);
      if (!momentum) {
        // U_{k-1} = dZ H: without momentum there is no carried term
        RowMajorBlas.gemm(false, false, b, m, m, 1f, dz, 0, m, h, 0, m, 0f, u, 0, m);
        continue;
      }
      RowMajorBlas.gemm(false, false, b, m, m, 1f, dz, 0, m, h, 0, m, 0f, s, 0, m);
      for (int i = 0; i < size; i++) {
        float v = s[i];
        u[i] = (1 + beta) * v + carry[i];
        carry[i] = -beta * v;
      }
    }
    RowMajorBlas.gemm(true, false, n, m, b, 1f, y, from * n, n, d, 0, m, 1f, grad, 0, m);
    return loss;
  }

  private void applyRows(float[] src, int offset, int b, float[] out, int outOffset) {
    for (int row = 0; row < b; row++) {
      shrinkage.apply(src, offset + row * m, threshold, out, outOffset + row * m);
    }
  }
}
