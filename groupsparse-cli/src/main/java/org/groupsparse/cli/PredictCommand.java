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
import org.groupsparse.regression.Family;
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
    ModelFiles.Loaded loaded = ModelFiles.read(model);
    GroupLinearModel m = loaded.model();
    Dataset d = CsvDatasetReader.forFeatures(m.featureNames(), m.targetName()).read(data);
    double[] eta = m.predict(d.design());
    boolean binomial = m.family() == Family.BINOMIAL;
    boolean poisson = m.family() == Family.POISSON;
    double[] classes = loaded.classes() != null ? loaded.classes() : new double[] {0, 1};
    boolean hasTarget = d.hasResponse();
    PrintWriter stdout = spec.commandLine().getOut();
    List<String> header = binomial ? List.of("linear_predictor", "probability", "class")
        : poisson ? List.of("linear_predictor", "rate") : List.of("prediction");
    CsvFiles.Rows rows = printer -> {
      for (double v : eta) {
        if (binomial) {
          double prob = Family.BINOMIAL.mean(v);
          double c = classes[prob >= 0.5 ? 1 : 0];
          printer.printRecord(v, prob, c == Math.rint(c) && Math.abs(c) < 1e15 ? Long.toString((long) c) : Double.toString(c));
        } else if (poisson) {
          printer.printRecord(v, Math.exp(v));
        } else {
          printer.printRecord(v);
        }
      }
    };
    if (out != null) {
      CsvFiles.write(out, header, rows);
      stdout.println("predictions for " + eta.length + " rows written to " + out);
    } else {
      org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(stdout,
          org.apache.commons.csv.CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
      printer.printRecord(header);
      rows.print(printer);
      printer.flush();
    }
    if (hasTarget) {
      double[] y = d.response();
      if (binomial) {
        double deviance = 0;
        int wrong = 0;
        for (int i = 0; i < eta.length; i++) {
          double coded = y[i] == classes[1] ? 1 : y[i] == classes[0] ? 0 : Double.NaN;
          if (Double.isNaN(coded)) {
            throw new IllegalArgumentException(data + ": row " + (i + 1) + " has the value " + y[i] + " of '"
                + m.targetName() + "', which is neither class of the model (" + classes[0] + ", " + classes[1] + ")");
          }
          deviance += Family.BINOMIAL.deviance(coded, eta[i]);
          wrong += (eta[i] >= 0 ? 1 : 0) != coded ? 1 : 0;
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "on '%s': mean deviance %.6g, misclassification %.4f (%d rows)%n",
            m.targetName(), deviance / eta.length, (double) wrong / eta.length, eta.length);
      } else if (poisson) {
        double deviance = 0;
        for (int i = 0; i < eta.length; i++) {
          deviance += Family.POISSON.deviance(y[i], eta[i]);
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "on '%s': mean Poisson deviance %.6g (%d rows)%n",
            m.targetName(), deviance / eta.length, eta.length);
      } else {
        double mse = 0;
        for (int i = 0; i < eta.length; i++) {
          double r = y[i] - eta[i];
          mse += r * r;
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "MSE on '%s': %.6g (%d rows)%n", m.targetName(),
            mse / eta.length, eta.length);
      }
    }
    return 0;
  }
}
