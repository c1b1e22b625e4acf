/**
 * Convolutional autoencoders whose latent code is shaped by implicit regularization: a plain
 * autoencoder (AE), a variational one (VAE), the implicit rank-minimizing autoencoder (IRMAE; Jing,
 * Zbontar and LeCun 2020: l linear layers without bias between encoder and decoder) and the
 * grouped autoencoder (GAE) of Li, Nguyen, Hegde and Wong, "Implicit Regularization for Group
 * Sparsity" (ICLR 2023), appendix E.2, whose latent linear layers act within g groups of channels
 * (block-diagonal), the convolutional analogue of the diagonally grouped linear network.
 *
 * <p>Built on DJL with its PyTorch engine (libtorch from Maven Central); convolutions and autograd
 * are the engine's. This module is separate so that the core library stays free of native code.
 */
package org.groupsparse.deep;
