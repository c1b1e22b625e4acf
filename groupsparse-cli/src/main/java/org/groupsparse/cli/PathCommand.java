package org.groupsparse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.groupsparse.regression.grouplasso.GroupLassoPath;
import org.groupsparse.regression.grouplasso.GroupLassoPathResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse path}: the group lasso regularization path of a CSV file. */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit the group lasso path (1/2n)||y - Xw - b||^2 + lambda sum_l omega_l ||w_l||, lambda from lambda_max down,",
        "certifying the KKT conditions at every lambda. Writes JSON (lambdas, coefficients per lambda in feature order on",
        "the original scale, intercepts, kktViolation = max violation / lambda) and a PNG of the paths coloured by group."})
public final class PathCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingDataOptions input;

  @Option(names = "--out", defaultValue = "path.json", paramLabel = "path.json", description = "JSON output. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Coefficient path plot (default: the JSON name with .png).")
  Path plot;

  @Mixin GroupLassoCliOptions lasso;
  @Mixin SharedFitOptions shared;
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    var options = lasso.toOptions(shared);
    input.declare(new FilePlan()).output("--out", out).output("--plot", png()).check();
    Dataset data = input.read();
    BinaryResponse binary = options.family() == org.groupsparse.regression.Family.BINOMIAL
        ? BinaryResponse.of(input.train.toString(), data) : null;
    data = binary == null ? data : binary.encode(input.train.toString(), data);
    double[] classes = binary == null ? null : binary.classes();
    lasso.checkMemory(data.features());
    GroupStructure gs = GroupSpecs.parse(input.groups, data.featureNames());
    CliSupport.requireSomeVariation(input.train.toString(), data);
    CliSupport.warnConstantColumns(spec.commandLine().getErr(), data);
    if (data.rows() < 2) {
      throw new IllegalArgumentException(input.train + ": need at least 2 rows; got " + data.rows());
    }
    long t0 = System.nanoTime();
    GroupLassoPathResult path;
    try (ProgressListener progress = new ProgressListener(common.quiet, "group-lasso path")) {
      path = new GroupLassoPath(options).fit(data, gs, progress);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", "groupsparse-path");
    root.put("method", GroupLassoPathResult.METHOD);
    root.put("target", input.target);
    ArrayNode names = root.putArray("featureNames");
    data.featureNames().forEach(names::add);
    ArrayNode labels = root.putArray("groups");
    gs.labelPerFeature().forEach(labels::add);
    ArrayNode weights = root.putArray("groupWeights");
    for (double w : path.weights()) {
      weights.add(w);
    }
    root.put("lambdaMax", path.lambdaMax());
    putArray(root.putArray("lambdas"), path.lambdas());
    ArrayNode coef = root.putArray("coefficients");
    for (int k = 0; k < path.size(); k++) {
      putArray(coef.addArray(), path.coefficients(k));
    }
    putArray(root.putArray("intercepts"), path.intercepts());
    putArray(root.putArray("kktViolation"), path.kktViolation());
    ArrayNode conv = root.putArray("converged");
    for (boolean b : path.converged()) {
      conv.add(b);
    }
    ArrayNode active = root.putArray("activeGroups");
    for (int a : path.activeGroups()) {
      active.add(a);
    }
    ArrayNode its = root.putArray("iterations");
    for (int a : path.iterations()) {
      its.add(a);
    }
    root.put("family", options.family().label());
    if (classes != null) {
      PathCommand.putArray(root.putArray("classes"), classes);
    }
    root.set("settings", mapper.valueToTree(GroupLassoCliOptions.settings(options)));
    Path png = png();
    try (FileBatch batch = new FileBatch()) {
      AtomicFiles.writeString(batch, out, mapper.writeValueAsString(root) + "\n");
      Plots.writePng(batch, png, Plots.pathChart(path));
      batch.commit();
    }
    double worst = 0;
    for (double v : path.kktViolation()) {
      worst = Math.max(worst, v);
    }
    pw.printf(Locale.ROOT, "%d lambdas from %.6g to %.6g in %.3f s; worst KKT violation %.2g x lambda; %d unconverged%n",
        path.size(), path.lambdas()[0], path.lambdas()[path.size() - 1], seconds, worst, path.unconvergedCount());
    pw.printf(Locale.ROOT, "nonzero groups at the smallest lambda: %d of %d%n", path.activeGroups()[path.size() - 1],
        gs.groupCount());
    pw.println("path written to " + out + " and " + png);
    if (path.unconvergedCount() > 0) {
      spec.commandLine().getErr().println("warning: " + path.unconvergedCount()
          + " lambdas did not reach the KKT tolerance within the budget (flagged in 'converged')");
    }
    return 0;
  }

  private Path png() {
    return plot != null ? plot : Path.of(out.toString().replaceFirst("\\.json$", "") + ".png");
  }

  static void putArray(ArrayNode a, double[] v) {
    for (double d : v) {
      a.add(d);
    }
  }
}
