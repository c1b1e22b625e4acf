package org.groupsparse.synthetic;

import org.groupsparse.data.Dataset;
import org.groupsparse.groups.GroupStructure;

/**
 * A simulated group-sparse regression problem y = X w* + xi.
 *
 * @param train training rows
 * @param validation validation rows from the same model
 * @param truth the true coefficients w*
 * @param groups the group structure
 * @param noiseSd the standard deviation of xi
 */
public record SimulatedRegression(Dataset train, Dataset validation, double[] truth, GroupStructure groups,
    double noiseSd) {
  /** @return the labels of the groups on which w* is non-zero */
  public java.util.List<String> trueGroups() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int l = 0; l < groups.groupCount(); l++) {
      for (int k = groups.start(l); k < groups.end(l); k++) {
        if (truth[groups.member(k)] != 0) {
          out.add(groups.label(l));
          break;
        }
      }
    }
    return out;
  }
}
