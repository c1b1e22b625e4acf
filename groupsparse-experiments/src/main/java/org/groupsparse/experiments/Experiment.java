package org.groupsparse.experiments;

/** One reproduction of a figure or table: runs, then writes its files through the {@link ExperimentOutput}. */
public interface Experiment {
  /** @return the command-line name, e.g. igs-fig2 */
  String name();

  /** @return a one-line description */
  String title();

  /** @return repeats when not given (full run) */
  int defaultRepeats();

  /** @return whether the experiment reads MNIST (the command fetches it first when it is missing) */
  default boolean usesMnist() {
    return false;
  }

  /** @return repeats of a --quick run when not given (default 1) */
  default int quickRepeats() {
    return 1;
  }

  /**
   * Runs the experiment.
   *
   * @param out where the files go, with the run's seed, repeats and mode
   * @return the report (markdown): the paper's claim, our numbers, and whether the claim holds
   * @throws Exception on failure
   */
  String run(ExperimentOutput out) throws Exception;
}
