package org.groupsparse.regression.grouplasso;

import java.util.Arrays;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;

/**
 * What a path records per lambda while it runs (filled by the least-squares and GLM paths alike),
 * turned into a {@link GroupLassoPathResult} at the end.
 */
final class PathRecord {
  final double[] lambdas;
  final double[][] coef;
  final double[][] coefStd;
  final double[] intercepts;
  final double[] violation;
  final boolean[] converged;
  final int[] iterations;
  final int[] active;
  final double[] loss;

  /** @param lambdas the path's lambdas, in order (kept, not copied) */
  PathRecord(double[] lambdas) {
    int count = lambdas.length;
    this.lambdas = lambdas;
    coef = new double[count][];
    coefStd = new double[count][];
    intercepts = new double[count];
    violation = new double[count];
    converged = new boolean[count];
    iterations = new int[count];
    active = new int[count];
    loss = new double[count];
  }

  /**
   * The result of the first {@code computed} lambdas (fewer than all when a path ends early).
   *
   * @param computed how many lambdas were solved
   * @param lambdaMax lambda_max
   * @param weights the group weights (copied)
   * @param groups the groups
   * @param train the training rows (names)
   * @param std the standardization
   * @param options the options
   * @return the result
   */
  GroupLassoPathResult result(int computed, double lambdaMax, double[] weights, GroupStructure groups, Dataset train,
      Standardization std, GroupLassoOptions options) {
    boolean all = computed == lambdas.length;
    return new GroupLassoPathResult(lambdaMax, all ? lambdas : Arrays.copyOf(lambdas, computed),
        all ? coef : Arrays.copyOf(coef, computed), all ? coefStd : Arrays.copyOf(coefStd, computed),
        all ? intercepts : Arrays.copyOf(intercepts, computed), all ? violation : Arrays.copyOf(violation, computed),
        all ? converged : Arrays.copyOf(converged, computed), all ? iterations : Arrays.copyOf(iterations, computed),
        all ? active : Arrays.copyOf(active, computed), all ? loss : Arrays.copyOf(loss, computed), weights.clone(),
        groups, train.featureNames(), train.targetName(), std, options);
  }
}
