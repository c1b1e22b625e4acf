package org.groupsparse.cli;

import org.groupsparse.util.FileBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.groupsparse.autoencoder.AutoencoderArchitecture;
import org.groupsparse.autoencoder.AutoencoderFit;
import org.groupsparse.autoencoder.AutoencoderTrainer;
import org.groupsparse.autoencoder.AutoencoderTrainingOptions;
import org.groupsparse.autoencoder.Precision;
import org.groupsparse.autoencoder.GroupSparseAutoencoder;
import org.groupsparse.autoencoder.Optimizer;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import org.groupsparse.io.AutoencoderFiles;
import org.groupsparse.io.CsvFiles;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse autoencoder}: train tied-weight group-sparse autoencoders and encode data. */
@Command(name = "autoencoder", mixinStandardHelpOptions = true,
    description = "Group-sparse autoencoders (Theodosis et al.): dictionary learning with a group-ReLU encoder.",
    subcommands = {AutoencoderCommand.Train.class, AutoencoderCommand.Encode.class})
public final class AutoencoderCommand {

  /** {@code groupsparse autoencoder train}. */
  @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Learn a dictionary A (n x m, m = groups x group size) from the rows of a CSV file by training",
          "the tied-weight autoencoder x = sigma(...), y_hat = A x on (1/2N) sum ||y - y_hat||^2.",
          "The start is A with N(0, 1) entries and unit-norm columns, drawn from --seed (or, with --init data,",
          "atoms taken from the data). The defaults are the paper's text; the authors' MNIST code used",
          "--center --momentum --step-size initial --normalize-columns --batch 64 (and --one-sided)."})
  public static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV with a header (every column an input unless excluded), or an IDX image file such as MNIST's (pixels / 255).")
    Path data;

    @Option(names = "--exclude", split = ",", paramLabel = "COL", description = "Columns to leave out (labels, identifiers).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--groups", required = true, description = "Number of code groups Gamma.")
    int groups;

    @Option(names = "--group-size", defaultValue = "1", description = "Code entries per group d (m = groups x d). Default: ${DEFAULT-VALUE}.")
    int groupSize;

    @Option(names = "--lambda", description = "Threshold lambda (>= 0). Required unless --target-active-groups is given (then it is the first guess).")
    Double lambda;

    @Option(names = "--target-active-groups", paramLabel = "G", description = "Choose lambda by the sparsity wanted: calibrate it during training (on 1000 training rows, every --calibration-interval steps and at the end) so that codes have G active groups on average (0 < G < --groups).")
    Double targetActiveGroups;

    @Option(names = "--calibration-interval", defaultValue = "100", paramLabel = "STEPS", description = "Steps between two calibrations of lambda (with --target-active-groups). Default: ${DEFAULT-VALUE}.")
    int calibrationInterval;

    @Option(names = "--layers", defaultValue = "1", description = "Unfolded steps T (1: the shallow encoder x = sigma(A^T y)). Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--step-size", defaultValue = "auto", description = "alpha; auto (1 for T = 1, else 1/||A||_2^2 recomputed after every step, the paper's text); or initial (1/||A||_2^2 of the starting dictionary, kept: the authors' code). Default: ${DEFAULT-VALUE}.")
    String stepSize;

    @Option(names = "--momentum", description = "FISTA momentum in the unfolded steps.")
    boolean momentum;

    @Option(names = "--sparse", description = "Elementwise soft-threshold (sparse autoencoder) instead of the group ReLU.")
    boolean sparse;

    @Option(names = "--one-sided", description = "One-sided group shrinkage: the group soft-threshold of the positive part, so codes are nonnegative (the authors' MNIST code).")
    boolean oneSided;

    @Option(names = "--center", description = "Subtract the training mean of every input column; the model keeps the mean and applies it when encoding.")
    boolean center;

    @Option(names = "--init", defaultValue = "random", description = "Starting dictionary: random (N(0, 1), unit-norm columns) or data (distinct training rows drawn from --seed, centred with --center, unit norm). Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--epochs", defaultValue = "300", description = "Passes over the data. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "0", description = "Rows per step; 0: full batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or gd. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--normalize-columns", description = "Rescale A's columns to unit norm after every step.")
    boolean normalizeColumns;

    @Option(names = "--dtype", defaultValue = "float64", description = "Arithmetic of training: float64 or float32 (float32 passes, float64 master weights; about twice as fast). Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the start and the shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file (JSON).")
    Path out;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      if (groups < 1 || groupSize < 1) {
        throw new IllegalArgumentException("'--groups' and '--group-size' must be at least 1; got " + groups + " and "
            + groupSize);
      }
      if (lambda == null && targetActiveGroups == null) {
        throw new IllegalArgumentException("give '--lambda' or '--target-active-groups'");
      }
      if (sparse && oneSided) {
        throw new IllegalArgumentException("'--one-sided' applies to the group shrinkage; it cannot be combined with '--sparse'");
      }
      if (targetActiveGroups != null && !(targetActiveGroups > 0 && targetActiveGroups < groups)) {
        throw new IllegalArgumentException("'--target-active-groups' must be above 0 and below --groups (" + groups
            + "); got " + targetActiveGroups);
      }
      if (lambda != null && !(lambda >= 0)) {
        throw new IllegalArgumentException("'--lambda' must be at least 0; got " + lambda);
      }
      if (calibrationInterval < 1) {
        throw new IllegalArgumentException("'--calibration-interval' must be at least 1; got " + calibrationInterval);
      }
      boolean dataInit = switch (init.toLowerCase(java.util.Locale.ROOT)) {
        case "random" -> false;
        case "data" -> true;
        default -> throw new IllegalArgumentException("'--init' must be random or data; got '" + init + "'");
      };
      boolean fixedStep = "initial".equalsIgnoreCase(stepSize);
      int m = (int) MemoryCheck.cells("the code (--groups x --group-size)", groups, groupSize);
      new FilePlan().input("--data", data).output("--out", out).check();
      Dataset d = MatrixInput.read(data, Set.copyOf(exclude));
      int rowsInPass = batch > 0 ? Math.min(batch, d.rows()) : d.rows();
      MemoryCheck.cells("the dictionary (inputs x --groups x --group-size)", d.features(), m);
      MemoryCheck.cells("the codes of one pass (rows x --groups x --group-size)", rowsInPass, m, Math.max(1, layers));
      // dictionary, Adam moments and gradient; Gram matrices; codes and layer outputs of one pass
      MemoryCheck.require("training this autoencoder", 8.0 * (4.0 * d.features() * m + 2.0 * m * m
          + (double) rowsInPass * m * (layers + 3) + (double) rowsInPass * d.features() * 2));
      double alpha = fixedStep ? Double.NaN : DglnnCliOptions.autoOrNumber("--step-size", stepSize);
      double lambdaStart = lambda != null ? lambda : 0;
      AutoencoderArchitecture arch = (sparse ? AutoencoderArchitecture.sparse(m, lambdaStart, layers)
          : AutoencoderArchitecture.groupSparse(m, groupSize, lambdaStart, layers, oneSided)).withStepSize(alpha)
          .withMomentum(momentum);
      Optimizer opt = switch (optimizer.toLowerCase(java.util.Locale.ROOT)) {
        case "adam" -> Optimizer.ADAM;
        case "gd" -> Optimizer.GRADIENT_DESCENT;
        default -> throw new IllegalArgumentException("--optimizer must be adam or gd; got '" + optimizer + "'");
      };
      AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withOptimizer(opt)
          .withLearningRate(learningRate).withEpochs(epochs).withBatchSize(batch).withSeed(seed)
          .withNormalizeColumns(normalizeColumns).withPrecision(precision(dtype)).withCenterData(center)
          .withFixStepAtStart(fixedStep).withCalibrationInterval(calibrationInterval)
          .withTargetActiveGroups(targetActiveGroups != null ? targetActiveGroups : Double.NaN);
      int n = d.features();
      double[] mean = center ? org.groupsparse.autoencoder.AutoencoderTrainer.columnMeans(d.design()) : null;
      GroupSparseAutoencoder initial = new GroupSparseAutoencoder(arch, dataInit
          ? org.groupsparse.autoencoder.DictionaryStarts.fromData(d.design(), mean, m, seed)
          : org.groupsparse.autoencoder.DictionaryStarts.random(n, m, seed), mean);
      AutoencoderFit fit;
      try (EpochProgress progress = new EpochProgress(common.quiet, epochs)) {
        fit = new AutoencoderTrainer(options).train(initial, d.design(), progress::onEpoch);
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("data", data.toString());
      settings.put("epochs", epochs);
      settings.put("batch", batch);
      settings.put("learningRate", learningRate);
      settings.put("optimizer", opt.name());
      settings.put("normalizeColumns", normalizeColumns);
      settings.put("dtype", dtype);
      settings.put("seed", seed);
      settings.put("center", center);
      settings.put("init", dataInit ? "data" : "random");
      settings.put("stepRule", fixedStep ? "initial" : Double.isNaN(alpha) ? "auto" : "fixed");
      if (targetActiveGroups != null) {
        settings.put("targetActiveGroups", targetActiveGroups);
        settings.put("calibrationInterval", calibrationInterval);
      }
      AutoencoderFiles.write(out, fit.model(), d.featureNames(), fit.trainingLoss(), settings);
      double[] loss = fit.trainingLoss();
      spec.commandLine().getOut().printf("trained %s autoencoder: n=%d, m=%d (%d groups of %d), T=%d, alpha=%.4g, "
          + "lambda=%.4g%s; loss %.6g -> %.6g over %d epochs; wrote %s%n", arch.shrinkage().kind(), n, m,
          arch.shrinkage().groups().groupCount(), groupSize, layers, fit.model().stepSize(),
          fit.model().architecture().lambda(), targetActiveGroups != null ? " (calibrated)" : "", loss[0],
          loss[loss.length - 1], epochs, out);
      return 0;
    }
  }

  /**
   * @param dtype float64 or float32
   * @return the precision it names
   */
  static Precision precision(String dtype) {
    return switch (dtype.toLowerCase(java.util.Locale.ROOT)) {
      case "float64", "double" -> Precision.FLOAT64;
      case "float32", "float" -> Precision.FLOAT32;
      default -> throw new IllegalArgumentException("--dtype must be float64 or float32; got '" + dtype + "'");
    };
  }

  /** {@code groupsparse autoencoder encode}. */
  @Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Encode the rows of a CSV file with a trained autoencoder: writes the codes (columns x1..xm)",
          "and, with --supports, the active groups of each row."})
  public static final class Encode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file from 'autoencoder train'.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV with the model's input columns (by name), or an IDX image file.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Codes CSV.")
    Path out;

    @Option(names = "--supports", paramLabel = "FILE", description = "CSV of active groups per row (row, active_groups).")
    Path supports;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      new FilePlan().input("--model", model).input("--data", data).output("--out", out).output("--supports", supports)
          .check();
      AutoencoderFiles.Loaded loaded = AutoencoderFiles.read(model);
      Dataset d = java.nio.file.Files.isRegularFile(data) && (org.groupsparse.data.IdxFiles.isIdx(data) || MatrixInput.looksNamedIdx(data))
          ? MatrixInput.read(data, Set.of())
          : CsvDatasetReader.forFeatures(loaded.inputNames(), null).read(data);
      GroupSparseAutoencoder ae = loaded.model();
      DenseMatrix codes;
      try {
        codes = ae.encode(d.design());
      } catch (DimensionMismatchException e) {
        throw new IllegalArgumentException(data + ": " + e.getMessage());
      }
      int m = ae.codeLength();
      List<String> header = new ArrayList<>();
      for (int j = 1; j <= m; j++) {
        header.add("x" + j);
      }
      double[] x = codes.data();
      boolean[][] active = ae.activeGroups(codes);
      try (FileBatch batch = new FileBatch()) {
        CsvFiles.write(batch, out, header, printer -> {
          Object[] row = new Object[m];
          for (int i = 0; i < codes.rows(); i++) {
            for (int j = 0; j < m; j++) {
              row[j] = x[i * m + j];
            }
            printer.printRecord(row);
          }
        });
        if (supports != null) {
          List<String> labels = ae.codeGroups().labels();
          CsvFiles.write(batch, supports, List.of("row", "active_groups"), printer -> {
            for (int i = 0; i < active.length; i++) {
              StringBuilder sb = new StringBuilder();
              for (int g = 0; g < active[i].length; g++) {
                if (active[i][g]) {
                  sb.append(sb.length() == 0 ? "" : " ").append(labels.get(g));
                }
              }
              printer.printRecord(i + 1, sb.toString());
            }
          });
        }
        batch.commit();
      }
      double activeSum = 0;
      for (boolean[] row : active) {
        for (boolean b : row) {
          activeSum += b ? 1 : 0;
        }
      }
      spec.commandLine().getOut().printf("encoded %d rows: %.3g active groups per row on average; wrote %s%n",
          codes.rows(), activeSum / Math.max(1, codes.rows()), out);
      return 0;
    }
  }

  /** A progress bar over epochs on an interactive stderr. */
  static final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;

    EpochProgress(boolean quiet, int epochs) {
      bar = ProgressBars.shown(quiet) ? ProgressBars.create("epochs", epochs, 200) : null;
    }

    void onEpoch(org.groupsparse.autoencoder.EpochView view) {
      if (bar != null) {
        bar.stepTo(view.epoch());
        bar.setExtraMessage(String.format(" loss %.4g", view.trainingLoss()));
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
