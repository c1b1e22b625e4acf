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

  /** @return the file of a {@code file:PATH} group spec, or null */
  Path groupsFile() {
    return groupsFile(groups);
  }

  /**
   * @param spec a group spec
   * @return the file of a {@code file:PATH} spec, or null
   */
  static Path groupsFile(String spec) {
    return spec != null && spec.startsWith("file:") && spec.length() > 5 ? Path.of(spec.substring(5)) : null;
  }

  /**
   * Declares the files read by these options.
   *
   * @param plan the command's file plan
   * @return the plan
   */
  FilePlan declare(FilePlan plan) {
    return plan.input("--train", train).input("--groups file:", groupsFile());
  }

  /** @return the training file read with the target and exclusions */
  Dataset read() {
    if (exclude.contains(target)) {
      throw new IllegalArgumentException("'--exclude' names the target column '" + target + "'; the target is never a feature");
    }
    return CsvDatasetReader.forTraining(target, new HashSet<>(exclude)).read(train);
  }
}
