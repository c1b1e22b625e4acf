package org.groupsparse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.groupsparse.data.CsvDatasetReader;
import org.groupsparse.data.Dataset;
import picocli.CommandLine.Option;

/** The training-data options shared by {@code fit}, {@code path} and {@code cv}. */
public final class TrainingDataOptions {
  @Option(names = "--train", required = true, paramLabel = "FILE.csv", description = "Training data (CSV with header).")
  Path train;

  @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Name of the response column.")
  String target;

  @Option(names = "--groups", required = true, paramLabel = "SPEC",
      description = "Groups of the features: size:K, size:K:allow-partial, sizes:A,B,..., prefix:SEP or file:PATH.")
  String groups;

  @Option(names = "--exclude", split = ",", paramLabel = "COLUMN", description = "Columns to leave out (e.g. identifiers).")
  List<String> exclude = new ArrayList<>();

  /** @return the training file read with the target and exclusions */
  Dataset read() {
    return CsvDatasetReader.forTraining(target, new HashSet<>(exclude)).read(train);
  }
}
