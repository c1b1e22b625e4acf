/**
 * Numerical kernels over primitive arrays: dense row-major matrices, fused residual/correlation
 * passes, and their multi-threaded form. Kernels state for every array argument whether it is
 * modified.
 */
package org.groupsparse.linalg;
