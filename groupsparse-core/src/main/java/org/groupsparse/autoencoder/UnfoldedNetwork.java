package org.groupsparse.autoencoder;

import java.util.Arrays;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.linalg.SpectralNorm;

/**
 * The forward and backward passes of the tied-weight autoencoder for a block of rows, in the
 * Gram form: C = Y A once, then every unfolded step is Z_k = S_{k-1} H + alpha C with
 * H = I - alpha A^T A (m x m), so a layer costs one B x m x m product instead of the two
 * B x n x m products of x - alpha (x A^T - y) A.
 *
 * <p>Gradient of L = (1/2) scale sum_i ||A x_T(y_i) - y_i||^2 with alpha and the threshold held
 * fixed for the step (as the PyTorch reference does; with a fixed alpha it is the exact gradient):
 * with R = X_T A^T - Y, U_T = scale R A, dZ_k = J_sigma(Z_k) U_k,
 * U_{k-1} = (1 + beta_k) dZ_k H + carried terms (FISTA) and dH = sum_k S_{k-1}^T dZ_k,
 * dL/dA = scale R^T X_T + Y^T (alpha sum_k dZ_k) - alpha A (dH + dH^T).
 *
 * <p>Rows are processed in chunks so that the stored pre-activations and layer outputs (2 T x
 * chunk x m) stay small; all workspaces are allocated once. {@link FloatUnfoldedNetwork} is the
 * float32 twin with the same structure (fields, chunking, kept outputs, the same passes); it differs
 * in its element type and in keeping float64 master weights. Not thread-safe; the BLAS products use the BLAS threads.
 */
final class UnfoldedNetwork {
  private final AutoencoderArchitecture architecture;
  private final Shrinkage shrinkage;
  private final int n;
  private final int m;
  private final int layers;
  private final int chunk;
  private final double[] betas;
  private final double[] c;
  private final double[] z;
  /** X_1..X_T of the forward pass (kept, as in {@link FloatUnfoldedNetwork}: the backward pass reads every X_{k-1}). */
  private final double[] xs;
  private final double[] s;
  private final double[] u;
  private final double[] carry;
  private final double[] dz;
  private final double[] d;
  private final double[] r;
  private final double[] gram;
  private final double[] h;
  private final double[] dh;
  private final double[] powerVector;
  private double alpha;
  private double threshold;

  UnfoldedNetwork(AutoencoderArchitecture architecture, int inputDimension, int chunkRows) {
    this.architecture = architecture;
    this.shrinkage = architecture.shrinkage();
    this.n = inputDimension;
    this.m = architecture.codeLength();
    this.layers = architecture.layers();
    this.chunk = chunkRows;
    this.betas = momentumCoefficients(layers, architecture.momentum());
    this.c = new double[chunk * m];
    this.z = new double[layers * chunk * m];
    this.xs = new double[layers * chunk * m];
    this.s = new double[chunk * m];
    this.u = new double[chunk * m];
    this.carry = new double[chunk * m];
    this.dz = new double[chunk * m];
    this.d = new double[chunk * m];
    this.r = new double[chunk * n];
    boolean unfolded = layers > 1;
    this.gram = unfolded ? new double[m * m] : null;
    this.h = unfolded ? new double[m * m] : null;
    this.dh = unfolded ? new double[m * m] : null;
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
  UnfoldedNetwork with(AutoencoderArchitecture other) {
    return new UnfoldedNetwork(other, n, chunk);
  }

  /** @return alpha of the last {@link #prepare} */
  double stepSize() {
    return alpha;
  }

  /**
   * Resolves alpha for dictionary A and forms H = I - alpha A^T A when T &gt; 1.
   *
   * @param a A, row-major n x m
   */
  void prepare(double[] a) {
    if (layers > 1) {
      RowMajorBlas.gemm(true, false, m, m, n, 1, a, a, 0, gram);
    }
    if (!Double.isNaN(architecture.stepSize())) {
      alpha = architecture.stepSize();
    } else if (layers == 1) {
      alpha = 1;
    } else {
      alpha = 1 / SpectralNorm.largestEigenvalue(gram, m, powerVector);
    }
    threshold = architecture.lambda() * alpha;
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
      forward(a, y, from + start, b);
      System.arraycopy(xs, (layers - 1) * chunk * m, codes, start * m, b * m);
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
    if (dh != null) {
      Arrays.fill(dh, 0);
    }
    double loss = 0;
    for (int start = 0; start < rows; start += chunk) {
      int b = Math.min(chunk, rows - start);
      forward(a, y, start, b);
      loss += backward(a, y, start, b, scale, grad);
    }
    if (dh != null) {
      // grad -= alpha A (dH + dH^T)
      for (int i = 0; i < m; i++) {
        for (int j = i; j < m; j++) {
          double sym = dh[i * m + j] + dh[j * m + i];
          dh[i * m + j] = sym;
          dh[j * m + i] = sym;
        }
      }
      RowMajorBlas.gemm(false, false, n, m, m, -alpha, a, dh, 1, grad);
    }
    return loss;
  }

  /** Z_1..Z_T into z, X_1..X_T into xs. */
  private void forward(double[] a, double[] y, int from, int b) {
    int size = b * m;
    int stride = chunk * m;
    RowMajorBlas.gemm(false, false, b, m, n, 1, y, from * n, n, a, 0, m, 0, c, 0, m);
    for (int i = 0; i < size; i++) {
      z[i] = alpha * c[i];
    }
    applyRows(z, 0, b, xs, 0);
    for (int k = 2; k <= layers; k++) {
      double[] input = momentumInput(k - 1, size);
      int zOff = (k - 1) * stride;
      for (int i = 0; i < size; i++) {
        z[zOff + i] = alpha * c[i];
      }
      RowMajorBlas.gemm(false, false, b, m, m, 1, input, input == xs ? (k - 2) * stride : 0, m, h, 0, m, 1, z, zOff,
          m);
      applyRows(z, zOff, b, xs, zOff);
    }
  }

  /**
   * S_j = X_j + beta_j (X_j - X_{j-1}) (X_0 = 0): returns xs itself (X_j at slot j - 1) when
   * beta_j = 0, else s filled with S_j.
   */
  private double[] momentumInput(int j, int size) {
    double beta = betas[j];
    if (beta == 0) {
      return xs;
    }
    int cur = (j - 1) * chunk * m;
    int prev = (j - 2) * chunk * m;
    for (int i = 0; i < size; i++) {
      double before = j >= 2 ? xs[prev + i] : 0;
      s[i] = xs[cur + i] + beta * (xs[cur + i] - before);
    }
    return s;
  }

  private double backward(double[] a, double[] y, int from, int b, double scale, double[] grad) {
    int size = b * m;
    int stride = chunk * m;
    int last = (layers - 1) * stride;
    // R = X_T A^T - Y
    for (int i = 0; i < b * n; i++) {
      r[i] = -y[from * n + i];
    }
    RowMajorBlas.gemm(false, true, b, n, m, 1, xs, last, m, a, 0, m, 1, r, 0, n);
    double loss = 0;
    for (int i = 0; i < b * n; i++) {
      loss += r[i] * r[i];
    }
    // grad += scale R^T X_T; U_T = scale R A
    RowMajorBlas.gemm(true, false, n, m, b, scale, r, 0, n, xs, last, m, 1, grad, 0, m);
    RowMajorBlas.gemm(false, false, b, m, n, scale, r, 0, n, a, 0, m, 0, u, 0, m);
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
      // S_{k-1} = X_{k-1} + beta_{k-1} (X_{k-1} - X_{k-2}) from the kept outputs
      double beta = betas[k - 1];
      double[] input = momentumInput(k - 1, size);
      RowMajorBlas.gemm(true, false, m, m, b, 1, input, input == xs ? (k - 2) * stride : 0, m, dz, 0, m, 1, dh, 0, m);
      // V = dZ H (H symmetric); U_{k-1} = (1 + beta) V + carry; carry' = -beta V
      RowMajorBlas.gemm(false, false, b, m, m, 1, dz, 0, m, h, 0, m, 0, s, 0, m);
      for (int i = 0; i < size; i++) {
        double v = s[i];
        u[i] = (1 + beta) * v + carry[i];
        carry[i] = -beta * v;
      }
    }
    // grad += Y^T D
    RowMajorBlas.gemm(true, false, n, m, b, 1, y, from * n, n, d, 0, m, 1, grad, 0, m);
    return 0.5 * scale * loss;
  }

  private void applyRows(double[] src, int offset, int b, double[] out, int outOffset) {
    for (int row = 0; row < b; row++) {
      shrinkage.apply(src, offset + row * m, threshold, out, outOffset + row * m);
    }
  }
}
