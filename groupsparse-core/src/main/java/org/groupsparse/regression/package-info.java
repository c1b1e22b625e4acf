/**
 * Linear regression with group structure: the shared model type, training records and listeners.
 * Implicit (DGLNN, Hadamard) estimators live in {@code regression.implicit}.
 */
package org.groupsparse.regression;
