package org.groupsparse.regression.implicit;

import org.groupsparse.regression.TrainingHistory;

/**
 * The kept iterate of a DGLNN run on the scale it was run on: u, v, w = u_{g(i)}^2 v_i, and the
 * record of the run.
 *
 * @param groupScales u, one per group
 * @param directions v, one per feature
 * @param coefficients w
 * @param history the record of the run
 * @param stepSizeU the gamma used (resolved when it was automatic)
 * @param patience the patience used (resolved when it was automatic)
 * @param intercept the intercept b of the linear predictor b + x^T w on the run's scale (0 for least
 *     squares, where the centring takes its place; the profiled b for the logistic loss)
 */
public record DglnnSolution(double[] groupScales, double[] directions, double[] coefficients,
    TrainingHistory history, double stepSizeU, int patience, double intercept) {}
