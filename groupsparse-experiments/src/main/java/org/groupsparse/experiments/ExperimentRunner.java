package org.groupsparse.experiments;

import java.nio.file.Path;

/** Runs an experiment into a directory and writes its report, summary and provenance. */
public final class ExperimentRunner {
  private ExperimentRunner() {}

  /**
   * @param experiment the experiment
   * @param dir output directory (created)
   * @param seed seed of the first repeat
   * @param repeats repeats
   * @param quick shortened run
   * @param version GroupSparse version for provenance
   * @param progress receives progress
   * @throws Exception on failure
   */
  public static void run(Experiment experiment, Path dir, long seed, int repeats, boolean quick, String version,
      ExperimentProgress progress) throws Exception {
    run(experiment, dir, seed, repeats, quick, null, null, version, progress);
  }

  /**
   * Runs one experiment with its data inputs.
   *
   * @param experiment the experiment
   * @param dir output directory
   * @param seed seed
   * @param repeats repeats
   * @param quick --quick
   * @param mnist MNIST directory, or null for the default
   * @param epochs training-epoch override, or null
   * @param version GroupSparse version
   * @param progress progress sink
   * @throws Exception on failure
   */
  public static void run(Experiment experiment, Path dir, long seed, int repeats, boolean quick, Path mnist,
      Integer epochs, String version, ExperimentProgress progress) throws Exception {
    ExperimentOutput out = new ExperimentOutput(dir, seed, repeats, quick, progress);
    out.inputs(mnist, epochs);
    String report = experiment.run(out);
    out.finish(experiment, report, version);
  }
}
