package org.groupsparse.synthetic;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;

/**
 * Data from the group-sparse generative model y = A* x* + z of Theodosis et al. (eq. 2, section
 * 4.1).
 *
 * @param data Y, N x n (rows are samples)
 * @param dictionary A*, n x m with unit-norm columns
 * @param codes X*, N x m
 * @param support true active groups per sample
 * @param groups the code groups (consecutive, size d)
 * @param noiseSd the standard deviation of each entry of z
 */
public record SimulatedDictionaryData(DenseMatrix data, DenseMatrix dictionary, DenseMatrix codes,
    boolean[][] support, GroupStructure groups, double noiseSd) {}
