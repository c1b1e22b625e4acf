/**
 * The implicit-regularization baselines of Li et al. (ICLR 2023), section 5: the Hadamard
 * parameterization w = u o u - v o v trained by gradient descent from a small initialization, and
 * primal-dual (Chambolle-Pock) iterative regularization for min sum_l ||w_l|| subject to Xw = y,
 * both stopped early on validation data by the shared {@code EarlyStoppingLoop}.
 */
package org.groupsparse.regression.baseline;
