package org.groupsparse.cli;

import org.groupsparse.util.FileBatch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.groupsparse.io.GroupSpecs;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.io.CsvFiles;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse simulate}: writes a simulated problem of section 2/5 of the paper. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate y = X w* + noise (Li et al., ICLR 2023, sections 2 and 5).",
        "Writes DIR/train.csv, DIR/validation.csv (n/3 rows), DIR/truth.csv (w*) and DIR/groups.csv (feature,group)."})
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--n", required = true, description = "Training rows.")
  int n;

  @Option(names = "--p", required = true, description = "Features.")
  int p;

  @Option(names = "--groups", required = true, paramLabel = "SPEC", description = "Groups of x1..xp: size:K, sizes:..., file:PATH.")
  String groups;

  @Option(names = "--support", required = true, split = ",", paramLabel = "V", description = "Values of the non-zero entries of w*.")
  double[] support;

  @Option(names = "--placement", defaultValue = "first",
      description = "first: the support takes the first coordinates (as in the paper); random: randomly chosen groups. Default: ${DEFAULT-VALUE}.")
  String placement;

  @Option(names = "--design", defaultValue = "rademacher", description = "rademacher or gaussian. Default: ${DEFAULT-VALUE}.")
  String design;

  @Option(names = "--noise", defaultValue = "0.5", description = "Noise standard deviation. Default: ${DEFAULT-VALUE}.")
  double noise;

  @Option(names = "--validation-rows", description = "Validation rows (default n/3).")
  Integer validationRows;

  @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (p < 1) {
      throw new IllegalArgumentException("'--p' must be at least 1; got " + p);
    }
    if (!placement.equals("first") && !placement.equals("random")) {
      throw new IllegalArgumentException("'--placement' must be first or random; got " + placement);
    }
    if (n < 1) {
      throw new IllegalArgumentException("'--n' must be at least 1; got " + n);
    }
    if (validationRows != null && validationRows < 0) {
      throw new IllegalArgumentException("'--validation-rows' must be at least 0; got " + validationRows);
    }
    if (!Double.isFinite(noise) || noise < 0) {
      throw new IllegalArgumentException("'--noise' must be a finite number >= 0; got " + noise);
    }
    int nValidation = validationRows == null ? n / 3 : validationRows;
    MemoryCheck.cells("the training design (--n x --p)", n, p);
    MemoryCheck.cells("the validation design (validation rows x --p)", nValidation, p);
    // the design in memory, its CSV text (about 24 bytes a cell) and the truth
    MemoryCheck.require("simulate --n " + n + " --p " + p, 8.0 * ((double) n + nValidation) * p * 2);
    new FilePlan().input("--groups file:", TrainingDataOptions.groupsFile(groups))
        .outputDirectory("--out", out, List.of("train.csv", "validation.csv", "truth.csv", "groups.csv")).check();
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= p; j++) {
      names.add("x" + j);
    }
    GroupStructure gs = GroupSpecs.parse(groups, names);
    SimulatedRegression sim = RegressionSimulator.generate(n, gs, support, placement.equals("random"),
        DesignKind.parse(design), noise, nValidation, seed);
    try (FileBatch batch = new FileBatch()) {
      CsvFiles.writeDataset(batch, out.resolve("train.csv"), sim.train());
      CsvFiles.writeDataset(batch, out.resolve("validation.csv"), sim.validation());
      CsvFiles.write(batch, out.resolve("truth.csv"), List.of("feature", "group", "coefficient"), printer -> {
        for (int j = 0; j < p; j++) {
          printer.printRecord(names.get(j), gs.label(gs.groupOf(j)), sim.truth()[j]);
        }
      });
      CsvFiles.write(batch, out.resolve("groups.csv"), List.of("feature", "group"), printer -> {
        for (int j = 0; j < p; j++) {
          printer.printRecord(names.get(j), gs.label(gs.groupOf(j)));
        }
      });
      batch.commit();
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + out.resolve("train.csv") + " (" + n + " rows), validation.csv (" + sim.validation().rows()
        + " rows), truth.csv and groups.csv; true groups: " + String.join(" ", sim.trueGroups()));
    o.println("fit with: groupsparse fit --train " + out.resolve("train.csv") + " --validation "
        + out.resolve("validation.csv") + " --target y --groups file:" + out.resolve("groups.csv")
        + " --no-intercept --no-standardize");
    return 0;
  }
}
