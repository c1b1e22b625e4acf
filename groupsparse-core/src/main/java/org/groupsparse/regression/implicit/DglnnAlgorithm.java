package org.groupsparse.regression.implicit;

/** The training algorithms for the diagonally grouped linear network (Li et al., ICLR 2023). */
public enum DglnnAlgorithm {
  /**
   * Algorithm 1: gradient descent with weight normalization; step 1/u_l^4 on v_l, followed by
   * normalization of each v_l, then a step gamma on u with the updated v.
   */
  ALGORITHM_1("dglnn-alg1"),
  /**
   * Algorithm 2: Algorithm 1 until max_l |u_l(t+1) - u_l(t)| / (|u_l(t)| + eps) &lt; tau, then a fixed
   * step eta on v (section 4 and appendix D.3).
   */
  ALGORITHM_2("dglnn"),
  /** Plain gradient descent on (u, v) without weight normalization (appendix E.1). */
  GRADIENT_DESCENT("dglnn-gd");

  private final String methodName;

  DglnnAlgorithm(String methodName) {
    this.methodName = methodName;
  }

  /** @return the name used on the command line and in model files */
  public String methodName() {
    return methodName;
  }

  /**
   * @param name a method name as returned by {@link #methodName()}
   * @return the algorithm
   */
  public static DglnnAlgorithm fromMethodName(String name) {
    for (DglnnAlgorithm a : values()) {
      if (a.methodName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown DGLNN method '" + name + "'; expected dglnn, dglnn-alg1 or dglnn-gd");
  }
}
