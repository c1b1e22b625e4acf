package org.groupsparse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupsparse.util.FileBatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groupsparse.data.Dataset;
import org.groupsparse.io.GroupSpecs;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.util.AtomicFiles;
import org.groupsparse.regression.grouplasso.LambdaSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse cv}: K-fold cross-validation of the group lasso path. */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"K-fold cross-validation of the group lasso path (seeded folds, the full-data lambdas on every fold).",
        "Prints the curve (mean and standard error of the held-out MSE per lambda), lambda_min and lambda_1se,",
        "and writes the curve as JSON and PNG (JSON only with --no-plot)."})
public final class CvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingDataOptions input;

  @Option(names = {"--folds", "-k"}, defaultValue = "10", description = "Number of folds K (2..n). Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(names = "--seed", defaultValue = "0", description = "Fold seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", defaultValue = "cv.json", paramLabel = "cv.json", description = "JSON output. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Curve plot (default: the JSON name with .png).")
  Path plot;

  @Option(names = "--no-plot", description = "Write no plot (the plotting stack is then never loaded).")
  boolean noPlot;

  @Mixin GroupLassoCliOptions lasso;
  @Mixin SharedFitOptions shared;
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    var options = lasso.toOptions(shared);
    if (folds < 2) {
      throw new IllegalArgumentException("'--folds' must be at least 2; got " + folds);
    }
    input.declare(new FilePlan()).output("--out", out).output("--plot", png()).check();
    Dataset data = input.read();
    BinaryResponse binary = options.family() == org.groupsparse.regression.Family.BINOMIAL
        ? BinaryResponse.of(input.train.toString(), data) : null;
    data = binary == null ? data : binary.encode(input.train.toString(), data);
    double[] classes = binary == null ? null : binary.classes();
    lasso.checkMemory(data.features());
    if (data.rows() < 2) {
      throw new IllegalArgumentException(input.train + ": need at least 2 rows for cross-validation; got " + data.rows());
    }
    CliSupport.requireSomeVariation(input.train.toString(), data);
    CliSupport.warnConstantColumns(spec.commandLine().getErr(), data);
    if (folds > data.rows()) {
      throw new IllegalArgumentException("'--folds' must be at most the number of rows (" + data.rows() + "); got " + folds);
    }
    GroupStructure gs = GroupSpecs.parse(input.groups, data.featureNames());
    LambdaSelection.CrossValidation cv;
    try (ProgressListener progress = new ProgressListener(common.quiet, "cv: full path")) {
      cv = LambdaSelection.crossValidate(data, gs, options, folds, seed, progress);
    }
    int[] active = cv.path().activeGroups();
    String measure = options.family() != org.groupsparse.regression.Family.GAUSSIAN ? "deviance" : "mse";
    double[] miss = cv.misclassification();
    pw.printf(Locale.ROOT, "%-5s %-12s %-12s %-12s %s%s%n", "k", "lambda", "cv_" + measure, "std_error",
        miss != null ? "cv_misclass  " : "", "groups");
    double[] lambdas = cv.lambdas();
    for (int k = 0; k < lambdas.length; k++) {
      String mark = k == cv.indexMin() ? (k == cv.index1se() ? "  <- min, 1se" : "  <- min") : k == cv.index1se() ? "  <- 1se" : "";
      pw.printf(Locale.ROOT, "%-5d %-12.6g %-12.6g %-12.6g %s%d%s%n", k, lambdas[k], cv.meanError()[k],
          cv.standardError()[k], miss != null ? String.format(Locale.ROOT, "%-12.4f ", miss[k]) : "", active[k], mark);
    }
    pw.printf(Locale.ROOT, "lambda_min %.6g (CV " + measure + " %.6g, %d groups); lambda_1se %.6g (CV " + measure
        + " %.6g, %d groups)%n",
        cv.lambdaMin(), cv.meanError()[cv.indexMin()], active[cv.indexMin()], cv.lambda1se(),
        cv.meanError()[cv.index1se()], active[cv.index1se()]);
    if (lambdas.length > 1 && cv.indexMin() == lambdas.length - 1) {
      spec.commandLine().getErr().println("note: lambda_min is the smallest lambda on the path; the CV error may still"
          + " fall below it (try a smaller --lambda-min-ratio)");
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", "groupsparse-cv");
    root.put("folds", folds);
    root.put("seed", seed);
    PathCommand.putArray(root.putArray("lambdas"), lambdas);
    PathCommand.putArray(root.putArray("meanError"), cv.meanError());
    PathCommand.putArray(root.putArray("standardError"), cv.standardError());
    var act = root.putArray("activeGroups");
    for (int a : active) {
      act.add(a);
    }
    root.put("lambdaMin", cv.lambdaMin());
    root.put("lambda1se", cv.lambda1se());
    root.put("indexMin", cv.indexMin());
    root.put("index1se", cv.index1se());
    var sel = root.putArray("selectedGroupsAtLambdaMin");
    cv.path().model(cv.indexMin()).selectedGroups().forEach(sel::add);
    root.put("family", options.family().label());
    root.put("measure", options.family() != org.groupsparse.regression.Family.GAUSSIAN
        ? "mean " + options.family().label() + " deviance" : "mean squared error");
    if (classes != null) {
      PathCommand.putArray(root.putArray("classes"), classes);
    }
    if (miss != null) {
      PathCommand.putArray(root.putArray("misclassification"), miss);
      PathCommand.putArray(root.putArray("misclassificationStandardError"), cv.misclassificationError());
    }
    root.set("settings", mapper.valueToTree(GroupLassoCliOptions.settings(options)));
    Path png = png();
    try (FileBatch batch = new FileBatch()) {
      AtomicFiles.writeString(batch, out, mapper.writeValueAsString(root) + "\n");
      if (png != null) {
        org.knowm.xchart.XYChart chart = Plots.selectionChart(cv.path(), cv.meanError(), cv.standardError(),
            cv.indexMin(), folds + "-fold CV (lambda_min)");
        if (miss != null) {
          Plots.addMisclassification(chart, cv.path(), miss);
        }
        Plots.writePng(batch, png, chart);
      }
      batch.commit();
    }
    pw.println("curve written to " + out + (png == null ? "" : " and " + png));
    return 0;
  }

  /** The plot's file, or null with {@code --no-plot}. */
  private Path png() {
    return CliSupport.plotFile(out, plot, noPlot);
  }
}
