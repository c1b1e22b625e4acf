/**
 * Group-sparse autoencoders (Theodosis, Tolooshams, Tankala, Tasissa, Ba, "On the convergence of
 * group-sparse autoencoders"): dictionary learning with a tied-weight autoencoder whose
 * nonlinearity is the proximal operator of the group norm.
 *
 * <p>Model: data y in R^n, dictionary A in R^{n x m}, codes x in R^m in groups. Encoder: T
 * proximal-gradient steps from x_0 = 0, x_{k+1} = sigma_{lambda alpha}(x_k + alpha A^T (y - A x_k))
 * ({@link org.groupsparse.autoencoder.AutoencoderArchitecture}); with T = 1 and alpha = 1 the
 * shallow encoder sigma_lambda(A^T y) of eq. (11). sigma is {@link
 * org.groupsparse.autoencoder.GroupSoftThreshold} (eq. 7) or {@link
 * org.groupsparse.autoencoder.SoftThreshold}. Decoder A x (eq. 12). Loss (1/2N) sum_i ||y_i - A x_i||^2
 * (eq. 13), minimized over A by {@link org.groupsparse.autoencoder.AutoencoderTrainer} (eq. 14 or
 * Adam).
 */
package org.groupsparse.autoencoder;
