package org.groupsparse.autoencoder;

import org.groupsparse.synthetic.DictionaryMetrics;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;

/**
 * A trained (or initial) tied-weight autoencoder of Theodosis et al.: encoder x = g_A(y) given by
 * an {@link AutoencoderArchitecture} (shallow, eq. 11, or unfolded), decoder y_hat = A x (eq. 12),
 * loss (1/2N) sum_i ||y_i - y_hat_i||^2 (eq. 13). Optionally the model centres its inputs: with an
 * input mean mu (the training mean, as in the authors' MNIST code), the encoder sees y - mu and the
 * decoder returns mu + A x. Immutable; the dictionary A (n x m) and mu are copied in and out.
 */
public final class GroupSparseAutoencoder {
  private static final int ENCODE_CHUNK = 512;
  private final AutoencoderArchitecture architecture;
  private final DenseMatrix dictionary;
  private final double[] inputMean;

  /**
   * @param architecture the encoder
   * @param dictionary A, n x m with m the architecture's code length, finite entries (copied)
   */
  public GroupSparseAutoencoder(AutoencoderArchitecture architecture, DenseMatrix dictionary) {
    this(architecture, dictionary, null);
  }

  /**
   * @param architecture the encoder
   * @param dictionary A, n x m with m the architecture's code length, finite entries (copied)
   * @param inputMean mu, n finite values subtracted from every input row before encoding (copied), or
   *     null for none
   */
  public GroupSparseAutoencoder(AutoencoderArchitecture architecture, DenseMatrix dictionary, double[] inputMean) {
    if (dictionary.cols() != architecture.codeLength()) {
      throw new DimensionMismatchException("the dictionary has " + dictionary.cols()
          + " columns but the code has " + architecture.codeLength() + " entries");
    }
    for (double v : dictionary.data()) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("autoencoder: the dictionary has a non-finite entry");
      }
    }
    if (inputMean != null) {
      if (inputMean.length != dictionary.rows()) {
        throw new DimensionMismatchException("the input mean has " + inputMean.length + " entries but the dictionary has "
            + dictionary.rows() + " rows");
      }
      for (double v : inputMean) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("autoencoder: the input mean has a non-finite entry");
        }
      }
    }
    this.architecture = architecture;
    this.dictionary = dictionary.copy();
    this.inputMean = inputMean == null ? null : inputMean.clone();
  }

  /** @return a copy of the input mean mu subtracted before encoding, or null when the model does not centre */
  public double[] inputMean() {
    return inputMean == null ? null : inputMean.clone();
  }

  /**
   * @param mean mu (n values), or null for none
   * @return this encoder and dictionary with that input mean
   */
  public GroupSparseAutoencoder withInputMean(double[] mean) {
    return new GroupSparseAutoencoder(architecture, dictionary, mean);
  }

  /**
   * @param data rows of n values
   * @return the rows minus the input mean (the data themselves when the model does not centre)
   */
  DenseMatrix centred(DenseMatrix data) {
    if (inputMean == null) {
      return data;
    }
    double[] v = data.data().clone();
    int n = inputMean.length;
    for (int i = 0; i < v.length; i++) {
      v[i] -= inputMean[i % n];
    }
    return new DenseMatrix(data.rows(), n, v);
  }

  /** @return the encoder */
  public AutoencoderArchitecture architecture() {
    return architecture;
  }

  /** @return a copy of A */
  public DenseMatrix dictionary() {
    return dictionary.copy();
  }

  /** @return n, the data dimension */
  public int inputDimension() {
    return dictionary.rows();
  }

  /** @return m, the code length */
  public int codeLength() {
    return dictionary.cols();
  }

  /** @return the code groups */
  public GroupStructure codeGroups() {
    return architecture.shrinkage().groups();
  }

  /** @return alpha as used by the encoder for this A (resolved when automatic) */
  public double stepSize() {
    DoubleUnfoldedNetwork net = new DoubleUnfoldedNetwork(architecture, inputDimension(), 1);
    net.prepare(dictionary.data());
    return net.stepSize();
  }

  /**
   * Encodes rows of data.
   *
   * @param data Y, N x n, finite
   * @return the codes X_T, N x m
   */
  public DenseMatrix encode(DenseMatrix data) {
    checkData(data);
    int rows = data.rows();
    DoubleUnfoldedNetwork net = new DoubleUnfoldedNetwork(architecture, inputDimension(), Math.max(1, Math.min(rows,
        ENCODE_CHUNK)));
    net.prepare(dictionary.data());
    double[] codes = new double[rows * codeLength()];
    net.encode(dictionary.data(), centred(data).data(), 0, rows, codes);
    return new DenseMatrix(rows, codeLength(), codes);
  }

  /**
   * Decodes codes.
   *
   * @param codes X, N x m
   * @return A X^T as rows (plus the input mean, when the model centres), N x n
   */
  public DenseMatrix decode(DenseMatrix codes) {
    if (codes.cols() != codeLength()) {
      throw new DimensionMismatchException("codes have " + codes.cols() + " entries; the model's code has "
          + codeLength());
    }
    double[] out = new double[codes.rows() * inputDimension()];
    org.groupsparse.linalg.RowMajorBlas.gemm(false, true, codes.rows(), inputDimension(), codeLength(), 1,
        codes.data(), dictionary.data(), 0, out);
    if (inputMean != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] += inputMean[i % inputMean.length];
      }
    }
    return new DenseMatrix(codes.rows(), inputDimension(), out);
  }

  /**
   * The loss of eq. (13).
   *
   * @param data Y, N x n
   * @return (1/2N) sum_i ||y_i - A x_T(y_i)||^2
   */
  public double loss(DenseMatrix data) {
    DenseMatrix rec = decode(encode(data));
    double[] a = rec.data();
    double[] y = data.data();
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double e = a[i] - y[i];
      s += e * e;
    }
    return 0.5 * s / data.rows();
  }

  /**
   * The active groups of each code row: group g of row i is active when x_{i,g} is not all zero.
   *
   * @param codes X, N x m
   * @return active[i][g]
   */
  public boolean[][] activeGroups(DenseMatrix codes) {
    return DictionaryMetrics.activeGroups(codes, codeGroups());
  }

  /**
   * The loss of eq. (13) and its gradient with respect to A, with alpha (and the threshold
   * lambda alpha) held at their values for this A (see {@code DoubleUnfoldedNetwork}).
   *
   * @param data Y, N x n
   * @param gradient output, n x m row-major (overwritten)
   * @return (1/2N) sum_i ||y_i - A x_T(y_i)||^2
   */
  public double lossAndGradient(DenseMatrix data, double[] gradient) {
    checkData(data);
    if (gradient.length != inputDimension() * codeLength()) {
      throw new DimensionMismatchException("the gradient needs " + inputDimension() * codeLength() + " entries");
    }
    int rows = data.rows();
    DoubleUnfoldedNetwork net = new DoubleUnfoldedNetwork(architecture, inputDimension(), Math.max(1, Math.min(rows,
        ENCODE_CHUNK)));
    net.prepare(dictionary.data());
    java.util.Arrays.fill(gradient, 0);
    return net.lossAndGradient(dictionary.data(), centred(data).data(), rows, 1.0 / rows, gradient);
  }

  /**
   * @param other dictionary of the same shape
   * @return a model with this encoder and it
   */
  public GroupSparseAutoencoder withDictionary(DenseMatrix other) {
    return new GroupSparseAutoencoder(architecture, other, inputMean);
  }

  /**
   * @param other an encoder with the same code length
   * @return a model with it, this dictionary and this input mean
   */
  public GroupSparseAutoencoder withArchitecture(AutoencoderArchitecture other) {
    return new GroupSparseAutoencoder(other, dictionary, inputMean);
  }

  /**
   * The mean number of active groups per code row (a group is active when any entry is nonzero).
   *
   * @param codes X, N x m
   * @return (1/N) sum_i #{g : x_{i,g} != 0}, 0 for no rows
   */
  public double meanActiveGroups(DenseMatrix codes) {
    boolean[][] active = activeGroups(codes);
    long count = 0;
    for (boolean[] row : active) {
      for (boolean b : row) {
        count += b ? 1 : 0;
      }
    }
    return active.length == 0 ? 0 : (double) count / active.length;
  }

  void checkData(DenseMatrix data) {
    if (data.cols() != inputDimension()) {
      throw new DimensionMismatchException("the data have " + data.cols() + " columns but the model's dictionary has "
          + inputDimension() + " rows (the data dimension n)");
    }
    double[] v = data.data();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("autoencoder: non-finite value at row " + (i / data.cols() + 1)
            + ", column " + (i % data.cols() + 1) + " of the data");
      }
    }
  }
}
