package org.groupsparse.autoencoder;

import java.util.SplittableRandom;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.synthetic.DictionarySimulator;

/**
 * Starting dictionaries for training: random (i.i.d. N(0, 1) entries, unit-norm columns; the
 * paper's start) or data-initialized (every atom a distinct training row, centred when the model
 * centres, scaled to unit norm: a start whose atoms correlate with the data, so that a large lambda
 * does not zero every code at the first step).
 */
public final class DictionaryStarts {
  private DictionaryStarts() {}

  /**
   * @param inputDimension n
   * @param codeLength m
   * @param seed seed of the entries
   * @return the n x m random dictionary with unit-norm columns
   */
  public static DenseMatrix random(int inputDimension, int codeLength, long seed) {
    return DictionarySimulator.randomDictionary(inputDimension, codeLength, seed);
  }

  /**
   * Atoms from the data: m distinct rows drawn uniformly without replacement from the seed (rows
   * that are zero after centring are skipped), minus the mean when one is given, each scaled to
   * unit norm.
   *
   * @param data Y, N x n
   * @param mean mu (n values) subtracted from the rows, or null
   * @param codeLength m
   * @param seed seed of the draw
   * @return the n x m dictionary whose column j is (y_{i_j} - mu) / ||y_{i_j} - mu||
   * @throws IllegalArgumentException if fewer than m rows are nonzero
   */
  public static DenseMatrix fromData(DenseMatrix data, double[] mean, int codeLength, long seed) {
    int rows = data.rows();
    int n = data.cols();
    double[] y = data.data();
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = new double[n * codeLength];
    double[] atom = new double[n];
    int filled = 0;
    for (int k = 0; k < rows && filled < codeLength; k++) {
      int pick = k + rng.nextInt(rows - k);
      int row = order[pick];
      order[pick] = order[k];
      order[k] = row;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        atom[i] = y[row * n + i] - (mean == null ? 0 : mean[i]);
        sq += atom[i] * atom[i];
      }
      if (!(sq > 0)) {
        continue;
      }
      double scale = 1 / Math.sqrt(sq);
      for (int i = 0; i < n; i++) {
        a[i * codeLength + filled] = atom[i] * scale;
      }
      filled++;
    }
    if (filled < codeLength) {
      throw new IllegalArgumentException("a data-initialized dictionary needs " + codeLength
          + " nonzero rows; the data have " + filled);
    }
    return new DenseMatrix(n, codeLength, a);
  }
}
