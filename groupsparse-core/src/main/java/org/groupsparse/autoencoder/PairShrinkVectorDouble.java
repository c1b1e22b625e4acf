package org.groupsparse.autoencoder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD forms of {@link GroupShrinkDouble}'s kernels for consecutive groups of two (the paper's
 * layout), on the JDK's Vector API: a vector holds whole pairs, and swapping the lanes of each pair
 * puts the other member beside every entry, so ||z_g||^2 = z_1^2 + z_2^2 and z_g . u_g are formed in
 * both lanes of the pair and everything after is lanewise. The same operations in the same order
 * as the scalar kernels (addition is commutative, square root and division are correctly rounded),
 * so the results are identical to theirs bit for bit. Only loaded when the JVM has the
 * {@code jdk.incubator.vector} module ({@link org.groupsparse.linalg.MatrixOps#SIMD}).
 *
 * <p>This 64-bit class is a template: the build generates the 32-bit twin (see {@link
 * GroupShrinkDouble}).
 */
final class PairShrinkVectorDouble {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorShuffle<Double> SWAP = VectorShuffle.fromOp(S, i -> i ^ 1);

  private PairShrinkVectorDouble() {}

  /** x = sigma_t(z) on one row of {@code width} entries in groups of two; x must not alias z. */
  static void apply(double[] z, int zOffset, double threshold, double[] x, int xOffset, int width) {
    int lanes = S.length();
    int bound = width - width % lanes;
    int j = 0;
    for (; j < bound; j += lanes) {
      DoubleVector v = DoubleVector.fromArray(S, z, zOffset + j);
      DoubleVector sq = v.mul(v);
      sq = sq.add(sq.rearrange(SWAP));
      DoubleVector r = sq.lanewise(VectorOperators.SQRT).max(Double.MIN_NORMAL);
      DoubleVector scale = DoubleVector.broadcast(S, threshold).div(r).neg().add(1).max(0);
      scale.mul(v).intoArray(x, xOffset + j);
    }
    for (; j < width; j += 2) {
      double a = z[zOffset + j];
      double b = z[zOffset + j + 1];
      double scale = Math.max(0, 1 - threshold / Math.max(Math.sqrt(a * a + b * b), Double.MIN_NORMAL));
      x[xOffset + j] = scale * a;
      x[xOffset + j + 1] = scale * b;
    }
  }

  /** out = J_sigma(z) upstream on one row of {@code width} entries in groups of two. */
  static void backward(double[] z, int zOffset, double threshold, double[] upstream, int uOffset, double[] out,
      int outOffset, int width) {
    int lanes = S.length();
    int bound = width - width % lanes;
    int j = 0;
    for (; j < bound; j += lanes) {
      DoubleVector v = DoubleVector.fromArray(S, z, zOffset + j);
      DoubleVector u = DoubleVector.fromArray(S, upstream, uOffset + j);
      DoubleVector sq = v.mul(v);
      sq = sq.add(sq.rearrange(SWAP));
      DoubleVector zu = v.mul(u);
      zu = zu.add(zu.rearrange(SWAP));
      DoubleVector ratio = DoubleVector.broadcast(S, threshold).div(sq.lanewise(VectorOperators.SQRT)
          .max(Double.MIN_NORMAL)).min(2);
      DoubleVector scale = ratio.neg().add(1).max(0);
      DoubleVector rank1 = scale.mul(Double.MAX_VALUE).min(1).mul(ratio).mul(zu).div(sq.max(Double.MIN_NORMAL));
      scale.mul(u).add(rank1.mul(v)).intoArray(out, outOffset + j);
    }
    for (; j < width; j += 2) {
      double a = z[zOffset + j];
      double b = z[zOffset + j + 1];
      double sq = a * a + b * b;
      double ratio = Math.min(2, threshold / Math.max(Math.sqrt(sq), Double.MIN_NORMAL));
      double scale = Math.max(0, 1 - ratio);
      double rank1 = Math.min(scale * Double.MAX_VALUE, 1) * ratio
          * (a * upstream[uOffset + j] + b * upstream[uOffset + j + 1]) / Math.max(sq, Double.MIN_NORMAL);
      out[outOffset + j] = scale * upstream[uOffset + j] + rank1 * a;
      out[outOffset + j + 1] = scale * upstream[uOffset + j + 1] + rank1 * b;
    }
  }
}
