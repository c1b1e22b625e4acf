package org.groupsparse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import org.groupsparse.io.CsvFiles;
import org.groupsparse.io.ModelFiles;
import org.groupsparse.regression.GroupLinearModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse predict}: applies a saved model to new rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict with a saved model. The data need the model's feature columns (any order, extra columns ignored).",
        "When the data also hold the model's target column, the mean squared error is reported on stderr."})
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "model.json", description = "A model written by 'fit'.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Rows to predict (CSV with header).")
  Path data;

  @Option(names = "--out", paramLabel = "predictions.csv", description = "Write predictions here (default: standard output).")
  Path out;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    new FilePlan().input("--model", model).input("--data", data).output("--out", out).check();
    GroupLinearModel m = ModelFiles.read(model).model();
    Dataset d = CsvDatasetReader.forFeatures(m.featureNames(), m.targetName()).read(data);
    double[] pred = m.predict(d.design());
    boolean hasTarget = d.hasResponse();
    PrintWriter stdout = spec.commandLine().getOut();
    if (out != null) {
      CsvFiles.write(out, List.of("prediction"), printer -> {
        for (double v : pred) {
          printer.printRecord(v);
        }
      });
      stdout.println("predictions for " + pred.length + " rows written to " + out);
    } else {
      stdout.println("prediction");
      for (double v : pred) {
        stdout.println(v);
      }
    }
    if (hasTarget) {
      double mse = 0;
      for (int i = 0; i < pred.length; i++) {
        double r = d.response()[i] - pred[i];
        mse += r * r;
      }
      spec.commandLine().getErr().printf(Locale.ROOT, "MSE on '%s': %.6g (%d rows)%n", m.targetName(), mse / pred.length,
          pred.length);
    }
    return 0;
  }
}
