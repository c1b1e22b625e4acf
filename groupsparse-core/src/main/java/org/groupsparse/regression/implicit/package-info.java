/**
 * Implicit regularization: the diagonally grouped linear network w_i = u_{g(i)}^2 v_i trained by
 * gradient descent with weight normalization and early stopping (Li et al., ICLR 2023).
 */
package org.groupsparse.regression.implicit;
