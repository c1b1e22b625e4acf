package org.groupsparse.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
        "the original scale, intercepts, kktViolation = max violation / lambda) and a PNG of the paths coloured by group",
        "(none with --no-plot)."})
public final class PathCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingDataOptions input;

  @Option(names = "--out", defaultValue = "path.json", paramLabel = "path.json", description = "JSON output. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Coefficient path plot (default: the JSON name with .png).")
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
    // streamed with jackson-core's generator (the same pretty printer and number formatting as the
    // object mapper's INDENT_OUTPUT): building the data-binding mapper cost about 0.1 s of start-up
    java.io.StringWriter json = new java.io.StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(json).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("format", "groupsparse-path");
      g.writeStringField("method", GroupLassoPathResult.METHOD);
      g.writeStringField("target", input.target);
      String[] names = data.featureNames().toArray(new String[0]);
      g.writeFieldName("featureNames");
      g.writeArray(names, 0, names.length);
      String[] labels = gs.labelPerFeature().toArray(new String[0]);
      g.writeFieldName("groups");
      g.writeArray(labels, 0, labels.length);
      writeArray(g, "groupWeights", path.weights());
      g.writeNumberField("lambdaMax", path.lambdaMax());
      writeArray(g, "lambdas", path.lambdas());
      g.writeArrayFieldStart("coefficients");
      for (int k = 0; k < path.size(); k++) {
        double[] row = path.coefficients(k);
        g.writeArray(row, 0, row.length);
      }
      g.writeEndArray();
      writeArray(g, "intercepts", path.intercepts());
      writeArray(g, "kktViolation", path.kktViolation());
      g.writeArrayFieldStart("converged");
      for (boolean b : path.converged()) {
        g.writeBoolean(b);
      }
      g.writeEndArray();
      g.writeFieldName("activeGroups");
      g.writeArray(path.activeGroups(), 0, path.activeGroups().length);
      g.writeFieldName("iterations");
      g.writeArray(path.iterations(), 0, path.iterations().length);
      g.writeStringField("family", options.family().label());
      if (classes != null) {
        writeArray(g, "classes", classes);
      }
      g.writeObjectFieldStart("settings");
      for (java.util.Map.Entry<String, Object> e : GroupLassoCliOptions.settings(options).entrySet()) {
        g.writeFieldName(e.getKey());
        Object v = e.getValue();
        if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else if (v instanceof Integer i) {
          g.writeNumber(i);
        } else if (v instanceof Double d) {
          g.writeNumber(d);
        } else {
          g.writeString(String.valueOf(v));
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    Path png = png();
    try (FileBatch batch = new FileBatch()) {
      AtomicFiles.writeString(batch, out, json + "\n");
      if (png != null) {
        Plots.writePng(batch, png, Plots.pathChart(path));
      }
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
    pw.println("path written to " + out + (png == null ? "" : " and " + png));
    if (path.unconvergedCount() > 0) {
      spec.commandLine().getErr().println("warning: " + path.unconvergedCount()
          + " lambdas did not reach the KKT tolerance within the budget (flagged in 'converged')");
    }
    return 0;
  }

  /** The plot's file, or null with {@code --no-plot}. */
  private Path png() {
    return CliSupport.plotFile(out, plot, noPlot);
  }

  private static void writeArray(JsonGenerator g, String name, double[] v) throws java.io.IOException {
    g.writeFieldName(name);
    g.writeArray(v, 0, v.length);
  }

  static void putArray(ArrayNode a, double[] v) {
    for (double d : v) {
      a.add(d);
    }
  }
}
