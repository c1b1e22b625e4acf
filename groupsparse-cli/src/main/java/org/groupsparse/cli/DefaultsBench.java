package org.groupsparse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.io.CsvFiles;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.grouplasso.GroupLassoOptions;
import org.groupsparse.regression.grouplasso.LambdaSelection;
import org.groupsparse.regression.implicit.DglnnCrossValidation;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.synthetic.UserProblemSimulator;
import org.groupsparse.synthetic.UserProblemSimulator.Problem;
import org.groupsparse.synthetic.UserProblemSimulator.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code groupsparse bench defaults}: every estimator with its default settings only, on a
 * family of generated problems of the kind users bring (unequal scattered groups, true groups whose
 * norms differ by a factor 2 to 5, n &lt; p and n &gt; p, Gaussian and correlated designs, high to
 * low SNR), over many seeds: exact support recovery rate, relative error ||w - w*||^2/||w*||^2,
 * excess test error, iterations and time. The methods see only their data; w* is used for the
 * metrics only.
 */
@Command(name = "defaults", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Default settings only, on generated problems users would bring: exact support recovery rate and",
        "relative error of DGLNN (adaptive defaults: validation split, and --cv 5), DGLNN with the paper's constants,",
        "and the group lasso with 10-fold CV (what a grpreg user runs). Prints a markdown table."})
public final class DefaultsBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seeds", defaultValue = "20", description = "Seeds per setting. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--settings", split = ",", description = "Settings to run (default: all): A,B,C,D,E,F.")
  List<String> only;

  @Option(names = "--methods", split = ",",
      description = "Methods (default: all): dglnn, dglnn-cv5, dglnn-paper, group-lasso-cv10.")
  List<String> methods;

  @Option(names = "--threads", defaultValue = "2", description = "Problems solved at once. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Also write one row per (setting, seed, method).")
  Path out;

  @Mixin CommonOptions common;

  /** The family: name, description, settings. */
  static Map<String, Settings> family() {
    Map<String, Settings> m = new LinkedHashMap<>();
    // n rows (of which the DGLNN default holds out 25%), 1000 test rows, groups of 2..6 scattered
    m.put("A", new Settings(320, 1000, 600, 2, 6, 4, 12, 4, 0.0, 0.5));
    m.put("B", new Settings(320, 1000, 600, 2, 6, 4, 12, 4, 0.5, 0.5));
    m.put("C", new Settings(320, 1000, 600, 2, 6, 4, 6, 2, 0.0, 2.0));
    m.put("D", new Settings(800, 1000, 200, 2, 6, 4, 3, 5, 0.0, 1.0));
    m.put("E", new Settings(150, 1000, 1000, 2, 6, 3, 8, 3, 0.0, 0.5));
    m.put("F", new Settings(320, 1000, 600, 2, 6, 4, 12, 4, 0.8, 0.5));
    return m;
  }

  static String describe(Settings s) {
    return String.format(Locale.ROOT, "n=%d, p=%d, groups %d-%d, %d true (norms %.3g..%.3g), %s, sigma %.3g",
        s.n(), s.p(), s.minGroupSize(), s.maxGroupSize(), s.trueGroups(), s.maxNorm() / s.normRatio(), s.maxNorm(),
        s.rho() == 0 ? "Gaussian" : "AR(1) rho " + s.rho(), s.noise());
  }

  /** One fit's metrics. */
  record Outcome(boolean exact, double relativeError, double excessTestError, int iterations, double seconds,
      int selected) {}

  static final List<String> ALL_METHODS = List.of("dglnn", "dglnn-cv5", "dglnn-paper", "group-lasso-cv10");

  /**
   * Fits one method with its defaults.
   *
   * @param method the method
   * @param problem the problem
   * @param seed the seed of splits and folds
   * @return the metrics
   */
  static Outcome run(String method, Problem problem, long seed) {
    Dataset train = problem.train();
    long t0 = System.nanoTime();
    GroupLinearModel model;
    int iterations;
    switch (method) {
      case "dglnn", "dglnn-paper" -> {
        DglnnOptions options = (method.equals("dglnn") ? DglnnOptions.builder() : DglnnOptions.paperBuilder())
            .seed(seed).build();
        int[][] split = Splits.holdOut(train.rows(), 0.25, seed);
        FitResult<GroupLinearModel> r = new DglnnTrainer(options).fit(train.selectRows(split[0]),
            train.selectRows(split[1]), problem.groups(), null);
        model = r.model();
        iterations = r.history().iterations();
      }
      case "dglnn-cv5" -> {
        DglnnCrossValidation.Result r = DglnnCrossValidation.fit(train, problem.groups(),
            DglnnOptions.builder().seed(seed).build(), 5, seed, DglnnCrossValidation.Rule.MIN, null);
        model = r.refit().model();
        iterations = r.chosenIteration();
      }
      case "group-lasso-cv10" -> {
        LambdaSelection.CrossValidation cv = LambdaSelection.crossValidate(train, problem.groups(),
            GroupLassoOptions.builder().build(), 10, seed, null);
        model = cv.path().model(cv.indexMin());
        iterations = cv.path().iterations()[cv.indexMin()];
      }
      default -> throw new IllegalArgumentException("unknown method '" + method + "'");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    boolean[] selected = model.selectedMask();
    boolean[] truth = new boolean[selected.length];
    for (int g : problem.trueGroups()) {
      truth[g] = true;
    }
    int count = 0;
    for (boolean b : selected) {
      count += b ? 1 : 0;
    }
    double[] w = model.coefficients();
    double num = 0;
    double den = 0;
    for (int j = 0; j < w.length; j++) {
      double d = w[j] - problem.truth()[j];
      num += d * d;
      den += problem.truth()[j] * problem.truth()[j];
    }
    double[] pred = model.predict(problem.test().design());
    double mse = 0;
    for (int i = 0; i < pred.length; i++) {
      double r = problem.test().response()[i] - pred[i];
      mse += r * r;
    }
    mse /= pred.length;
    double sigma2 = problem.noise() * problem.noise();
    return new Outcome(Arrays.equals(selected, truth), num / den, mse / sigma2 - 1, iterations, seconds, count);
  }

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || threads < 1) {
      throw new IllegalArgumentException("'--seeds' and '--threads' must be at least 1");
    }
    List<String> chosenMethods = methods == null ? ALL_METHODS : methods;
    for (String m : chosenMethods) {
      if (!ALL_METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown --methods '" + m + "'; expected " + String.join(", ", ALL_METHODS));
      }
    }
    Map<String, Settings> family = family();
    List<String> names = only == null ? new ArrayList<>(family.keySet()) : only;
    for (String n : names) {
      if (!family.containsKey(n)) {
        throw new IllegalArgumentException("unknown --settings '" + n + "'; expected one of " + family.keySet());
      }
    }
    new FilePlan().output("--out", out).check();
    PrintWriter pw = spec.commandLine().getOut();
    pw.println("| setting | method | exact support | mean rel. error | median rel. error | mean excess test MSE / sigma^2 "
        + "| mean groups | median iterations | mean seconds |");
    pw.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    List<Object[]> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (String name : names) {
        Settings s = family.get(name);
        Map<String, List<Future<Outcome>>> futures = new LinkedHashMap<>();
        for (String m : chosenMethods) {
          List<Future<Outcome>> list = new ArrayList<>();
          for (int k = 0; k < seeds; k++) {
            long seed = 1000L * (name.charAt(0) - 'A' + 1) + k;
            list.add(pool.submit(() -> run(m, UserProblemSimulator.generate(s, seed), seed)));
          }
          futures.put(m, list);
        }
        for (Map.Entry<String, List<Future<Outcome>>> e : futures.entrySet()) {
          int exact = 0;
          double[] rel = new double[seeds];
          double[] iters = new double[seeds];
          double excess = 0;
          double secs = 0;
          double groups = 0;
          for (int k = 0; k < seeds; k++) {
            Outcome o = e.getValue().get(k).get();
            exact += o.exact() ? 1 : 0;
            rel[k] = o.relativeError();
            iters[k] = o.iterations();
            excess += o.excessTestError();
            secs += o.seconds();
            groups += o.selected();
            rows.add(new Object[] {name, e.getKey(), k, o.exact(), o.relativeError(), o.excessTestError(), o.selected(),
                o.iterations(), o.seconds()});
          }
          double meanRel = Arrays.stream(rel).average().orElse(Double.NaN);
          Arrays.sort(rel);
          Arrays.sort(iters);
          pw.printf(Locale.ROOT, "| %s | %s | %d/%d | %.3g | %.3g | %.3g | %.1f | %.0f | %.2f |%n", name, e.getKey(), exact,
              seeds, meanRel, rel[seeds / 2], excess / seeds, groups / seeds, iters[seeds / 2], secs / seeds);
          pw.flush();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    pw.println();
    for (String name : names) {
      pw.println(name + ": " + describe(family.get(name)));
    }
    if (out != null) {
      CsvFiles.write(out, List.of("setting", "method", "seed", "exact", "relative_error", "excess_test_error", "groups",
          "iterations", "seconds"), printer -> {
            for (Object[] r : rows) {
              printer.printRecord(r);
            }
          });
    }
    return 0;
  }
}
