package org.groupsparse.regression;

/**
 * Receives the progress of an iterative fit. The library never prints; a command line tool turns
 * these calls into a progress bar, an experiment into a recorded trajectory. Calls happen on the
 * training thread; implementations should be quick.
 *
 * @param <V> the view of an iterate the listener reads: {@link IterationView} for any method, a
 *     richer view (DGLNN's group scales and directions) for one method's listeners
 */
public interface TrainingListener<V extends IterationView> {
  /** A listener that ignores everything (usable for any view type). */
  TrainingListener<IterationView> NONE = new TrainingListener<>() {};

  /**
   * Called once before the first iteration.
   *
   * @param method the method name
   * @param maxIterations the iteration cap
   */
  default void onStart(String method, int maxIterations) {}

  /**
   * Called for every iterate, after its losses are known. The view is valid only during the call.
   *
   * @param view the current iterate, read-only
   */
  default void onIteration(V view) {}

  /**
   * Called once at the end.
   *
   * @param history the record of the run
   */
  default void onFinish(TrainingHistory history) {}
}
