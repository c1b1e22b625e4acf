package org.groupsparse.experiments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.groupsparse.autoencoder.AutoencoderArchitecture;
import org.groupsparse.autoencoder.AutoencoderFit;
import org.groupsparse.autoencoder.AutoencoderTrainer;
import org.groupsparse.autoencoder.AutoencoderTrainingOptions;
import org.groupsparse.autoencoder.GroupSparseAutoencoder;
import org.groupsparse.cluster.ClusteringMetrics;
import org.groupsparse.cluster.CodeTransforms;
import org.groupsparse.cluster.KMeans;
import org.groupsparse.cluster.SpectralClustering;
import org.groupsparse.experiments.MnistData;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.synthetic.DictionarySimulator;
import org.knowm.xchart.XYChart;

/**
 * Table 1 and figures 4 and 5 of Theodosis et al. (section 4.2): a group-sparse autoencoder
 * (10 groups of 16, T = 15 unfolded steps, lambda = 0.2) and a sparse one (784 x 160, lambda =
 * 0.03) trained with Adam (lr 1e-3) on the 60,000 MNIST training images; k-means and spectral
 * clustering (1,000-nearest-neighbour graph) of the 10,000 test images in pixel space and in each
 * code space, scored by best-matching accuracy (also NMI and ARI).
 */
public final class GsaeTable1Experiment implements Experiment {
  static final int GROUPS = 10;
  static final int GROUP_SIZE = 16;
  static final int LAYERS = 15;
  static final double GROUP_LAMBDA = 0.2;
  static final double SPARSE_LAMBDA = 0.03;
  static final int BATCH = 256;
  static final String[] REPRESENTATIONS = {"raw pixels", "sparse codes", "sparse codes+", "group-sparse codes",
      "group-sparse codes+"};
  static final double[][] PAPER = {{54.46, 63.04}, {54.14, 55.49}, {60.94, 56.98}, {74.5, 79.4}, {80.09, 80.27}};

  @Override
  public String name() {
    return "gsae-table1";
  }

  @Override
  public String title() {
    return "Clustering MNIST with group-sparse codes vs pixels and sparse codes (Theodosis et al., table 1, "
        + "figures 4 and 5)";
  }

  @Override
  public int defaultRepeats() {
    return 3;
  }

  @Override
  public boolean usesMnist() {
    return true;
  }

  /** One trained model with its loss curve and time. */
  private record Trained(GroupSparseAutoencoder model, double[] loss, double seconds) {}

  /**
   * What a run computes.
   *
   * @param quick whether this is the --quick setting
   * @param trainImages training images used (0: all)
   * @param testImages test images used (0: all)
   * @param epochs training epochs (the --epochs override applied)
   * @param neighbors neighbours of spectral clustering's graph
   */
  record Settings(boolean quick, int trainImages, int testImages, int epochs, int neighbors) {
    static Settings of(boolean quick, ExperimentOutput out) {
      return quick ? new Settings(true, 2000, 1000, out.epochs(2), 50) : new Settings(false, 0, 0, out.epochs(300), 1000);
    }
  }

  /**
   * The numbers of a run: the data used, the scores per repeat, representation, method and measure
   * (accuracy, NMI, ARI) with their rows, the loss rows, the first repeat's models and the timings.
   */
  private record Results(Path directory, int trainRows, DenseMatrix test, int[] labels, double[][][][] scores,
      List<double[]> rows, List<double[]> lossRows, Trained firstGroup, Trained firstSparse, double[] trainSeconds,
      double clusterSeconds) {}

  @Override
  public String run(ExperimentOutput out) throws Exception {
    long runStart = System.nanoTime();
    Settings settings = Settings.of(out.quick(), out);
    return report(settings, compute(settings, out), runStart, out);
  }

  /** Every training and clustering; numbers only (and the configuration for provenance). */
  private Results compute(Settings settings, ExperimentOutput out) throws java.io.IOException, InterruptedException {
    Path directory = out.mnistDirectory() != null ? out.mnistDirectory() : MnistData.defaultDirectory();
    MnistData mnist = MnistData.loadOrFetch(directory, Duration.ofMinutes(5))
        .firstImages(settings.trainImages(), settings.testImages());
    DenseMatrix train = mnist.trainImages();
    DenseMatrix test = mnist.testImages();
    int[] labels = mnist.testLabels();
    int epochs = settings.epochs();
    int neighbors = settings.neighbors();
    int m = GROUPS * GROUP_SIZE;
    int n = train.cols();
    out.config("mnistDirectory", directory.toString());
    out.config("trainImages", train.rows());
    out.config("testImages", test.rows());
    out.config("groups", GROUPS);
    out.config("groupSize", GROUP_SIZE);
    out.config("layers", LAYERS);
    out.config("groupLambda", GROUP_LAMBDA);
    out.config("sparseLambda", SPARSE_LAMBDA);
    out.config("optimizer", "adam");
    out.config("learningRate", 1e-3);
    out.config("batch", BATCH);
    out.config("epochs", epochs);
    out.config("neighbors", neighbors);
    out.config("kmeansRestarts", 10);

    int repeats = out.repeats();
    // results[rep][representation][method][measure: accuracy, nmi, ari]
    double[][][][] results = new double[repeats][REPRESENTATIONS.length][2][3];
    List<double[]> rows = new ArrayList<>();
    List<double[]> lossRows = new ArrayList<>();
    Trained firstGroup = null;
    Trained firstSparse = null;
    double[] trainSeconds = new double[2];
    double clusterSeconds = 0;
    int stages = repeats * 3;
    int stage = 0;
    for (int r = 0; r < repeats; r++) {
      long seed = out.seed() + r;
      DenseMatrix start = DictionarySimulator.randomDictionary(n, m, seed);
      Trained group = train(out, AutoencoderArchitecture.groupSparse(m, GROUP_SIZE, GROUP_LAMBDA, LAYERS), start, train,
          epochs, seed, ++stage, stages);
      Trained sparse = train(out, AutoencoderArchitecture.sparse(m, SPARSE_LAMBDA, LAYERS), start, train, epochs, seed,
          ++stage, stages);
      trainSeconds[0] += group.seconds / repeats;
      trainSeconds[1] += sparse.seconds / repeats;
      for (int e = 0; e < epochs; e++) {
        lossRows.add(new double[] {seed, e + 1, group.loss[e], sparse.loss[e]});
      }
      if (r == 0) {
        firstGroup = group;
        firstSparse = sparse;
      }
      DenseMatrix sparseCodes = sparse.model.encode(test);
      DenseMatrix groupCodes = group.model.encode(test);
      DenseMatrix[] inputs = {test, sparseCodes, CodeTransforms.simplex(sparseCodes), groupCodes,
          CodeTransforms.simplex(groupCodes)};
      long t0 = System.nanoTime();
      ++stage;
      for (int k = 0; k < inputs.length; k++) {
        out.progress("repeat " + (r + 1) + "/" + repeats + " clustering", k, inputs.length);
        int[] kmeans = new KMeans(10, 10, 300, 1e-4, seed).fit(inputs[k]).labels();
        int[] spectral = new SpectralClustering(10, neighbors, 10, seed).fit(inputs[k]).labels();
        int[][] both = {kmeans, spectral};
        for (int method = 0; method < 2; method++) {
          double[] score = {ClusteringMetrics.accuracy(labels, both[method]),
              ClusteringMetrics.normalizedMutualInformation(labels, both[method]),
              ClusteringMetrics.adjustedRandIndex(labels, both[method])};
          results[r][k][method] = score;
          rows.add(new double[] {seed, k, method, score[0], score[1], score[2]});
        }
      }
      clusterSeconds += (System.nanoTime() - t0) / 1e9 / repeats;
    }
    return new Results(directory, train.rows(), test, labels, results, rows, lossRows, firstGroup, firstSparse,
        trainSeconds, clusterSeconds);
  }

  /** The series, figures, summary and report of a run; text only. */
  private String report(Settings settings, Results run, long runStart, ExperimentOutput out) throws java.io.IOException {
    boolean quick = settings.quick();
    int epochs = settings.epochs();
    int neighbors = settings.neighbors();
    int repeats = out.repeats();
    int m = GROUPS * GROUP_SIZE;
    Path directory = run.directory();
    int trainRows = run.trainRows();
    DenseMatrix test = run.test();
    int[] labels = run.labels();
    double[][][][] results = run.scores();
    List<double[]> rows = run.rows();
    List<double[]> lossRows = run.lossRows();
    Trained firstGroup = run.firstGroup();
    Trained firstSparse = run.firstSparse();
    double[] trainSeconds = run.trainSeconds();
    double clusterSeconds = run.clusterSeconds();
    out.csv("table1-runs", List.of("seed", "representation", "method_0kmeans_1spectral", "accuracy", "nmi", "ari"),
        rows);
    out.csv("training-loss", List.of("seed", "epoch", "group_sparse", "sparse"), lossRows);

    // Table: mean and sd over repeats.
    double[][][] mean = new double[REPRESENTATIONS.length][2][3];
    double[][][] sd = new double[REPRESENTATIONS.length][2][3];
    for (int k = 0; k < REPRESENTATIONS.length; k++) {
      for (int method = 0; method < 2; method++) {
        for (int q = 0; q < 3; q++) {
          double[] v = new double[repeats];
          for (int r = 0; r < repeats; r++) {
            v[r] = results[r][k][method][q];
          }
          mean[k][method][q] = Arrays.stream(v).average().orElse(Double.NaN);
          double mu = mean[k][method][q];
          sd[k][method][q] = repeats > 1
              ? Math.sqrt(Arrays.stream(v).map(x -> (x - mu) * (x - mu)).sum() / (repeats - 1)) : 0;
        }
      }
    }
    Map<String, Object> table = new LinkedHashMap<>();
    for (int k = 0; k < REPRESENTATIONS.length; k++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kmeansAccuracyMean", 100 * mean[k][0][0]);
      row.put("kmeansAccuracySd", 100 * sd[k][0][0]);
      row.put("spectralAccuracyMean", 100 * mean[k][1][0]);
      row.put("spectralAccuracySd", 100 * sd[k][1][0]);
      row.put("kmeansNmi", mean[k][0][1]);
      row.put("spectralNmi", mean[k][1][1]);
      row.put("kmeansAri", mean[k][0][2]);
      row.put("spectralAri", mean[k][1][2]);
      row.put("paperKmeans", PAPER[k][0]);
      row.put("paperSpectral", PAPER[k][1]);
      table.put(REPRESENTATIONS[k], row);
    }
    out.summary("table1", table);
    out.summary("secondsPerTraining", Map.of("groupSparse", trainSeconds[0], "sparse", trainSeconds[1]));
    out.summary("secondsClusteringPerRepeat", clusterSeconds);

    figures(out, firstGroup, firstSparse, test, labels, epochs);

    // Claim: group-sparse codes (plain and +) beat raw pixels and both sparse rows, for both methods.
    boolean holds = true;
    for (int method = 0; method < 2; method++) {
      double best = Math.max(mean[0][method][0], Math.max(mean[1][method][0], mean[2][method][0]));
      holds &= mean[3][method][0] > best && mean[4][method][0] > best;
    }
    out.summary("claimHolds", holds);

    StringBuilder md = new StringBuilder();
    md.append("# gsae-table1 — ").append(title()).append("\n\n");
    md.append("**Paper's claim.** Trained without labels, the group-sparse autoencoder's codes cluster the MNIST test "
        + "digits far better than raw pixels or sparse codes: k-means / spectral accuracy 74.5 / 79.4 (80.09 / 80.27 "
        + "made nonnegative and summing to 1) against 54.46 / 63.04 for pixels and 54.14 / 55.49 (60.94 / 56.98) for "
        + "sparse codes. Its dictionary atoms look like whole digits, one digit class per group (figure 4c), where the "
        + "sparse dictionary learns pen strokes (4a); distances between codes show the class blocks (figure 5).\n\n");
    md.append(String.format(Locale.ROOT, "**Setting.** %d training and %d test images from %s (pixels / 255). "
        + "Group-sparse: %d groups of %d (m = %d), T = %d unfolded proximal-gradient steps with alpha = 1/||A||_2^2 "
        + "recomputed every step, lambda = %.2f. Sparse: A 784 x 160, elementwise soft-threshold, lambda = %.2f, the "
        + "same T. Both start from the same random dictionary (N(0, 1) entries, unit-norm columns; seed = repeat seed) "
        + "and train with Adam, lr 1e-3, mini-batches of %d for %d epochs (the paper does not state its batch size; "
        + "full-batch Adam would take only %d steps in %d epochs, mini-batches of 256 take %d per epoch). Clustering "
        + "of the test codes: k-means with 10 k-means++ restarts; spectral clustering on the symmetrized %d-nearest-"
        + "neighbour graph, normalized adjacency, 10 leading eigenvectors by ARPACK Lanczos, k-means on the embedding. "
        + "\"+\": absolute values scaled to sum to 1 per image (our reading of \"made nonnegative\"). Accuracy = best "
        + "one-to-one matching of clusters to digits (Hungarian). %d repeat(s), seeds %d..%d (training start, "
        + "shuffling and clustering).%s%n%n", trainRows, test.rows(), directory, GROUPS, GROUP_SIZE, m, LAYERS,
        GROUP_LAMBDA, SPARSE_LAMBDA, BATCH, epochs, epochs, epochs, (trainRows + BATCH - 1) / BATCH, neighbors,
        repeats, out.seed(), out.seed() + repeats - 1,
        quick ? " **--quick: 2,000 training and 1,000 test images, 2 epochs, 50 neighbours — a smoke run, not the "
            + "paper's setting.**" : ""));
    md.append("**Our numbers** (accuracy in %, mean ± sd over repeats, beside the paper's; the paper's numbers are "
        + "for MNIST, so with `--mnist` pointing at another data set such as Fashion-MNIST only our columns mean "
        + "anything).\n\n");
    md.append("| representation | k-means | spectral | paper k-means | paper spectral | NMI k-means / spectral |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (int k = 0; k < REPRESENTATIONS.length; k++) {
      md.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %.2f ± %.2f | %.2f | %.2f | %.3f / %.3f |%n",
          REPRESENTATIONS[k], 100 * mean[k][0][0], 100 * sd[k][0][0], 100 * mean[k][1][0], 100 * sd[k][1][0],
          PAPER[k][0], PAPER[k][1], mean[k][0][1], mean[k][1][1]));
    }
    md.append(String.format(Locale.ROOT, "%nTraining time per model: group-sparse %.0f s, sparse %.0f s (%d epochs); "
        + "clustering of all five representations %.0f s per repeat. Final training loss (seed %d): group-sparse "
        + "%.4g, sparse %.4g.%n%n", trainSeconds[0], trainSeconds[1], epochs, clusterSeconds, out.seed(),
        firstGroup.loss[epochs - 1], firstSparse.loss[epochs - 1]));
    double totalSeconds = (System.nanoTime() - runStart) / 1e9;
    out.summary("secondsTotal", totalSeconds);
    md.append(String.format(Locale.ROOT, "The whole run took %.0f s (%.1f min) on this machine (%d cores).%n%n",
        totalSeconds, totalSeconds / 60, Runtime.getRuntime().availableProcessors()));
    md.append("**Verdict.** ").append(holds
        ? "Holds: the group-sparse codes (plain and +) cluster better than pixels and both sparse rows, with k-means "
            + "and with spectral clustering."
        : "Does not hold as stated: the group-sparse codes (plain and +) do not beat pixels and both sparse rows for "
            + "both methods (table above).");
    md.append("\n\nFigures: fig4a-sparse-atoms, fig4c-group-atoms (atoms as 28 x 28 images, each scaled to its largest "
        + "magnitude; one row per group for the group-sparse model), fig4b-sparse-codes, fig4d-group-codes (|code| of "
        + "5 test images per digit, rows sorted by digit, each row scaled to its largest entry), fig5-distances-* "
        + "(pairwise Euclidean distances between 100 test images per digit, sorted by digit, averaged over 10 x 10 "
        + "blocks of image pairs so a 1000 x 1000 matrix becomes 100 x 100, each matrix scaled to its largest "
        + "distance), training-loss. Data: table1-runs.csv, training-loss.csv.\n");
    md.append("\nOther lambdas, the conventions of the authors' public code (centred data, FISTA with a fixed step, "
        + "unit-norm atoms, one-sided shrinkage, a data-initialized dictionary) and lambda chosen by a target number of "
        + "active groups per code: experiment gsae-sweep.\n");
    return md.toString();
  }

  private static Trained train(ExperimentOutput out, AutoencoderArchitecture architecture, DenseMatrix start,
      DenseMatrix data, int epochs, long seed, int stage, int stages) {
    AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withEpochs(epochs).withLearningRate(1e-3)
        .withBatchSize(BATCH).withSeed(seed);
    long t0 = System.nanoTime();
    String what = "run " + stage + "/" + stages + " " + architecture.shrinkage().kind() + " epochs";
    AutoencoderFit fit = new AutoencoderTrainer(options).train(new GroupSparseAutoencoder(architecture, start), data,
        view -> out.progress(what, view.epoch(), epochs));
    return new Trained(fit.model(), fit.trainingLoss(), (System.nanoTime() - t0) / 1e9);
  }

  private static void figures(ExperimentOutput out, Trained group, Trained sparse, DenseMatrix test, int[] labels,
      int epochs) throws java.io.IOException {
    out.rasterFigure("fig4a-sparse-atoms", atoms("(a) sparse autoencoder: 160 atoms (16 per row)",
        sparse.model.dictionary()));
    out.rasterFigure("fig4c-group-atoms", atoms("(c) group-sparse autoencoder: one row per group",
        group.model.dictionary()));
    int[] examples = perDigit(labels, 5);
    out.rasterFigure("fig4b-sparse-codes", codes("(b) sparse codes |x| of 5 test images per digit",
        sparse.model.encode(rows(test, examples))));
    out.rasterFigure("fig4d-group-codes", codes("(d) group-sparse codes |x| of 5 test images per digit",
        group.model.encode(rows(test, examples))));
    int[] hundred = perDigit(labels, 100);
    DenseMatrix images = rows(test, hundred);
    out.rasterFigure("fig5-distances-pixels", distances("pixel space", images));
    out.rasterFigure("fig5-distances-sparse", distances("sparse codes", sparse.model.encode(images)));
    out.rasterFigure("fig5-distances-group", distances("group-sparse codes", group.model.encode(images)));
    double[] epochAxis = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      epochAxis[e] = e + 1;
    }
    XYChart loss = Charts.lines("training loss (first seed)", "epoch", "(1/2N) sum ||y - A x||^2", true);
    Charts.line(loss, "group-sparse", epochAxis, group.loss);
    Charts.line(loss, "sparse", epochAxis, sparse.loss);
    out.figure("training-loss", loss);
  }

  /** Up to {@code count} indices per digit 0..9, in test order, grouped by digit. */
  static int[] perDigit(int[] labels, int count) {
    List<Integer> chosen = new ArrayList<>();
    for (int digit = 0; digit < 10; digit++) {
      int taken = 0;
      for (int i = 0; i < labels.length && taken < count; i++) {
        if (labels[i] == digit) {
          chosen.add(i);
          taken++;
        }
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static DenseMatrix rows(DenseMatrix x, int[] indices) {
    return x.selectRows(indices);
  }

  /** The 160 atoms as a 10 x 16 mosaic of 28 x 28 images with 1-pixel gaps, each atom scaled to [-1, 1]. */
  static org.knowm.xchart.HeatMapChart atoms(String title, DenseMatrix dictionary) {
    int side = (int) Math.round(Math.sqrt(dictionary.rows()));
    int cell = side + 1;
    int height = GROUPS * cell - 1;
    int width = GROUP_SIZE * cell - 1;
    double[] mosaic = new double[height * width];
    int m = dictionary.cols();
    double[] a = dictionary.data();
    for (int atom = 0; atom < m; atom++) {
      double max = 0;
      for (int p = 0; p < dictionary.rows(); p++) {
        max = Math.max(max, Math.abs(a[p * m + atom]));
      }
      int top = (atom / GROUP_SIZE) * cell;
      int left = (atom % GROUP_SIZE) * cell;
      for (int p = 0; p < side * side && p < dictionary.rows(); p++) {
        mosaic[(top + p / side) * width + left + p % side] = max > 0 ? a[p * m + atom] / max : 0;
      }
    }
    return Charts.heatMap(title, height, width, mosaic, -1, 1, Charts.DIVERGING, 900);
  }

  static org.knowm.xchart.HeatMapChart codes(String title, DenseMatrix codes) {
    int n = codes.rows();
    int m = codes.cols();
    double[] v = new double[n * m];
    for (int i = 0; i < n; i++) {
      double max = 0;
      for (int j = 0; j < m; j++) {
        max = Math.max(max, Math.abs(codes.get(i, j)));
      }
      for (int j = 0; j < m; j++) {
        v[i * m + j] = max > 0 ? Math.abs(codes.get(i, j)) / max : 0;
      }
    }
    return Charts.heatMap(title, n, m, v, 0, 1, Charts.SEQUENTIAL, 900);
  }

  private static org.knowm.xchart.HeatMapChart distances(String space, DenseMatrix x) {
    int n = x.rows();
    int p = x.cols();
    int block = 10;
    int cells = (n + block - 1) / block;
    double[] averaged = new double[cells * cells];
    double[] counts = new double[cells * cells];
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int t = 0; t < p; t++) {
          double d = x.get(i, t) - x.get(j, t);
          s += d * d;
        }
        double dist = Math.sqrt(s);
        averaged[(i / block) * cells + j / block] += dist;
        counts[(i / block) * cells + j / block]++;
      }
    }
    for (int k = 0; k < averaged.length; k++) {
      averaged[k] /= counts[k];
    }
    for (double v : averaged) {
      max = Math.max(max, v);
    }
    for (int k = 0; k < averaged.length; k++) {
      averaged[k] = max > 0 ? averaged[k] / max : 0;
    }
    return Charts.heatMap("(figure 5) pairwise distances, " + space + " (100 images per digit 0..9)", cells, cells,
        averaged, 0, 1, Charts.SEQUENTIAL, 600);
  }
}
