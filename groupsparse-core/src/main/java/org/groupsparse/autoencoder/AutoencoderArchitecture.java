package org.groupsparse.autoencoder;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.util.Check;

/**
 * The encoder of a tied-weight autoencoder (Theodosis et al., section 3.1): with dictionary A
 * (n x m), x_0 = 0 and, for k = 0..T-1,
 * x_{k+1} = sigma_{lambda alpha}(s_k + alpha A^T (y - A s_k)), where s_k = x_k (plain proximal
 * gradient, ISTA) or s_k = x_k + beta_k (x_k - x_{k-1}) with FISTA's beta_k (momentum). T = 1
 * with alpha = 1 is the shallow encoder x = sigma_lambda(A^T y) of eq. (11); the decoder is
 * y_hat = A x_T (eq. 12).
 *
 * @param shrinkage sigma: {@link GroupSoftThreshold} (eq. 7) or {@link SoftThreshold}
 * @param lambda the threshold lambda, at least 0 (the layer threshold is lambda alpha)
 * @param layers T, at least 1
 * @param stepSize alpha &gt; 0, or NaN for automatic: 1 when T = 1 (eq. 11), else 1/||A||_2^2,
 *     recomputed whenever A changes
 * @param momentum FISTA momentum in the unfolded steps
 */
public record AutoencoderArchitecture(Shrinkage shrinkage, double lambda, int layers, double stepSize,
    boolean momentum) {
  private static final String OWNER = "autoencoder";

  /**
   * Validates.
   *
   * @param shrinkage sigma: {@link GroupSoftThreshold} (eq. 7) or {@link SoftThreshold}
   * @param lambda the threshold lambda, at least 0 (the layer threshold is lambda alpha)
   * @param layers T, at least 1
   * @param stepSize alpha &gt; 0, or NaN for automatic: 1 when T = 1 (eq. 11), else 1/||A||_2^2, recomputed whenever A changes
   * @param momentum FISTA momentum in the unfolded steps
   */
  public AutoencoderArchitecture {
    Check.argument(shrinkage != null, "autoencoder: a shrinkage is required");
    Check.inRange("lambda", OWNER, lambda, 0, Double.POSITIVE_INFINITY, Check.Bounds.CLOSED_LEFT);
    Check.atLeast("layers", OWNER, layers, 1);
    if (!Double.isNaN(stepSize)) {
      Check.inRange("stepSize", OWNER, stepSize, 0, Double.POSITIVE_INFINITY, Check.Bounds.OPEN);
    }
  }

  /**
   * Group soft-thresholding on consecutive groups of size d.
   *
   * @param codeLength m
   * @param groupSize d, dividing m
   * @param lambda threshold
   * @param layers T
   * @return the architecture with automatic step size and no momentum
   */
  public static AutoencoderArchitecture groupSparse(int codeLength, int groupSize, double lambda, int layers) {
    return groupSparse(codeLength, groupSize, lambda, layers, false);
  }

  /**
   * Group soft-thresholding on consecutive groups of size d, two-sided (eq. 7) or one-sided
   * (nonnegative codes, the authors' MNIST code; see {@link GroupSoftThreshold}).
   *
   * @param codeLength m
   * @param groupSize d, dividing m
   * @param lambda threshold
   * @param layers T
   * @param nonnegative one-sided shrinkage
   * @return the architecture with automatic step size and no momentum
   */
  public static AutoencoderArchitecture groupSparse(int codeLength, int groupSize, double lambda, int layers,
      boolean nonnegative) {
    Check.atLeast("groupSize", OWNER, groupSize, 1);
    Check.argument(codeLength >= 1 && codeLength % groupSize == 0, "autoencoder: the group size " + groupSize
        + " does not divide the code length " + codeLength);
    return new AutoencoderArchitecture(new GroupSoftThreshold(GroupStructure.contiguous(groupSize, codeLength, false),
        nonnegative), lambda, layers, Double.NaN, false);
  }

  /**
   * Elementwise soft-thresholding (the sparse autoencoder).
   *
   * @param codeLength m
   * @param lambda threshold
   * @param layers T
   * @return the architecture with automatic step size and no momentum
   */
  public static AutoencoderArchitecture sparse(int codeLength, double lambda, int layers) {
    Check.atLeast("codeLength", OWNER, codeLength, 1);
    return new AutoencoderArchitecture(new SoftThreshold(codeLength), lambda, layers, Double.NaN, false);
  }

  /** @return m */
  public int codeLength() {
    return shrinkage.width();
  }

  /**
   * @param v alpha, or NaN for automatic
   * @return a copy with it
   */
  public AutoencoderArchitecture withStepSize(double v) {
    return new AutoencoderArchitecture(shrinkage, lambda, layers, v, momentum);
  }

  /**
   * @param v momentum
   * @return a copy with it
   */
  public AutoencoderArchitecture withMomentum(boolean v) {
    return new AutoencoderArchitecture(shrinkage, lambda, layers, stepSize, v);
  }

  /**
   * @param v lambda
   * @return a copy with it
   */
  public AutoencoderArchitecture withLambda(double v) {
    return new AutoencoderArchitecture(shrinkage, v, layers, stepSize, momentum);
  }
}
