package org.groupsparse.autoencoder;

import org.groupsparse.groups.GroupStructure;

/**
 * Group soft-thresholding, the "group ReLU" of Theodosis et al., eq. (7): on every group g of the
 * code, sigma_t(z_g) = (1 - t / ||z_g||_2)_+ z_g, the proximal operator of t sum_g ||z_g||_2.
 *
 * <p>Derivative: for ||z_g|| = r &gt; t, d sigma / d z_g = (1 - t/r) I + (t / r^3) z_g z_g^T
 * (symmetric); for r &lt;= t it is 0. Any group structure works (groups need not be contiguous);
 * the default in the autoencoders is consecutive groups of equal size d.
 */
public final class GroupSoftThreshold implements Shrinkage {
  private final GroupStructure groups;
  private final int[] members;

  /** @param groups the groups of the code entries */
  public GroupSoftThreshold(GroupStructure groups) {
    this.groups = groups;
    this.members = groups.membersView();
  }

  @Override
  public int width() {
    return groups.featureCount();
  }

  @Override
  public GroupStructure groups() {
    return groups;
  }

  @Override
  public String kind() {
    return "group";
  }

  @Override
  public void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset) {
    for (int g = 0, count = groups.groupCount(); g < count; g++) {
      int from = groups.start(g);
      int to = groups.end(g);
      double sq = 0;
      for (int k = from; k < to; k++) {
        double v = z[zOffset + members[k]];
        sq += v * v;
      }
      double r = Math.sqrt(sq);
      double scale = r > threshold ? 1 - threshold / r : 0;
      for (int k = from; k < to; k++) {
        int j = members[k];
        x[xOffset + j] = scale * z[zOffset + j];
      }
    }
  }

  @Override
  public void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset) {
    for (int g = 0, count = groups.groupCount(); g < count; g++) {
      int from = groups.start(g);
      int to = groups.end(g);
      double sq = 0;
      double zu = 0;
      for (int k = from; k < to; k++) {
        int j = members[k];
        double v = z[zOffset + j];
        sq += v * v;
        zu += v * upstream[uOffset + j];
      }
      double r = Math.sqrt(sq);
      if (r > threshold) {
        double scale = 1 - threshold / r;
        double rank1 = threshold * zu / (sq * r);
        for (int k = from; k < to; k++) {
          int j = members[k];
          out[outOffset + j] = scale * upstream[uOffset + j] + rank1 * z[zOffset + j];
        }
      } else {
        for (int k = from; k < to; k++) {
          out[outOffset + members[k]] = 0;
        }
      }
    }
  }
}
