package org.groupsparse.regression.grouplasso;

/**
 * A solver of the group lasso restricted to a working set of groups,
 *
 * <pre>  min_w (1/2n) ||y - X w||^2 + lambda sum_l omega_l ||w_l||_2,  w_l = 0 outside the set,</pre>
 *
 * <p>improving a warm start in place. The path driver ({@link GroupLassoPath}) chooses the working
 * set by screening and certifies the result with a full KKT check, so a solver only needs its own
 * convergence test on the working set. Solvers see the datafit and the penalty through the
 * {@link QuadraticDatafit} and {@link BlockPenalty} interfaces only.
 */
interface GroupLassoSolver {
  /**
   * Improves w on the working set.
   *
   * @param datafit the smooth datafit (design in group order; {@link LeastSquaresDatafit})
   * @param penalty the block-separable penalty ({@link GroupNormPenalty})
   * @param lambda the penalty level, &gt; 0
   * @param working group indices of the working set, not modified
   * @param count how many entries of {@code working} are used
   * @param w coefficients by column position, modified (entries outside the set are left alone and
   *     must be 0)
   * @param residual r = y - X w on entry, kept consistent with w on exit, modified
   * @param tolerance absolute KKT tolerance on the working set
   * @param maxIterations budget (sweeps or gradient steps)
   * @return the iterations used (more than {@code maxIterations} never)
   */
  int solve(QuadraticDatafit datafit, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance, int maxIterations);
}
