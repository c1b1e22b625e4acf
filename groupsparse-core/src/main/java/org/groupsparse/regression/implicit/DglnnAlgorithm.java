package org.groupsparse.regression.implicit;

/**
 * The training algorithms for the diagonally grouped linear network (Li et al., ICLR 2023). The
 * name a model records for each is {@link DglnnTrainer#methodName(DglnnAlgorithm)}; command-line
 * names belong to the CLI.
 */
public enum DglnnAlgorithm {
  /**
   * Algorithm 1: gradient descent with weight normalization; step 1/u_l^4 on v_l, followed by
   * normalization of each v_l, then a step gamma on u with the updated v.
   */
  ALGORITHM_1,
  /**
   * Algorithm 2: Algorithm 1 until max_l |u_l(t+1) - u_l(t)| / (|u_l(t)| + eps) &lt; tau, then a fixed
   * step eta on v (section 4 and appendix D.3).
   */
  ALGORITHM_2,
  /** Plain gradient descent on (u, v) without weight normalization (appendix E.1). */
  GRADIENT_DESCENT
}
