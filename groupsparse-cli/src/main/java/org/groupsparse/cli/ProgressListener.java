package org.groupsparse.cli;

import me.tongfei.progressbar.ProgressBar;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.TrainingListener;

/**
 * Shows training progress as a progress bar on stderr, only when stderr is an interactive terminal
 * and {@code --quiet} was not given (the progress bar library writes control characters, which do
 * not belong in logs or pipes).
 */
final class ProgressListener implements TrainingListener, AutoCloseable {
  private final boolean enabled;
  private ProgressBar bar;

  ProgressListener(boolean quiet) {
    this.enabled = ProgressBars.shown(quiet);
  }

  @Override
  public void onStart(String method, int maxIterations) {
    if (enabled) {
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
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
