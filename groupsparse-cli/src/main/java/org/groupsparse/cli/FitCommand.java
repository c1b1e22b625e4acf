package org.groupsparse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.groups.GroupSpecs;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.io.ModelFiles;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse fit}: fits a model on a CSV file and writes it as JSON. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit a group-sparse linear model on a CSV file with a header line.",
        "Early stopping uses the validation file, or a seeded fraction of the training rows."})
public final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--train", required = true, paramLabel = "FILE.csv", description = "Training data (CSV with header).")
  Path train;

  @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Name of the response column.")
  String target;

  @Option(names = "--groups", required = true, paramLabel = "SPEC",
      description = "Groups of the features: size:K, size:K:allow-partial, sizes:A,B,..., prefix:SEP or file:PATH.")
  String groups;

  @Option(names = "--exclude", split = ",", paramLabel = "COLUMN", description = "Columns to leave out (e.g. identifiers).")
  List<String> exclude = new ArrayList<>();

  @ArgGroup(exclusive = true)
  ValidationChoice validationChoice;

  static final class ValidationChoice {
    @Option(names = "--validation", paramLabel = "FILE.csv", description = "Validation data for early stopping.")
    Path file;

    @Option(names = "--validation-fraction", paramLabel = "F",
        description = "Hold out this fraction of the training rows for early stopping (default 0.25; 0 = none).")
    Double fraction;
  }

  @Option(names = "--out", paramLabel = "model.json", description = "Write the model here (JSON).")
  Path out;

  @Option(names = "--plot", paramLabel = "PREFIX",
      description = "Write PREFIX-loss.png (training/validation curves) and PREFIX-groups.png (group magnitudes).")
  Path plot;

  @Mixin DglnnCliOptions dglnn;
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DglnnOptions options = dglnn.toOptions();
    Dataset data = CsvDatasetReader.forTraining(target, new HashSet<>(exclude)).read(train);
    GroupStructure gs = GroupSpecs.parse(groups, data.featureNames());
    Dataset trainData = data;
    Dataset validation = null;
    String validationSource = "none";
    if (validationChoice != null && validationChoice.file != null) {
      validation = CsvDatasetReader.forFeatures(data.featureNames(), target).read(validationChoice.file);
      if (Double.isNaN(validation.response()[0])) {
        throw new IllegalArgumentException(validationChoice.file + ": no target column '" + target + "'");
      }
      validationSource = validationChoice.file.toString();
    } else {
      double fraction = validationChoice == null || validationChoice.fraction == null ? 0.25 : validationChoice.fraction;
      if (fraction < 0 || fraction >= 1 || Double.isNaN(fraction)) {
        throw new IllegalArgumentException("'--validation-fraction' must be in [0, 1); got " + fraction);
      }
      if (fraction > 0) {
        int[][] split = Splits.holdOut(data.rows(), fraction, options.seed());
        trainData = data.selectRows(split[0]);
        validation = data.selectRows(split[1]);
        validationSource = "fraction " + fraction + " of " + train + " (seed " + options.seed() + ")";
      }
    }
    if (trainData.rows() < 2) {
      throw new IllegalArgumentException(train + ": need at least 2 training rows; got " + trainData.rows());
    }
    for (String c : CliSupport.constantColumns(trainData)) {
      err.println("warning: column '" + c + "' is constant on the training rows; its coefficient is 0");
    }
    FitResult<GroupLinearModel> result;
    try (ProgressListener progress = new ProgressListener(common.quiet)) {
      result = new DglnnTrainer(options).fit(trainData, validation, gs, progress);
    }
    Map<String, Object> settings = DglnnCliOptions.settings(options);
    settings.put("train", train.toString());
    settings.put("target", target);
    settings.put("groupsSpec", groups);
    settings.put("validation", validationSource);
    CliSupport.printSummary(out, result, trainData.rows(), validation == null ? 0 : validation.rows());
    if (this.out != null) {
      ModelFiles.write(this.out, result.model(), result.history(), settings);
      out.println("model written to " + this.out);
    }
    if (plot != null) {
      Plots.writeTrainingPlots(plot, result);
      out.println("plots written to " + plot + "-loss.png and " + plot + "-groups.png");
    }
    return 0;
  }
}
