package org.groupsparse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a numeric training CSV into a {@link Dataset}: the block reader (FastCSV on row blocks of
 * a file of 4 MiB or more, on all cores) against the sequential one (Commons CSV, which the block
 * reader falls back to for quoted files), on a file written once per trial with 17 significant
 * digits per cell, as the simulator writes them. Run: {@code java -jar
 * groupsparse-bench/target/benchmarks.jar CsvRead}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class CsvReadBenchmark {
  /** rows x feature columns. */
  @Param({"2000x2000"})
  public String shape;

  /** "blocks" for a plain file, "quoted" for one whose header is quoted (read sequentially). */
  @Param({"blocks", "quoted"})
  public String layout;

  private Path file;

  @Setup(Level.Trial)
  public void write() throws IOException {
    String[] parts = shape.split("x");
    int n = Integer.parseInt(parts[0]);
    int p = Integer.parseInt(parts[1]);
    file = Files.createTempFile("groupsparse-csv-bench", ".csv");
    SplittableRandom rng = new SplittableRandom(1);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(layout.equals("quoted") ? "\"y\"" : "y");
      for (int j = 0; j < p; j++) {
        out.write(",x" + j);
      }
      out.write('\n');
      for (int i = 0; i < n; i++) {
        out.write(Double.toString(rng.nextGaussian()));
        for (int j = 0; j < p; j++) {
          out.write(',');
          out.write(Double.toString(rng.nextGaussian()));
        }
        out.write('\n');
      }
    }
  }

  @TearDown(Level.Trial)
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a cell of the dataset (kept alive) */
  @Benchmark
  public double read() {
    Dataset d = CsvDatasetReader.forTraining("y", Set.of()).read(file);
    return d.design().data()[d.design().data().length - 1];
  }
}
