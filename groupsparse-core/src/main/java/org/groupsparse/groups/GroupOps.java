package org.groupsparse.groups;

/**
 * The project's one implementation of the per-group kernels: the group norm ||w_l||_2, block
 * soft-thresholding (the prox of t ||.||_2, eq. (7) of Theodosis et al. and the group-lasso prox)
 * and group normalization (the weight normalization v_l / ||v_l|| of Li et al., Algorithms 1-2).
 * Each comes in two layouts: a contiguous block {@code a[from .. to)} (the group lasso's
 * position-ordered coefficients) and a gathered block {@code a[offset + index[k]]} for
 * {@code k in [from, to)} (groups given by {@link GroupStructure#members()} and
 * {@link GroupStructure#groupStarts()}, in feature order).
 *
 * <p>Overflow policy (one for every caller): the norm is the square root of the plain sum of
 * squares, recomputed with the block scaled by its largest magnitude only when the sum leaves
 * [{@value #SMALL_SUM}, {@value #LARGE_SUM}] (so it neither overflows nor underflows, and costs one
 * pass in the normal range; a zero block costs a second pass that finds it zero). {@code KktChecker} keeps its own arithmetic on purpose: it is the
 * independent check of these kernels.
 */
public final class GroupOps {
  /** Sums of squares above this are recomputed scaled (their square root would be near overflow). */
  static final double LARGE_SUM = 1e300;
  /** Positive sums of squares below this are recomputed scaled (subnormal: precision lost). */
  static final double SMALL_SUM = 1e-300;

  private GroupOps() {}

  /**
   * ||a[from .. to)||_2.
   *
   * @param a values
   * @param from first index
   * @param to end index (exclusive)
   * @return the Euclidean norm (NaN when an entry is NaN, infinite when one is)
   */
  public static double norm(double[] a, int from, int to) {
    double s = 0;
    for (int k = from; k < to; k++) {
      s += a[k] * a[k];
    }
    if (s > LARGE_SUM || s < SMALL_SUM) {
      double scale = 0;
      for (int k = from; k < to; k++) {
        scale = Math.max(scale, Math.abs(a[k]));
      }
      if (scale == 0) {
        return 0;
      }
      s = 0;
      for (int k = from; k < to; k++) {
        double q = a[k] / scale;
        s += q * q;
      }
      return scale * Math.sqrt(s);
    }
    return Math.sqrt(s);
  }

  /**
   * ||(a[offset + index[k]])_{k in [from, to)}||_2.
   *
   * @param a values
   * @param offset added to every index
   * @param index positions of the block's entries
   * @param from first k
   * @param to end k (exclusive)
   * @return the Euclidean norm
   */
  public static double norm(double[] a, int offset, int[] index, int from, int to) {
    double s = 0;
    for (int k = from; k < to; k++) {
      double v = a[offset + index[k]];
      s += v * v;
    }
    if (s > LARGE_SUM || s < SMALL_SUM) {
      double scale = 0;
      for (int k = from; k < to; k++) {
        scale = Math.max(scale, Math.abs(a[offset + index[k]]));
      }
      if (scale == 0) {
        return 0;
      }
      s = 0;
      for (int k = from; k < to; k++) {
        double q = a[offset + index[k]] / scale;
        s += q * q;
      }
      return scale * Math.sqrt(s);
    }
    return Math.sqrt(s);
  }

  /**
   * ||w_l||_2 for every group.
   *
   * @param groups group structure
   * @param w coefficients in feature order, not modified
   * @return one norm per group
   */
  public static double[] norms(GroupStructure groups, double[] w) {
    int[] members = groups.members();
    double[] out = new double[groups.groupCount()];
    for (int l = 0; l < out.length; l++) {
      out[l] = norm(w, 0, members, groups.start(l), groups.end(l));
    }
    return out;
  }

  /**
   * The shrinkage factor of block soft-thresholding, (1 - t / r)_+ for a block of norm r.
   *
   * @param norm r = ||z_l||
   * @param threshold t
   * @return the factor in [0, 1)
   */
  public static double shrinkFactor(double norm, double threshold) {
    return norm <= threshold ? 0.0 : 1.0 - threshold / norm;
  }

  /**
   * Block soft-thresholding in place, z_l (1 - t / ||z_l||)_+ on {@code z[from .. to)}.
   *
   * @param z the block, modified
   * @param from first index
   * @param to end index (exclusive)
   * @param threshold t
   */
  public static void blockSoftThreshold(double[] z, int from, int to, double threshold) {
    double factor = shrinkFactor(norm(z, from, to), threshold);
    for (int k = from; k < to; k++) {
      z[k] *= factor;
    }
  }

  /**
   * Block soft-thresholding of a gathered block, x_l = z_l (1 - t / ||z_l||)_+, with
   * z_l = (z[zOffset + index[k]]) and x_l = (x[xOffset + index[k]]) for k in [from, to); x may be z.
   *
   * @param z input values
   * @param zOffset added to every index in z
   * @param index positions of the block's entries
   * @param from first k
   * @param to end k (exclusive)
   * @param threshold t
   * @param x output values (may be z with the same offset)
   * @param xOffset added to every index in x
   * @return the block's norm ||z_l|| before shrinking
   */
  public static double blockSoftThreshold(double[] z, int zOffset, int[] index, int from, int to, double threshold,
      double[] x, int xOffset) {
    double norm = norm(z, zOffset, index, from, to);
    double factor = shrinkFactor(norm, threshold);
    for (int k = from; k < to; k++) {
      int j = index[k];
      x[xOffset + j] = factor * z[zOffset + j];
    }
    return norm;
  }

  /**
   * Normalizes a gathered block to unit norm in place; a zero block becomes the uniform unit vector
   * 1/sqrt(m) (its direction is undefined), an infinite or NaN block is left as it is.
   *
   * @param a values, modified
   * @param index positions of the block's entries
   * @param from first k
   * @param to end k (exclusive)
   * @return the norm before normalizing
   */
  public static double normalize(double[] a, int[] index, int from, int to) {
    double norm = norm(a, 0, index, from, to);
    if (norm > 0 && Double.isFinite(norm)) {
      double inv = 1.0 / norm;
      for (int k = from; k < to; k++) {
        a[index[k]] *= inv;
      }
    } else if (norm == 0) {
      double e = 1.0 / Math.sqrt(to - from);
      for (int k = from; k < to; k++) {
        a[index[k]] = e;
      }
    }
    return norm;
  }
}
