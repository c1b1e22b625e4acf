package org.groupsparse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @TempDir static Path dir;
  static Path sim;

  @BeforeAll
  static void simulate() {
    sim = dir.resolve("sim");
    Result r = run("simulate", "--n", "60", "--p", "30", "--groups", "size:3", "--support", "4,4,4,-3,-3,-3",
        "--noise", "0.3", "--seed", "7", "--out", sim.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  /**
   * Main builds only the subcommand a command line names: every command the top-level help lists
   * runs under its own name ({@code NAME --help} shows its usage), and an unknown name still gets the
   * whole table's error.
   */
  @Test
  void everyListedCommandRunsUnderItsName() {
    Result top = run("--help");
    assertThat(top.code()).isZero();
    List<String> names = new ArrayList<>();
    boolean commands = false;
    for (String line : top.out().split("\\R")) {
      if (line.startsWith("Commands:")) {
        commands = true;
      } else if (commands && line.matches("  [a-z][a-z-]* .*")) {
        names.add(line.trim().split("\\s+")[0]);
      }
    }
    assertThat(names).containsExactly("fit", "path", "cv", "autoencoder", "cluster", "experiment", "predict",
        "simulate", "demo", "bench", "help");
    for (String name : names) {
      Result help = run(name, "--help");
      assertThat(help.code()).as(name).isZero();
      assertThat(help.out()).as(name).contains("Usage: groupsparse " + name);
    }
    assertThat(run("help", "path").out()).startsWith("Usage: groupsparse path");
    Result typo = run("pth", "--train", "x.csv");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("Unmatched arguments from index 0: 'pth'");
  }

  private static String[] fitArgs(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("fit", "--train", sim.resolve("train.csv").toString(), "--validation",
        sim.resolve("validation.csv").toString(), "--target", "y", "--groups", "file:" + sim.resolve("groups.csv"),
        "--max-iter", "4000", "--quiet", "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void binomialGroupLassoCodesTwoClassesAndPredictsProbabilities() throws Exception {
    // a two-class target coded 2/4 (as in the Wisconsin breast cancer data): y > 0 of the simulation
    java.util.List<String> lines = Files.readAllLines(sim.resolve("train.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", 2);
      csv.append(Double.parseDouble(cells[0]) > 0 ? "4" : "2").append(',').append(cells[1]).append('\n');
    }
    Path data = dir.resolve("binary.csv");
    Files.writeString(data, csv);
    Path model = dir.resolve("binary-model.json");
    Result r = run("fit", "--train", data.toString(), "--target", "y", "--groups", "file:" + sim.resolve("groups.csv"),
        "--method", "group-lasso", "--family", "binomial", "--cv", "5", "--quiet", "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("KKT violation").contains("(converged)").contains("training dev.");
    JsonNode m = new ObjectMapper().readTree(model.toFile());
    assertThat(m.get("family").asText()).isEqualTo("binomial");
    assertThat(m.get("settings").get("classes").get(1).asDouble()).isEqualTo(4.0);
    Path predictions = dir.resolve("binary-predictions.csv");
    Result p = run("predict", "--model", model.toString(), "--data", data.toString(), "--out", predictions.toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.err()).contains("misclassification");
    java.util.List<String> out = Files.readAllLines(predictions);
    assertThat(out.get(0)).isEqualTo("linear_predictor,probability,class");
    for (String line : out.subList(1, out.size())) {
      String[] cells = line.split(",");
      double eta = Double.parseDouble(cells[0]);
      double prob = Double.parseDouble(cells[1]);
      assertThat(prob).isBetween(0.0, 1.0).isCloseTo(1 / (1 + Math.exp(-eta)), org.assertj.core.api.Assertions.within(1e-12));
      assertThat(cells[2]).isEqualTo(prob >= 0.5 ? "4" : "2");
    }
    // DGLNN on the logistic loss: a binomial model with probabilities, deviance in the summary
    Path dgModel = dir.resolve("binary-dglnn.json");
    Result dg = run("fit", "--train", data.toString(), "--target", "y", "--groups", "file:" + sim.resolve("groups.csv"),
        "--method", "dglnn", "--family", "binomial", "--quiet", "--out", dgModel.toString(), "--plot",
        dir.resolve("binary-dglnn").toString());
    assertThat(dg.code()).as(dg.err()).isZero();
    assertThat(dg.out()).contains("training deviance").contains("validation deviance").doesNotContain("MSE");
    JsonNode dm = new ObjectMapper().readTree(dgModel.toFile());
    assertThat(dm.get("family").asText()).isEqualTo("binomial");
    assertThat(dm.get("settings").get("classes").get(1).asDouble()).isEqualTo(4.0);
    Path dgPredictions = dir.resolve("binary-dglnn-predictions.csv");
    Result dp = run("predict", "--model", dgModel.toString(), "--data", data.toString(), "--out", dgPredictions.toString());
    assertThat(dp.code()).as(dp.err()).isZero();
    assertThat(Files.readAllLines(dgPredictions).get(0)).isEqualTo("linear_predictor,probability,class");
    assertThat(dir.resolve("binary-dglnn-loss.png")).exists();
    // the methods without a logistic datafit refuse, naming the option
    Result hd = run("fit", "--train", data.toString(), "--target", "y", "--groups", "file:" + sim.resolve("groups.csv"),
        "--method", "hadamard", "--family", "binomial", "--quiet", "--out", dir.resolve("no.json").toString());
    assertThat(hd.code()).isEqualTo(2);
    assertThat(hd.err()).contains("'--family binomial'");
    assertThat(dir.resolve("no.json")).doesNotExist();
    // cv reports the misclassification rate beside the deviance, and plots it on a second axis
    Path cvJson = dir.resolve("binary-cv.json");
    Result cv = run("cv", "--train", data.toString(), "--target", "y", "--groups", "file:" + sim.resolve("groups.csv"),
        "--family", "binomial", "--folds", "4", "--n-lambda", "20", "--quiet", "--out", cvJson.toString());
    assertThat(cv.code()).as(cv.err()).isZero();
    assertThat(cv.out()).contains("cv_misclass");
    JsonNode c = new ObjectMapper().readTree(cvJson.toFile());
    assertThat(c.get("misclassification").size()).isEqualTo(c.get("lambdas").size());
    assertThat(c.get("misclassificationStandardError").size()).isEqualTo(c.get("lambdas").size());
    for (JsonNode v : c.get("misclassification")) {
      assertThat(v.asDouble()).isBetween(0.0, 1.0);
    }
    // the null model misclassifies the smaller class; the chosen model does better
    assertThat(c.get("misclassification").get(c.get("indexMin").asInt()).asDouble())
        .isLessThan(c.get("misclassification").get(0).asDouble());
    assertThat(dir.resolve("binary-cv.png")).exists();
  }

  @Test
  void dglnnCrossValidationOverTheStoppingTimeWritesTheCurveAndIsDeterministic() throws Exception {
    Path model = dir.resolve("cv-model.json");
    Path plot = dir.resolve("cv-plot");
    List<String> a = new ArrayList<>(List.of("fit", "--train", sim.resolve("train.csv").toString(), "--target", "y",
        "--groups", "file:" + sim.resolve("groups.csv"), "--cv", "3", "--cv-rule", "1se", "--quiet", "--out",
        model.toString(), "--plot", plot.toString()));
    Result r = run(a.toArray(new String[0]));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3-fold CV over the stopping time").contains("selected groups  2 of 10: 1 2");
    JsonNode m = new ObjectMapper().readTree(model.toFile());
    JsonNode settings = m.get("settings");
    assertThat(settings.get("cvFolds").asInt()).isEqualTo(3);
    assertThat(settings.get("cvIteration").asInt()).isEqualTo(settings.get("cvIteration1se").asInt())
        .isLessThanOrEqualTo(settings.get("cvIterationMin").asInt()).isPositive();
    assertThat(m.get("iterations").asInt()).isEqualTo(settings.get("cvIteration").asInt());
    assertThat(Files.size(Path.of(plot + "-loss.png"))).isPositive();
    byte[] first = Files.readAllBytes(model);
    assertThat(run(a.toArray(new String[0])).code()).isZero();
    assertThat(Files.readAllBytes(model)).isEqualTo(first);
  }

  /**
   * A lasso (size:1) chosen by CV at the end of a short grid: the summary names the selected columns,
   * not group numbers, and a note says the grid may be too short; an interior choice gets no note.
   */
  @Test
  void aLassoChosenAtTheEndOfItsGridNamesItsColumnsAndSaysSo() throws Exception {
    Path csv = dir.resolve("lasso-named.csv");
    StringBuilder b = new StringBuilder("y,age,bmi,bp,s1\n");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
    for (int i = 0; i < 60; i++) {
      double[] x = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      b.append(3 * x[1] - 2 * x[3] + 0.1 * rng.nextGaussian());
      for (double v : x) {
        b.append(',').append(v);
      }
      b.append('\n');
    }
    Files.writeString(csv, b.toString());
    Result r = run("fit", "--train", csv.toString(), "--target", "y", "--groups", "size:1", "--method",
        "group-lasso", "--cv", "3", "--n-lambda", "5", "--lambda-min-ratio", "0.5", "--quiet", "--out",
        dir.resolve("lasso-named.json").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("5 of 5 on the path").containsPattern("selected groups  \\d of 4: .*bmi.*s1");
    assertThat(r.err()).contains("note: the chosen lambda is the smallest on the path");
    Result wide = run("fit", "--train", csv.toString(), "--target", "y", "--groups", "size:1", "--method",
        "group-lasso", "--cv", "3", "--lambda-min-ratio", "1e-4", "--quiet", "--out",
        dir.resolve("lasso-named2.json").toString());
    assertThat(wide.code()).as(wide.err()).isZero();
    assertThat(wide.err()).doesNotContain("smallest on the path");
  }

  @Test
  void fitWritesTheDocumentedModelFieldsAndPredictUsesThem() throws Exception {
    Path model = dir.resolve("model.json");
    Result r = run(fitArgs(model, "--no-intercept", "--no-standardize"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("selected groups  2 of 10: 1 2");
    JsonNode m = new ObjectMapper().readTree(model.toFile());
    for (String f : List.of("method", "featureNames", "groups", "coefficients", "intercept", "selectedGroups",
        "iterations", "bestIteration", "switchIteration", "history")) {
      assertThat(m.has(f)).as(f).isTrue();
    }
    assertThat(m.get("method").asText()).isEqualTo("dglnn");
    assertThat(m.get("history").get("trainLoss").size()).isEqualTo(m.get("iterations").asInt() + 1);
    assertThat(m.get("history").get("validationLoss").size()).isEqualTo(m.get("iterations").asInt() + 1);
    assertThat(m.get("coefficients").get(0).asDouble()).isBetween(3.5, 4.5);

    Path pred = dir.resolve("pred.csv");
    Result p = run("predict", "--model", model.toString(), "--data", sim.resolve("validation.csv").toString(),
        "--out", pred.toString());
    assertThat(p.code()).as(p.err()).isZero();
    List<String> lines = Files.readAllLines(pred);
    assertThat(lines).hasSize(21);
    assertThat(lines.get(0)).isEqualTo("prediction");
    // the validation MSE printed by predict is twice the kept validation loss of the fit
    double mse = Double.parseDouble(p.err().replaceAll("(?s).*: ([0-9.eE+-]+) \\(.*", "$1"));
    double best = m.get("history").get("validationLoss").get(m.get("bestIteration").asInt()).asDouble();
    assertThat(mse).isCloseTo(2 * best, org.assertj.core.api.Assertions.within(1e-4 * mse));
  }

  @Test
  void sameSeedGivesTheSameBytes() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    assertThat(run(fitArgs(a, "--validation-fraction", "0.3").clone()).code()).isNotZero(); // both validation sources
    String[] argsA = {"fit", "--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups", "size:3",
        "--validation-fraction", "0.3", "--seed", "5", "--init", "random", "--max-iter", "3000", "--quiet", "--out",
        a.toString()};
    String[] argsB = argsA.clone();
    argsB[argsB.length - 1] = b.toString();
    assertThat(run(argsA).code()).isZero();
    assertThat(run(argsB).code()).isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    String[] argsC = argsA.clone();
    argsC[10] = "6";
    Path c = dir.resolve("c.json");
    argsC[argsC.length - 1] = c.toString();
    assertThat(run(argsC).code()).isZero();
    assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
  }

  static Stream<Arguments> badInputs() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    String header = "y,a_1,a_2,b_1,b_2\n";
    Files.writeString(bad.resolve("empty.csv"), "");
    Files.writeString(bad.resolve("header.csv"), header);
    Files.writeString(bad.resolve("ragged.csv"), header + "1,2,3,4,5\n1,2,3,4\n");
    Files.writeString(bad.resolve("text.csv"), header + "1,2,3,4,5\n1,2,abc,4,5\n");
    Files.writeString(bad.resolve("nan.csv"), header + "1,2,3,4,5\n1,2,3,NaN,5\n");
    Files.writeString(bad.resolve("inf.csv"), header + "1,2,3,4,5\n1,Infinity,3,4,5\n");
    Files.writeString(bad.resolve("onerow.csv"), header + "1,2,3,4,5\n");
    Files.writeString(bad.resolve("ok.csv"), header + "1,2,3,4,5\n2,1,3,5,4\n3,3,1,4,4\n4,5,5,1,2\n");
    Files.writeString(bad.resolve("groups3.txt"), "a\na\nb\n");
    Files.writeString(bad.resolve("notmodel.json"), "{\"hello\": 1}");
    Files.writeString(bad.resolve("truncated.json"), "{\"format\": \"groupsparse-model\", \"formatVersion\": 1, \"coeff");
    Path f = bad;
    return Stream.of(
        Arguments.of("missing file", new String[] {"--train", f.resolve("nope.csv").toString()}, "nope.csv: file not found"),
        Arguments.of("empty file", new String[] {"--train", f.resolve("empty.csv").toString()}, "empty.csv: file is empty"),
        Arguments.of("header only", new String[] {"--train", f.resolve("header.csv").toString()}, "header.csv: has a header but no data rows"),
        Arguments.of("ragged row", new String[] {"--train", f.resolve("ragged.csv").toString()}, "ragged.csv:3: expected 5 fields"),
        Arguments.of("non-numeric", new String[] {"--train", f.resolve("text.csv").toString()}, "text.csv:3:3: expected a number in column 'a_2'; got 'abc'"),
        Arguments.of("NaN", new String[] {"--train", f.resolve("nan.csv").toString()}, "nan.csv:3:4: expected a finite number"),
        Arguments.of("Inf", new String[] {"--train", f.resolve("inf.csv").toString()}, "inf.csv:3:2: expected a finite number"),
        Arguments.of("unknown target", new String[] {"--train", f.resolve("ok.csv").toString(), "--target", "zz"}, "ok.csv:1: no target column 'zz'"),
        Arguments.of("groups do not cover", new String[] {"--train", f.resolve("ok.csv").toString(), "--groups", "sizes:2,1"}, "add up to 3 but there are 4 features"),
        Arguments.of("size does not divide", new String[] {"--train", f.resolve("ok.csv").toString(), "--groups", "size:3"}, "does not divide"),
        Arguments.of("group file length", new String[] {"--train", f.resolve("ok.csv").toString(), "--groups", "file:" + f.resolve("groups3.txt")}, "has 3 group labels but there are 4 features"),
        Arguments.of("fewer than 2 rows", new String[] {"--train", f.resolve("onerow.csv").toString(), "--validation-fraction", "0"}, "at least 2"),
        Arguments.of("bad step", new String[] {"--train", f.resolve("ok.csv").toString(), "--gamma", "-1"}, "'--gamma' must be in (0, inf); got -1.0"),
        Arguments.of("diverges", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "dglnn-gd", "--alpha", "1", "--init", "constant", "--init-scale", "1", "--gamma", "100", "--eta", "100", "--validation-fraction", "0", "--no-standardize"}, "smaller step size"),
        Arguments.of("negative lambda", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "group-lasso", "--lambda", "-1"}, "'--lambda' of fit must be in (0, inf); got -1.0"),
        Arguments.of("non-numeric lambda", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "group-lasso", "--lambda", "abc"}, "'abc' is not a decimal number"),
        Arguments.of("empty lambda grid", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "group-lasso", "--n-lambda", "0"}, "'--n-lambda' must be an integer >= 1; got 0"),
        Arguments.of("one fold", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "group-lasso", "--cv", "1"}, "'--cv' of fit must be an integer >= 2; got 1"),
        Arguments.of("more folds than rows", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "group-lasso", "--cv", "9"}, "'--cv' must be at most the number of rows (4)"),
        Arguments.of("lambda for another method", new String[] {"--train", f.resolve("ok.csv").toString(), "--lambda", "0.1"}, "applies to --method group-lasso only"),
        Arguments.of("unknown method", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "ridge"}, "ridge"),
        Arguments.of("bad rho", new String[] {"--train", f.resolve("ok.csv").toString(), "--method", "primal-dual", "--rho", "1.5"}, "'--rho' must be in (0, 1)"),
        Arguments.of("bad model", new String[] {"predict:" + f.resolve("notmodel.json")}, "not a GroupSparse model file"),
        Arguments.of("truncated model", new String[] {"predict:" + f.resolve("truncated.json")}, "truncated.json:1:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGivesOneLineExitCodeTwoAndNoOutputFile(String name, String[] args, String expected) throws Exception {
    Path out = dir.resolve("out-" + name.replace(' ', '-') + ".json");
    List<String> a = new ArrayList<>();
    if (args[0].startsWith("predict:")) {
      a.addAll(List.of("predict", "--model", args[0].substring(8), "--data", dir.resolve("bad/ok.csv").toString(),
          "--out", out.toString()));
    } else {
      a.addAll(List.of("fit", "--target", "y", "--groups", "prefix:_", "--quiet", "--out", out.toString()));
      a.addAll(List.of(args));
    }
    Result r = run(a.toArray(new String[0]));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(expected);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.filter(q -> q.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void constantColumnIsAWarningNotAnError() throws Exception {
    Path d = dir.resolve("const.csv");
    StringBuilder sb = new StringBuilder("y,a_1,a_2,b_1,b_2\n");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    for (int i = 0; i < 30; i++) {
      double x1 = rng.nextGaussian();
      sb.append(2 * x1 + 0.1 * rng.nextGaussian()).append(',').append(x1).append(",5,").append(rng.nextGaussian())
          .append(',').append(rng.nextGaussian()).append('\n');
    }
    Files.writeString(d, sb.toString());
    Path out = dir.resolve("const.json");
    Result r = run("fit", "--train", d.toString(), "--target", "y", "--groups", "prefix:_", "--quiet", "--out",
        out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: column 'a_2' is constant");
    JsonNode m = new ObjectMapper().readTree(out.toFile());
    assertThat(m.get("coefficients").get(1).asDouble()).isZero();
  }

  @Test
  void everySubcommandHasHelp() {
    for (String c : List.of("fit", "path", "cv", "experiment", "predict", "simulate", "demo", "bench")) {
      Result r = run(c, "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: groupsparse " + c);
    }
    assertThat(run("bench", "dglnn", "--help").code()).isZero();
    assertThat(run("bench", "group-lasso", "--help").code()).isZero();
    assertThat(run("fit", "--no-such-option").code()).isEqualTo(2);
  }

  @Test
  void dglnnBenchReportsTheMedianIterationAgainstItsFloor() throws Exception {
    // n p = 1e6 entries: one warm-up run; one timed run of 12 iterations after a second of reads
    Result r = run("bench", "dglnn", "--n", "500", "--p", "2000", "--group-size", "4", "--iters", "12",
        "--repeats", "1", "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode b = new ObjectMapper().readTree(r.out());
    double total = b.get("seconds_total_median").asDouble();
    double median = b.get("seconds_per_iter_median").asDouble();
    double floor = b.get("floor_iter_seconds").asDouble();
    // every iteration was timed: the median is positive and at most the whole run
    assertThat(median).isPositive().isLessThanOrEqualTo(total);
    assertThat(b.get("median_iter_over_floor").asDouble()).isCloseTo(median / floor, within(1e-12 * median / floor));
    assertThat(b.get("iter_over_floor").asDouble()).isCloseTo(total / 12 / floor, within(1e-12 * total / floor));
  }

  @Test
  void pathWritesEveryLambdaWithItsCertificateAndAPlot() throws Exception {
    Path json = dir.resolve("path.json");
    Result r = run("path", "--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
        "file:" + sim.resolve("groups.csv"), "--n-lambda", "30", "--quiet", "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode p = new ObjectMapper().readTree(json.toFile());
    assertThat(p.get("lambdas").size()).isEqualTo(30);
    assertThat(p.get("coefficients").size()).isEqualTo(30);
    assertThat(p.get("coefficients").get(0).size()).isEqualTo(30);
    assertThat(p.get("intercepts").size()).isEqualTo(30);
    for (JsonNode v : p.get("kktViolation")) {
      assertThat(v.asDouble()).isLessThanOrEqualTo(1e-6);
    }
    for (JsonNode c : p.get("coefficients").get(0)) {
      assertThat(c.asDouble()).isZero(); // lambda_max
    }
    assertThat(p.get("lambdas").get(0).asDouble()).isEqualTo(p.get("lambdaMax").asDouble());
    assertThat(dir.resolve("path.png")).exists();
  }

  @Test
  void noPlotWritesTheSameJsonAndNoPicture() throws Exception {
    String[] data = {"--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
        "file:" + sim.resolve("groups.csv"), "--n-lambda", "20", "--quiet"};
    for (String command : List.of("path", "cv")) {
      Path withPlot = dir.resolve(command + "-a").resolve("out.json");
      Path without = dir.resolve(command + "-b").resolve("out.json");
      Files.createDirectories(withPlot.getParent());
      Files.createDirectories(without.getParent());
      Result a = run(concat(new String[] {command}, data, new String[] {"--out", withPlot.toString()}));
      Result b = run(concat(new String[] {command}, data, new String[] {"--out", without.toString(), "--no-plot"}));
      assertThat(a.code()).as(a.err()).isZero();
      assertThat(b.code()).as(b.err()).isZero();
      assertThat(withPlot.resolveSibling("out.png")).exists();
      try (var files = Files.list(without.getParent())) {
        assertThat(files.map(f -> f.getFileName().toString()).toList()).as(command).containsExactly("out.json");
      }
      assertThat(Files.readString(without)).isEqualTo(Files.readString(withPlot));
      assertThat(b.out()).contains("written to " + without).doesNotContain(".png");
      Path both = dir.resolve(command + "-c").resolve("out.json");
      Files.createDirectories(both.getParent());
      Result c = run(concat(new String[] {command}, data, new String[] {"--out", both.toString(), "--no-plot",
          "--plot", dir.resolve("x.png").toString()}));
      assertThat(c.code()).isEqualTo(2);
      assertThat(c.err().strip()).isEqualTo("groupsparse " + command + ": --plot and --no-plot together; choose one");
      try (var files = Files.list(both.getParent())) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  @Test
  void pathTakesGrpregsPenaltiesAndRecordsThem() throws Exception {
    for (String penalty : List.of("group-mcp", "group-scad", "sparse-group-lasso")) {
      Path json = dir.resolve(penalty + ".json");
      Result r = run("path", "--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
          "file:" + sim.resolve("groups.csv"), "--n-lambda", "20", "--lambda-min-ratio", "0.1", "--penalty", penalty,
          "--quiet", "--out", json.toString());
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode p = new ObjectMapper().readTree(json.toFile());
      assertThat(p.get("settings").get("penalty").asText()).isEqualTo(penalty.toUpperCase(java.util.Locale.ROOT)
          .replace('-', '_'));
      for (JsonNode v : p.get("kktViolation")) {
        assertThat(v.asDouble()).as(penalty).isLessThanOrEqualTo(1e-6);
      }
    }
    Result wrong = run("path", "--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
        "file:" + sim.resolve("groups.csv"), "--sgl-alpha", "0.5", "--out", dir.resolve("x.json").toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("--sgl-alpha").doesNotContain("Exception");
    Result gamma = run("path", "--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
        "file:" + sim.resolve("groups.csv"), "--penalty", "group-scad", "--gamma-penalty", "2",
        "--out", dir.resolve("y.json").toString());
    assertThat(gamma.code()).isEqualTo(2);
    assertThat(gamma.err()).contains("--gamma-penalty");
  }

  @Test
  void everyBaselineMethodFitsAndPredicts() throws Exception {
    for (String[] extra : List.of(new String[] {"--method", "group-lasso"},
        new String[] {"--method", "group-lasso", "--cv", "5", "--cv-rule", "1se"},
        new String[] {"--method", "group-lasso", "--lambda", "0.5", "--solver", "fista"},
        new String[] {"--method", "hadamard", "--step", "0.02"}, new String[] {"--method", "primal-dual"})) {
      Path model = dir.resolve("baseline-" + String.join("", extra).replace("-", "") + ".json");
      Result r = run(fitArgs(model, extra));
      assertThat(r.code()).as(String.join(" ", extra) + ": " + r.err()).isZero();
      JsonNode m = new ObjectMapper().readTree(model.toFile());
      assertThat(m.get("method").asText()).isEqualTo(extra[1]);
      assertThat(m.get("selectedGroups").size()).isPositive();
      if (extra[1].equals("group-lasso")) {
        assertThat(m.get("settings").get("kktViolation").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(m.get("settings").get("lambdaSelection").asText()).isNotEmpty();
      }
      Result p = run("predict", "--model", model.toString(), "--data", sim.resolve("validation.csv").toString(),
          "--out", dir.resolve("pred-baseline.csv").toString());
      assertThat(p.code()).as(p.err()).isZero();
    }
    Result cv = run("cv", "--train", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
        "file:" + sim.resolve("groups.csv"), "--folds", "4", "--n-lambda", "20", "--out",
        dir.resolve("cv.json").toString());
    assertThat(cv.code()).as(cv.err()).isZero();
    assertThat(cv.out()).contains("lambda_min").contains("lambda_1se");
    JsonNode c = new ObjectMapper().readTree(dir.resolve("cv.json").toFile());
    assertThat(c.get("lambda1se").asDouble()).isGreaterThanOrEqualTo(c.get("lambdaMin").asDouble());
    assertThat(dir.resolve("cv.png")).exists();
  }

  @Test
  void benchGroupLassoPrintsOneJsonLine() throws Exception {
    Result r = run("bench", "group-lasso", "--data", sim.resolve("train.csv").toString(), "--target", "y", "--groups",
        "size:3", "--warmup", "0", "--repeats", "1");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out().strip());
    assertThat(j.get("lambdas").asInt()).isEqualTo(100);
    assertThat(j.get("worst_kkt_violation_relative").asDouble()).isLessThanOrEqualTo(1e-6);
    assertThat(j.get("unconverged_lambdas").asInt()).isZero();
    assertThat(j.get("warmup_runs").asInt()).isZero();
    // warm-up stops at its count or its time budget, whichever comes first
    Result counted = run("bench", "group-lasso", "--data", sim.resolve("train.csv").toString(), "--target", "y",
        "--groups", "size:3", "--warmup", "2", "--warmup-seconds", "600", "--repeats", "1");
    assertThat(new ObjectMapper().readTree(counted.out().strip()).get("warmup_runs").asInt()).isEqualTo(2);
    Result timed = run("bench", "group-lasso", "--data", sim.resolve("train.csv").toString(), "--target", "y",
        "--groups", "size:3", "--warmup", "50", "--warmup-seconds", "0", "--repeats", "1");
    assertThat(new ObjectMapper().readTree(timed.out().strip()).get("warmup_runs").asInt()).isZero();
    Result bad = run("bench", "group-lasso", "--data", sim.resolve("train.csv").toString(), "--target", "y",
        "--groups", "size:3", "--warmup-seconds", "-1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).contains("--warmup-seconds").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void quickExperimentWritesEveryOutputFile() throws Exception {
    Path out = dir.resolve("exp-fig2");
    Result r = run("experiment", "igs-fig2", "--quick", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    for (String f : List.of("fig2-series.csv", "fig2-error.png", "fig2-error.svg", "fig2-magnitudes.png",
        "fig2-magnitudes.svg", "summary.json", "provenance.json", "report.md")) {
      assertThat(out.resolve(f)).as(f).exists();
    }
    JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
    assertThat(p.get("seed").asLong()).isEqualTo(1);
    assertThat(p.get("quick").asBoolean()).isTrue();
    assertThat(Files.readString(out.resolve("report.md"))).contains("Paper's claim").contains("Verdict");
    assertThat(run("experiment", "no-such").code()).isEqualTo(2);
  }

  @Test
  void allQuickExperimentsWriteReportsWithVerdicts() throws Exception {
    Path out = dir.resolve("exp-all");
    Result r = run("experiment", "all", "--quick", "--mnist", ClusterCliTest.sharedMnist().toString(), "--out",
        out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    for (String name : ExperimentCommand.EXPERIMENTS.keySet()) {
      Path d = out.resolve(name);
      assertThat(r.out()).contains(name + ": done");
      for (String f : List.of("summary.json", "provenance.json", "report.md")) {
        assertThat(d.resolve(f)).as(name + "/" + f).exists();
      }
      try (var files = Files.list(d)) {
        List<String> names = files.map(f -> f.getFileName().toString()).toList();
        assertThat(names).as(name).anyMatch(f -> f.endsWith(".csv"));
        assertThat(names).as(name).anyMatch(f -> f.endsWith(".png"));
        assertThat(names).as(name).anyMatch(f -> f.endsWith(".svg"));
        assertThat(names).as(name + ": no temporary files left").noneMatch(f -> f.contains(".tmp"));
      }
      JsonNode summary = new ObjectMapper().readTree(d.resolve("summary.json").toFile());
      assertThat(summary.get("claimHolds")).as(name).isNotNull();
      assertThat(summary.get("claimHolds").isBoolean()).as(name).isTrue();
      String report = Files.readString(d.resolve("report.md"));
      assertThat(report).as(name).contains("# " + name);
      assertThat(report).as(name).containsAnyOf("Verdict", "**Holds", "**Does not hold");
    }
    for (String figure : List.of("fig4a-sparse-atoms", "fig4b-sparse-codes", "fig4c-group-atoms", "fig4d-group-codes",
        "fig5-distances-pixels", "fig5-distances-sparse", "fig5-distances-group", "training-loss")) {
      assertThat(out.resolve("gsae-table1").resolve(figure + ".png")).exists();
    }
    assertThat(out.resolve("gsae-table1").resolve("table1-runs.csv")).exists();
    Path gae = out.resolve("igs-gae");
    for (String file : List.of("fig10-interpolations.png", "code-spectrum.png", "code-spectrum.svg", "training-loss.png",
        "gae-runs.csv", "table2-parameters.csv", "code-spectrum.csv")) {
      assertThat(gae.resolve(file)).as(file).exists();
    }
    JsonNode gaeSummary = new ObjectMapper().readTree(gae.resolve("summary.json").toFile());
    assertThat(gaeSummary.get("models").get("IRMAE").get("latentWeights").asLong()).isEqualTo(786_432);
    assertThat(gaeSummary.get("models").get("GAE4").get("latentWeights").asLong()).isEqualTo(196_608);
    assertThat(gaeSummary.get("models").get("GAE8").get("latentWeights").asLong()).isEqualTo(98_304);
    assertThat(gaeSummary.get("table2Holds").asBoolean()).isTrue();
    assertThat(javax.imageio.ImageIO.read(gae.resolve("fig10-interpolations.png").toFile()).getWidth()).isGreaterThan(600);
  }

  @Test
  void parallelExperimentsAreByteIdenticalForTheSameSeed() throws Exception {
    Path a = dir.resolve("fig12-a");
    Path b = dir.resolve("fig12-b");
    assertThat(run("experiment", "igs-fig12", "--quick", "--repeats", "3", "--out", a.toString()).code()).isZero();
    assertThat(run("experiment", "igs-fig12", "--quick", "--repeats", "3", "--out", b.toString()).code()).isZero();
    assertThat(Files.readAllBytes(a.resolve("fig12-runs.csv"))).isEqualTo(Files.readAllBytes(b.resolve("fig12-runs.csv")));
    assertThat(Files.readAllBytes(a.resolve("summary.json"))).isEqualTo(Files.readAllBytes(b.resolve("summary.json")));
  }

  @Test
  void demoRunsOnTheBundledData() {
    Path out = dir.resolve("demo");
    Result r = run("demo", "--quiet", "--out", out.toString(), "--max-iter", "3000");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("test MSE").contains("selected genes");
    assertThat(out.resolve("model.json")).exists();
    assertThat(out.resolve("bardet-loss.png")).exists();
    assertThat(out.resolve("bardet-groups.png")).exists();
  }
}
