package org.groupsparse.cli;

import me.tongfei.progressbar.ProgressBar;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.grouplasso.PathListener;

/**
 * Shows progress as a progress bar on stderr, only when stderr is an interactive terminal and
 * {@code --quiet} was not given (the progress bar library writes control characters, which do not
 * belong in logs or pipes): over the iterations of an iterative fit, or over the lambdas of a path.
 */
final class ProgressListener implements TrainingListener<IterationView>, PathListener, AutoCloseable {
  private final boolean enabled;
  private final String name;
  private ProgressBar bar;

  ProgressListener(boolean quiet) {
    this(quiet, null);
  }

  /**
   * @param quiet --quiet
   * @param name the bar's label for paths (iterative fits use the method name), or null
   */
  ProgressListener(boolean quiet, String name) {
    this.enabled = ProgressBars.shown(quiet);
    this.name = name;
  }

  @Override
  public void onStart(String method, int maxIterations) {
    if (enabled) {
      close();
      bar = ProgressBars.create(method, maxIterations, 200);
    }
  }

  @Override
  public void onIteration(IterationView view) {
    if (bar != null) {
      bar.stepTo(view.iteration());
      if ((view.iteration() & 255) == 0 && !Double.isNaN(view.validationLoss())) {
        bar.setExtraMessage(String.format(" val %.4g", view.validationLoss()));
      }
    }
  }

  @Override
  public void onFinish(TrainingHistory history) {
    close();
  }

  @Override
  public void onStart(int lambdaCount) {
    if (enabled && bar == null) {
      bar = ProgressBars.create(name == null ? "path" : name, lambdaCount, 200);
    }
  }

  @Override
  public void onLambda(int index, double lambda, int activeGroups, double relativeViolation, boolean converged) {
    if (bar != null) {
      bar.stepTo(index + 1);
      bar.setExtraMessage(activeGroups + " groups");
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
