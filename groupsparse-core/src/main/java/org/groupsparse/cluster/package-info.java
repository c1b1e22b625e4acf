/**
 * Clustering of codes and raw data: k-means with k-means++ restarts, spectral clustering on a
 * k-nearest-neighbour graph (sparse Lanczos eigenvectors through ARPACK), and external measures
 * (Hungarian-matched accuracy, NMI, ARI). Used for table 1 of Theodosis et al., "On the convergence
 * of group-sparse autoencoders" (section 4.2).
 */
package org.groupsparse.cluster;
