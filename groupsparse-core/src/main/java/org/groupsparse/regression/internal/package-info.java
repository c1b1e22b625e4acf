/**
 * Not API: the machinery the regression families share (the early-stopping loop of the iterative
 * methods, the standardized data path of the trainers). Public only because Java packages cannot
 * share package-private classes; user code should not depend on it.
 */
package org.groupsparse.regression.internal;
