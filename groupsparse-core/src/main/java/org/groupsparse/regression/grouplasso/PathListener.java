package org.groupsparse.regression.grouplasso;

/** Receives progress along a regularization path; the library never prints. All methods default to no-ops. */
public interface PathListener {
  /** A listener that ignores everything. */
  PathListener NONE = new PathListener() {};

  /**
   * Called once before the first lambda.
   *
   * @param lambdaCount number of lambdas on the path
   */
  default void onStart(int lambdaCount) {}

  /**
   * Called after each lambda.
   *
   * @param index position on the path
   * @param lambda the penalty level
   * @param activeGroups number of nonzero penalized groups
   * @param relativeViolation the certified KKT violation divided by lambda
   * @param converged whether it met the tolerance
   */
  default void onLambda(int index, double lambda, int activeGroups, double relativeViolation, boolean converged) {}

  /** Called once after the last lambda. */
  default void onFinish() {}
}
