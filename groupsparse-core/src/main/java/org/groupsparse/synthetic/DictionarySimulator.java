package org.groupsparse.synthetic;

import java.util.SplittableRandom;
import org.groupsparse.synthetic.DictionaryMetrics;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.util.Check;

/**
 * The synthetic setting of Theodosis et al., section 4.1: A* (n x m) with i.i.d. Gaussian entries
 * and unit-norm columns, in Gamma consecutive groups of size d; each code has {@code active}
 * groups chosen uniformly without replacement, each active group an N(0, I_d) draw normalized and
 * scaled by c ~ Uniform(4, 5) (so B_min = 4, B_max = 5 in eq. 15); y = A* x* + z with Gaussian z
 * whose variance is the mean squared entry of A* X* divided by 10^(SNR/10). All draws come from
 * one {@link SplittableRandom} seeded with the given seed, in a fixed order.
 */
public final class DictionarySimulator {
  /** Lower end of the group-norm scale c. */
  public static final double MIN_GROUP_NORM = 4;
  /** Upper end of the group-norm scale c. */
  public static final double MAX_GROUP_NORM = 5;

  private DictionarySimulator() {}

  /**
   * @param samples N
   * @param dimension n
   * @param groupCount Gamma
   * @param groupSize d
   * @param active groups per sample, in [1, Gamma]
   * @param snrDb signal-to-noise ratio in dB, or +infinity for noiseless data
   * @param seed seed
   * @return the data, A*, X*, the supports
   */
  public static SimulatedDictionaryData generate(int samples, int dimension, int groupCount, int groupSize, int active,
      double snrDb, long seed) {
    Check.atLeast("samples", "simulator", samples, 1);
    Check.atLeast("dimension", "simulator", dimension, 1);
    Check.atLeast("groupSize", "simulator", groupSize, 1);
    Check.atLeast("groupCount", "simulator", groupCount, 1);
    Check.argument(active >= 1 && active <= groupCount, "simulator: active groups must be in [1, " + groupCount + "]");
    Check.argument(!Double.isNaN(snrDb), "simulator: the SNR must be a number");
    SplittableRandom rng = new SplittableRandom(seed);
    int m = groupCount * groupSize;
    DenseMatrix dictionary = randomDictionary(dimension, m, rng);
    double[] a = dictionary.data();
    double[] x = new double[samples * m];
    boolean[][] support = new boolean[samples][groupCount];
    int[] pool = new int[groupCount];
    double[] code = new double[groupSize];
    for (int s = 0; s < samples; s++) {
      for (int g = 0; g < groupCount; g++) {
        pool[g] = g;
      }
      for (int k = 0; k < active; k++) {
        int pick = k + rng.nextInt(groupCount - k);
        int g = pool[pick];
        pool[pick] = pool[k];
        pool[k] = g;
        support[s][g] = true;
        double sq = 0;
        for (int j = 0; j < groupSize; j++) {
          code[j] = rng.nextGaussian();
          sq += code[j] * code[j];
        }
        double scale = (MIN_GROUP_NORM + (MAX_GROUP_NORM - MIN_GROUP_NORM) * rng.nextDouble()) / Math.sqrt(sq);
        for (int j = 0; j < groupSize; j++) {
          x[s * m + g * groupSize + j] = code[j] * scale;
        }
      }
    }
    double[] y = new double[samples * dimension];
    RowMajorBlas.gemm(false, true, samples, dimension, m, 1, x, a, 0, y);
    double power = 0;
    for (double v : y) {
      power += v * v;
    }
    power /= y.length;
    double noiseSd = Double.isInfinite(snrDb) && snrDb > 0 ? 0 : Math.sqrt(power / Math.pow(10, snrDb / 10));
    if (noiseSd > 0) {
      for (int i = 0; i < y.length; i++) {
        y[i] += noiseSd * rng.nextGaussian();
      }
    }
    return new SimulatedDictionaryData(new DenseMatrix(samples, dimension, y), dictionary,
        new DenseMatrix(samples, m, x), support, GroupStructure.contiguous(groupSize, m, false), noiseSd);
  }

  /**
   * A dictionary with i.i.d. N(0, 1) entries and unit-norm columns (the generator of section 4.1,
   * also a random start for training).
   *
   * @param rows n
   * @param cols m
   * @param seed seed
   * @return the n x m dictionary
   */
  public static DenseMatrix randomDictionary(int rows, int cols, long seed) {
    return randomDictionary(rows, cols, new SplittableRandom(seed));
  }

  private static DenseMatrix randomDictionary(int rows, int cols, SplittableRandom rng) {
    double[] a = new double[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    DenseMatrix dictionary = new DenseMatrix(rows, cols, a);
    double[] norms = DictionaryMetrics.columnNorms(dictionary);
    for (int i = 0; i < a.length; i++) {
      a[i] /= norms[i % cols];
    }
    return dictionary;
  }

  /**
   * The perturbed start A = A* + s B of section 4.1, B with i.i.d. N(0, 1) entries drawn from the
   * seed, and s chosen by bisection so that the mean column correlation of A with A* (see {@link
   * DictionaryMetrics#meanColumnCorrelation}) equals the target (the paper: about 0.15).
   *
   * @param reference A*
   * @param targetCorrelation in (0, 1)
   * @param seed seed of B
   * @return A
   */
  public static DenseMatrix perturb(DenseMatrix reference, double targetCorrelation, long seed) {
    Check.inRange("targetCorrelation", "simulator", targetCorrelation, 0, 1, Check.Bounds.OPEN);
    double[] b = gaussian(reference.data().length, seed);
    double lo = 0;
    double hi = 1;
    while (correlation(reference, b, hi) > targetCorrelation && hi < 1e6) {
      hi *= 2;
    }
    for (int it = 0; it < 100; it++) {
      double mid = 0.5 * (lo + hi);
      if (correlation(reference, b, mid) > targetCorrelation) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return shifted(reference, b, 0.5 * (lo + hi));
  }

  /**
   * A = A* + s B with a given scale s (B as in {@link #perturb}); the PyTorch reference uses s = 0.2.
   *
   * @param reference A*
   * @param scale s, at least 0
   * @param seed seed of B
   * @return A
   */
  public static DenseMatrix perturbByScale(DenseMatrix reference, double scale, long seed) {
    Check.inRange("scale", "simulator", scale, 0, Double.POSITIVE_INFINITY, Check.Bounds.CLOSED_LEFT);
    return shifted(reference, gaussian(reference.data().length, seed), scale);
  }

  private static double[] gaussian(int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] b = new double[length];
    for (int i = 0; i < b.length; i++) {
      b[i] = rng.nextGaussian();
    }
    return b;
  }

  private static double correlation(DenseMatrix reference, double[] b, double scale) {
    return DictionaryMetrics.meanColumnCorrelation(shifted(reference, b, scale), reference);
  }

  private static DenseMatrix shifted(DenseMatrix reference, double[] b, double scale) {
    double[] out = reference.data().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += scale * b[i];
    }
    return new DenseMatrix(reference.rows(), reference.cols(), out);
  }
}
