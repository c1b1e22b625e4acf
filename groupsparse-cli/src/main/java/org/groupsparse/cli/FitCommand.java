package org.groupsparse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import org.groupsparse.io.GroupSpecs;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.util.FileBatch;
import org.groupsparse.io.ModelFiles;
import org.groupsparse.regression.Family;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.Problem;
import org.groupsparse.regression.Trainer;
import org.groupsparse.regression.grouplasso.GroupLassoTrainer;
import org.groupsparse.regression.implicit.DglnnCvTrainer;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.baseline.HadamardTrainer;
import org.groupsparse.regression.baseline.HadamardOptions;
import org.groupsparse.regression.baseline.PrimalDualOptions;
import org.groupsparse.regression.baseline.PrimalDualTrainer;
import org.groupsparse.regression.grouplasso.GroupLassoOptions;
import org.groupsparse.regression.grouplasso.GroupLassoPathResult;
import org.groupsparse.regression.implicit.DglnnCrossValidation;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.util.Check;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse fit}: fits a model on a CSV file and writes it as JSON. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit a group-sparse linear model on a CSV file with a header line.",
        "Iterative methods (dglnn*, hadamard, primal-dual) stop early on the validation file, or on a seeded fraction of",
        "the training rows. group-lasso chooses lambda on the same validation rows, by --cv K folds, or takes --lambda."})
public final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingDataOptions input;

  @ArgGroup(exclusive = true)
  ValidationChoice validationChoice;

  static final class ValidationChoice {
    @Option(names = "--validation", paramLabel = "FILE.csv", description = "Validation data for early stopping / lambda choice.")
    Path file;

    @Option(names = "--validation-fraction", paramLabel = "F",
        description = "Hold out this fraction of the training rows (default 0.25, Problem.DEFAULT_VALIDATION_FRACTION; 0 = none).")
    Double fraction;
  }

  @Option(names = "--lambda", paramLabel = "L", description = "group-lasso: fit at this penalty level (> 0), no selection.")
  Double lambda;

  @Option(names = "--cv", paramLabel = "K",
      description = "group-lasso: choose lambda by K-fold cross-validation; dglnn*: choose the stopping iteration by K-fold CV "
          + "and refit on all rows (seeded by --seed).")
  Integer folds;

  @Option(names = "--cv-rule", defaultValue = "min",
      description = "with --cv: min (lambda_min; the iteration of least CV error) or 1se (lambda_1se; the earliest iteration "
          + "within one standard error). Default: ${DEFAULT-VALUE}.")
  String cvRule;

  @Option(names = "--out", paramLabel = "model.json", description = "Write the model here (JSON).")
  Path out;

  @Option(names = "--plot", paramLabel = "PREFIX",
      description = "Write PREFIX-loss.png (training/validation curves; group-lasso: error per lambda) and PREFIX-groups.png.")
  Path plot;

  @Mixin DglnnCliOptions dglnn;
  @Mixin SharedFitOptions shared;
  @Mixin GroupLassoCliOptions lasso;
  @Mixin BaselineCliOptions baseline;
  @Mixin CommonOptions common;

  /** The methods of {@code fit}, as typed. */
  static final java.util.List<String> METHODS = java.util.List.of("dglnn", "dglnn-alg1", "dglnn-gd",
      GroupLassoPathResult.METHOD, HadamardTrainer.METHOD, PrimalDualTrainer.METHOD);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String method = dglnn.method.toLowerCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unknown --method '" + dglnn.method + "'; expected one of " + String.join(", ", METHODS));
    }
    boolean isLasso = method.equals(GroupLassoPathResult.METHOD);
    boolean isBaseline = method.equals(HadamardTrainer.METHOD) || method.equals(PrimalDualTrainer.METHOD);
    // validate every option before reading data, also those the chosen method does not use (a
    // typo in any of them is reported, never silently ignored)
    DglnnOptions dglnnOptions = isLasso || isBaseline ? null : dglnn.toOptions(shared);
    HadamardOptions hadamardOptions = baseline.toHadamard(dglnn, shared);
    PrimalDualOptions primalDualOptions = baseline.toPrimalDual(dglnn, shared);
    GroupLassoOptions lassoOptions = lasso.toOptions(shared);
    if (plot != null && plot.toString().isEmpty()) {
      throw new IllegalArgumentException("--plot is empty; expected a file name prefix");
    }
    boolean isDglnn = !isLasso && !isBaseline;
    if (!isLasso && lambda != null) {
      throw new IllegalArgumentException("'--lambda' applies to --method group-lasso only");
    }
    if (isBaseline && folds != null) {
      throw new IllegalArgumentException("'--cv' applies to --method group-lasso and the dglnn methods only");
    }
    if (isDglnn && folds != null && validationChoice != null) {
      throw new IllegalArgumentException("give either '--cv' or a validation set ('--validation', '--validation-fraction'), "
          + "not both");
    }
    if (lambda != null) {
      Check.inRange("--lambda", "fit", lambda, 0, Double.POSITIVE_INFINITY, Check.Bounds.OPEN);
      if (folds != null) {
        throw new IllegalArgumentException("give either '--lambda' or '--cv', not both");
      }
    }
    if (!cvRule.equals("min") && !cvRule.equals("1se")) {
      throw new IllegalArgumentException("'--cv-rule' must be min or 1se; got '" + cvRule + "'");
    }
    long seed = dglnn.seed;
    if (folds != null) {
      Check.atLeast("--cv", "fit", folds, 2);
    }
    if (isDglnn && lassoOptions.family() != Family.GAUSSIAN) {
      if (lassoOptions.family() == Family.POISSON) {
        throw new IllegalArgumentException("'--family poisson' is available for --method group-lasso only; the dglnn "
            + "methods take gaussian or binomial");
      }
      if (shared.noIntercept) {
        throw new IllegalArgumentException("'--family binomial' always fits an unpenalized intercept; '--no-intercept' "
            + "applies to least squares only");
      }
      dglnnOptions = dglnnOptions.toBuilder().family(lassoOptions.family()).build();
    }
    Trainer<GroupLinearModel> trainer = trainer(method, dglnnOptions, hadamardOptions, primalDualOptions, lassoOptions,
        seed);
    input.declare(new FilePlan()).input("--validation", validationChoice == null ? null : validationChoice.file)
        .output("--out", this.out).output("--plot", plotFile("-loss.png")).output("--plot", plotFile("-groups.png"))
        .check();
    Dataset data = input.read();
    BinaryResponse classes = null;
    if (lassoOptions.family() != Family.GAUSSIAN && isBaseline) {
      throw new IllegalArgumentException("'--family " + lassoOptions.family().label()
          + "' is available for --method group-lasso and the dglnn methods only");
    }
    if (lassoOptions.family() == Family.BINOMIAL) {
      classes = BinaryResponse.of(input.train.toString(), data);
      data = classes.encode(input.train.toString(), data);
    }
    GroupStructure gs = GroupSpecs.parse(input.groups, data.featureNames());
    if (data.rows() < 2) {
      throw new IllegalArgumentException(input.train + ": need at least 2 rows; got " + data.rows());
    }
    if (isLasso) {
      lasso.checkMemory(data.features());
    }
    if (folds != null) {
      Check.atLeast("--cv", "fit", folds, 2);
      int most = isDglnn ? data.rows() / 2 : data.rows();
      if (folds > most) {
        throw new IllegalArgumentException("'--cv' must be at most " + (isDglnn ? "half " : "") + "the number of rows ("
            + most + "); got " + folds);
      }
    }
    Dataset trainData = data;
    Dataset validation = null;
    String validationSource = "none";
    boolean needsValidation = trainer.usesValidation();
    if (validationChoice != null && validationChoice.file != null) {
      validation = CsvDatasetReader.forFeatures(data.featureNames(), input.target).read(validationChoice.file);
      if (!validation.hasResponse()) {
        throw new IllegalArgumentException(validationChoice.file + ": no target column '" + input.target + "'");
      }
      if (classes != null) {
        validation = classes.encode(validationChoice.file.toString(), validation);
      }
      validationSource = validationChoice.file.toString();
    } else if (needsValidation) {
      double fraction = validationChoice == null || validationChoice.fraction == null
          ? Problem.DEFAULT_VALIDATION_FRACTION : validationChoice.fraction;
      if (fraction < 0 || fraction >= 1 || Double.isNaN(fraction)) {
        throw new IllegalArgumentException("'--validation-fraction' must be in [0, 1); got " + fraction);
      }
      Problem split = Problem.holdOut(data, gs, fraction, seed);
      trainData = split.train();
      validation = split.validation();
      if (validation != null) {
        validationSource = "fraction " + fraction + " of " + input.train + " (seed " + seed + ")";
      }
    }
    if (trainData.rows() < 2) {
      throw new IllegalArgumentException(input.train + ": need at least 2 training rows; got " + trainData.rows());
    }
    CliSupport.requireSomeVariation(input.train.toString(), trainData);
    CliSupport.warnConstantColumns(err, trainData);
    Problem problem = new Problem(trainData, trainer.usesValidation() ? validation : null, gs);
    if (!trainer.usesValidation()) {
      validationSource = trainer instanceof DglnnCvTrainer
          ? folds + "-fold cross-validation over the stopping time, iteration_" + cvRule + " (seed " + seed + ")"
          : "none";
    }
    Map<String, Object> settings;
    FitResult<GroupLinearModel> result;
    DglnnCrossValidation.Result stopping = null;
    GroupLassoTrainer.PathFit choice = null;
    try (ProgressListener progress = new ProgressListener(common.quiet, method)) {
      if (trainer instanceof GroupLassoTrainer lassoTrainer) {
        choice = lassoTrainer.fitPath(problem, progress);
        result = new FitResult<>(choice.model(), null, choice.convergence(), lassoTrainer.options());
      } else if (trainer instanceof DglnnCvTrainer cvTrainer) {
        stopping = cvTrainer.crossValidate(problem, progress);
        result = stopping.refit().withOptions(cvTrainer.options());
      } else {
        result = trainer.fit(problem, progress);
      }
    }
    GroupLinearModel model = result.model();
    int nValidation = problem.hasValidation() ? problem.validation().rows() : 0;
    if (choice != null) {
      if (choice.path().unconvergedCount() > 0) {
        err.println("warning: " + choice.path().unconvergedCount() + " of " + choice.path().size()
            + " lambdas did not reach the KKT tolerance within the budget (see kktViolation)");
      }
      if (choice.path().size() > 1 && choice.index() == choice.path().size() - 1) {
        err.println("note: the chosen lambda is the smallest on the path; the selection error may still fall below it"
            + " (try a smaller --lambda-min-ratio)");
      }
      settings = GroupLassoCliOptions.settings(lassoOptions);
      settings.put("lambda", choice.path().lambdas()[choice.index()]);
      settings.put("lambdaMax", choice.path().lambdaMax());
      settings.put("lambdaSelection", choice.how());
      settings.put("kktViolation", choice.path().kktViolation()[choice.index()]);
      settings.put("converged", choice.path().converged()[choice.index()]);
      if (choice.crossValidation() != null) {
        settings.put("lambdaMin", choice.crossValidation().lambdaMin());
        settings.put("lambda1se", choice.crossValidation().lambda1se());
      }
      CliSupport.printLassoSummary(out, choice.path(), choice.index(), choice.how(), trainData.rows(), nValidation,
          choice.selectionError());
    } else if (stopping != null) {
      settings = DglnnCliOptions.settings(dglnnOptions);
      settings.put("gamma", stopping.stepSizeU());
      settings.put("cvFolds", folds);
      settings.put("cvRule", cvRule);
      settings.put("cvIterationMin", stopping.iterationMin());
      settings.put("cvIteration1se", stopping.iteration1se());
      settings.put("cvIteration", stopping.chosenIteration());
      settings.put("cvMse", stopping.meanError()[stopping.chosenIteration()]);
      out.printf(Locale.ROOT, "method           %s, %d-fold CV over the stopping time%n", model.method(), folds);
      out.printf(Locale.ROOT, "rows             %d (all rows refitted)%n", trainData.rows());
      String error = model.family().errorName();
      out.printf(Locale.ROOT, "iteration        %d chosen by %s (minimum at %d, CV %s %.6g; 1 s.e. rule %d, CV %s %.6g)%n",
          stopping.chosenIteration(), cvRule, stopping.iterationMin(), error,
          stopping.meanError()[stopping.iterationMin()], stopping.iteration1se(), error,
          stopping.meanError()[stopping.iteration1se()]);
      out.printf(Locale.ROOT, "%-16s %.6g%n", "training " + error,
          2 * result.history().trainLoss()[result.history().iterations()]);
      out.printf(Locale.ROOT, "selected groups  %d of %d: %s%n", model.selectedGroups().size(), gs.groupCount(),
          CliSupport.selectedNames(model));
    } else {
      settings = isBaseline ? baselineSettings(hadamardOptions, primalDualOptions, method) : DglnnCliOptions.settings(dglnnOptions);
      CliSupport.printSummary(out, result, trainData.rows(), nValidation);
      if (!result.convergence().converged()) {
        err.println("warning: the run reached the iteration cap (--max-iter " + result.history().iterations()
            + ") before early stopping ended it; the validation loss may still be falling (raise --max-iter)");
      }
    }
    if (classes != null) {
      settings.put("classes", classes.classes());
    }
    settings.put("train", input.train.toString());
    settings.put("target", input.target);
    settings.put("groupsSpec", input.groups);
    settings.put("validation", validationSource);
    try (FileBatch batch = new FileBatch()) {
      if (this.out != null) {
        ModelFiles.write(batch, this.out, result, settings);
      }
      if (plot != null) {
        if (stopping != null) {
          Plots.writePng(batch, plotFile("-loss.png"), Plots.stoppingCurveChart(stopping.meanError(),
              stopping.standardError(), stopping.iterationMin(), stopping.iteration1se(), folds,
              "iteration_" + cvRule + " = " + stopping.chosenIteration(), model.family().errorName()));
          Plots.writePng(batch, plotFile("-groups.png"), Plots.groupChart(model));
        } else if (choice == null) {
          Plots.writeTrainingPlots(batch, plot, result);
        } else {
          Plots.writePng(batch, plotFile("-loss.png"), Plots.selectionChart(choice.path(), choice.curve(),
              choice.curveStandardError(), choice.index(), choice.how()));
          Plots.writePng(batch, plotFile("-groups.png"), Plots.groupChart(model));
        }
      }
      batch.commit();
    }
    if (this.out != null) {
      out.println("model written to " + this.out);
    }
    if (plot != null) {
      out.println("plots written to " + plot + "-loss.png and " + plot + "-groups.png");
    }
    return 0;
  }

  private Path plotFile(String suffix) {
    return plot == null ? null : Path.of(plot + suffix);
  }

  /**
   * The table from method name to trainer: every method of {@code fit} is a {@link Trainer}.
   */
  private Trainer<GroupLinearModel> trainer(String method, DglnnOptions dglnnOptions, HadamardOptions hadamardOptions,
      PrimalDualOptions primalDualOptions, GroupLassoOptions lassoOptions, long seed) {
    return switch (method) {
      case "dglnn", "dglnn-alg1", "dglnn-gd" -> folds == null ? new DglnnTrainer(dglnnOptions)
          : new DglnnCvTrainer(new DglnnCvTrainer.Options(dglnnOptions, folds, seed, cvRule.equals("1se")
              ? DglnnCrossValidation.Rule.ONE_SE : DglnnCrossValidation.Rule.MIN));
      case GroupLassoPathResult.METHOD -> new GroupLassoTrainer(new GroupLassoTrainer.Options(lassoOptions,
          lambda != null ? new GroupLassoTrainer.Fixed(lambda)
              : folds != null ? new GroupLassoTrainer.CrossValidated(folds, seed, cvRule.equals("1se"))
              : new GroupLassoTrainer.OnValidation()));
      case HadamardTrainer.METHOD -> new HadamardTrainer(hadamardOptions);
      case PrimalDualTrainer.METHOD -> new PrimalDualTrainer(primalDualOptions);
      default -> throw new IllegalArgumentException("unknown --method '" + method + "'");
    };
  }

  private static Map<String, Object> baselineSettings(HadamardOptions h, PrimalDualOptions pd, String method) {
    Map<String, Object> m = new TreeMap<>();
    m.put("method", method);
    boolean hadamard = method.equals(HadamardTrainer.METHOD);
    if (hadamard) {
      m.put("alpha", h.alpha());
      m.put("step", h.stepSize());
    } else {
      m.put("rho", pd.rho());
      m.put("balance", Double.isNaN(pd.balance()) ? "auto" : pd.balance());
    }
    m.put("maxIterations", hadamard ? h.maxIterations() : pd.maxIterations());
    m.put("patience", hadamard ? h.patience() : pd.patience());
    m.put("fitIntercept", hadamard ? h.fitIntercept() : pd.fitIntercept());
    m.put("standardize", hadamard ? h.standardize() : pd.standardize());
    return m;
  }

}
