package org.groupsparse.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.groupsparse.autoencoder.AutoencoderArchitecture;
import org.groupsparse.autoencoder.AutoencoderFit;
import org.groupsparse.autoencoder.AutoencoderTrainer;
import org.groupsparse.autoencoder.AutoencoderTrainingOptions;
import org.groupsparse.autoencoder.GroupSparseAutoencoder;
import org.groupsparse.autoencoder.Precision;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.synthetic.DictionaryMetrics;
import org.groupsparse.synthetic.DictionarySimulator;
import org.groupsparse.synthetic.SimulatedDictionaryData;
import org.knowm.xchart.XYChart;

/**
 * Figure 3 of Theodosis et al. from the paper's start, under the settings a reader could suspect:
 * gsae-fig3 (e) found that training from a start of mean column correlation 0.15 (the paper's)
 * or 0.3 does not approach A* in 300 epochs, while 0.5 and above converge. Before concluding that
 * the paper's start lies outside the basin, this experiment reruns the 10 dB data of gsae-fig3
 * (same seeds, same starts) with (1) four times as many epochs, and (2) the atoms renormalized to
 * unit norm after every step (the authors' MNIST code does this; the paper says it did not
 * constrain the norms), and measures, besides the direct distance ||A - A*||_F^2 and the mean
 * column correlation, a permutation-invariant one: for every atom of A*, the largest |correlation|
 * with any atom of A (training may find A* with its atoms permuted or sign-flipped, which the
 * direct measures would not see). Two further settings do not apply or change nothing, and the
 * report says why with numbers: the step size (T = 1: alpha = 1 by eq. 11, fixed either way) and
 * the mean vs sum loss scaling (Adam is invariant to a constant factor on the loss except through
 * its epsilon).
 */
public final class GsaeBasinExperiment implements Experiment {
  static final int STRIDE = 10;
  private static final double ADAM_EPSILON = 1e-8;

  @Override
  public String name() {
    return "gsae-fig3-basin";
  }

  @Override
  public String title() {
    return "Where training of the group-sparse autoencoder converges from: the paper's start under longer training "
        + "and renormalized atoms (Theodosis et al., figure 3)";
  }

  @Override
  public int defaultRepeats() {
    return 1;
  }

  /**
   * One configuration.
   *
   * @param label what differs from gsae-fig3 (a)/(e)
   * @param startCorrelation mean column correlation of the start
   * @param epochs epochs
   * @param renormalize atoms to unit norm after every step
   * @param targetActive NaN (lambda = 2, the paper's), or the mean active groups per code that lambda is
   *     calibrated to (every 10 epochs)
   */
  record Config(String label, double startCorrelation, int epochs, boolean renormalize, double targetActive) {}

  /**
   * What a run computes.
   *
   * @param quick the --quick setting
   * @param samples N
   * @param dimension n
   * @param groupCount groups of A*
   * @param learningRate Adam's
   * @param configs the runs
   */
  record Settings(boolean quick, int samples, int dimension, int groupCount, double learningRate, List<Config> configs) {
    static Settings of(boolean quick, ExperimentOutput out) {
      int base = out.epochs(quick ? 100 : 300);
      return new Settings(quick, quick ? 1000 : 10000, quick ? 95 : 950, quick ? 50 : 500, quick ? 1e-2 : 1e-3,
          List.of(new Config("paper text, " + 4 * base + " epochs", 0.15, 4 * base, false, Double.NaN),
              new Config("atoms renormalized", 0.15, base, true, Double.NaN),
              new Config("atoms renormalized", 0.3, base, true, Double.NaN),
              new Config("atoms renormalized, lambda for 3 active groups", 0.15, base, true, 3)));
    }
  }

  /** Records of one run every {@link #STRIDE} epochs (zeroCodes: the fraction of samples whose code is all zero). */
  private record Run(Config config, double startReached, double[] epochs, double[] loss, double[] distance,
      double[] correlation, double[] matched, double[] support, double[] zeroCodes, double lambda, double seconds) {}

  private record Results(List<Run> runs, double gradientRms, double trueLoss, double zeroLoss) {}

  @Override
  public String run(ExperimentOutput out) throws Exception {
    long start = System.nanoTime();
    Settings settings = Settings.of(out.quick(), out);
    return report(settings, compute(settings, out), start, out);
  }

  private Results compute(Settings settings, ExperimentOutput out) {
    long seed = out.seed() + GsaeFig3Experiment.SNRS.length - 1; // the 10 dB data of gsae-fig3
    double snr = GsaeFig3Experiment.SNRS[GsaeFig3Experiment.SNRS.length - 1];
    SimulatedDictionaryData data = DictionarySimulator.generate(settings.samples(), settings.dimension(),
        settings.groupCount(), 2, 3, snr, seed);
    int m = settings.groupCount() * 2;
    out.config("N", settings.samples());
    out.config("n", settings.dimension());
    out.config("groups", settings.groupCount());
    out.config("groupSize", 2);
    out.config("snrDb", snr);
    out.config("lambda", GsaeFig3Experiment.LAMBDA);
    out.config("learningRate", settings.learningRate());
    out.config("dataSeed", seed);
    out.config("precision", "float32 passes, float64 dictionary and Adam state");
    AutoencoderArchitecture arch = AutoencoderArchitecture.groupSparse(m, 2, GsaeFig3Experiment.LAMBDA, 1);
    GroupSparseAutoencoder truth = new GroupSparseAutoencoder(arch, data.dictionary());
    double trueLoss = truth.loss(data.data());
    double zeroLoss = 0;
    for (double v : data.data().data()) {
      zeroLoss += v * v;
    }
    zeroLoss /= 2.0 * settings.samples(); // (1/2N) ||Y||_F^2: the loss when every code is zero
    DenseMatrix paperStart = DictionarySimulator.perturb(data.dictionary(), 0.15, seed + 1000);
    double[] grad = new double[settings.dimension() * m];
    new GroupSparseAutoencoder(arch, paperStart).lossAndGradient(data.data(), grad);
    double sq = 0;
    for (double g : grad) {
      sq += g * g;
    }
    double rms = Math.sqrt(sq / grad.length);
    List<Run> runs = new ArrayList<>();
    int index = 0;
    for (Config c : settings.configs()) {
      index++;
      DenseMatrix start = DictionarySimulator.perturb(data.dictionary(), c.startCorrelation(), seed + 1000);
      runs.add(train(out, arch, start, data, c, settings.learningRate(), index, settings.configs().size()));
    }
    return new Results(runs, rms, trueLoss, zeroLoss);
  }

  private static Run train(ExperimentOutput out, AutoencoderArchitecture arch, DenseMatrix start,
      SimulatedDictionaryData data, Config c, double learningRate, int index, int total) {
    int checks = c.epochs() / STRIDE + 1;
    double[] epochs = new double[checks];
    double[] loss = new double[checks];
    double[] distance = new double[checks];
    double[] correlation = new double[checks];
    double[] matched = new double[checks];
    double[] support = new double[checks];
    double[] zeroCodes = new double[checks];
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(arch, start);
    record(0, 0, initial.loss(data.data()), start, initial, data, epochs, loss, distance, correlation, matched, support,
        zeroCodes);
    AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withEpochs(c.epochs())
        .withLearningRate(learningRate).withSeed(out.seed()).withPrecision(Precision.FLOAT32)
        .withNormalizeColumns(c.renormalize()).withTargetActiveGroups(c.targetActive()).withCalibrationInterval(STRIDE);
    long t0 = System.nanoTime();
    AutoencoderFit fit = new AutoencoderTrainer(options).train(initial, data.data(), view -> {
      int e = view.epoch();
      if (e % STRIDE == 0) {
        record(e / STRIDE, e, view.trainingLoss(), view.dictionary(),
            initial.withArchitecture(initial.architecture().withLambda(view.lambda())), data, epochs, loss, distance,
            correlation, matched, support, zeroCodes);
      }
      out.progress("run " + index + "/" + total + " (" + c.label() + ", start " + c.startCorrelation() + ") epochs", e,
          c.epochs());
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (fit.trainingLoss().length != c.epochs()) {
      throw new IllegalStateException("training stopped early");
    }
    return new Run(c, DictionaryMetrics.meanColumnCorrelation(start, data.dictionary()), epochs, loss, distance,
        correlation, matched, support, zeroCodes, fit.model().architecture().lambda(), seconds);
  }

  private static void record(int k, int epoch, double lossValue, DenseMatrix a, GroupSparseAutoencoder model,
      SimulatedDictionaryData data, double[] epochs, double[] loss, double[] distance, double[] correlation,
      double[] matched, double[] support, double[] zeroCodes) {
    epochs[k] = epoch;
    loss[k] = lossValue;
    distance[k] = DictionaryMetrics.normalizedDistance(a, data.dictionary());
    correlation[k] = DictionaryMetrics.meanColumnCorrelation(a, data.dictionary());
    matched[k] = bestMatchCorrelation(a, data.dictionary());
    DenseMatrix codes = model.withDictionary(a).encode(data.data());
    support[k] = DictionaryMetrics.supportRecoveryRate(codes, data.groups(), data.support());
    int zero = 0;
    for (boolean[] row : DictionaryMetrics.activeGroups(codes, data.groups())) {
      boolean any = false;
      for (boolean b : row) {
        any |= b;
      }
      zero += any ? 0 : 1;
    }
    zeroCodes[k] = (double) zero / codes.rows();
  }

  /**
   * Permutation- and sign-invariant recovery: the mean over atoms a*_j of A* of max_k |cos(a_k, a*_j)|.
   *
   * @param a A, n x m
   * @param reference A*, n x m
   * @return in [0, 1]; 1 when A is A* up to a permutation, signs and scales of its atoms
   */
  static double bestMatchCorrelation(DenseMatrix a, DenseMatrix reference) {
    int n = a.rows();
    int m = a.cols();
    double[] na = DictionaryMetrics.columnNorms(a);
    double[] nr = DictionaryMetrics.columnNorms(reference);
    double[] cross = new double[m * m]; // cross[j][k] = a*_j . a_k
    RowMajorBlas.gemm(true, false, m, m, n, 1, reference.data(), a.data(), 0, cross);
    double s = 0;
    for (int j = 0; j < m; j++) {
      double best = 0;
      for (int k = 0; k < m; k++) {
        best = Math.max(best, Math.abs(cross[j * m + k]) / (nr[j] * na[k]));
      }
      s += best;
    }
    return s / m;
  }

  private String report(Settings settings, Results results, long start, ExperimentOutput out)
      throws java.io.IOException {
    List<Run> runs = results.runs();
    List<double[]> rows = new ArrayList<>();
    XYChart matchedChart = Charts.lines("recovery of A* up to permutation and sign (10 dB)", "epoch",
        "mean over atoms of A* of the best |correlation|", false);
    XYChart directChart = Charts.lines("direct mean column correlation with A* (10 dB)", "epoch",
        "mean column correlation", false);
    XYChart lossChart = Charts.lines("training loss (10 dB)", "epoch", "loss (eq. 13)", true);
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      String name = String.format(Locale.ROOT, "%s, start %.2f", r.config().label(), r.config().startCorrelation());
      Charts.line(matchedChart, name, r.epochs(), r.matched());
      Charts.line(directChart, name, r.epochs(), r.correlation());
      Charts.line(lossChart, name, r.epochs(), r.loss());
      for (int k = 0; k < r.epochs().length; k++) {
        rows.add(new double[] {i + 1, r.config().startCorrelation(), r.config().renormalize() ? 1 : 0, r.epochs()[k],
            r.loss()[k], r.distance()[k], r.correlation()[k], r.matched()[k], r.support()[k], r.zeroCodes()[k]});
      }
    }
    double maxEpoch = 0;
    for (Run r : runs) {
      maxEpoch = Math.max(maxEpoch, r.config().epochs());
    }
    Charts.line(lossChart, String.format(Locale.ROOT, "loss at A* (%.3g)", results.trueLoss()),
        new double[] {0, maxEpoch}, new double[] {results.trueLoss(), results.trueLoss()});
    Charts.line(lossChart, String.format(Locale.ROOT, "loss with every code zero (%.3g)", results.zeroLoss()),
        new double[] {0, maxEpoch}, new double[] {results.zeroLoss(), results.zeroLoss()});
    matchedChart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    directChart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    out.csv("basin-curves", List.of("run", "start_correlation", "renormalized", "epoch", "loss", "distance",
        "mean_column_correlation", "best_match_correlation", "support_recovery", "zero_code_fraction"), rows);
    out.figure("basin-matched", matchedChart);
    out.figure("basin-direct", directChart);
    out.figure("basin-loss", lossChart);

    StringBuilder md = new StringBuilder();
    md.append("# ").append(name()).append(" — ").append(title()).append("\n\n");
    md.append("**Question.** gsae-fig3 (e) found that from the paper's start (mean column correlation 0.15 with A*) "
        + "and from 0.3 training does not approach A* in 300 epochs, while from 0.5 it converges. Is the paper's start "
        + "outside the basin of convergence, or does a setting hide the difference?\n\n");
    md.append(String.format(Locale.ROOT, "**Setting.** The 10 dB data of gsae-fig3 (N = %d, n = %d, %d groups of 2, "
        + "3 active; seed %d) and the same starts A* + sB (same seed of B). Shallow encoder x = sigma_lambda(A^T y), "
        + "lambda = 2, full-batch Adam (lr %s), float32 passes. Measured every %d epochs: the loss, ||A - A*||_F^2, "
        + "the direct mean column correlation, the *best-match correlation* (for every atom of A*, the largest "
        + "|cos| with any atom of A, averaged: 1 when A equals A* up to permutation, sign and scale of its atoms), "
        + "exact support recovery and the fraction of samples whose code is all zero. The loss at A* itself is %.4g; "
        + "with every code zero it is (1/2N) ||Y||_F^2 = %.4g. The last run calibrates lambda every %d epochs so that "
        + "codes have 3 active groups on average, the number in the data (%s).%n%n", settings.samples(),
        settings.dimension(), settings.groupCount(), out.seed() + GsaeFig3Experiment.SNRS.length - 1,
        fmt(settings.learningRate()), STRIDE, results.trueLoss(), results.zeroLoss(), STRIDE,
        "the library's targetActiveGroups, the command line's --target-active-groups 3"));
    md.append("| setting | start correlation | epochs | final lambda | final loss | final / start distance | direct "
        + "correlation | best-match correlation (start -> end) | exact support recovery | codes all zero | time |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Object> summary = new LinkedHashMap<>();
    List<Map<String, Object>> finals = new ArrayList<>();
    boolean anyConverged = false;
    for (Run r : runs) {
      int last = r.epochs().length - 1;
      boolean converged = r.matched()[last] > 0.9;
      anyConverged |= converged && r.config().startCorrelation() <= 0.15 + 1e-9;
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %.4g | %.4g | %.3f | %.3f | %.3f -> %.3f | %.3f | %.3f "
          + "| %.0f s |%n", r.config().label(), r.startReached(), r.config().epochs(), r.lambda(), r.loss()[last],
          r.distance()[last] / r.distance()[0], r.correlation()[last], r.matched()[0], r.matched()[last],
          r.support()[last], r.zeroCodes()[last], r.seconds()));
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("setting", r.config().label());
      f.put("startCorrelation", r.startReached());
      f.put("epochs", r.config().epochs());
      f.put("finalLoss", r.loss()[last]);
      f.put("finalDirectCorrelation", r.correlation()[last]);
      f.put("finalBestMatchCorrelation", r.matched()[last]);
      f.put("finalSupportRecovery", r.support()[last]);
      f.put("finalZeroCodeFraction", r.zeroCodes()[last]);
      f.put("finalLambda", r.lambda());
      finals.add(f);
    }
    summary.put("runs", finals);
    summary.put("lossAtTruth", results.trueLoss());
    summary.put("lossWithZeroCodes", results.zeroLoss());
    summary.put("startGradientRms", results.gradientRms());
    md.append("\n");
    md.append(String.format(Locale.ROOT, "**Settings that do not apply.** The step size: with T = 1 the encoder is "
        + "x = sigma_lambda(A^T y) (eq. 11, alpha = 1), so a step fixed at the start and one recomputed after every "
        + "step are the same. The loss scaling (the mean (1/2N) sum of eq. 13 vs a sum over the N samples): Adam's "
        + "update m/(sqrt(v) + epsilon) is unchanged when the loss and so every gradient is multiplied by a constant, "
        + "except through epsilon = 1e-8; the root-mean-square gradient entry at the paper's start is %.3g, so the "
        + "two scalings give steps that differ by about epsilon / %.3g = %.1e relative: the same training.%n%n",
        results.gradientRms(), results.gradientRms(), ADAM_EPSILON / results.gradientRms()));
    List<String> dead = new ArrayList<>();
    for (Run r : runs) {
      if (r.zeroCodes()[r.zeroCodes().length - 1] > 0.99) {
        dead.add(String.format(Locale.ROOT, "%s from %.2f", r.config().label(), r.config().startCorrelation()));
      }
    }
    if (!dead.isEmpty()) {
      md.append("**Dead runs.** ").append(String.join("; ", dead)).append(String.format(Locale.ROOT, ": at the end "
          + "(nearly) every code is zero and the loss sits at the all-zero value %.4g. With unit-norm atoms far from "
          + "A*, ||A_g^T y|| falls below lambda = 2 for every group of every sample, so the encoder outputs zero, the "
          + "gradient with respect to A vanishes and training stops: renormalizing the atoms at the paper's lambda "
          + "kills the network instead of helping it.%n%n", results.zeroLoss()));
    }
    md.append("**Verdict.** ").append(anyConverged
        ? "From the paper's start, one of these settings does reach A* (best-match correlation above 0.9; table above)."
        : "From the paper's start (0.15) neither longer training, nor renormalized atoms, nor lambda calibrated to the "
            + "data's 3 active groups reaches A*, not even up to a permutation of its atoms (best-match correlation at "
            + "most 0.9; table above): the paper's start lies outside the basin of convergence under every setting we "
            + "could identify, and figure 3a does not reproduce from it.").append("\n\n");
    summary.put("claimHolds", anyConverged);
    summary.put("paperStartConverges", anyConverged);
    summary.put("secondsTotal", (System.nanoTime() - start) / 1e9);
    for (Map.Entry<String, Object> e : summary.entrySet()) {
      out.summary(e.getKey(), e.getValue());
    }
    md.append("Figures: basin-matched (best-match correlation per epoch), basin-direct (direct correlation), basin-loss "
        + "(training loss; the loss at A* and with every code zero as lines). Data: basin-curves.csv.\n");
    return md.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0e", v);
  }
}
