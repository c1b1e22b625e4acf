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

  /**
   * The plot file of a command that writes JSON and a plot: {@code --plot} when given, else the JSON
   * name with .png; none with {@code --no-plot}.
   *
   * @param out the JSON file
   * @param plot {@code --plot}, or null
   * @param noPlot {@code --no-plot}
   * @return the PNG file, or null for no plot
   * @throws Main.UsageException when both {@code --plot} and {@code --no-plot} are given
   */
  static java.nio.file.Path plotFile(java.nio.file.Path out, java.nio.file.Path plot, boolean noPlot) {
    if (noPlot) {
      if (plot != null) {
        throw new Main.UsageException("--plot and --no-plot together; choose one");
      }
      return null;
    }
    return plot != null ? plot : java.nio.file.Path.of(out.toString().replaceFirst("\\.json$", "") + ".png");
  }

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

  /**
   * Warns once about constant columns: their count and the first few names.
   *
   * @param err where to warn
   * @param d the training rows
   */
  static void warnConstantColumns(PrintWriter err, Dataset d) {
    List<String> c = constantColumns(d);
    if (c.isEmpty()) {
      return;
    }
    if (c.size() == 1) {
      err.println("warning: column '" + c.get(0) + "' is constant on the training rows; its coefficient is 0");
      return;
    }
    int shown = Math.min(5, c.size());
    err.println("warning: " + c.size() + " of " + d.features() + " columns are constant on the training rows ("
        + String.join(", ", c.subList(0, shown)) + (c.size() > shown ? ", ..." : "") + "); their coefficients are 0");
  }

  /**
   * Refuses data whose every feature is constant: no method can learn anything from them.
   *
   * @param file the file as given
   * @param d the training rows
   */
  static void requireSomeVariation(String file, Dataset d) {
    if (constantColumns(d).size() == d.features()) {
      throw new IllegalArgumentException(file + ": every feature column is constant on the training rows ("
          + d.features() + " columns); there is nothing to fit");
    }
  }

  static void printSummary(PrintWriter out, FitResult<GroupLinearModel> result, int nTrain, int nValidation) {
    GroupLinearModel m = result.model();
    TrainingHistory h = result.history();
    out.printf(Locale.ROOT, "method           %s%n", m.method());
    out.printf(Locale.ROOT, "rows             %d training, %d validation%n", nTrain, nValidation);
    out.printf(Locale.ROOT, "iterations       %d (%s), kept iterate %d%n", h.iterations(),
        h.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), h.bestIteration());
    if (result.options() instanceof org.groupsparse.regression.implicit.DglnnOptions o) {
      out.printf(Locale.ROOT, "steps            gamma %.4g, patience %d (%s schedule)%n", o.stepSizeU(), o.patience(),
          o.schedule().name().toLowerCase(Locale.ROOT));
    }
    if (h.switchIteration() >= 0) {
      out.printf(Locale.ROOT, "switch (Alg. 2)  after iteration %d%n", h.switchIteration());
    }
    String error = m.family().errorName();
    out.printf(Locale.ROOT, "%-16s %.6g%n", "training " + error, 2 * h.trainLoss()[h.bestIteration()]);
    if (h.hasValidation()) {
      out.printf(Locale.ROOT, "%-16s %.6g%n", "validation " + error, 2 * h.bestValidationLoss());
    }
    out.printf(Locale.ROOT, "selected groups  %d of %d: %s%n", m.selectedGroups().size(), m.groups().groupCount(),
        selectedNames(m));
  }
  static void printLassoSummary(PrintWriter out, org.groupsparse.regression.grouplasso.GroupLassoPathResult path,
      int index, String how, int nTrain, int nValidation, double selectionError) {
    GroupLinearModel m = path.model(index);
    out.printf(Locale.ROOT, "method           group-lasso (%s%s)%n", CliNames.solverName(path.options().solver()),
        path.options().penalty() == org.groupsparse.regression.grouplasso.PenaltyKind.GROUP_LASSO ? ""
            : ", penalty " + Plots.penaltyName(path));
    out.printf(Locale.ROOT, "rows             %d training, %d validation%n", nTrain, nValidation);
    out.printf(Locale.ROOT, "lambda           %.6g (lambda_max %.6g; %d of %d on the path), chosen by %s%n",
        path.lambdas()[index], path.lambdaMax(), index + 1, path.size(), how);
    out.printf(Locale.ROOT, "KKT violation    %.3g x lambda (%s)%n", path.kktViolation()[index],
        path.converged()[index] ? "converged" : "NOT converged");
    boolean binomial = path.family() != org.groupsparse.regression.Family.GAUSSIAN;
    out.printf(Locale.ROOT, binomial ? "training dev.    %.6g%n" : "training MSE     %.6g%n", 2 * path.trainLoss()[index]);
    if (!Double.isNaN(selectionError)) {
      out.printf(Locale.ROOT, binomial ? "selection dev.   %.6g%n" : "selection MSE    %.6g%n", selectionError);
    }
    out.printf(Locale.ROOT, "selected groups  %d of %d: %s%n", m.selectedGroups().size(), m.groups().groupCount(),
        selectedNames(m));
  }

  /**
   * The selected groups as the summary names them: a group of one column by the column's name (the
   * labels of a size:1 specification are only numbers), a larger group by its label.
   *
   * @param m the model
   * @return the names, space-separated, in group order
   */
  static String selectedNames(GroupLinearModel m) {
    boolean[] selected = m.selectedMask();
    org.groupsparse.groups.GroupStructure g = m.groups();
    int[] members = g.members();
    List<String> names = new java.util.ArrayList<>();
    for (int l = 0; l < selected.length; l++) {
      if (selected[l]) {
        names.add(g.size(l) == 1 ? m.featureNames().get(members[g.start(l)]) : g.label(l));
      }
    }
    return String.join(" ", names);
  }
}
