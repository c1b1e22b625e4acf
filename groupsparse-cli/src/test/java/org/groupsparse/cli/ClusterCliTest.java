package org.groupsparse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.groupsparse.cli.CliTest.Result;
import org.groupsparse.data.IdxFiles;
import org.groupsparse.experiments.MnistData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCliTest {
  @TempDir Path dir;

  /** ../shared/data/mnist beside the project root (CI and developers have it there). */
  static Path sharedMnist() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data").resolve("mnist");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return here.resolve("no-shared-mnist");
  }

  private Path blobsCsv(int[] labelsOut) throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    List<String> lines = new ArrayList<>();
    lines.add("a,b,c,label");
    for (int i = 0; i < 150; i++) {
      int c = i % 3;
      labelsOut[i] = c;
      lines.add(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%d", 5.0 * c + 0.2 * random.nextDouble(),
          (c == 1 ? 5.0 : 0) + 0.2 * random.nextDouble(), 0.2 * random.nextDouble(), c));
    }
    return Files.writeString(dir.resolve("blobs.csv"), String.join("\n", lines) + "\n");
  }

  @Test
  void clustersCsvAndScoresAgainstLabels() throws IOException {
    Path data = blobsCsv(new int[150]);
    Path out = dir.resolve("clusters.csv");
    for (String method : List.of("kmeans", "spectral")) {
      Result r = CliTest.run("cluster", "--data", data.toString(), "--exclude", "label", "--k", "3", "--method", method,
          "--neighbors", "10", "--labels", data.toString(), "--out", out.toString());
      // --labels reads the first column of a CSV: here column a, not integers, so this must fail cleanly
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).isEqualTo(1);
      assertThat(r.err()).contains("expected an integer label");
    }
    Path labels = dir.resolve("labels.csv");
    StringBuilder sb = new StringBuilder("label\n");
    for (int i = 0; i < 150; i++) {
      sb.append(i % 3).append('\n');
    }
    Files.writeString(labels, sb);
    for (String method : List.of("kmeans", "spectral")) {
      Result r = CliTest.run("cluster", "--data", data.toString(), "--exclude", "label", "--k", "3", "--method", method,
          "--neighbors", "10", "--labels", labels.toString(), "--out", out.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("accuracy 1.0000");
      assertThat(Files.readAllLines(out)).hasSize(151).first().isEqualTo("row,cluster");
    }
  }

  @Test
  void badInputExitsTwoWithOneLineAndNoOutput() throws IOException {
    Path data = blobsCsv(new int[150]);
    Path out = dir.resolve("never.csv");
    List<String[]> bad = List.of(
        new String[] {"cluster", "--data", data.toString(), "--exclude", "label", "--k", "0", "--out", out.toString()},
        new String[] {"cluster", "--data", data.toString(), "--exclude", "label", "--k", "3", "--method", "dbscan",
            "--out", out.toString()},
        new String[] {"cluster", "--data", data.toString(), "--exclude", "label", "--k", "3", "--method", "spectral",
            "--neighbors", "150", "--out", out.toString()},
        new String[] {"cluster", "--data", dir.resolve("missing.csv").toString(), "--k", "3", "--out", out.toString()});
    for (String[] args : bad) {
      Result r = CliTest.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).doesNotContain("Exception");
      assertThat(out).doesNotExist();
    }
    Path truncated = dir.resolve("images-idx3-ubyte");
    IdxFiles.writeUnsignedBytes(truncated, new int[] {4, 2, 2}, new int[16]);
    byte[] bytes = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    Result r = CliTest.run("cluster", "--data", truncated.toString(), "--k", "2", "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("truncated IDX file").contains(truncated.toString());
    assertThat(out).doesNotExist();
  }

  @Test
  void autoencoderTrainsOnIdxAndEncodesIt() throws IOException {
    SplittableRandom random = new SplittableRandom(1);
    int[] pixels = new int[40 * 4 * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(256);
    }
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    IdxFiles.writeUnsignedBytes(images, new int[] {40, 4, 4}, pixels);
    Path model = dir.resolve("model.json");
    Result r = CliTest.run("autoencoder", "train", "--data", images.toString(), "--groups", "2", "--group-size", "4",
        "--lambda", "0.1", "--layers", "3", "--epochs", "5", "--batch", "16", "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("n=16");
    Path codes = dir.resolve("codes.csv");
    r = CliTest.run("autoencoder", "encode", "--model", model.toString(), "--data", images.toString(), "--out",
        codes.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(codes)).hasSize(41);
    r = CliTest.run("cluster", "--data", codes.toString(), "--k", "2", "--simplex");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void sharedMnistHasTheOriginalBytes() throws IOException {
    Path mnist = sharedMnist();
    assumeThat(MnistData.isPresent(mnist)).as("../shared/data/mnist beside the project").isTrue();
    for (String name : MnistData.FILES) {
      assertThat(MnistData.uncompressedMd5(MnistData.locate(mnist, name))).as(name)
          .isEqualTo(MnistData.ORIGINAL_MD5.get(name));
    }
    MnistData data = MnistData.load(mnist);
    assertThat(data.trainImages().rows()).isEqualTo(60000);
    assertThat(data.testImages().cols()).isEqualTo(784);
    // class counts of the test set, from ../shared/data/README.md
    int[] counts = new int[10];
    for (int label : data.testLabels()) {
      counts[label]++;
    }
    assertThat(counts).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
  }
}
