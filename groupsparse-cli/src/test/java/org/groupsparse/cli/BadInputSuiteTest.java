package org.groupsparse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input, for every subcommand, generated rather than written one by one: outputs
 * that are inputs (also through "./" and symlinks), outputs that cannot be written, malformed and
 * misnamed files (encodings, binary, IDX, gzip, zip, broken CSV, broken JSON), numbers that must be
 * refused, absurd sizes and options that contradict each other.
 *
 * <p>Each case must exit 2 with exactly one printable line on stderr that names the file or the
 * option, no stack trace, no file or directory left behind, and every input byte-identical.
 */
class BadInputSuiteTest {
  @TempDir static Path dir;
  static Path train;
  static Path validation;
  static Path groups;
  static Path model;
  static Path autoencoder;

  record Case(String name, List<String> args, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String s(Path p) {
    return p.toString();
  }

  @BeforeAll
  static void fixtures() throws IOException {
    Path sim = dir.resolve("sim");
    ok("simulate", "--n", "45", "--p", "12", "--groups", "size:3", "--support", "3,3,3,-2,-2,-2", "--noise", "0.3",
        "--seed", "3", "--out", s(sim));
    train = sim.resolve("train.csv");
    validation = sim.resolve("validation.csv");
    groups = sim.resolve("groups.csv");
    model = dir.resolve("model.json");
    ok("fit", "--train", s(train), "--target", "y", "--groups", "size:3", "--method", "group-lasso", "--lambda", "0.1",
        "--quiet", "--out", s(model));
    autoencoder = dir.resolve("ae.json");
    ok("autoencoder", "train", "--data", s(train), "--exclude", "y", "--groups", "2", "--group-size", "2", "--lambda",
        "0.1", "--epochs", "2", "--quiet", "--out", s(autoencoder));
    Files.createSymbolicLink(dir.resolve("train-link.csv"), train);
    Files.createDirectories(dir.resolve("a-directory"));
    byte[] csv = Files.readAllBytes(train);
    String text = new String(csv, StandardCharsets.UTF_8);
    write("utf16.csv", withBom(text.getBytes(StandardCharsets.UTF_16BE)));
    write("utf16le.csv", text.getBytes(StandardCharsets.UTF_16LE));
    write("binary.csv", binary());
    write("gzipped.csv", gzip(csv));
    write("zipped.csv", zip(csv));
    write("idx-named.csv", new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 7});
    write("two-bytes.idx", new byte[] {0, 8});
    write("bad-magic.idx", new byte[] {1, 2, 3, 4, 0, 0, 0, 1, 5});
    write("bad-magic-images-idx3-ubyte", new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 1, 5});
    write("empty.csv", new byte[0]);
    write("header-only.csv", "x1,x2,y\n".getBytes(StandardCharsets.UTF_8));
    write("nul-in-number.csv", ("y,x1\n1,2\n" + "3,4\n".repeat(3000) + "5,1\u00002\n").getBytes(StandardCharsets.UTF_8));
    write("quoted-newline.csv", "y,x1,x2\n1,2,3\n4,\"5\n6\",7\n".getBytes(StandardCharsets.UTF_8));
    write("hex-float.csv", "y,x1\n1,2\n3,0x1p3\n".getBytes(StandardCharsets.UTF_8));
    write("nan-cell.csv", "y,x1\n1,2\n3,NaN\n".getBytes(StandardCharsets.UTF_8));
    write("infinity-cell.csv", "y,x1\n1,2\n3,Infinity\n".getBytes(StandardCharsets.UTF_8));
    write("overflow-cell.csv", "y,x1\n1,2\n3,1e400\n".getBytes(StandardCharsets.UTF_8));
    write("java-suffix.csv", "y,x1\n1,2\n3,4d\n".getBytes(StandardCharsets.UTF_8));
    write("ragged.csv", "y,x1,x2\n1,2,3\n4,5\n".getBytes(StandardCharsets.UTF_8));
    write("latin1.csv", "y,caf\u00e9\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
    write("duplicate-column.csv", "y,x1,x1\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
    write("empty-name.csv", "y,,x2\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
    write("missing-value.csv", "y,x1\n1,\n".getBytes(StandardCharsets.UTF_8));
    write("open-quote.csv", "y,x1\n1,\"2\n".getBytes(StandardCharsets.UTF_8));
    write("control-in-name.csv", "y,x\u00011\n1,2\n".getBytes(StandardCharsets.UTF_8));
    byte[] json = Files.readAllBytes(model);
    write("truncated.json", Arrays.copyOf(json, json.length / 2));
    write("not-json.json", "hello\n".getBytes(StandardCharsets.UTF_8));
    write("nan-json.json", new String(json, StandardCharsets.UTF_8).replaceFirst("\"intercept\" : [-0-9.Ee]+",
        "\"intercept\" : NaN").getBytes(StandardCharsets.UTF_8));
    write("target-is-feature.json", new String(json, StandardCharsets.UTF_8).replaceFirst("\"target\" : \"y\"",
        "\"target\" : \"x1\"").getBytes(StandardCharsets.UTF_8));
    write("binary.json", binary());
    write("other-format.json", "{\"format\": \"something-else\"}\n".getBytes(StandardCharsets.UTF_8));
    write("groups-utf16.csv", withBom(Files.readString(groups).getBytes(StandardCharsets.UTF_16BE)));
    write("groups-unknown.csv", (Files.readString(groups) + "zz,Q\n").getBytes(StandardCharsets.UTF_8));
    write("groups-short.csv", "feature,group\nx1,1\n".getBytes(StandardCharsets.UTF_8));
    write("groups-binary.csv", binary());
    write("labels-fraction.csv", "label\n0.5\n".getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("constant.csv"), "y,a,b\n1,2,3\n2,2,3\n3,2,3\n4,2,3\n");
  }

  private static void ok(String... args) {
    CliTest.Result r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static void write(String name, byte[] bytes) throws IOException {
    Files.write(dir.resolve(name), bytes);
  }

  private static byte[] withBom(byte[] utf16be) {
    byte[] b = new byte[utf16be.length + 2];
    b[0] = (byte) 0xFE;
    b[1] = (byte) 0xFF;
    System.arraycopy(utf16be, 0, b, 2, utf16be.length);
    return b;
  }

  private static byte[] binary() {
    byte[] b = new byte[600];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    return b;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static byte[] zip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("train.csv"));
      out.write(data);
      out.closeEntry();
    }
    return bytes.toByteArray();
  }

  static CliTest.Result run(String... args) {
    return CliTest.run(args);
  }

  /** Every file and directory under the temporary directory, with the bytes of the files. */
  private static Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          m.put(key + " -> " + Files.readSymbolicLink(p), new byte[0]);
        } else if (Files.isDirectory(p)) {
          m.put(key + "/", new byte[0]);
        } else {
          m.put(key, Files.readAllBytes(p));
        }
      }
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // the generated cases

  /** A command with its required arguments, reading {@code input} through {@code inputOption}. */
  private record Reader(String label, String inputOption, List<String> before, List<String> after) {
    List<String> with(String file) {
      List<String> a = new ArrayList<>(before);
      a.add(inputOption);
      a.add(file);
      a.addAll(after);
      return a;
    }
  }

  private static List<Reader> csvReaders() {
    return List.of(
        new Reader("fit --train", "--train", List.of("fit"), List.of("--target", "y", "--groups", "size:1", "--quiet")),
        new Reader("fit --validation", "--validation", List.of("fit", "--train", s(train), "--target", "y", "--groups",
            "size:3"), List.of("--quiet")),
        new Reader("path --train", "--train", List.of("path"), List.of("--target", "y", "--groups", "size:1", "--out",
            s(dir.resolve("never.json")))),
        new Reader("cv --train", "--train", List.of("cv"), List.of("--target", "y", "--groups", "size:1", "--out",
            s(dir.resolve("never.json")))),
        new Reader("predict --data", "--data", List.of("predict", "--model", s(model)), List.of()),
        new Reader("cluster --data", "--data", List.of("cluster"), List.of("--k", "2")),
        new Reader("autoencoder train --data", "--data", List.of("autoencoder", "train"), List.of("--groups", "2",
            "--group-size", "1", "--lambda", "0.1", "--epochs", "1", "--quiet", "--out", s(dir.resolve("never.json")))),
        new Reader("autoencoder encode --data", "--data", List.of("autoencoder", "encode", "--model", s(autoencoder)),
            List.of("--out", s(dir.resolve("never.csv")))));
  }

  static Stream<Case> malformedFiles() {
    List<Case> cases = new ArrayList<>();
    for (String f : List.of("utf16.csv", "utf16le.csv", "binary.csv", "gzipped.csv", "zipped.csv", "idx-named.csv",
        "two-bytes.idx", "bad-magic.idx", "bad-magic-images-idx3-ubyte", "empty.csv", "header-only.csv",
        "nul-in-number.csv", "quoted-newline.csv", "hex-float.csv", "nan-cell.csv", "infinity-cell.csv",
        "overflow-cell.csv", "java-suffix.csv", "ragged.csv", "latin1.csv", "duplicate-column.csv", "empty-name.csv",
        "missing-value.csv", "open-quote.csv", "control-in-name.csv", "no-such-file.csv", "a-directory")) {
      for (Reader r : csvReaders()) {
        if (f.equals("idx-named.csv") && (r.label.startsWith("cluster") || r.label.startsWith("autoencoder"))) {
          continue; // a valid IDX file: these commands recognize IDX by content, whatever the name
        }
        cases.add(new Case(r.label + " " + f, r.with(s(dir.resolve(f))), s(dir.resolve(f))));
      }
    }
    return cases.stream();
  }

  static Stream<Case> malformedModelsAndGroupFiles() {
    List<Case> cases = new ArrayList<>();
    for (String f : List.of("truncated.json", "not-json.json", "nan-json.json", "target-is-feature.json", "binary.json",
        "other-format.json", "no-such-model.json", "a-directory")) {
      String file = s(dir.resolve(f));
      cases.add(new Case("predict --model " + f, List.of("predict", "--model", file, "--data", s(train)), file));
      cases.add(new Case("autoencoder encode --model " + f, List.of("autoencoder", "encode", "--model", file, "--data",
          s(train), "--out", s(dir.resolve("never.csv"))), file));
    }
    for (String f : List.of("groups-utf16.csv", "groups-unknown.csv", "groups-short.csv", "groups-binary.csv",
        "no-such-groups.csv")) {
      String file = s(dir.resolve(f));
      for (String cmd : List.of("fit", "path", "cv")) {
        cases.add(new Case(cmd + " --groups file:" + f, List.of(cmd, "--train", s(train), "--target", "y", "--groups",
            "file:" + file, "--out", s(dir.resolve("never.json")), "--quiet"), file));
      }
    }
    cases.add(new Case("cluster --labels with a fraction", List.of("cluster", "--data", s(train), "--k", "2", "--labels",
        s(dir.resolve("labels-fraction.csv"))), "labels-fraction.csv"));
    cases.add(new Case("cluster --labels of another length", List.of("cluster", "--data", s(train), "--k", "2",
        "--labels", s(validation)), s(validation)));
    return cases.stream();
  }

  /** Every (command, input option, output option): the output named as the input, as ./input and through a symlink. */
  static Stream<Case> outputIsInput() {
    List<Case> cases = new ArrayList<>();
    Path link = dir.resolve("train-link.csv");
    Path dotted = Path.of(s(train.getParent()) + "/./" + train.getFileName());
    for (Path same : List.of(train, dotted, link)) {
      String variant = same == train ? "" : same == link ? " (symlink)" : " (./)";
      String t = s(same);
      cases.add(new Case("fit --out = --train" + variant, List.of("fit", "--train", s(train), "--target", "y", "--groups",
          "size:3", "--out", t), "--out"));
      cases.add(new Case("path --out = --train" + variant, List.of("path", "--train", s(train), "--target", "y",
          "--groups", "size:3", "--out", t), "--out"));
      cases.add(new Case("path --plot = --train" + variant, List.of("path", "--train", s(train), "--target", "y",
          "--groups", "size:3", "--out", s(dir.resolve("never.json")), "--plot", t), "--plot"));
      cases.add(new Case("cv --out = --train" + variant, List.of("cv", "--train", s(train), "--target", "y", "--groups",
          "size:3", "--out", t), "--out"));
      cases.add(new Case("cv --plot = --train" + variant, List.of("cv", "--train", s(train), "--target", "y", "--groups",
          "size:3", "--out", s(dir.resolve("never.json")), "--plot", t), "--plot"));
      cases.add(new Case("predict --out = --data" + variant, List.of("predict", "--model", s(model), "--data", s(train),
          "--out", t), "--out"));
      cases.add(new Case("cluster --out = --data" + variant, List.of("cluster", "--data", s(train), "--k", "2", "--out",
          t), "--out"));
      cases.add(new Case("cluster --out = --labels" + variant, List.of("cluster", "--data", s(validation), "--k", "2",
          "--labels", s(train), "--out", t), "--out"));
      cases.add(new Case("autoencoder train --out = --data" + variant, List.of("autoencoder", "train", "--data", s(train),
          "--groups", "2", "--group-size", "1", "--lambda", "0.1", "--out", t), "--out"));
      cases.add(new Case("autoencoder encode --out = --data" + variant, List.of("autoencoder", "encode", "--model",
          s(autoencoder), "--data", s(train), "--out", t), "--out"));
      cases.add(new Case("autoencoder encode --supports = --data" + variant, List.of("autoencoder", "encode", "--model",
          s(autoencoder), "--data", s(train), "--out", s(dir.resolve("never.csv")), "--supports", t), "--supports"));
    }
    cases.add(new Case("fit --out = --validation", List.of("fit", "--train", s(train), "--validation", s(validation),
        "--target", "y", "--groups", "size:3", "--out", s(validation)), "--validation"));
    cases.add(new Case("fit --out = --groups file", List.of("fit", "--train", s(train), "--target", "y", "--groups",
        "file:" + groups, "--out", s(groups)), "--groups"));
    cases.add(new Case("predict --out = --model", List.of("predict", "--model", s(model), "--data", s(train), "--out",
        s(model)), "--model"));
    cases.add(new Case("encode --out = --model", List.of("autoencoder", "encode", "--model", s(autoencoder), "--data",
        s(train), "--out", s(autoencoder)), "--model"));
    cases.add(new Case("encode --supports = --out", List.of("autoencoder", "encode", "--model", s(autoencoder), "--data",
        s(train), "--out", s(dir.resolve("codes.csv")), "--supports", s(dir.resolve("codes.csv"))), "--supports"));
    cases.add(new Case("fit --plot PREFIX-loss.png = --out", List.of("fit", "--train", s(train), "--target", "y",
        "--groups", "size:3", "--out", s(dir.resolve("m-loss.png")), "--plot", s(dir.resolve("m"))), "--plot"));
    cases.add(new Case("path --plot = --out", List.of("path", "--train", s(train), "--target", "y", "--groups", "size:3",
        "--out", s(dir.resolve("p.json")), "--plot", s(dir.resolve("p.json"))), "--plot"));
    cases.add(new Case("simulate --out = --groups file's directory", List.of("simulate", "--n", "10", "--p", "12",
        "--groups", "file:" + groups, "--support", "1", "--out", s(groups.getParent())), "--groups"));
    cases.add(new Case("experiment --out = --mnist", List.of("experiment", "gsae-table1", "--quick", "--mnist",
        s(dir.resolve("a-directory")), "--out", s(dir.resolve("a-directory"))), "--mnist"));
    return cases.stream();
  }

  /** Every output option of every command, pointed at a place that cannot be a file of ours. */
  static Stream<Case> unwritableOutputs() {
    List<Case> cases = new ArrayList<>();
    Map<String, List<String>> commands = new TreeMap<>();
    commands.put("fit --out", List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3", "--out"));
    commands.put("fit --plot", List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3", "--plot"));
    commands.put("path --out", List.of("path", "--train", s(train), "--target", "y", "--groups", "size:3", "--out"));
    commands.put("cv --out", List.of("cv", "--train", s(train), "--target", "y", "--groups", "size:3", "--out"));
    commands.put("predict --out", List.of("predict", "--model", s(model), "--data", s(train), "--out"));
    commands.put("cluster --out", List.of("cluster", "--data", s(train), "--k", "2", "--out"));
    commands.put("autoencoder train --out", List.of("autoencoder", "train", "--data", s(train), "--groups", "2",
        "--group-size", "1", "--lambda", "0.1", "--out"));
    commands.put("autoencoder encode --out", List.of("autoencoder", "encode", "--model", s(autoencoder), "--data",
        s(train), "--out"));
    commands.put("simulate --out", List.of("simulate", "--n", "10", "--p", "3", "--groups", "size:1", "--support", "1",
        "--out"));
    commands.put("demo --out", List.of("demo", "--quiet", "--out"));
    commands.put("experiment --out", List.of("experiment", "igs-theory", "--quick", "--quiet", "--out"));
    for (Map.Entry<String, List<String>> e : commands.entrySet()) {
      boolean wantsDirectory = e.getKey().startsWith("simulate") || e.getKey().startsWith("demo")
          || e.getKey().startsWith("experiment");
      List<String> targets = new ArrayList<>(List.of("", s(dir.resolve(train.getFileName() + "-dir").resolve("x")),
          s(train.resolve("under-a-file")), "/proc/version/x"));
      if (wantsDirectory) {
        targets.add(s(model));
      } else if (!e.getKey().equals("fit --plot")) {
        targets.add(s(dir.resolve("a-directory")));
        targets.add("/dev/null");
      }
      for (String t : targets) {
        if (t.contains("-dir")) {
          continue; // a missing parent is created: not an error
        }
        List<String> a = new ArrayList<>(e.getValue());
        a.add(t);
        cases.add(new Case(e.getKey() + " '" + t + "'", a, e.getKey().substring(e.getKey().lastIndexOf(' ') + 1)));
      }
    }
    return cases.stream();
  }

  /** Every numeric option with values that are not plain finite decimal numbers. */
  static Stream<Case> badNumbers() {
    Map<String, List<String>> options = new TreeMap<>();
    List<String> fit = List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3");
    for (String o : List.of("--alpha", "--gamma", "--eta", "--tau", "--switch-eps", "--init-scale", "--max-iter",
        "--patience", "--seed", "--cv", "--selection-threshold", "--validation-fraction", "--threads", "--step", "--rho",
        "--balance")) {
      options.put("fit " + o, fit);
    }
    List<String> lasso = List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3", "--method",
        "group-lasso");
    for (String o : List.of("--lambda", "--cv", "--n-lambda", "--lambda-min-ratio", "--tol", "--max-sweeps",
        "--group-weights")) {
      options.put("fit group-lasso " + o, lasso);
    }
    options.put("cv --folds", List.of("cv", "--train", s(train), "--target", "y", "--groups", "size:3"));
    List<String> sim = List.of("simulate", "--groups", "size:1", "--out", s(dir.resolve("never")));
    for (String o : List.of("--n", "--p", "--noise", "--support", "--validation-rows")) {
      options.put("simulate " + o, sim);
    }
    for (String o : List.of("--k", "--neighbors", "--restarts")) {
      options.put("cluster " + o, List.of("cluster", "--data", s(train)));
    }
    List<String> ae = List.of("autoencoder", "train", "--data", s(train), "--out", s(dir.resolve("never.json")));
    for (String o : List.of("--groups", "--group-size", "--lambda", "--layers", "--epochs", "--batch", "--lr",
        "--step-size")) {
      options.put("autoencoder train " + o, ae);
    }
    for (String o : List.of("--repeats", "--epochs", "--seed")) {
      options.put("experiment " + o, List.of("experiment", "igs-theory", "--quick", "--out", s(dir.resolve("never"))));
    }
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : options.entrySet()) {
      String option = e.getKey().substring(e.getKey().lastIndexOf(' ') + 1);
      for (String v : List.of("NaN", "Infinity", "-Infinity", "0x1p3", "0x1F", "1\u00002", "1d", "abc", "1e400", "")) {
        List<String> a = new ArrayList<>(e.getValue());
        a.add(option);
        a.add(v);
        // the other required options, with valid values, where this one is not them
        fillRequired(e.getKey(), option, a);
        cases.add(new Case(e.getKey() + " " + StrictNumbers.printable(v), a, option));
      }
    }
    return cases.stream();
  }

  private static void fillRequired(String key, String option, List<String> a) {
    if (key.startsWith("simulate")) {
      for (String[] kv : new String[][] {{"--n", "10"}, {"--p", "3"}, {"--support", "1"}}) {
        if (!option.equals(kv[0])) {
          a.add(kv[0]);
          a.add(kv[1]);
        }
      }
    } else if (key.startsWith("cluster") && !option.equals("--k")) {
      a.add("--k");
      a.add("2");
    } else if (key.startsWith("autoencoder")) {
      for (String[] kv : new String[][] {{"--groups", "2"}, {"--group-size", "1"}, {"--lambda", "0.1"}}) {
        if (!option.equals(kv[0])) {
          a.add(kv[0]);
          a.add(kv[1]);
        }
      }
    }
  }

  /** Values that parse but make no sense, absurd sizes, and contradictions. */
  static Stream<Case> badValues() {
    List<String> fit = List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3", "--quiet");
    List<Case> cases = new ArrayList<>();
    for (String[] ov : new String[][] {{"--alpha", "0"}, {"--alpha", "-1"}, {"--gamma", "-1"}, {"--eta", "0"},
        {"--max-iter", "0"}, {"--patience", "0"}, {"--threads", "0"}, {"--validation-fraction", "1"},
        {"--validation-fraction", "-0.1"}, {"--rho", "1"}, {"--balance", "0"}, {"--step", "0"}, {"--method", "lasso"}, {"--init", "sideways"},
        {"--cv-rule", "max"}, {"--lambda", "0.1"}, {"--cv", "100"}, {"--cv", "1"}}) {
      List<String> a = new ArrayList<>(fit);
      a.addAll(List.of(ov));
      cases.add(new Case("fit " + ov[0] + " " + ov[1], a, ov[0]));
    }
    List<String> lasso = new ArrayList<>(fit);
    lasso.addAll(List.of("--method", "group-lasso"));
    for (String[] ov : new String[][] {{"--n-lambda", "0"}, {"--n-lambda", "1e8"}, {"--tol", "0"}, {"--lambda", "-1"},
        {"--cv", "1"}, {"--cv", "1000"}, {"--solver", "newton"}, {"--block-update", "sideways"},
        {"--group-weights", "-1,1,1,1"}, {"--lambda-min-ratio", "2"}}) {
      List<String> a = new ArrayList<>(lasso);
      a.addAll(List.of(ov));
      cases.add(new Case("fit group-lasso " + ov[0] + " " + ov[1], a, ov[0]));
    }
    List<String> both = new ArrayList<>(lasso);
    both.addAll(List.of("--lambda", "0.1", "--cv", "3"));
    cases.add(new Case("fit --lambda with --cv", both, "--cv"));
    cases.add(new Case("fit dglnn --cv with --validation-fraction", List.of("fit", "--train", s(train), "--target", "y",
        "--groups", "size:3", "--cv", "3", "--validation-fraction", "0.2"), "--cv"));
    cases.add(new Case("fit hadamard --cv", List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3",
        "--method", "hadamard", "--cv", "3"), "--cv"));
    cases.add(new Case("fit group-lasso --family binomial, continuous target", List.of("fit", "--train", s(train),
        "--target", "y", "--groups", "size:3", "--method", "group-lasso", "--family", "binomial"), "third value"));
    cases.add(new Case("fit dglnn --family binomial", List.of("fit", "--train", s(train), "--target", "y", "--groups",
        "size:3", "--family", "binomial"), "--family"));
    cases.add(new Case("path --family poisson, fractional counts", List.of("path", "--train", s(train), "--target", "y",
        "--groups", "size:3", "--family", "poisson", "--out", s(dir.resolve("never.json"))), "counts"));
    cases.add(new Case("path --family gamma", List.of("path", "--train", s(train), "--target", "y", "--groups",
        "size:3", "--family", "gamma", "--out", s(dir.resolve("never.json"))), "--family"));
    cases.add(new Case("fit --schedule unknown", List.of("fit", "--train", s(train), "--target", "y", "--groups",
        "size:3", "--schedule", "fast"), "--schedule"));
    cases.add(new Case("fit --patience 0", List.of("fit", "--train", s(train), "--target", "y", "--groups", "size:3",
        "--patience", "0"), "--patience"));
    cases.add(new Case("fit --exclude the target", List.of("fit", "--train", s(train), "--target", "y", "--groups",
        "size:3", "--exclude", "y"), "--exclude"));
    cases.add(new Case("fit --exclude an unknown column", List.of("fit", "--train", s(train), "--target", "y",
        "--groups", "size:3", "--exclude", "zz"), "zz"));
    cases.add(new Case("fit unknown target", List.of("fit", "--train", s(train), "--target", "nope", "--groups",
        "size:3"), "nope"));
    cases.add(new Case("fit groups not dividing", List.of("fit", "--train", s(train), "--target", "y", "--groups",
        "size:5"), "size"));
    cases.add(new Case("fit unknown group spec", List.of("fit", "--train", s(train), "--target", "y", "--groups",
        "chunks:3"), "chunks:3"));
    cases.add(new Case("path --n-lambda 1e8", List.of("path", "--train", s(train), "--target", "y", "--groups",
        "size:3", "--n-lambda", "1e8", "--out", s(dir.resolve("never.json"))), "memory"));
    cases.add(new Case("cv --folds 1", List.of("cv", "--train", s(train), "--target", "y", "--groups", "size:3",
        "--folds", "1", "--out", s(dir.resolve("never.json"))), "--folds"));
    cases.add(new Case("cv --folds > rows", List.of("cv", "--train", s(train), "--target", "y", "--groups", "size:3",
        "--folds", "1000", "--out", s(dir.resolve("never.json"))), "--folds"));
    List<String> sim = List.of("simulate", "--groups", "size:1", "--support", "1", "--out", s(dir.resolve("never")));
    for (String[] ov : new String[][] {{"--n", "50000", "--p", "50000"}, {"--n", "100", "--p", "100000000"},
        {"--n", "0", "--p", "3"}, {"--n", "10", "--p", "0"}, {"--n", "10", "--p", "3", "--noise", "-1"},
        {"--n", "10", "--p", "3", "--design", "uniform"}, {"--n", "10", "--p", "3", "--placement", "middle"},
        {"--n", "10", "--p", "3", "--validation-rows", "-1"}}) {
      List<String> a = new ArrayList<>(sim);
      a.addAll(List.of(ov));
      cases.add(new Case("simulate " + String.join(" ", ov), a, null));
    }
    List<String> ae = List.of("autoencoder", "train", "--data", s(train), "--exclude", "y", "--out",
        s(dir.resolve("never.json")));
    for (String[] ov : new String[][] {{"--groups", "100000", "--group-size", "100000", "--lambda", "0.1"},
        {"--groups", "1000000", "--group-size", "1000", "--lambda", "0.1"},
        {"--groups", "0", "--group-size", "2", "--lambda", "0.1"},
        {"--groups", "2", "--group-size", "2", "--lambda", "-1"},
        {"--groups", "2", "--group-size", "2", "--lambda", "0.1", "--optimizer", "sgd"},
        {"--groups", "2", "--group-size", "2", "--lambda", "0.1", "--dtype", "float16"}}) {
      List<String> a = new ArrayList<>(ae);
      a.addAll(List.of(ov));
      cases.add(new Case("autoencoder train " + String.join(" ", ov), a, null));
    }
    cases.add(new Case("cluster --k 0", List.of("cluster", "--data", s(train), "--k", "0"), "--k"));
    cases.add(new Case("cluster --method dbscan", List.of("cluster", "--data", s(train), "--k", "2", "--method",
        "dbscan"), "--method"));
    cases.add(new Case("experiment unknown", List.of("experiment", "igs-fig99", "--out", s(dir.resolve("never"))),
        "igs-fig99"));
    cases.add(new Case("experiment --mnist missing", List.of("experiment", "gsae-table1", "--quick", "--mnist",
        s(dir.resolve("no-such-mnist")), "--out", s(dir.resolve("never"))), "--mnist"));
    cases.add(new Case("experiment --mnist without the files", List.of("experiment", "gsae-table1", "--quick", "--mnist",
        s(dir.resolve("a-directory")), "--out", s(dir.resolve("never"))), "--mnist"));
    cases.add(new Case("fit all features constant", List.of("fit", "--train", s(dir.resolve("constant.csv")),
        "--target", "y", "--groups", "size:1"), "constant"));
    cases.add(new Case("path all features constant", List.of("path", "--train", s(dir.resolve("constant.csv")),
        "--target", "y", "--groups", "size:1", "--out", s(dir.resolve("never.json"))), "constant"));
    cases.add(new Case("fit group-lasso all features constant", List.of("fit", "--train", s(dir.resolve("constant.csv")),
        "--target", "y", "--groups", "size:1", "--method", "group-lasso"), "constant"));
    return cases.stream();
  }

  static Stream<Arguments> allCases() {
    return Stream.of(malformedFiles(), malformedModelsAndGroupFiles(), outputIsInput(), unwritableOutputs(), badNumbers(),
        badValues()).flatMap(s -> s).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void failsWithOneLineAndLeavesEverythingAsItWas(Case c) throws IOException {
    Map<String, byte[]> before = snapshot();
    CliTest.Result r = run(c.args.toArray(new String[0]));
    String err = r.err();
    assertThat(r.code()).as("exit code; stderr: %s; stdout: %s", err, r.out()).isEqualTo(2);
    assertThat(err).as("one line on stderr").endsWith("\n");
    String line = err.substring(0, err.length() - 1);
    assertThat(line).as("one line on stderr").doesNotContain("\n").isNotBlank();
    assertThat(line).as("no stack trace or Java names").doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("java.");
    for (char ch : line.toCharArray()) {
      assertThat(ch >= 0x20 && ch != 0x7f && !Character.isSurrogate(ch)).as("printable: %s", line).isTrue();
    }
    if (c.expected != null) {
      assertThat(line).as("names what is wrong").contains(c.expected);
    }
    Map<String, byte[]> after = snapshot();
    assertThat(after.keySet()).as("no file left behind, none removed").isEqualTo(before.keySet());
    for (String k : before.keySet()) {
      assertThat(after.get(k)).as("input %s unchanged", k).isEqualTo(before.get(k));
    }
  }

  @org.junit.jupiter.api.Test
  void generatesEnoughCases() {
    assertThat(allCases().count()).isGreaterThan(400);
  }
}
