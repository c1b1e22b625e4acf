package org.groupsparse.autoencoder;

import org.groupsparse.groups.GroupStructure;

/**
 * The kernels of {@link GroupSoftThreshold} for one floating-point type. This 64-bit class is the
 * template: the build generates the 32-bit twin from it by a type rewrite (see the core module's
 * pom; lines ending in "keep-type" are left alone), so the two precisions run one code.
 * Write nothing here that would not compile or mean the same in single precision: no floating-point
 * literals with a decimal point, no calls without an overload for both types.
 *
 * <p>Forward: on every group, sigma_t(z_g) = (1 - t / ||z_g||)_+ z_g (Theodosis et al., eq. 7), of
 * the positive part z_g^+ when one-sided. Backward: d sigma / d z_g = (1 - t/r) I + (t / r^3) z_g
 * z_g^T for r = ||z_g|| &gt; t, else 0 (rows and columns of negative entries zeroed when one-sided).
 */
final class GroupShrinkDouble {
  private final GroupStructure groups;
  private final int[] members;
  /** d when the groups are consecutive runs of d entries (the autoencoders' layout), else 0. */
  private final int uniformSize;
  private final boolean nonnegative;

  GroupShrinkDouble(GroupStructure groups, int[] members, int uniformSize, boolean nonnegative) {
    this.groups = groups;
    this.members = members;
    this.uniformSize = uniformSize;
    this.nonnegative = nonnegative;
  }

  /** x = sigma_t(z) on one code row (x may be z). */
  void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset) {
    if (uniformSize > 0 && x != z) {
      applyUniform(z, zOffset, threshold, x, xOffset);
      return;
    }
    for (int g = 0, count = groups.groupCount(); g < count; g++) {
      int from = groups.start(g);
      int to = groups.end(g);
      double sq = 0;
      for (int k = from; k < to; k++) {
        double v = nonnegative ? Math.max(0, z[zOffset + members[k]]) : z[zOffset + members[k]];
        sq += v * v;
      }
      double r = Math.sqrt(sq);
      double scale = r > threshold ? 1 - threshold / r : 0;
      for (int k = from; k < to; k++) {
        int j = members[k];
        x[xOffset + j] = scale * (nonnegative ? Math.max(0, z[zOffset + j]) : z[zOffset + j]);
      }
    }
  }

  /** out = J_sigma(z) upstream on one code row (J symmetric). */
  void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset) {
    if (uniformSize > 1) {
      backwardUniform(z, zOffset, threshold, upstream, uOffset, out, outOffset);
      return;
    }
    for (int g = 0, count = groups.groupCount(); g < count; g++) {
      int from = groups.start(g);
      int to = groups.end(g);
      double sq = 0;
      double zu = 0;
      for (int k = from; k < to; k++) {
        int j = members[k];
        double v = nonnegative ? Math.max(0, z[zOffset + j]) : z[zOffset + j];
        sq += v * v;
        zu += v * upstream[uOffset + j];
      }
      double r = Math.sqrt(sq);
      if (r > threshold) {
        double scale = 1 - threshold / r;
        double rank1 = threshold * zu / (sq * r);
        for (int k = from; k < to; k++) {
          int j = members[k];
          double v = z[zOffset + j];
          out[outOffset + j] = nonnegative && !(v > 0) ? 0 : scale * upstream[uOffset + j] + rank1 * v;
        }
      } else {
        for (int k = from; k < to; k++) {
          out[outOffset + members[k]] = 0;
        }
      }
    }
  }

  // Consecutive groups of uniformSize entries (the unfolded network's hot path): three passes over
  // the row, using the output row as scratch: (1) squared group norms, (2) the per-group factors in
  // a branch-free loop the JIT vectorizes, (3) the scaling, written from the last group down so no
  // factor is overwritten before it is read. About three times faster than one fused loop, whose
  // sqrt/divide chain and unpredictable active/inactive branch do not pipeline. When the output
  // aliases the input, or (backward) there is no room for two factors per group, the general loop
  // runs instead.

  private void applyUniform(double[] z, int zOffset, double threshold, double[] x, int xOffset) {
    int d = uniformSize;
    int count = groups.groupCount();
    if (d == 2 && !nonnegative && org.groupsparse.linalg.MatrixOps.SIMD) {
      PairShrinkVectorDouble.apply(z, zOffset, threshold, x, xOffset, 2 * count);
      return;
    }
    if (d == 2) { // the paper's groups; the JIT handles the unrolled form much better
      for (int g = 0; g < count; g++) {
        double a = z[zOffset + 2 * g];
        double b = z[zOffset + 2 * g + 1];
        x[xOffset + g] = a * a + b * b;
      }
    } else {
      for (int g = 0; g < count; g++) {
        double sq = 0;
        for (int j = zOffset + g * d, end = j + d; j < end; j++) {
          sq += z[j] * z[j];
        }
        x[xOffset + g] = sq;
      }
    }
    for (int g = xOffset; g < xOffset + count; g++) {
      x[g] = Math.max(0, 1 - threshold / Math.max(Math.sqrt(x[g]), Double.MIN_NORMAL));
    }
    if (d == 2) {
      for (int g = count - 1; g >= 0; g--) {
        double scale = x[xOffset + g];
        x[xOffset + 2 * g + 1] = scale * z[zOffset + 2 * g + 1];
        x[xOffset + 2 * g] = scale * z[zOffset + 2 * g];
      }
    } else {
      for (int g = count - 1; g >= 0; g--) {
        double scale = x[xOffset + g];
        for (int j = g * d, end = j + d; j < end; j++) {
          x[xOffset + j] = scale * z[zOffset + j];
        }
      }
    }
  }

  private void backwardUniform(double[] z, int zOffset, double threshold, double[] upstream, int uOffset,
      double[] out, int outOffset) {
    int d = uniformSize;
    int count = groups.groupCount();
    if (d == 2 && !nonnegative && org.groupsparse.linalg.MatrixOps.SIMD) {
      PairShrinkVectorDouble.backward(z, zOffset, threshold, upstream, uOffset, out, outOffset, 2 * count);
      return;
    }
    if (d == 2) {
      for (int g = 0; g < count; g++) {
        double a = z[zOffset + 2 * g];
        double b = z[zOffset + 2 * g + 1];
        out[outOffset + 2 * g] = a * a + b * b;
        out[outOffset + 2 * g + 1] = a * upstream[uOffset + 2 * g] + b * upstream[uOffset + 2 * g + 1];
      }
    } else {
      for (int g = 0; g < count; g++) {
        double sq = 0;
        double zu = 0;
        for (int j = g * d, end = j + d; j < end; j++) {
          double v = z[zOffset + j];
          sq += v * v;
          zu += v * upstream[uOffset + j];
        }
        out[outOffset + 2 * g] = sq;
        out[outOffset + 2 * g + 1] = zu;
      }
    }
    for (int g = outOffset, end = outOffset + 2 * count; g < end; g += 2) {
      double sq = out[g];
      double ratio = Math.min(2, threshold / Math.max(Math.sqrt(sq), Double.MIN_NORMAL)); // capped: no inf * 0
      double scale = Math.max(0, 1 - ratio);
      // rank-one coefficient t (z.u) / r^3, zero with the group (scale = 0)
      out[g + 1] = Math.min(scale * Double.MAX_VALUE, 1) * ratio * out[g + 1] / Math.max(sq, Double.MIN_NORMAL);
      out[g] = scale;
    }
    if (d == 2) { // in place: the two factors of group g sit exactly where its outputs go
      for (int i = outOffset, end = outOffset + 2 * count, k = 0; i < end; i += 2, k += 2) {
        double scale = out[i];
        double rank1 = out[i + 1];
        out[i] = scale * upstream[uOffset + k] + rank1 * z[zOffset + k];
        out[i + 1] = scale * upstream[uOffset + k + 1] + rank1 * z[zOffset + k + 1];
      }
    } else {
      for (int g = count - 1; g >= 0; g--) {
        double scale = out[outOffset + 2 * g];
        double rank1 = out[outOffset + 2 * g + 1];
        for (int j = g * d, end = j + d; j < end; j++) {
          out[outOffset + j] = scale * upstream[uOffset + j] + rank1 * z[zOffset + j];
        }
      }
    }
  }
}
