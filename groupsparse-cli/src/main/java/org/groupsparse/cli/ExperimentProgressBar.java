package org.groupsparse.cli;

import me.tongfei.progressbar.ProgressBar;
import org.groupsparse.experiments.ExperimentProgress;

/** A progress bar over an experiment's units, on an interactive terminal only (never in CI or with --quiet). */
final class ExperimentProgressBar implements ExperimentProgress, AutoCloseable {
  private final boolean enabled;
  private final String name;
  private ProgressBar bar;

  ExperimentProgressBar(boolean quiet, String name) {
    this.enabled = ProgressBars.shown(quiet);
    this.name = name;
  }

  @Override
  public void update(String stage, int done, int total) {
    if (!enabled) {
      return;
    }
    if (bar == null || bar.getMax() != total) {
      close();
      bar = ProgressBars.create(name, total, 250);
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
