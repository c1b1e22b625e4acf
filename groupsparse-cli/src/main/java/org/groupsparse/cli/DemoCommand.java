package org.groupsparse.cli;

import org.groupsparse.util.FileBatch;
import java.util.List;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groupsparse.data.BundledData;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.io.GroupSpecs;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.io.ModelFiles;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse demo}: DGLNN on the bundled bardet gene-expression data. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit DGLNN (Algorithm 2) on the bundled bardet data (120 rat eye samples, TRIM32 expression,",
        "20 genes x 5 B-splines): a seeded split into equal training, validation (early stopping) and test parts,",
        "as in table 3 of Li et al. (ICLR 2023). Prints the selected genes and the test error; writes the model and plots."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "groupsparse-demo", paramLabel = "DIR",
      description = "Output directory. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin DglnnCliOptions dglnn;
  @Mixin SharedFitOptions shared;
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    DglnnOptions options = dglnn.toOptions(shared);
    new FilePlan().outputDirectory("--out", out, List.of("model.json", "bardet-loss.png", "bardet-groups.png")).check();
    Dataset all = BundledData.bardet();
    GroupStructure groups = GroupSpecs.parse(BundledData.BARDET_GROUPS, all.featureNames());
    int n = all.rows();
    int[] perm = Splits.permutation(n, options.seed());
    int third = n / 3;
    int[] trainRows = sorted(Arrays.copyOfRange(perm, 0, third));
    int[] valRows = sorted(Arrays.copyOfRange(perm, third, 2 * third));
    int[] testRows = sorted(Arrays.copyOfRange(perm, 2 * third, n));
    Dataset train = all.selectRows(trainRows);
    Dataset validation = all.selectRows(valRows);
    Dataset test = all.selectRows(testRows);
    o.printf(Locale.ROOT, "bardet: %d samples, %d features in %d genes; split %d/%d/%d (seed %d)%n", n,
        all.features(), groups.groupCount(), train.rows(), validation.rows(), test.rows(), options.seed());
    FitResult<GroupLinearModel> result;
    try (ProgressListener progress = new ProgressListener(common.quiet)) {
      result = new DglnnTrainer(options).fit(train, validation, groups, progress);
    }
    CliSupport.printSummary(o, result, train.rows(), validation.rows());
    GroupLinearModel m = result.model();
    double[] pred = m.predict(test.design());
    double mse = 0;
    double mean = 0;
    for (double v : train.response()) {
      mean += v;
    }
    mean /= train.rows();
    double mseMean = 0;
    for (int i = 0; i < pred.length; i++) {
      double r = test.response()[i] - pred[i];
      mse += r * r;
      mseMean += (test.response()[i] - mean) * (test.response()[i] - mean);
    }
    mse /= pred.length;
    mseMean /= pred.length;
    o.printf(Locale.ROOT, "test MSE         %.5f (predicting the training mean: %.5f; paper's table 3, DGLNN: 0.02477)%n",
        mse, mseMean);
    double[] mags = m.groupMagnitudes();
    boolean[] sel = m.selectedMask();
    StringBuilder genes = new StringBuilder();
    for (int l = 0; l < mags.length; l++) {
      if (sel[l]) {
        genes.append(String.format(Locale.ROOT, "%s (u^2 = %.3g)  ", groups.label(l), mags[l]));
      }
    }
    o.println("selected genes   " + genes.toString().trim());
    Map<String, Object> settings = DglnnCliOptions.settings(options);
    settings.put("data", "bardet (bundled)");
    settings.put("split", "equal thirds, seed " + options.seed());
    settings.put("testMse", mse);
    try (FileBatch batch = new FileBatch()) {
      ModelFiles.write(batch, out.resolve("model.json"), m, result.history(), settings);
      Plots.writeTrainingPlots(batch, out.resolve("bardet"), result);
      batch.commit();
    }
    o.println("wrote " + out.resolve("model.json") + ", " + out.resolve("bardet-loss.png") + ", "
        + out.resolve("bardet-groups.png"));
    return 0;
  }

  private static int[] sorted(int[] a) {
    Arrays.sort(a);
    return a;
  }
}
