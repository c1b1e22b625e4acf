package org.groupsparse.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar twins of the SIMD dot products give the SIMD kernels' results bit for bit (so that
 * which of them runs never changes a result), for every length around the lane blocks, at offsets,
 * with magnitudes spread over many binades (so that any other summation order shows) and with
 * signed zeros.
 */
class ScalarTwinsTest {
  /** Every length to 300 (lane blocks and tails), then long vectors: the twins run at every length within their budget. */
  private static final int[] LENGTHS = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 300),
      java.util.stream.IntStream.of(511, 512, 513, 800, 1000, 1023, 2049, 3001)).toArray();

  @Test
  void twinsEqualTheSimdKernelsBitForBit() {
    assertThat(MatrixOps.SIMD).isTrue();
    int lanes = VectorKernels.lanes();
    // twins exist for the lane counts of AVX2 and AVX-512 machines; on another width they are not
    // used (MatrixOps keeps to the SIMD kernel), so there is nothing to compare
    org.junit.jupiter.api.Assumptions.assumeTrue(ScalarTwins.supports(lanes), "no twins for " + lanes + " lanes");
    int mismatches = 0;
    int compared = 0;
    // rounds: the later ones run the SIMD kernel compiled by the JIT's last tier (its intrinsic
    // reduction), the first ones its library fallback
    for (int round = 0; round < 12; round++) {
    SplittableRandom rng = new SplittableRandom(42 + round);
    for (int len : LENGTHS) {
      for (int trial = 0; trial < 4; trial++) {
        int off = rng.nextInt(9);
        int bOff = rng.nextInt(9);
        double[] a = new double[off + len];
        double[] b = new double[bOff + len];
        fill(rng, a, trial);
        fill(rng, b, trial);
        double[] b0 = java.util.Arrays.copyOfRange(b, bOff, bOff + len);
        long simd = Double.doubleToRawLongBits(VectorKernels.dot(a, off, b0, len));
        long twin = Double.doubleToRawLongBits(ScalarTwins.dot(lanes, a, off, b0, len));
        long simd5 = Double.doubleToRawLongBits(VectorKernels.dot(a, off, b, bOff, len));
        long twin5 = Double.doubleToRawLongBits(ScalarTwins.dot(lanes, a, off, b, bOff, len));
        mismatches += (simd != twin ? 1 : 0) + (simd5 != twin5 ? 1 : 0);
        compared += 2;
        assertThat(twin).as("dot, len %d trial %d", len, trial).isEqualTo(simd);
        assertThat(twin5).as("dot with offsets, len %d trial %d", len, trial).isEqualTo(simd5);
      }
    }
    }
    assertThat(compared).isEqualTo(12 * 2 * LENGTHS.length * 4);
    assertThat(mismatches).isZero();
  }

  /**
   * MatrixOps.axpy's two paths, the SIMD kernel and the plain loop (which runs for short vectors
   * while the twins do), give y_i + alpha x_i with the product rounded and then the sum, entry by
   * entry: the same bits at every length (lane blocks and tails) and offset, with the kernel as its
   * library fallback and compiled. A fused multiply-add in either would differ in the last bit.
   */
  @Test
  void axpyGivesTheScalarLoopsBitsOnBothPaths() {
    int fusedDiffers = 0;
    for (int round = 0; round < 8; round++) {
      SplittableRandom rng = new SplittableRandom(7 + round);
      for (int len = 0; len <= 300; len++) {
        int off = rng.nextInt(9);
        double[] x = new double[off + len];
        double[] y = new double[len];
        fill(rng, x, 1 + round % 2);
        fill(rng, y, 1 + round % 2);
        double alpha = rng.nextDouble() * 4 - 2;
        double[] simd = y.clone();
        VectorKernels.axpy(alpha, x, off, simd, len);
        double[] viaOps = y.clone();
        MatrixOps.axpy(alpha, x, off, viaOps, len);
        for (int i = 0; i < len; i++) {
          double expected = y[i] + alpha * x[off + i];
          assertThat(Double.doubleToRawLongBits(simd[i])).as("SIMD, len %d entry %d", len, i)
              .isEqualTo(Double.doubleToRawLongBits(expected));
          assertThat(Double.doubleToRawLongBits(viaOps[i])).as("MatrixOps, len %d entry %d", len, i)
              .isEqualTo(Double.doubleToRawLongBits(expected));
          fusedDiffers += Math.fma(alpha, x[off + i], y[i]) != expected ? 1 : 0;
        }
      }
    }
    assertThat(fusedDiffers).as("entries where a fused multiply-add differs (the test can tell)").isPositive();
  }

  /**
   * The axpy into y from an offset (the dense Cholesky's and its solve's row updates) gives the
   * bits of y_i + alpha x_i on both paths, and leaves y outside its range alone.
   */
  @Test
  void axpyFromAnOffsetGivesTheScalarLoopsBits() {
    SplittableRandom rng = new SplittableRandom(23);
    for (int len = 0; len <= 300; len++) {
      int xOff = rng.nextInt(9);
      int yOff = rng.nextInt(9);
      double[] x = new double[xOff + len];
      double[] y = new double[yOff + len + 3];
      fill(rng, x, 1);
      fill(rng, y, 2);
      double alpha = rng.nextDouble() * 4 - 2;
      double[] simd = y.clone();
      VectorKernels.axpy(alpha, x, xOff, simd, yOff, len);
      double[] viaOps = y.clone();
      MatrixOps.axpy(alpha, x, xOff, viaOps, yOff, len);
      for (int i = 0; i < y.length; i++) {
        double expected = i >= yOff && i < yOff + len ? y[i] + alpha * x[xOff + i - yOff] : y[i];
        assertThat(Double.doubleToRawLongBits(simd[i])).as("SIMD, len %d entry %d", len, i)
            .isEqualTo(Double.doubleToRawLongBits(expected));
        assertThat(Double.doubleToRawLongBits(viaOps[i])).as("MatrixOps, len %d entry %d", len, i)
            .isEqualTo(Double.doubleToRawLongBits(expected));
      }
    }
  }

  /**
   * MatrixOps.axpy4 on both paths gives the bits of four axpys one after the other, at every length
   * and offset: a different order of the four sums (or a fused multiply-add) would differ.
   */
  @Test
  void fourAxpysInOnePassGiveTheBitsOfFourInTurn() {
    int reordered = 0;
    for (int round = 0; round < 4; round++) {
      SplittableRandom rng = new SplittableRandom(31 + round);
      for (int len = 0; len <= 300; len++) {
        int[] off = {rng.nextInt(9), 9 + rng.nextInt(len + 1), 2 * len + 20 + rng.nextInt(5), 3 * len + 40};
        double[] x = new double[4 * len + 50];
        double[] y = new double[len];
        fill(rng, x, 1 + round % 2);
        fill(rng, y, 1 + round % 2);
        double[] a = {rng.nextDouble() * 4 - 2, rng.nextDouble() * 4 - 2, rng.nextDouble() * 4 - 2,
            rng.nextDouble() * 4 - 2};
        double[] inTurn = y.clone();
        for (int t = 0; t < 4; t++) {
          for (int i = 0; i < len; i++) {
            inTurn[i] += a[t] * x[off[t] + i];
          }
        }
        double[] simd = y.clone();
        VectorKernels.axpy4(a[0], a[1], a[2], a[3], x, off[0], off[1], off[2], off[3], simd, len);
        double[] viaOps = y.clone();
        MatrixOps.axpy4(a[0], a[1], a[2], a[3], x, off[0], off[1], off[2], off[3], viaOps, len);
        for (int i = 0; i < len; i++) {
          assertThat(Double.doubleToRawLongBits(simd[i])).as("SIMD, len %d entry %d", len, i)
              .isEqualTo(Double.doubleToRawLongBits(inTurn[i]));
          assertThat(Double.doubleToRawLongBits(viaOps[i])).as("MatrixOps, len %d entry %d", len, i)
              .isEqualTo(Double.doubleToRawLongBits(inTurn[i]));
          double pairwise = y[i] + ((a[0] * x[off[0] + i] + a[1] * x[off[1] + i])
              + (a[2] * x[off[2] + i] + a[3] * x[off[3] + i]));
          reordered += pairwise != inTurn[i] ? 1 : 0;
        }
      }
    }
    assertThat(reordered).as("entries where another order of the sums differs (the test can tell)").isPositive();
  }

  /**
   * The fused residual pass and the residual sum of squares: the twin's correlations (added to a
   * nonzero start) and loss equal the SIMD kernel's bit for bit, for row counts that leave 0 to 3
   * rows after the blocks of four and row lengths around the lane blocks, short and long (the twins
   * run at every length).
   */
  @Test
  void residualPassTwinsEqualTheSimdKernelsBitForBit() {
    int lanes = VectorKernels.lanes();
    org.junit.jupiter.api.Assumptions.assumeTrue(ScalarTwins.supports(lanes), "no twins for " + lanes + " lanes");
    for (int round = 0; round < 6; round++) {
      SplittableRandom rng = new SplittableRandom(100 + round);
      for (int p : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 70),
          java.util.stream.IntStream.of(255, 256, 257, 800, 1001)).toArray()) {
        int rows = 1 + rng.nextInt(13);
        int from = rng.nextInt(3);
        double[] x = new double[(from + rows) * p];
        double[] y = new double[from + rows];
        double[] w = new double[p];
        fill(rng, x, round % 3 == 2 ? 2 : 1);
        fill(rng, y, 1);
        fill(rng, w, 1);
        double[] start = new double[p];
        fill(rng, start, 1);
        double[] cSimd = start.clone();
        double[] cTwin = start.clone();
        double lossSimd = VectorKernels.residualCorrelation(x, p, from, from + rows, y, w, cSimd);
        double lossTwin = ScalarTwins.residualCorrelation(lanes, x, p, from, from + rows, y, w, cTwin);
        assertThat(Double.doubleToRawLongBits(lossTwin)).as("loss, p %d rows %d", p, rows)
            .isEqualTo(Double.doubleToRawLongBits(lossSimd));
        for (int j = 0; j < p; j++) {
          assertThat(Double.doubleToRawLongBits(cTwin[j])).as("c_%d, p %d rows %d", j, p, rows)
              .isEqualTo(Double.doubleToRawLongBits(cSimd[j]));
        }
        assertThat(Double.doubleToRawLongBits(ScalarTwins.residualSumOfSquares(lanes, x, p, from, from + rows, y, w)))
            .isEqualTo(Double.doubleToRawLongBits(VectorKernels.residualSumOfSquares(x, p, from, from + rows, y, w)));
      }
    }
  }

  /** The dispatch (the twin within its budget, then the SIMD kernel) agrees with the SIMD kernel at every length. */
  @Test
  void fastDotIsTheSimdKernelAtEveryLength() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int len : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 120, 255, 256, 259, 1000, 3001}) {
      double[] a = new double[len + 3];
      double[] b = new double[len + 5];
      fill(rng, a, 1);
      fill(rng, b, 1);
      double[] b0 = java.util.Arrays.copyOf(b, len);
      assertThat(Double.doubleToRawLongBits(MatrixOps.fastDot(a, 3, b0, len)))
          .isEqualTo(Double.doubleToRawLongBits(VectorKernels.dot(a, 3, b0, len)));
      assertThat(Double.doubleToRawLongBits(MatrixOps.fastDot(a, 3, b, 5, len)))
          .isEqualTo(Double.doubleToRawLongBits(VectorKernels.dot(a, 3, b, 5, len)));
    }
  }

  private static void fill(SplittableRandom rng, double[] v, int kind) {
    for (int i = 0; i < v.length; i++) {
      double x = rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(-30, 31));
      if (kind == 2) {
        x = rng.nextInt(5) == 0 ? -0.0 : x; // signed zeros among the terms
      } else if (kind == 3) {
        x = rng.nextBoolean() ? -0.0 : 0.0; // all zeros: the sign of the result
      }
      v[i] = x;
    }
  }
}
