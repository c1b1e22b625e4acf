package org.groupsparse.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.groupsparse.regression.grouplasso.PathListener;

/** A progress bar over the lambdas of a path, on an interactive terminal only (never in CI or with --quiet). */
final class PathProgress implements PathListener, AutoCloseable {
  private final boolean enabled;
  private final String name;
  private ProgressBar bar;

  PathProgress(boolean quiet, String name) {
    this.enabled = !quiet && System.console() != null && System.getenv("CI") == null;
    this.name = name;
  }

  @Override
  public void onStart(int lambdaCount) {
    if (enabled && bar == null) {
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(lambdaCount).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(200).build();
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
