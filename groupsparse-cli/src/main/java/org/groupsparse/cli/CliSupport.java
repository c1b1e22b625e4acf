package org.groupsparse.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.groupsparse.data.Dataset;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.TrainingHistory;

/** Shared printing helpers of the commands. */
final class CliSupport {
  private CliSupport() {}

  static List<String> constantColumns(Dataset d) {
    List<String> out = new ArrayList<>();
    int n = d.rows();
    int p = d.features();
    double[] x = d.design().data();
    for (int j = 0; j < p; j++) {
      double first = x[j];
      boolean constant = true;
      for (int i = 1; i < n && constant; i++) {
        constant = x[i * p + j] == first;
      }
      if (constant) {
        out.add(d.featureNames().get(j));
      }
    }
    return out;
  }

  static void printSummary(PrintWriter out, FitResult<GroupLinearModel> result, int nTrain, int nValidation) {
    GroupLinearModel m = result.model();
    TrainingHistory h = result.history();
    out.printf(Locale.ROOT, "method           %s%n", m.method());
    out.printf(Locale.ROOT, "rows             %d training, %d validation%n", nTrain, nValidation);
    out.printf(Locale.ROOT, "iterations       %d (%s), kept iterate %d%n", h.iterations(),
        h.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), h.bestIteration());
    if (h.switchIteration() >= 0) {
      out.printf(Locale.ROOT, "switch (Alg. 2)  after iteration %d%n", h.switchIteration());
    }
    out.printf(Locale.ROOT, "training MSE     %.6g%n", 2 * h.trainLoss()[h.bestIteration()]);
    if (h.hasValidation()) {
      out.printf(Locale.ROOT, "validation MSE   %.6g%n", 2 * h.bestValidationLoss());
    }
    List<String> sel = m.selectedGroups();
    out.printf(Locale.ROOT, "selected groups  %d of %d: %s%n", sel.size(), m.groups().groupCount(), String.join(" ", sel));
  }
  static void printLassoSummary(PrintWriter out, org.groupsparse.regression.grouplasso.GroupLassoPathResult path,
      int index, String how, int nTrain, int nValidation, double selectionError) {
    GroupLinearModel m = path.model(index);
    out.printf(Locale.ROOT, "method           group-lasso (%s)%n", path.options().solver().cliName());
    out.printf(Locale.ROOT, "rows             %d training, %d validation%n", nTrain, nValidation);
    out.printf(Locale.ROOT, "lambda           %.6g (lambda_max %.6g; %d of %d on the path), chosen by %s%n",
        path.lambdas()[index], path.lambdaMax(), index + 1, path.size(), how);
    out.printf(Locale.ROOT, "KKT violation    %.3g x lambda (%s)%n", path.kktViolation()[index],
        path.converged()[index] ? "converged" : "NOT converged");
    out.printf(Locale.ROOT, "training MSE     %.6g%n", 2 * path.trainLoss()[index]);
    if (!Double.isNaN(selectionError)) {
      out.printf(Locale.ROOT, "selection MSE    %.6g%n", selectionError);
    }
    List<String> sel = m.selectedGroups();
    out.printf(Locale.ROOT, "selected groups  %d of %d: %s%n", sel.size(), m.groups().groupCount(), String.join(" ", sel));
  }
}
