/**
 * The group lasso (1/2n)||y - Xw - b||^2 + lambda sum_l omega_l ||w_l||_2, the explicit baseline
 * of Li et al. (ICLR 2023), section 5: the least-squares datafit and the group-norm penalty, block
 * coordinate descent (exact block minimizer or gglasso's majorized step, working sets, active-set
 * Newton polish) and FISTA, regularization paths with a data-derived lambda_max, strong rules and
 * certified KKT violations per lambda, lambda selection on validation rows or by K-fold CV, and the
 * {@code GroupLassoTrainer} that wraps a path and a lambda rule as one estimator.
 */
package org.groupsparse.regression.grouplasso;
