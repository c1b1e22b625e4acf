package org.groupsparse.cli.experiments;

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
    ExperimentOutput out = new ExperimentOutput(dir, seed, repeats, quick, progress);
    String report = experiment.run(out);
    out.finish(experiment, report, version);
  }
}
