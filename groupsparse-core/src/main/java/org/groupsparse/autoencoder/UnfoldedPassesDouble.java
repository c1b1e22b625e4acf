package org.groupsparse.autoencoder;

import java.util.Arrays;
import org.groupsparse.linalg.RowMajorBlas;

/**
 * The forward and backward passes of the tied-weight unfolded autoencoder over chunks of rows, for
 * one floating-point type. This 64-bit class is the template: the build generates the 32-bit twin
 * from it by a type rewrite (see the core module's pom; lines ending in "keep-type" are left alone),
 * so {@link DoubleUnfoldedNetwork} (64-bit) and {@link FloatUnfoldedNetwork} (32-bit passes, 64-bit master
 * weights) run one code. Write nothing here that would not compile or mean the same in single
 * precision: no floating-point literals with a decimal point, no calls without an overload for both.
 *
 * <p>Gram form (Theodosis et al., eq. 8 unfolded T times): C = Y A once, then every step is
 * Z_k = S_{k-1} H + alpha C with H = I - alpha A^T A (m x m), so a layer costs one B x m x m product
 * instead of the two B x n x m products of x - alpha (x A^T - y) A; S_k = X_k + beta_k (X_k - X_{k-1})
 * (FISTA; beta = 0 for ISTA) and X_k = sigma(Z_k).
 *
 * <p>Gradient of L = (1/2) scale sum_i ||A x_T(y_i) - y_i||^2 with alpha and the threshold held
 * fixed for the step (as the PyTorch reference does; with a fixed alpha it is the exact gradient):
 * with R = X_T A^T - Y, U_T = scale R A, dZ_k = J_sigma(Z_k) U_k,
 * U_{k-1} = (1 + beta_k) dZ_k H + carried terms (FISTA) and dH = sum_k S_{k-1}^T dZ_k,
 * dL/dA = scale R^T X_T + Y^T (alpha sum_k dZ_k) - alpha A (dH + dH^T).
 *
 * <p>Every layer's output X_k is kept from the forward pass (2 T x chunk x m values with the
 * pre-activations); all workspaces are allocated once. Not thread-safe; the products use the BLAS
 * threads, the shrinkage of a chunk's rows the common fork-join pool ({@link RowSplitter}).
 */
final class UnfoldedPassesDouble {
  private final Shrinkage shrinkage;
  private final int n;
  private final int m;
  private final int layers;
  private final int chunk;
  private final double[] betas;
  private final boolean momentum;
  private final double[] c;
  private final double[] z;
  /** X_1..X_T of the forward pass (the backward pass reads every X_{k-1}). */
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
  private double alpha;
  private double threshold;
  /** The shrinkage of a chunk's rows, split over the cores (rows are independent). */
  private final RowSplitter shrinkRows = new RowSplitter(this::shrinkRows);
  /** The current row task's operands: backward when {@code rowUpstream} is set, else forward. */
  private double[] rowSource;
  private int rowSourceOffset;
  private double[] rowUpstream;
  private double[] rowOut;
  private int rowOutOffset;

  /**
   * @param shrinkage the code nonlinearity sigma
   * @param n input dimension
   * @param m code length
   * @param layers T
   * @param chunk rows per chunk
   * @param betas beta_0..beta_T (all zero without momentum), copied
   */
  UnfoldedPassesDouble(Shrinkage shrinkage, int n, int m, int layers, int chunk, double[] betas) {
    this.shrinkage = shrinkage;
    this.n = n;
    this.m = m;
    this.layers = layers;
    this.chunk = chunk;
    this.betas = betas.clone();
    boolean any = false;
    for (double beta : betas) {
      any |= beta != 0;
    }
    this.momentum = any;
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
  }

  /**
   * A^T A into the Gram workspace (T &gt; 1 only).
   *
   * @param a A, row-major n x m
   * @return the Gram matrix, row-major m x m (the workspace itself: read it before the next call)
   */
  double[] gram(double[] a) {
    RowMajorBlas.gemm(true, false, m, m, n, 1, a, 0, m, a, 0, m, 0, gram, 0, m);
    return gram;
  }

  /**
   * Sets alpha and the threshold for the following passes and forms H = I - alpha A^T A from the
   * last {@link #gram} when T &gt; 1.
   *
   * @param stepSize alpha
   * @param shrinkThreshold lambda alpha
   */
  void setStep(double stepSize, double shrinkThreshold) {
    alpha = stepSize;
    threshold = shrinkThreshold;
    if (layers > 1) {
      for (int i = 0; i < m * m; i++) {
        h[i] = -alpha * gram[i];
      }
      for (int i = 0; i < m; i++) {
        h[i * m + i] += 1;
      }
    }
  }

  /** Starts a gradient: dH = 0. */
  void beginGradient() {
    if (dh != null) {
      Arrays.fill(dh, 0);
    }
  }

  /**
   * Codes of rows [from, from + b) of Y (b at most a chunk) after {@link #forward}.
   *
   * @param b rows of the last forward pass
   * @param codes output
   * @param offset first entry written in codes
   */
  void copyCodes(int b, double[] codes, int offset) {
    System.arraycopy(xs, (layers - 1) * chunk * m, codes, offset, b * m);
  }

  /**
   * Z_1..Z_T and X_1..X_T for rows [from, from + b) of Y.
   *
   * @param a A, row-major n x m
   * @param y Y, row-major with n columns
   * @param from first row
   * @param b rows (at most a chunk)
   */
  void forward(double[] a, double[] y, int from, int b) {
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

  /**
   * The backward pass of the last {@link #forward}: adds its part of the gradient (without the
   * dH term, see {@link #finishGradient}) to grad and accumulates dH.
   *
   * @param a A
   * @param y Y
   * @param from first row
   * @param b rows
   * @param scale the loss factor
   * @param grad gradient accumulator, n x m
   * @return sum_i ||r_i||^2 over the chunk, the squares summed in 64-bit
   */
  double backward( // keep-type
      double[] a, double[] y, int from, int b, double scale, double[] grad) {
    int size = b * m;
    int stride = chunk * m;
    int last = (layers - 1) * stride;
    // R = X_T A^T - Y
    for (int i = 0; i < b * n; i++) {
      r[i] = -y[from * n + i];
    }
    RowMajorBlas.gemm(false, true, b, n, m, 1, xs, last, m, a, 0, m, 1, r, 0, n);
    double loss = 0; // keep-type
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
      rowSource = z;
      rowSourceOffset = zOff;
      rowUpstream = u;
      rowOut = dz;
      rowOutOffset = 0;
      shrinkRows.run(b);
      rowUpstream = null;
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
      if (!momentum) {
        // U_{k-1} = dZ H: without momentum there is no carried term
        RowMajorBlas.gemm(false, false, b, m, m, 1, dz, 0, m, h, 0, m, 0, u, 0, m);
        continue;
      }
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
    return loss;
  }

  /**
   * Completes a gradient after the last chunk: grad -= alpha A (dH + dH^T) (T &gt; 1).
   *
   * @param a A
   * @param grad gradient accumulator
   */
  void finishGradient(double[] a, double[] grad) {
    if (dh == null) {
      return;
    }
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) {
        double sym = dh[i * m + j] + dh[j * m + i];
        dh[i * m + j] = sym;
        dh[j * m + i] = sym;
      }
    }
    RowMajorBlas.gemm(false, false, n, m, m, -alpha, a, 0, m, dh, 0, m, 1, grad, 0, m);
  }

  private void applyRows(double[] src, int offset, int b, double[] out, int outOffset) {
    rowSource = src;
    rowSourceOffset = offset;
    rowUpstream = null;
    rowOut = out;
    rowOutOffset = outOffset;
    shrinkRows.run(b);
  }

  /** The row task: sigma (forward) or J_sigma times the upstream rows (backward) on rows [from, to). */
  private void shrinkRows(int from, int to) {
    for (int row = from; row < to; row++) {
      if (rowUpstream == null) {
        shrinkage.apply(rowSource, rowSourceOffset + row * m, threshold, rowOut, rowOutOffset + row * m);
      } else {
        shrinkage.backward(rowSource, rowSourceOffset + row * m, threshold, rowUpstream, row * m, rowOut,
            rowOutOffset + row * m);
      }
    }
  }
}
