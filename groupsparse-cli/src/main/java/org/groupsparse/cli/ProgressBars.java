package org.groupsparse.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one place that decides whether progress bars are shown and how they are built: only on an
 * interactive terminal, not under CI and not with {@code --quiet} (the progress bar library writes
 * control characters, which do not belong in logs or pipes); ASCII style on stderr.
 */
final class ProgressBars {
  private ProgressBars() {}

  /**
   * @param quiet the --quiet flag
   * @return whether bars may be shown
   */
  static boolean shown(boolean quiet) {
    return !quiet && System.console() != null && System.getenv("CI") == null;
  }

  /**
   * @param task the label
   * @param max the number of steps
   * @param updateMillis refresh interval
   * @return a new bar on stderr
   */
  static ProgressBar create(String task, long max, int updateMillis) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(updateMillis).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
  }
}
