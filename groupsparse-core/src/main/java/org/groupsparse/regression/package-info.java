/**
 * Linear regression with group structure: the one estimator shape ({@code Problem}, {@code Trainer},
 * {@code FitResult}, {@code Convergence}), the shared model type, training records, listeners, the
 * standardization wrapper and the cross-validation curve. DGLNN lives in {@code
 * regression.implicit}, the group lasso in {@code regression.grouplasso}, the Hadamard and
 * primal-dual baselines in {@code regression.baseline}.
 */
package org.groupsparse.regression;
