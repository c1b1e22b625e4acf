package org.groupsparse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutoencoderCliTest {
  @TempDir static Path dir;
  static Path data;
  static Path model;

  @BeforeAll
  static void trainOnce() throws Exception {
    data = dir.resolve("data.csv");
    StringBuilder sb = new StringBuilder("id,p1,p2,p3,p4,p5,p6\n");
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 60; i++) {
      sb.append(i);
      for (int j = 0; j < 6; j++) {
        sb.append(',').append(rng.nextGaussian());
      }
      sb.append('\n');
    }
    Files.writeString(data, sb.toString());
    model = dir.resolve("model.json");
    CliTest.Result r = CliTest.run("autoencoder", "train", "--data", data.toString(), "--exclude", "id", "--groups", "4",
        "--group-size", "2", "--lambda", "0.3", "--layers", "3", "--epochs", "20", "--lr", "1e-2", "--quiet", "--out",
        model.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void trainEncodeRoundTripIsDeterministic() throws Exception {
    Path again = dir.resolve("again.json");
    CliTest.Result r = CliTest.run("autoencoder", "train", "--data", data.toString(), "--exclude", "id", "--groups", "4",
        "--group-size", "2", "--lambda", "0.3", "--layers", "3", "--epochs", "20", "--lr", "1e-2", "--quiet", "--out",
        again.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(model));
    Path codes = dir.resolve("codes.csv");
    Path supports = dir.resolve("supports.csv");
    r = CliTest.run("autoencoder", "encode", "--model", model.toString(), "--data", data.toString(), "--out",
        codes.toString(), "--supports", supports.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(codes);
    assertThat(lines).hasSize(61);
    assertThat(lines.get(0)).isEqualTo("x1,x2,x3,x4,x5,x6,x7,x8");
    // a group's codes are zero together (group ReLU), and the supports file agrees
    List<String> sup = Files.readAllLines(supports);
    for (int i = 1; i <= 60; i++) {
      String[] v = lines.get(i).split(",");
      StringBuilder active = new StringBuilder();
      for (int g = 0; g < 4; g++) {
        boolean a = Double.parseDouble(v[2 * g]) != 0;
        boolean b = Double.parseDouble(v[2 * g + 1]) != 0;
        assertThat(a).isEqualTo(b);
        if (a) {
          active.append(active.length() == 0 ? "" : " ").append(g + 1);
        }
      }
      assertThat(sup.get(i)).isEqualTo(i + "," + active);
    }
  }

  /** float32 training computes the same model as float64 up to float rounding (and is deterministic). */
  @Test
  void float32TrainingGivesTheFloat64ModelToRounding() throws Exception {
    Path single = dir.resolve("single.json");
    CliTest.Result r = CliTest.run("autoencoder", "train", "--data", data.toString(), "--exclude", "id", "--groups", "4",
        "--group-size", "2", "--lambda", "0.3", "--layers", "3", "--epochs", "20", "--lr", "1e-2", "--dtype", "float32",
        "--quiet", "--out", single.toString());
    assertThat(r.code()).as(r.err()).isZero();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    double[] a = dictionary(json.readTree(model.toFile()));
    double[] b = dictionary(json.readTree(single.toFile()));
    assertThat(b).hasSameSizeAs(a);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    assertThat(worst).isGreaterThan(0).isLessThan(1e-4);
  }

  /**
   * The authors' conventions and a target sparsity from the command line: the model records the
   * input mean, the one-sided shrinkage and the step fixed at the start; its codes are nonnegative
   * and have the target number of active groups on average; the same command gives the same bytes.
   */
  @Test
  void authorsConventionsWithATargetSparsity() throws Exception {
    Path out = dir.resolve("authors.json");
    String[] args = {"autoencoder", "train", "--data", data.toString(), "--exclude", "id", "--groups", "4",
        "--group-size", "2", "--target-active-groups", "2", "--layers", "3", "--momentum", "--step-size", "initial",
        "--center", "--one-sided", "--init", "data", "--normalize-columns", "--batch", "20", "--epochs", "10", "--lr",
        "1e-2", "--calibration-interval", "3", "--seed", "4", "--quiet", "--out", out.toString()};
    CliTest.Result r = CliTest.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("nonnegative-group autoencoder").contains("(calibrated)");
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
    assertThat(root.get("shrinkage").asText()).isEqualTo("nonnegative-group");
    assertThat(root.get("inputMean")).hasSize(6);
    assertThat(root.get("stepSize").isNumber()).isTrue();
    assertThat(root.get("settings").get("targetActiveGroups").asDouble()).isEqualTo(2.0);
    byte[] first = Files.readAllBytes(out);
    assertThat(CliTest.run(args).code()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(first);
    Path codes = dir.resolve("authors-codes.csv");
    r = CliTest.run("autoencoder", "encode", "--model", out.toString(), "--data", data.toString(), "--out",
        codes.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // 60 rows <= the 1000 calibration rows: the calibration sample is the whole training set
    java.util.regex.Matcher mean = java.util.regex.Pattern.compile("([0-9.]+) active groups per row").matcher(r.out());
    assertThat(mean.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(mean.group(1))).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.05));
    for (String line : Files.readAllLines(codes).subList(1, 61)) {
      for (String v : line.split(",")) {
        assertThat(Double.parseDouble(v)).isGreaterThanOrEqualTo(0);
      }
    }
  }

  private static double[] dictionary(com.fasterxml.jackson.databind.JsonNode root) {
    java.util.List<Double> values = new java.util.ArrayList<>();
    root.get("dictionary").forEach(row -> row.forEach(v -> values.add(v.asDouble())));
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static Stream<Arguments> badInputs() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("short.csv"), "p1,p2,p3\n1,2,3\n");
    Files.writeString(bad.resolve("nan.csv"), "p1,p2\n1,2\n3,NaN\n");
    Files.writeString(bad.resolve("ok.csv"), "p1,p2\n1,2\n3,4\n");
    return Stream.of(
        Arguments.of("negative lambda", new String[] {"train", "--data", bad.resolve("ok.csv").toString(), "--groups",
            "2", "--lambda", "-1"}, "'--lambda' must be at least 0; got -1"),
        Arguments.of("neither lambda nor target", new String[] {"train", "--data", bad.resolve("ok.csv").toString(),
            "--groups", "2"}, "give '--lambda' or '--target-active-groups'"),
        Arguments.of("target above the groups", new String[] {"train", "--data", bad.resolve("ok.csv").toString(),
            "--groups", "2", "--target-active-groups", "2"}, "'--target-active-groups' must be above 0 and below --groups (2)"),
        Arguments.of("one-sided elementwise", new String[] {"train", "--data", bad.resolve("ok.csv").toString(),
            "--groups", "2", "--lambda", "1", "--sparse", "--one-sided"}, "'--one-sided' applies to the group shrinkage"),
        Arguments.of("bad init", new String[] {"train", "--data", bad.resolve("ok.csv").toString(), "--groups", "2",
            "--lambda", "1", "--init", "zeros"}, "'--init' must be random or data; got 'zeros'"),
        Arguments.of("bad calibration interval", new String[] {"train", "--data", bad.resolve("ok.csv").toString(),
            "--groups", "2", "--target-active-groups", "1", "--calibration-interval", "0"},
            "'--calibration-interval' must be at least 1"),
        Arguments.of("non-finite data", new String[] {"train", "--data", bad.resolve("nan.csv").toString(), "--groups",
            "2", "--lambda", "1"}, "nan.csv:3:2: expected a finite number"),
        Arguments.of("zero groups", new String[] {"train", "--data", bad.resolve("ok.csv").toString(), "--groups", "0",
            "--lambda", "1"}, "'--groups' and '--group-size' must be at least 1"),
        Arguments.of("bad optimizer", new String[] {"train", "--data", bad.resolve("ok.csv").toString(), "--groups", "2",
            "--lambda", "1", "--optimizer", "sgd"}, "--optimizer must be adam or gd"),
        Arguments.of("bad dtype", new String[] {"train", "--data", bad.resolve("ok.csv").toString(), "--groups", "2",
            "--lambda", "1", "--dtype", "half"}, "--dtype must be float64 or float32"),
        Arguments.of("data dimension mismatch", new String[] {"encode", "--model", "MODEL", "--data",
            bad.resolve("short.csv").toString()}, "short.csv:1: no column 'p4', which the model needs"),
        Arguments.of("not a model", new String[] {"encode", "--model", bad.resolve("short.csv").toString(), "--data",
            bad.resolve("short.csv").toString()}, "short.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGivesOneLineExitCodeTwoAndNoOutput(String name, String[] args, String expected) throws Exception {
    Path out = dir.resolve("out-" + name.replace(' ', '-'));
    String[] full = Stream.concat(Stream.of("autoencoder"), Stream.concat(Stream.of(args).map(
        a -> a.equals("MODEL") ? model.toString() : a), Stream.of("--quiet", "--out", out.toString())))
        .toArray(String[]::new);
    CliTest.Result r = CliTest.run(full);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(expected);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
