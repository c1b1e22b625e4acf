package org.groupsparse.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.groupsparse.cli.experiments.ExperimentProgress;

/** A progress bar over an experiment's units, on an interactive terminal only (never in CI or with --quiet). */
final class ExperimentProgressBar implements ExperimentProgress, AutoCloseable {
  private final boolean enabled;
  private final String name;
  private ProgressBar bar;

  ExperimentProgressBar(boolean quiet, String name) {
    this.enabled = !quiet && System.console() != null && System.getenv("CI") == null;
    this.name = name;
  }

  @Override
  public void update(String stage, int done, int total) {
    if (!enabled) {
      return;
    }
    if (bar == null || bar.getMax() != total) {
      close();
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(250).build();
    }
    bar.stepTo(done);
    bar.setExtraMessage(stage);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
