package org.groupsparse.autoencoder;

import org.groupsparse.groups.GroupOps;
import org.groupsparse.groups.GroupStructure;

/**
 * Group soft-thresholding, the "group ReLU" of Theodosis et al., eq. (7): on every group g of the
 * code, sigma_t(z_g) = (1 - t / ||z_g||_2)_+ z_g, the proximal operator of t sum_g ||z_g||_2.
 *
 * <p>Derivative: for ||z_g|| = r &gt; t, d sigma / d z_g = (1 - t/r) I + (t / r^3) z_g z_g^T
 * (symmetric); for r &lt;= t it is 0. Any group structure works (groups need not be contiguous);
 * the default in the autoencoders is consecutive groups of equal size d.
 *
 * <p>One-sided (nonnegative) variant, the shrinkage of the authors' public MNIST code: the group
 * soft-threshold of the positive part, sigma_t(z_g) = (1 - t / ||z_g^+||)_+ z_g^+ with
 * z^+ = max(z, 0), the proximal operator of t sum_g ||x_g|| plus the indicator of x &gt;= 0. Its
 * Jacobian is D ((1 - t/r) I + (t / r^3) z_g^+ z_g^+^T) D with D = diag(z_g &gt; 0), r = ||z_g^+||.
 */
public final class GroupSoftThreshold implements Shrinkage {
  private final GroupStructure groups;
  private final int[] members;
  /** d when the groups are consecutive runs of d entries (the autoencoders' layout), else 0. */
  private final int uniformSize;
  private final boolean nonnegative;
  private final GroupShrinkDouble doubleKernel;
  private final GroupShrinkFloat floatKernel;

  /** @param groups the groups of the code entries */
  public GroupSoftThreshold(GroupStructure groups) {
    this(groups, false);
  }

  /**
   * @param groups the groups of the code entries
   * @param nonnegative whether to threshold the positive part only (one-sided; codes are then &gt;= 0)
   */
  public GroupSoftThreshold(GroupStructure groups, boolean nonnegative) {
    this.groups = groups;
    this.nonnegative = nonnegative;
    this.members = groups.members();
    int size = groups.groupCount() > 0 ? groups.size(0) : 0;
    boolean uniform = groups.isContiguous() && size > 0;
    for (int g = 0; uniform && g < groups.groupCount(); g++) {
      uniform = groups.size(g) == size && members[groups.start(g)] == g * size;
    }
    this.uniformSize = uniform && !nonnegative ? size : 0;
    this.doubleKernel = new GroupShrinkDouble(groups, members, uniformSize, nonnegative);
    this.floatKernel = new GroupShrinkFloat(groups, members, uniformSize, nonnegative);
  }

  /** @return whether the codes are the one-sided (nonnegative) shrinkage */
  public boolean nonnegative() {
    return nonnegative;
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
    return nonnegative ? "nonnegative-group" : "group";
  }

  @Override
  public void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset) {
    if (nonnegative || (uniformSize > 0 && x != z)) {
      doubleKernel.apply(z, zOffset, threshold, x, xOffset);
      return;
    }
    // the general two-sided layout in double: the shared kernel, with its overflow-safe norm
    for (int g = 0, count = groups.groupCount(); g < count; g++) {
      GroupOps.blockSoftThreshold(z, zOffset, members, groups.start(g), groups.end(g), threshold, x, xOffset);
    }
  }

  @Override
  public void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset) {
    doubleKernel.backward(z, zOffset, threshold, upstream, uOffset, out, outOffset);
  }

  @Override
  public void apply(float[] z, int zOffset, float threshold, float[] x, int xOffset) {
    floatKernel.apply(z, zOffset, threshold, x, xOffset);
  }

  @Override
  public void backward(float[] z, int zOffset, float threshold, float[] upstream, int uOffset, float[] out,
      int outOffset) {
    floatKernel.backward(z, zOffset, threshold, upstream, uOffset, out, outOffset);
  }
}
