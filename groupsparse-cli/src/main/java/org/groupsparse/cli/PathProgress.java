package org.groupsparse.cli;

import me.tongfei.progressbar.ProgressBar;
import org.groupsparse.regression.grouplasso.PathListener;

/** A progress bar over the lambdas of a path, on an interactive terminal only (never in CI or with --quiet). */
final class PathProgress implements PathListener, AutoCloseable {
  private final boolean enabled;
  private final String name;
  private ProgressBar bar;

  PathProgress(boolean quiet, String name) {
    this.enabled = ProgressBars.shown(quiet);
    this.name = name;
  }

  @Override
  public void onStart(int lambdaCount) {
    if (enabled && bar == null) {
      bar = ProgressBars.create(name, lambdaCount, 200);
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
