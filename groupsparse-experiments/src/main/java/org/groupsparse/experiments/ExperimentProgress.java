package org.groupsparse.experiments;

/** Receives the progress of a running experiment (the command turns it into a progress bar). */
@FunctionalInterface
public interface ExperimentProgress {
  /** Ignores progress. */
  ExperimentProgress NONE = (stage, done, total) -> { };

  /**
   * @param stage what is running, e.g. "n = 100" or "split"
   * @param done units finished
   * @param total units in all
   */
  void update(String stage, int done, int total);
}
